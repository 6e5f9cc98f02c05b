/// Finds encoded content inside recordings and notebooks (DETECTION.md §4.3–4.4) and decodes it
/// with an offset map back to the file: base64 bodies in HAR (`"encoding": "base64"`) and VCR
/// recordings (`base64_string`, YAML `!!binary`), JSON string escapes in recorded bodies and
/// notebook cells and text outputs. Notebook image payloads are masked instead of scanned.
public enum ContainerDecoder {
    public struct Result: Sendable {
        /// Every decoded string, joined by newlines into one text (scanned once).
        public var decoded: DecodedText?
        /// Where each decoded piece sits in `decoded.bytes`, with how it was decoded.
        public var pieces: [(range: Range<Int>, kind: String)] = []
        /// Byte ranges of the file to blank out before scanning it (notebook image payloads).
        public var masks: [Range<Int>] = []

        /// How the decoded byte at `offset` was decoded.
        public func kind(at offset: Int) -> String {
            var low = 0
            var high = pieces.count
            while low < high {
                let mid = (low + high) / 2
                if pieces[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
            }
            return low < pieces.count ? pieces[low].kind : (pieces.last?.kind ?? "decoded")
        }
    }

    /// Decodes what `path` (of class `fileClass`) carries. Files that are not recordings or notebooks give nothing.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: String, fileClass: FileClass) -> Result {
        var builder = Builder()
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let base = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
        let ext = base.split(separator: ".").last.map(String.init) ?? ""
        let notebook = fileClass == .notebook || ext == "ipynb"
        let recording = fileClass == .fixture || ext == "har"
        guard notebook || recording else { return Result() }
        let first = bytes.firstIndex { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if ext == "jsonl" || ext == "ndjson" {
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 10 {
                if i > start, let tree = JSONTree.parse(bytes, range: start..<i) {
                    builder.walk(tree, bytes: bytes, notebook: false, path: [])
                }
                start = i + 1
            }
        } else if let first, bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "["),
            let tree = JSONTree.parse(bytes)
        {
            builder.walk(tree, bytes: bytes, notebook: notebook, path: [])
        } else if recording, ext == "yaml" || ext == "yml" {
            builder.yamlBase64(bytes, marker: "!!binary", kind: "!!binary")
            builder.yamlBase64(bytes, marker: "base64_string:", kind: "vcr-base64")
        }
        return builder.finished()
    }

    struct Builder {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var result = Result()

        mutating func add(_ text: DecodedText) {
            if !bytes.isEmpty {
                bytes.append(10)
                offsets.append(offsets.last ?? 0)
            }
            let start = bytes.count
            bytes.append(contentsOf: text.bytes)
            offsets.append(contentsOf: text.offsets.dropLast())
            result.pieces.append((start..<bytes.count, text.kind))
            endOffset = text.offsets.last ?? 0
        }

        var endOffset = 0

        /// The result with every piece joined into one decoded text.
        func finished() -> Result {
            var done = result
            if !bytes.isEmpty { done.decoded = DecodedText(bytes: bytes, offsets: offsets + [endOffset], kind: result.pieces[0].kind) }
            return done
        }

        mutating func walk(_ tree: JSONTree, bytes source: UnsafeRawBufferPointer, notebook: Bool, path: [String]) {
            switch tree {
            case let .object(members):
                var skip: Set<String> = []
                if case let .string(encoding)? = tree["encoding"], JSONTree.text(source, encoding).lowercased() == "base64",
                    case let .string(text)? = tree["text"]
                {
                    skip.insert("text")
                    if let decoded = Base64Decoder.decode(raw(source, text), kind: "har-base64") { add(decoded) }
                }
                if case let .string(text)? = tree["base64_string"] {
                    skip.insert("base64_string")
                    if let decoded = Base64Decoder.decode(raw(source, text), kind: "vcr-base64") { add(decoded) }
                }
                for member in members where !skip.contains(member.key) {
                    if member.key.lowercased().hasPrefix("image/") {
                        if case let .string(range) = member.value { result.masks.append(range) }
                        continue
                    }
                    walk(member.value, bytes: source, notebook: notebook, path: path + [member.key])
                }
            case let .array(items):
                for item in items { walk(item, bytes: source, notebook: notebook, path: path) }
            case let .string(range):
                let kind = notebook ? (path.contains("outputs") ? "notebook-output" : "notebook-source") : "json-string"
                if let decoded = JSONStringDecoder.decode(source, range, kind: kind) { add(decoded) }
            case .scalar:
                break
            }
        }

        /// A JSON string's text with its map (escapes resolved when present).
        func raw(_ source: UnsafeRawBufferPointer, _ range: Range<Int>) -> DecodedText {
            if let decoded = JSONStringDecoder.decode(source, range) { return decoded }
            return DecodedText(bytes: Array(source[range]), offsets: Array(range) + [range.upperBound], kind: "json-string")
        }

        /// YAML scalars after `marker`: block (`|`, `>`), quoted or plain, continuation lines included.
        mutating func yamlBase64(_ source: UnsafeRawBufferPointer, marker: String, kind: String) {
            let needle = Array(marker.utf8)
            var i = 0
            while i + needle.count <= source.count {
                guard source[i] == needle[0], source[i..<(i + needle.count)].elementsEqual(needle) else {
                    i += 1
                    continue
                }
                var lineStart = i
                while lineStart > 0, source[lineStart - 1] != 10 { lineStart -= 1 }
                var indent = 0
                while lineStart + indent < source.count, source[lineStart + indent] == 32 || source[lineStart + indent] == UInt8(ascii: "-") {
                    indent += 1
                }
                var p = i + needle.count
                while p < source.count, source[p] == 32 || source[p] == 9 { p += 1 }
                var ranges: [Range<Int>] = []
                if p < source.count, source[p] == UInt8(ascii: "\"") || source[p] == UInt8(ascii: "'") {
                    let quote = source[p]
                    var q = p + 1
                    while q < source.count, source[q] != quote { q += 1 }
                    ranges.append((p + 1)..<q)
                    i = q
                } else {
                    if p < source.count, source[p] == UInt8(ascii: "|") || source[p] == UInt8(ascii: ">") {
                        while p < source.count, source[p] != 10 { p += 1 }
                    } else {
                        var e = p
                        while e < source.count, source[e] != 10 { e += 1 }
                        if e > p { ranges.append(p..<e) }
                        p = e
                    }
                    // Continuation lines, more indented than the line holding the marker.
                    while p < source.count, source[p] == 10 {
                        var s = p + 1
                        var spaces = 0
                        while s < source.count, source[s] == 32 {
                            s += 1
                            spaces += 1
                        }
                        var e = s
                        while e < source.count, source[e] != 10 { e += 1 }
                        if e == s || (e == s + 1 && source[s] == 13) {  // blank line
                            p = e
                            continue
                        }
                        guard spaces > indent else { break }
                        ranges.append(s..<(source[e - 1] == 13 ? e - 1 : e))
                        p = e
                    }
                    i = p
                }
                if let decoded = Base64Decoder.decode(source, ranges, kind: kind) { add(decoded) }
            }
        }
    }
}
