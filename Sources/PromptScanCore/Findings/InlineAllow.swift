/// Inline allow comments: `promptscan:allow` anywhere on a finding's line, or
/// `promptscan:allow-next-line` anywhere on the line above it. Checked only for lines that hold a
/// finding, over the file's bytes.
public enum InlineAllow {
    /// The marker on the finding's own line.
    public static let marker = Array("promptscan:allow".utf8)
    /// The suffix that turns the marker into one for the following line.
    public static let nextLineSuffix = Array("-next-line".utf8)

    /// Whether the line starting at `lineStart` carries `promptscan:allow`, or the line before it
    /// carries `promptscan:allow-next-line`.
    static func covers(_ bytes: UnsafeRawBufferPointer, lineStart: Int) -> Bool {
        let lineEnd = endOfLine(bytes, from: lineStart)
        if hasMarker(bytes, lineStart..<lineEnd, nextLine: false) { return true }
        guard lineStart > 0 else { return false }
        // The previous line ends at lineStart - 1 (LF or lone CR), or lineStart - 2 for CRLF.
        var previousEnd = lineStart - 1
        if previousEnd > 0, bytes[previousEnd] == 10, bytes[previousEnd - 1] == 13 { previousEnd -= 1 }
        var previousStart = previousEnd
        while previousStart > 0, bytes[previousStart - 1] != 10, bytes[previousStart - 1] != 13 { previousStart -= 1 }
        return hasMarker(bytes, previousStart..<previousEnd, nextLine: true)
    }

    /// Whether `promptscan:allow` occurs anywhere in `bytes` (memchr for its first byte, then compare).
    static func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= marker.count else { return false }
        var offset = 0
        let last = bytes.count - marker.count
        while offset <= last {
            guard let hit = ByteSearch.first(marker[0], in: base + offset, count: last - offset + 1) else { return false }
            let index = base.distance(to: UnsafeRawPointer(hit))
            if (1..<marker.count).allSatisfy({ bytes[index + $0] == marker[$0] }) { return true }
            offset = index + 1
        }
        return false
    }

    static func endOfLine(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 10, bytes[index] != 13 { index += 1 }
        return index
    }

    /// Whether `range` holds the marker, followed (`nextLine`) or not followed by `-next-line`.
    static func hasMarker(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, nextLine: Bool) -> Bool {
        guard range.count >= marker.count else { return false }
        var index = range.lowerBound
        while index + marker.count <= range.upperBound {
            if bytes[index] == marker[0], (0..<marker.count).allSatisfy({ bytes[index + $0] == marker[$0] }) {
                let after = index + marker.count
                let isNextLine =
                    after + nextLineSuffix.count <= range.upperBound
                    && (0..<nextLineSuffix.count).allSatisfy { bytes[after + $0] == nextLineSuffix[$0] }
                if isNextLine == nextLine { return true }
                index = after
            } else {
                index += 1
            }
        }
        return false
    }
}
