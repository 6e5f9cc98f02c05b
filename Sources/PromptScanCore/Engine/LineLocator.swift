/// Computes 1-based line and column (in Unicode code points) for byte offsets visited in
/// increasing order. Each byte of the file is looked at a bounded number of times, however many
/// findings share a line (a minified one-line file with hundreds of findings stays linear). Lines
/// end at LF, CRLF or a lone CR.
struct LineLocator {
    struct Position: Equatable {
        let line: Int
        let column: Int
        /// Byte offset where the line starts (for `end(of:)` results: unused, 0).
        var lineStart = 0
    }

    private let bytes: UnsafeRawBufferPointer
    private var line = 1
    private var lineStart = 0
    private var cursor = 0  // newlines before `cursor` are counted
    private var columnOffset = 0  // `columnValue` is the column of `columnOffset` on `line`
    private var columnValue = 1

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The line of each offset in `starts` (in any order), in one pass over the file.
    static func lines(of starts: [Int], in bytes: UnsafeRawBufferPointer) -> [Int] {
        var locator = LineLocator(bytes)
        var lines = [Int](repeating: 0, count: starts.count)
        for index in starts.indices.sorted(by: { starts[$0] < starts[$1] }) { lines[index] = locator.position(of: starts[index]).line }
        return lines
    }

    /// The position of `offset`. Offsets must not decrease between calls; a smaller one restarts
    /// from the top of the file (correct, just slower).
    mutating func position(of offset: Int) -> Position {
        if offset < cursor {
            line = 1
            lineStart = 0
            cursor = 0
            columnOffset = 0
            columnValue = 1
        }
        while cursor < offset {
            let byte = bytes[cursor]
            if byte == 10 || (byte == 13 && !(cursor + 1 < bytes.count && bytes[cursor + 1] == 10)) {
                line += 1
                lineStart = cursor + 1
            }
            cursor += 1
        }
        if columnOffset < lineStart || columnOffset > offset {
            columnOffset = lineStart
            columnValue = 1
        }
        columnValue += Self.codePoints(bytes, columnOffset..<offset)
        columnOffset = offset
        return Position(line: line, column: columnValue, lineStart: lineStart)
    }

    /// The position just past `range`, given the position of its start; looks only at the range.
    func end(of range: Range<Int>, startingAt start: Position) -> Position {
        var line = start.line
        var lastBreak = -1
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 10 || (byte == 13 && !(index + 1 < bytes.count && bytes[index + 1] == 10)) {
                line += 1
                lastBreak = index
            }
            index += 1
        }
        if lastBreak < 0 {
            return Position(line: line, column: start.column + Self.codePoints(bytes, range))
        }
        return Position(line: line, column: 1 + Self.codePoints(bytes, (lastBreak + 1)..<range.upperBound))
    }

    /// Number of UTF-8 lead bytes (code points) in `range`.
    static func codePoints(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        var count = 0
        for index in range where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
