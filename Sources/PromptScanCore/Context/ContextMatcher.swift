/// Finds a rule's context words around a match (docs/detection.md, "Context"): in a window of 64 bytes before
/// and 32 after the value, never reaching past the start of the previous line or the end of the
/// value's line, and never splitting a word. Words are compared as tokens: identifiers are split at `_`, `-`, camelCase and
/// letter/digit boundaries and lower-cased, so the phrase `member id` matches `memberId`,
/// `member_id` and `"Member ID:"`, and `birthdate` matches `birthDate` and `birth_date`.
public struct ContextMatcher: Sendable {
    /// Each phrase as lower-case tokens.
    let phrases: [[String]]
    /// Each phrase with its tokens joined (`birthdate`), compared with whole identifiers.
    let joined: Set<String>
    /// Lower-case literals, one per phrase, at least one of which every matching window contains
    /// (a phrase's longest token): a cheap byte scan that rejects most windows before tokenising.
    let quickWords: [[UInt8]]
    /// For each lower-case first byte, the quick words starting with it: one pass over a window
    /// tries only the words its byte can start, however many phrases there are.
    let quickWordsByFirstByte: [[Int]]
    /// Bit `b & 63` of word `b >> 6` is set when a quick word starts with byte `b`: most bytes of
    /// a window are rejected with one shift and mask.
    let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    public static let bytesBefore = 64
    public static let bytesAfter = 32

    public init(phrases: [String]) {
        // Most rules have no words of a kind: no tables (`firstBytes` empty, so no byte starts a word).
        guard !phrases.isEmpty else {
            self.phrases = []
            joined = []
            quickWords = []
            quickWordsByFirstByte = []
            firstBytes = (0, 0, 0, 0)
            return
        }
        var tokenized: [[String]] = []
        var joined: Set<String> = []
        for phrase in phrases {
            let tokens = ContextMatcher.tokens(Array(phrase.utf8)[...])
            guard !tokens.isEmpty else { continue }
            tokenized.append(tokens)
            joined.insert(tokens.joined())
        }
        self.phrases = tokenized
        self.joined = joined
        quickWords = Set(tokenized.map(ContextMatcher.quickWord)).sorted().map { Array($0.utf8) }
        var byFirst = [[Int]](repeating: [], count: 256)
        for (index, word) in quickWords.enumerated() where !word.isEmpty { byFirst[Int(word[0])].append(index) }
        quickWordsByFirstByte = byFirst
        var bits: [UInt64] = [0, 0, 0, 0]
        for byte in 0..<256 where !byFirst[byte].isEmpty { bits[byte >> 6] |= 1 << UInt64(byte & 63) }
        firstBytes = (bits[0], bits[1], bits[2], bits[3])
    }

    @inline(__always) func mayStartWord(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        return word & (1 << UInt64(byte & 63)) != 0
    }

    public var isEmpty: Bool { phrases.isEmpty }

    /// Whether a phrase occurs in the window around `range`.
    public func hit(in bytes: UnsafeRawBufferPointer, around range: Range<Int>) -> Bool {
        let window = ContextMatcher.window(in: bytes, around: range)
        return (mayContain(bytes, window.before) && matches(Array(bytes[window.before])[...]))
            || (mayContain(bytes, window.after) && matches(Array(bytes[window.after])[...]))
    }

    /// Whether the header of the CSV or TSV column that holds `range` names one of the phrases:
    /// the field of the file's first line at the same position (fields split at `delimiter`
    /// outside double quotes). A value in row 500 of an `ssn` column has the context its header
    /// gives it. False for a value on the first line, and for a row or header longer than
    /// `csvRowReach` (each match would otherwise walk the whole of a file saved as one long row).
    public func columnHeaderHit(in bytes: UnsafeRawBufferPointer, around range: Range<Int>, delimiter: UInt8) -> Bool {
        let floor = max(0, range.lowerBound - Self.csvRowReach)
        var lineStart = range.lowerBound
        while lineStart > floor && bytes[lineStart - 1] != 10 { lineStart -= 1 }
        guard lineStart > 0, bytes[lineStart - 1] == 10 else { return false }
        var column = 0
        var quoted = false
        for index in lineStart..<range.lowerBound {
            if bytes[index] == 34 { quoted.toggle() } else if bytes[index] == delimiter && !quoted { column += 1 }
        }
        // The same field of the header line.
        var start = 0
        var field = 0
        quoted = false
        var index = 0
        let headerEnd = min(bytes.count, Self.csvRowReach)
        while index < headerEnd && bytes[index] != 10 && bytes[index] != 13 {
            if bytes[index] == 34 {
                quoted.toggle()
            } else if bytes[index] == delimiter && !quoted {
                if field == column { break }
                field += 1
                start = index + 1
            }
            index += 1
        }
        // (A header cut at the reach has no last field to read.)
        guard field == column, start < index, index < headerEnd || headerEnd == bytes.count else { return false }
        return mayContain(bytes, start..<index) && matches(Array(bytes[start..<index])[...])
    }

