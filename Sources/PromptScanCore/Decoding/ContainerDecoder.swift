/// Finds encoded content inside recordings and notebooks (docs/detection.md, "Decoding") and decodes it
/// with an offset map back to the file: base64 bodies in HAR (`"encoding": "base64"`) and VCR
/// recordings (`base64_string`, YAML `!!binary`), JSON string escapes in recorded bodies and
/// notebook cells and text outputs. Notebook image payloads are masked instead of scanned.
public enum ContainerDecoder {
    /// The start of the notice for a file whose decoding reached its own budget.
    static let budgetReachedPrefix = "decoding stopped at the budget"

    /// The notice for a file whose decoding stopped at its own budget of `budget` decoded bytes.
    static func budgetReached(_ budget: Int) -> String {
        "\(budgetReachedPrefix) of \(budget) decoded bytes for this file; the rest of its encoded content was not decoded"
    }

    public struct Result: Sendable {
        /// Every decoded string, joined by newlines into one text (scanned once).
        public var decoded: DecodedText?
        /// Where each decoded piece sits in `decoded.bytes`, with how it was decoded.
        public var pieces: [(range: Range<Int>, kind: String)] = []
        /// Byte ranges of the file to blank out before scanning it (notebook image payloads).
        public var masks: [Range<Int>] = []
        /// Why decoding gave up on part of the file (invalid JSON, too deep, over the budget):
        /// each becomes a `partially-decoded` notice. Empty when everything was decoded.
        public var incomplete: [String] = []
        /// Decoded bytes produced (charged to the run's budget).
        public var decodedBytes: Int { decoded?.bytes.count ?? 0 }

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

    /// Decoded bytes one file may produce: eight times its size, at least 64 MiB (and at most
    /// 1 GiB). An inflating body counts as it inflates, so a small file of gzip bombs stops at
    /// its budget instead of asking for gigabytes.
    public static func budget(forFileSize size: Int) -> Int {
        min(max(64 << 20, size.multipliedReportingOverflow(by: 8).overflow ? Int.max : size * 8), 1 << 30)
    }

    /// Whether `decode` looks into a file of this path and class at all.
    public static func mayDecode(path: String, fileClass: FileClass) -> Bool {
        let kind = Kind(path: path, fileClass: fileClass)
        return kind.notebook || kind.recording
    }

    struct Kind {
        let notebook: Bool
        let recording: Bool
        let ext: String

        init(path: String, fileClass: FileClass) {
            let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
            let base = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
            ext = base.split(separator: ".").last.map(String.init) ?? ""
            notebook = fileClass == .notebook || ext == "ipynb"
            recording = fileClass == .fixture || ext == "har"
        }

        /// Extensions that promise JSON: failing to read one is worth a notice.
        var promisesJSON: Bool { ["json", "har", "ipynb"].contains(ext) }
    }

    /// Decodes what `path` (of class `fileClass`) carries, at most `budget` decoded bytes. Files
    /// that are not recordings or notebooks give nothing.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, path: String, fileClass: FileClass, budget: Int? = nil
    ) -> Result {
        let kind = Kind(path: path, fileClass: fileClass)
        guard kind.notebook || kind.recording else { return Result() }
        var builder = Builder(budget: budget ?? ContainerDecoder.budget(forFileSize: bytes.count))
        let maxDepth = max(256, builder.budget / 64)  // a level costs under 64 bytes of stack
        let first = bytes.firstIndex { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if kind.ext == "jsonl" || kind.ext == "ndjson" {
            var scan = JSONScan(bytes, notebook: false, maxDepth: maxDepth)
            var lines = 0
            var invalid = 0
            var firstInvalid = 0
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 10 {
                let line = start..<i
                start = i + 1
                guard line.contains(where: { bytes[$0] != 32 && bytes[$0] != 9 && bytes[$0] != 13 }) else { continue }
                lines += 1
                if let failure = scan.read(line) {
                    if invalid == 0 {
                        switch failure {
                        case let .invalid(at), let .tooDeep(at): firstInvalid = at
                        }
                    }
                    invalid += 1
                }
            }
            if invalid > 0 {
                builder.stop(
                    "\(invalid) of \(lines) lines are not valid JSON (the first at byte \(firstInvalid)); what follows the error on each was not decoded")
            }
            builder.decode(scan, source: bytes)
        } else if let first, bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") {
            var scan = JSONScan(bytes, notebook: kind.notebook, maxDepth: maxDepth)
            let failure = scan.read(first..<bytes.count)
            switch failure {
            case let .invalid(at)?:
                // A recording that only happens to start with a bracket (a TOML fixture) is not
                // JSON; one whose name says JSON is, and failing to read it is worth saying.
                if kind.promisesJSON || !scan.emissions.isEmpty {
                    builder.stop("not valid JSON at byte \(at); strings after it were not decoded")
                }
            case let .tooDeep(at)?:
                builder.stop("nested deeper than \(maxDepth) levels at byte \(at); strings after it were not decoded")
            case nil:
                break
            }
            builder.decode(scan, source: bytes)
            builder.result.masks = scan.masks
        } else if kind.recording, kind.ext == "yaml" || kind.ext == "yml" {
            builder.yamlBase64(bytes, marker: "!!binary", kind: "!!binary")
            builder.yamlBase64(bytes, marker: "base64_string:", kind: "vcr-base64")
        } else if kind.promisesJSON, first != nil {
            builder.stop("not valid JSON (it does not start with { or [); nothing was decoded")
        }
        return builder.finished()
    }

