/// Computes 1-based line and column (in Unicode code points) for byte offsets visited in
/// increasing order, scanning each byte at most once. Lines end at LF, CRLF or a lone CR.
struct LineLocator {
    struct Position: Equatable {
        let line: Int
        let column: Int
        let offset: Int
        let lineStart: Int
    }

    private let bytes: UnsafeRawBufferPointer
    private var line = 1
    private var lineStart = 0
    private var cursor = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The position of `offset`; offsets must not decrease between calls (except via `from:`).
    mutating func position(of offset: Int, from anchor: Position? = nil) -> Position {
        var line = anchor?.line ?? self.line
        var lineStart = anchor?.lineStart ?? self.lineStart
        var cursor = anchor?.offset ?? self.cursor
        if cursor > offset {  // out of order: restart from the top
            line = 1
            lineStart = 0
            cursor = 0
        }
        while cursor < offset {
            let byte = bytes[cursor]
            if byte == 10 {
                line += 1
                lineStart = cursor + 1
            } else if byte == 13 {
                if cursor + 1 < bytes.count && bytes[cursor + 1] == 10 {
                    // The LF that follows ends the line.
                } else {
                    line += 1
                    lineStart = cursor + 1
                }
            }
            cursor += 1
        }
        var column = 1
        var index = lineStart
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        if anchor == nil {
            self.line = line
            self.lineStart = lineStart
            self.cursor = cursor
        }
        return Position(line: line, column: column, offset: offset, lineStart: lineStart)
    }
}