    /// Whether the header of the HTML table column that holds `range` names one of the phrases: the
    /// match is the text of a `<td>` cell, its position in the row (cells `<td>` and `<th>` counted
    /// from the row's `<tr`) picks the cell at the same position of the table's first row. This is
    /// how a notebook shows a DataFrame (`<th>patient_name</th>` … `<td>Jane Roe</td>`), one cell per
    /// line. Looks back at most `htmlTableReach` bytes; false outside a table.
    public func htmlColumnHeaderHit(in bytes: UnsafeRawBufferPointer, around range: Range<Int>) -> Bool {
        let cell = Self.htmlCellTag
        guard range.lowerBound >= cell.count, ByteScan.matches(cell, at: range.lowerBound - cell.count, in: bytes, ignoringCase: true)
        else { return false }
        let reach = max(0, range.lowerBound - Self.htmlTableReach)..<range.lowerBound
        guard let rowStart = ByteScan.lastIndex(of: Self.htmlRowTag, in: reach, of: bytes, ignoringCase: true),
            let tableStart = ByteScan.lastIndex(of: Self.htmlTableTag, in: reach.lowerBound..<rowStart, of: bytes, ignoringCase: true)
        else { return false }
        let column = Self.cellStarts(in: bytes, rowStart..<range.lowerBound).count - 1
        guard column >= 0, let headerRow = ByteScan.firstIndex(of: Self.htmlRowTag, in: tableStart..<rowStart, of: bytes, ignoringCase: true)
        else { return false }
        let headerEnd = ByteScan.firstIndex(of: Self.htmlRowEndTag, in: headerRow..<rowStart, of: bytes, ignoringCase: true) ?? rowStart
        let cells = Self.cellStarts(in: bytes, headerRow..<headerEnd)
        guard column < cells.count else { return false }
        let cellEnd = column + 1 < cells.count ? cells[column + 1] : headerEnd
        return mayContain(bytes, cells[column]..<cellEnd) && matches(Array(bytes[cells[column]..<cellEnd])[...])
    }

    /// Whether the column header of a notebook's printed table holds a context word: `range` lies
    /// on a line of a `"text/plain"` output (a DataFrame printed in fixed-width columns, one JSON
    /// string per line), and the header (the output's first line) has a word over the match's
    /// columns: `service_address` over an address, `patient_name` over a name. Pandas keeps a
    /// column's header within the column's width, so in its output only the match's own header
    /// shares columns with it; a table typed by hand may shift a header by a few columns, so every
    /// header word that shares a column with the match is read. Nil when `range` is not in such a
    /// table; in one, the header decides (the row above is another record, not context).
    public func textColumnHeaderHit(in bytes: UnsafeRawBufferPointer, around range: Range<Int>) -> Bool? {
        guard let row = Self.jsonStringLine(containing: range.lowerBound, in: bytes), range.lowerBound > row.content else { return nil }
        let column = range.lowerBound - row.content
        let width = min(range.count, row.end - range.lowerBound)
        // Back over the output's earlier lines (each one JSON string) to the one after `"text/plain"`.
        var header = row
        var steps = 0
        while steps < Self.textTableReach {
            guard header.start > 0 else { return nil }
            let previousEnd = header.start - 1
            guard let previousStart = Self.lineStart(of: previousEnd, in: bytes) else { return nil }
            if ByteScan.firstIndex(of: Self.textPlainKey, in: previousStart..<previousEnd, of: bytes) != nil { break }
            guard let previous = Self.jsonStringLine(containing: previousStart, in: bytes) else { return nil }
            header = previous
            steps += 1
        }
        guard steps < Self.textTableReach, header.start != row.start else { return nil }
        // Whether a header word sharing a column with the match names a person. A table's header is
        // two words or more, two spaces or more apart, none ending like a sentence's word: printed
        // prose is not.
        var named = false
        var words = 0
        var index = header.content
        while index < header.end {
            guard bytes[index] != 32 else {
                index += 1
                continue
            }
            let start = index
            if words > 0, start - 2 < header.content || bytes[start - 2] != 32 { return nil }
            while index < header.end, bytes[index] != 32 { index += 1 }
            words += 1
            if [44, 46, 58, 59, 33, 63].contains(bytes[index - 1]) { return nil }
            if !named, max(start - header.content, column) < min(index - header.content, column + width) {
                named = matches(Array(bytes[start..<index])[...])
            }
        }
        guard words >= 2 else { return nil }
        return named
    }

