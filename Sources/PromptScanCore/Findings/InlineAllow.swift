/// Inline allow comments: `promptscan:allow` anywhere on a finding's line, or
/// `promptscan:allow-next-line` anywhere on the line above it. The markers other scanners put in
/// code count the same way, so a repository moving from one of them keeps its reviewed exceptions:
/// gitleaks' `gitleaks:allow` and ggshield's `ggignore` on the line, detect-secrets'
/// `pragma: allowlist secret` on the line and `pragma: allowlist nextline secret` on the line
/// above. Checked only for lines that hold a finding, over the file's bytes.
public enum InlineAllow {
    /// promptscan's own marker on the finding's line.
    public static let marker = Array("promptscan:allow".utf8)
    /// The suffix that turns the marker into one for the following line.
    public static let nextLineSuffix = Array("-next-line".utf8)
    /// Other scanners' markers that cover the line they are on.
    static let peerSameLine = ["gitleaks:allow", "ggignore", "pragma: allowlist secret"].map { Array($0.utf8) }
    /// Other scanners' markers that cover the line after them.
    static let peerNextLine = [Array("pragma: allowlist nextline secret".utf8)]
    /// Every marker, for the one pass per file that decides whether lines need checking.
    static let all = [marker] + peerSameLine + peerNextLine

    /// Whether the line starting at `lineStart` carries an own-line marker, or the line before it
    /// a next-line marker.
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

    /// Whether any marker occurs anywhere in `bytes` (memchr for its first byte, then compare).
    static func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
        all.contains { ByteScan.firstIndex(of: $0, in: 0..<bytes.count, of: bytes) != nil }
    }

    static func endOfLine(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 10, bytes[index] != 13 { index += 1 }
        return index
    }

    /// Whether `range` holds a marker for its own line (`nextLine` false) or for the line after it.
    static func hasMarker(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, nextLine: Bool) -> Bool {
        let peers = nextLine ? peerNextLine : peerSameLine
        if peers.contains(where: { ByteScan.firstIndex(of: $0, in: range, of: bytes) != nil }) { return true }
        // promptscan:allow and promptscan:allow-next-line share a prefix: the suffix decides.
        var from = range
        while let index = ByteScan.firstIndex(of: marker, in: from, of: bytes) {
            let after = index + marker.count
            let isNextLine =
                after + nextLineSuffix.count <= range.upperBound
                && ByteScan.matches(nextLineSuffix, at: after, in: bytes)
            if isNextLine == nextLine { return true }
            from = after..<range.upperBound
        }
        return false
    }
}
