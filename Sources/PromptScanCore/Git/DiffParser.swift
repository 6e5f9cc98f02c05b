/// Parses the output of `git diff --raw -p -U0 -z --no-abbrev` (and `diff-tree` with the same
/// options): NUL-separated raw records first, one per file, then an empty record, then the patch,
/// whose `diff --git` sections come in the same order as the records. Only three kinds of patch
/// line are read: `diff --git` (next section), `@@ … +start,count @@` (added lines: with `-U0`
/// every line of the new side of a hunk is an added line) and `Binary files … differ`.
public enum DiffParser {
    public static func parse(_ bytes: [UInt8]) throws(PromptScanError) -> [ChangedFile] {
        var files: [ChangedFile] = []
        var index = 0
        func field() -> [UInt8]? {
            guard index < bytes.count else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != 0 { index += 1 }
            let value = Array(bytes[start..<index])
            index += 1  // the NUL
            return value
        }
        while index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let header = field() else { break }
            // :srcmode dstmode srcsha dstsha status[score]
            let parts = header.dropFirst().split(separator: UInt8(ascii: " "))
            guard parts.count == 5, let statusByte = parts[4].first, let first = field() else {
                throw Git.error("unexpected diff output (raw record '\(String(decoding: header, as: UTF8.self))')")
            }
            let status = Character(Unicode.Scalar(statusByte))
            var path = first
            var oldPath: [UInt8]? = nil
            if status == "R" || status == "C" {
                guard let second = field() else { throw Git.error("unexpected diff output (rename without a target)") }
                oldPath = first
                path = second
            }
            files.append(
                ChangedFile(
                    status: status, path: displayPath(path), oldPath: oldPath.map(displayPath),
                    mode: String(decoding: parts[1], as: UTF8.self), blob: String(decoding: parts[3], as: UTF8.self)))
        }
        if index < bytes.count, bytes[index] == 0 { index += 1 }
        // Sections of the patch belong, in order, to the records that are not unmerged
        // (an unmerged path gets a `* Unmerged path` line, not a section).
        let sectionOwners = files.indices.filter { files[$0].status != "U" }
        var section = -1
        var lineStart = index
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: diffHeader) {
                section += 1
            } else if section >= 0, section < sectionOwners.count {
                let owner = sectionOwners[section]
                if line.starts(with: hunkHeader) {
                    if let added = addedRange(line) { files[owner].added.insert(added) }
                } else if line.starts(with: binaryHeader) || line.starts(with: binaryPatch) {
                    files[owner].binaryDiff = true
                }
            }
            lineStart = lineEnd + 1
        }
        return files
    }

    static let diffHeader = Array("diff --git ".utf8)
    static let hunkHeader = Array("@@ ".utf8)
    static let binaryHeader = Array("Binary files ".utf8)
    static let binaryPatch = Array("GIT binary patch".utf8)

    /// The new-side line range of a `@@ -a,b +c,d @@` header; nil when it adds nothing (`d` = 0).
    static func addedRange(_ line: ArraySlice<UInt8>) -> ClosedRange<Int>? {
        guard let plus = line.firstIndex(of: UInt8(ascii: "+")) else { return nil }
        var index = plus + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while index < line.endIndex, let digit = Int(exactly: line[index]), digit >= 48, digit <= 57 {
                value = value * 10 + (digit - 48)
                digits += 1
                index += 1
            }
            return digits > 0 ? value : nil
        }
        guard let start = number() else { return nil }
        var count = 1
        if index < line.endIndex, line[index] == UInt8(ascii: ",") {
            index += 1
            guard let parsed = number() else { return nil }
            count = parsed
        }
        guard count > 0 else { return nil }
        return start...(start + count - 1)
    }

    /// A path's bytes as a String; bytes that are not valid UTF-8 become `\xNN`.
    public static func displayPath(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var out = ""
        var index = 0
        while index < bytes.count {
            let length = utf8SequenceLength(bytes, at: index)
            if length > 0, let text = String(validating: bytes[index..<index + length], as: UTF8.self) {
                out += text
                index += length
            } else {
                out += "\\x" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return out
    }

    static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        return index + length <= bytes.count ? length : 0
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