    /// The line holding `offset` when it is one JSON string in an array (a notebook output's line:
    /// indentation, `"`, text, then `\n",` or `"`): where the line starts, where the string's text
    /// starts and ends.
    static func jsonStringLine(containing offset: Int, in bytes: UnsafeRawBufferPointer) -> (start: Int, content: Int, end: Int)? {
        guard let start = lineStart(of: offset, in: bytes) else { return nil }
        var content = start
        while content < bytes.count, bytes[content] == 32 || bytes[content] == 9 { content += 1 }
        guard content < bytes.count, bytes[content] == 34 else { return nil }
        content += 1
        var end = content
        let limit = min(bytes.count, content + textRowReach)
        while end < limit, bytes[end] != 10, bytes[end] != 34 || bytes[end - 1] == 92 { end += 1 }
        guard end < limit, bytes[end] == 34 else { return nil }
        // The printed line's own newline, written `\n` inside the string, is not part of the row.
        if end - content >= 2, bytes[end - 2] == 92, bytes[end - 1] == 110 { end -= 2 }
        return (start, content, end)
    }

    /// The start of the line holding `offset`, or nil when it is more than `textRowReach` bytes
    /// back: no printed row is that long, and a notebook saved as one long line must not cost a
    /// walk to its start for every match on it.
    static func lineStart(of offset: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        let floor = max(0, offset - textRowReach)
        var start = offset
        while start > floor, bytes[start - 1] != 10 { start -= 1 }
        return start == 0 || bytes[start - 1] == 10 ? start : nil
    }

    /// Whether `bytes` holds a notebook's plain-text output (`"text/plain"`).
    public static func holdsTextTable(_ bytes: UnsafeRawBufferPointer) -> Bool {
        ByteScan.firstIndex(of: textPlainKey, in: 0..<bytes.count, of: bytes) != nil
    }

    static let textPlainKey = Array("\"text/plain\"".utf8)

    /// The longest CSV or TSV row, and header, read for a column's header, in bytes.
    static let csvRowReach = 16_384

    /// How many rows above a match a printed table's header is looked for.
    static let textTableReach = 64
    /// The longest printed row read, in bytes.
    static let textRowReach = 4_096

    /// Whether `bytes` holds an HTML table (`<table`, any case).
    public static func holdsHTMLTable(_ bytes: UnsafeRawBufferPointer) -> Bool {
        ByteScan.firstIndex(of: htmlTableTag, in: 0..<bytes.count, of: bytes, ignoringCase: true) != nil
    }

    static let htmlTableTag = Array("<table".utf8)
    static let htmlRowTag = Array("<tr".utf8)
    static let htmlRowEndTag = Array("</tr".utf8)
    static let htmlCellTag = Array("<td>".utf8)

    /// How far back a table's header row is looked for (a DataFrame of a few dozen rows).
    static let htmlTableReach = 16_384