    struct Builder {
        var bytes: [UInt8] = []
        var map = OffsetMap.Builder()
        var result = Result()
        var endOffset = 0
        /// Decoded bytes this file may still produce.
        let budget: Int
        /// Set once the budget is used up: nothing more is decoded.
        var full = false

        init(budget: Int) { self.budget = budget }

        /// Bytes that still fit (a separator newline included).
        var room: Int { max(0, budget - bytes.count - (bytes.isEmpty ? 0 : 1)) }

        /// Notes why decoding gave up somewhere (each reason once).
        mutating func stop(_ reason: String) {
            if !result.incomplete.contains(reason) { result.incomplete.append(reason) }
        }

        /// Adds a decoded piece, or as much of it as the budget allows.
        mutating func add(_ text: DecodedText) {
            guard !full, !text.bytes.isEmpty else { return }
            var text = text
            if text.bytes.count > room {
                text = text.prefix(room)
                full = true
                stop(ContainerDecoder.budgetReached(budget))
                guard !text.bytes.isEmpty else { return }
            }
            if !bytes.isEmpty {
                bytes.append(10)
                map.append(endOffset)
            }
            let start = bytes.count
            bytes.append(contentsOf: text.bytes)
            map.append(text.map)
            result.pieces.append((start..<bytes.count, text.kind))
            endOffset = text.map.end
        }

        /// Adds a base64 body, inflating at most what the budget still allows.
        mutating func addBase64(_ body: DecodedText, kind: String) {
            guard !full else { return }
            guard room > 0 else {
                full = true
                stop(ContainerDecoder.budgetReached(budget))
                return
            }
            let limit = min(Base64Decoder.defaultLimit, room)
            guard let output = Base64Decoder.decodeBody(body, kind: kind, limit: limit) else { return }
            add(output.text)
            if output.truncated {
                if limit < Base64Decoder.defaultLimit {
                    full = true
                    stop(ContainerDecoder.budgetReached(budget))
                } else {
                    stop(
                        "a base64 body decodes to more than \(Base64Decoder.defaultLimit >> 20) MiB; only its first \(Base64Decoder.defaultLimit >> 20) MiB were decoded"
                    )
                }
            }
        }

        /// Decodes what a JSON scan recorded, in walk order.
        mutating func decode(_ scan: JSONScan, source: UnsafeRawBufferPointer) {
            let emissions = scan.emissions.sorted { $0.order != $1.order ? $0.order < $1.order : $0.sub < $1.sub }
            for emission in emissions {
                guard !full else { return }
                switch emission.action {
                case .harBase64: addBase64(raw(source, emission.range), kind: "har-base64")
                case .vcrBase64: addBase64(raw(source, emission.range), kind: "vcr-base64")
                case .string:
                    if let decoded = JSONStringDecoder.decode(source, emission.range, kind: emission.kind.name) { add(decoded) }
                }
            }
        }

        /// The result with every piece joined into one decoded text.
        func finished() -> Result {
            var done = result
            if !bytes.isEmpty {
                done.decoded = DecodedText(bytes: bytes, map: map.finish(end: endOffset), kind: result.pieces[0].kind)
            }
            return done
        }

        /// A JSON string's text with its map (escapes resolved when present).
        func raw(_ source: UnsafeRawBufferPointer, _ range: Range<Int>) -> DecodedText {
            if let decoded = JSONStringDecoder.decode(source, range) { return decoded }
            var map = OffsetMap.Builder()
            map.appendRun(from: range.lowerBound, length: range.count, copied: true)
            return DecodedText(bytes: Array(source[range]), map: map.finish(end: range.upperBound), kind: "json-string")
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
                var text: [UInt8] = []
                var map = OffsetMap.Builder()
                for range in ranges {
                    text.append(contentsOf: source[range])
                    map.appendRun(from: range.lowerBound, length: range.count, copied: true)
                }
                addBase64(DecodedText(bytes: text, map: map.finish(end: ranges.last?.upperBound ?? 0), kind: kind), kind: kind)
            }
        }
    }
}