    /// Offsets just past the `>` of each `<td` or `<th` opening tag in `range`.
    static func cellStarts(in bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> [Int] {
        var starts: [Int] = []
        var index = range.lowerBound
        while index + 3 < range.upperBound {
            if bytes[index] == 60, bytes[index + 1] | 0x20 == 116, bytes[index + 2] | 0x20 == 100 || bytes[index + 2] | 0x20 == 104,
                bytes[index + 3] == 62 || bytes[index + 3] == 32
            {
                var end = index + 3
                while end < range.upperBound, bytes[end] != 62 { end += 1 }
                starts.append(min(end + 1, range.upperBound))
                index = end
            }
            index += 1
        }
        return starts
    }

    /// The field delimiter of a CSV (`,`) or TSV (tab) file, by its extension; nil for other files.
    public static func columnDelimiter(path: String) -> UInt8? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return 44 }
        if lower.hasSuffix(".tsv") { return 9 }
        return nil
    }

    /// Whether `bytes[range]` holds one of the quick words, ASCII case-insensitively, where it
    /// can be a whole token (`mayBeToken`).
    func mayContain(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            var b = bytes[i]
            if b >= 65 && b <= 90 { b += 32 }
            guard mayStartWord(b) else {
                i += 1
                continue
            }
            for index in quickWordsByFirstByte[Int(b)] {
                let word = quickWords[index]
                guard i + word.count <= range.upperBound else { continue }
                var k = 1
                while k < word.count {
                    var c = bytes[i + k]
                    if c >= 65 && c <= 90 { c += 32 }
                    if c != word[k] { break }
                    k += 1
                }
                if k == word.count && ContextMatcher.mayBeToken(bytes, i..<(i + word.count)) { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether a phrase occurs in `text` (tokens in a row, or one identifier spelling the whole phrase).
    func matches(_ text: ArraySlice<UInt8>) -> Bool {
        let identifiers = ContextMatcher.identifiers(text)
        var stream: [String] = []
        for identifier in identifiers {
            let tokens = ContextMatcher.tokens(identifier)
            if tokens.count > 1, joined.contains(tokens.joined()) { return true }
            stream.append(contentsOf: tokens)
        }
        for phrase in phrases where phrase.count <= stream.count {
            var start = 0
            while start + phrase.count <= stream.count {
                if stream[start] == phrase[0] && stream[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
                start += 1
            }
        }
        return false
    }

    /// The bytes `hitNearby` looks at on each other line it may reach, and on the match's own line
    /// either side of it, so a long line costs no more than a few short ones.
    static let neighbourhoodBytesPerLine = 160
    static let neighbourhoodBytesOnOwnLine = 160

    /// Whether a phrase occurs on the lines around `range`, the match included (`Suite 1703` in an
    /// address): from the start of the line `linesBefore` lines above it to the end of the line
    /// `linesAfter` lines below it, at most `neighbourhoodBytesOnOwnLine` bytes either side on the match's line and `neighbourhoodBytesPerLine` of each other line.
    public func hitNearby(in bytes: UnsafeRawBufferPointer, around range: Range<Int>, linesBefore: Int, linesAfter: Int) -> Bool {
        guard !isEmpty else { return false }
        let span = ContextMatcher.neighbourhood(in: bytes, around: range, linesBefore: linesBefore, linesAfter: linesAfter)
        return mayContain(bytes, span) && matches(Array(bytes[span])[...])
    }

    /// The bytes `hitNearby` searches, cut at token edges.
    static func neighbourhood(in bytes: UnsafeRawBufferPointer, around range: Range<Int>, linesBefore: Int, linesAfter: Int) -> Range<Int> {
        // At most `neighbourhoodBytesPerLine` bytes of each line: a line longer than that ends the
        // neighbourhood there, so one long line costs what a short one does.
        var start = range.lowerBound
        var newlines = 0
        var lineBytes = 0
        while start > 0 && lineBytes < (newlines == 0 ? neighbourhoodBytesOnOwnLine : neighbourhoodBytesPerLine) {
            if bytes[start - 1] == 10 {
                if newlines == linesBefore { break }
                newlines += 1
                lineBytes = 0
            } else {
                lineBytes += 1
            }
            start -= 1
        }
        var end = range.upperBound
        newlines = 0
        lineBytes = 0
        while end < bytes.count && lineBytes < (newlines == 0 ? neighbourhoodBytesOnOwnLine : neighbourhoodBytesPerLine) {
            if bytes[end] == 10 {
                if newlines == linesAfter { break }
                newlines += 1
                lineBytes = 0
            } else {
                lineBytes += 1
            }
            end += 1
        }
        while start < range.lowerBound && !splits(bytes, at: start) { start += 1 }
        while end > range.upperBound && !splits(bytes, at: end) { end -= 1 }
        return start..<end
    }

    /// The byte ranges before and after `range` that count as its context.
    public static func window(in bytes: UnsafeRawBufferPointer, around range: Range<Int>) -> (before: Range<Int>, after: Range<Int>) {
        // Walk back at most `bytesBefore` bytes (long minified lines must not make this quadratic),
        // stopping after the newline that ends the line before the previous one.
        let floor = max(0, range.lowerBound - bytesBefore)
        var beforeStart = range.lowerBound
        var newlines = 0
        while beforeStart > floor {
            if bytes[beforeStart - 1] == 10 {
                newlines += 1
                if newlines == 2 { break }
            }
            beforeStart -= 1
        }
        var afterEnd = range.upperBound
        let limit = min(bytes.count, range.upperBound + bytesAfter)
        while afterEnd < limit && bytes[afterEnd] != 10 { afterEnd += 1 }
        // A window never splits a word: each edge that falls inside a token moves inward to the
        // token's edge, so the window's tokens are whole tokens of the file (`ni` in `nil` is
        // not the word `ni`, however the window falls).
        var beforeEnd = range.lowerBound
        while beforeStart < beforeEnd && !splits(bytes, at: beforeStart) { beforeStart += 1 }
        while beforeEnd > beforeStart && !splits(bytes, at: beforeEnd) { beforeEnd -= 1 }
        var afterStart = range.upperBound
        while afterStart < afterEnd && !splits(bytes, at: afterStart) { afterStart += 1 }
        while afterEnd > afterStart && !splits(bytes, at: afterEnd) { afterEnd -= 1 }
        return (beforeStart..<beforeEnd, afterStart..<afterEnd)
    }

    /// Whether the bytes at `range` can be a context word: one whole token of a window (`tokens`
    /// splits the file at both ends; windows end at token edges, so their tokens are the file's)
    /// and not inside a hex string. (`ni` in `init` or `nil` and `cc` in `success` are never
    /// tokens, `ni` in `NINumber` and `cc` in `cc_num` are.)
    public static func mayBeToken(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        splits(bytes, at: range.lowerBound) && splits(bytes, at: range.upperBound) && !inHexString(bytes, range)
    }

    /// Whether `range` lies in a hex string: a run of at least 16 hex digits, letters and digits
    /// both among them (looked for up to 16 bytes either side). `aba` and `dea` in
    /// `…3f9d2aba3c…` are not words, though the letter/digit changes make them tokens.
    static func inHexString(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        func isHex(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 102) }
        for i in range where !isHex(bytes[i]) { return false }
        var low = range.lowerBound
        while low > 0 && range.lowerBound - low < 16 && isHex(bytes[low - 1]) { low -= 1 }
        var high = range.upperBound
        while high < bytes.count && high - range.upperBound < 16 && isHex(bytes[high]) { high += 1 }
        guard high - low >= 16 else { return false }
        var digit = false
        var letter = false
        for i in low..<high {
            if bytes[i] <= 57 { digit = true } else { letter = true }
        }
        return digit && letter
    }

    /// Whether `tokens` splits `bytes` between `index - 1` and `index` (`splitsWord`, on the whole file).
    static func splits(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index > 0 && index < bytes.count else { return true }
        let previous = bytes[index - 1]
        let b = bytes[index]
        guard isWordByte(previous) && isWordByte(b) else { return true }
        if (b >= 0x80 || previous >= 0x80) && (isPunctuation(bytes, index - 1) || isPunctuation(bytes, index)) { return true }
        return splitsWord(previous, b, next: index + 1 < bytes.count ? bytes[index + 1] : nil)
    }

    /// Whether the byte at `index` is part of a character from Unicode's General Punctuation block
    /// (U+2000-U+206F, written E2 80 xx and E2 81 xx: curly quotes and apostrophes, dashes, the
    /// ellipsis, typographic spaces) or a no-break space (C2 A0). Other non-ASCII bytes count as
    /// letters; these separate words as their ASCII kin do (`Registrant’s` is the word `registrant`).
    @inline(__always) static func isPunctuation<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ index: Int) -> Bool
    where Bytes.Index == Int {
        guard bytes.indices.contains(index), bytes[index] >= 0x80 else { return false }
        for lead in max(bytes.startIndex, index - 2)...index where lead + 1 < bytes.endIndex {
            let first = bytes[lead]
            let second = bytes[lead + 1]
            if first == 0xE2 && (second == 0x80 || second == 0x81) { return true }
            if first == 0xC2 && lead + 1 >= index && second == 0xA0 { return true }
        }
        return false
    }

    /// Whether a token ends between the word bytes `previous` and `byte` (followed by `next`): at a
    /// lower→upper change (`memberId`), before the last capital of a capital run followed by lower
    /// case (`NHSNumber`), and at an ASCII letter/digit change.
    @inline(__always) static func splitsWord(_ previous: UInt8, _ byte: UInt8, next: UInt8?) -> Bool {
        let isUpper = byte >= 65 && byte <= 90
        if isUpper && previous >= 97 && previous <= 122 { return true }
        if isUpper && previous >= 65 && previous <= 90, let next, next >= 97 && next <= 122 { return true }
        let isDigit = byte >= 48 && byte <= 57
        let previousDigit = previous >= 48 && previous <= 57
        return isDigit != previousDigit && byte < 0x80 && previous < 0x80
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80
    }

    /// Maximal runs of letters, digits, `_` and `-` (non-ASCII bytes count as letters).
    static func identifiers(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start: Int?
        for index in text.indices {
            let b = text[index]
            if (isWordByte(b) && !(b >= 0x80 && isPunctuation(text, index))) || b == 95 || b == 45 {
                if start == nil { start = index }
            } else if let s = start {
                result.append(text[s..<index])
                start = nil
            }
        }
        if let s = start { result.append(text[s..<text.endIndex]) }
        return result
    }

    /// Lower-case tokens of `text`: split at non-word bytes, `_`, `-`, lower→upper case changes
    /// (`memberId`), the last capital of a capital run followed by lower case (`NHSNumber` →
    /// `nhs number`) and letter/digit changes.
    static func tokens(_ text: ArraySlice<UInt8>) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        let bytes = Array(text)
        for (i, b) in bytes.enumerated() {
            guard isWordByte(b), b < 0x80 || !isPunctuation(bytes, i) else {
                flush()
                continue
            }
            if !current.isEmpty && splitsWord(bytes[i - 1], b, next: i + 1 < bytes.count ? bytes[i + 1] : nil) { flush() }
            current.append(b >= 65 && b <= 90 ? b + 32 : b)
        }
        flush()
        return tokens
    }

    /// A literal that every file holding one of `phrases` contains (each phrase's quick word), for
    /// the keyword prefilter.
    static func prefilterWords(_ phrases: [String]) -> [String] {
        phrases.compactMap { phrase in
            let tokens = tokens(Array(phrase.utf8)[...])
            return tokens.isEmpty ? nil : quickWord(tokens)
        }
    }

    /// Words that are common in code and prose: a phrase's quick word is another of its tokens
    /// where it has one (`dea` for `dea number`, `ip` for `ip address`).
    static let commonTokens: Set<String> = [
        "number", "no", "num", "id", "identifier", "address", "addr", "mail", "source", "client", "text", "security",
        "national", "service", "provider", "contact", "in", "on", "at", "to", "by", "me", "of", "for", "from", "the",
        "and", "or",
    ]

    /// The token of a phrase that the quick scan looks for: the longest one of two or more bytes
    /// that is not common, else the longest of two or more bytes, else the longest. (A phrase is
    /// found where all its tokens are; an identifier that spells a phrase with its own splits,
    /// such as `de_anumber` for `dea number`, holds some of them only.)
    static func quickWord(_ tokens: [String]) -> String {
        let long = tokens.filter { $0.utf8.count > 1 }
        let rare = long.filter { !commonTokens.contains($0) }
        let pool = !rare.isEmpty ? rare : !long.isEmpty ? long : tokens
        return pool.max { $0.utf8.count < $1.utf8.count }!
    }
}
