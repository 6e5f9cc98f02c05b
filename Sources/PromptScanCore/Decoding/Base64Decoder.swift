/// Decodes base64 (standard or URL-safe, whitespace ignored) held in a `DecodedText` (or in raw
/// file bytes), composing the offset map: each decoded byte points at the first base64 character
/// it came from. Content that is gzip is inflated (every byte then points at the block's start)
/// to at most `limit` bytes: past it, the first `limit` bytes are kept and `truncated` says so;
/// content that is not text (images, archives) is refused.
public enum Base64Decoder {
    /// A decoded body, and whether it was cut at the limit.
    public struct Output: Sendable {
        public var text: DecodedText
        public var truncated: Bool
    }

    /// The default largest body (after inflating).
    public static let defaultLimit = 16 * 1024 * 1024

    public static func decode(_ text: DecodedText, kind: String, limit: Int = defaultLimit) -> DecodedText? {
        decodeBody(text, kind: kind, limit: limit)?.text
    }

    public static func decodeBody(_ text: DecodedText, kind: String, limit: Int = defaultLimit) -> Output? {
        var sextets: [UInt8] = []
        var origins = OffsetMap.Builder()  // sextet index → original offset
        sextets.reserveCapacity(text.bytes.count)
        var cursor = text.map.cursor()
        for (index, c) in text.bytes.enumerated() {
            let value: UInt8
            switch c {
            case 65...90: value = c - 65
            case 97...122: value = c - 71
            case 48...57: value = c + 4
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="), 32, 9, 10, 13: continue
            case UInt8(ascii: "\\"):
                // A YAML/JSON line continuation escape left in the text: skip it.
                continue
            default: return nil
            }
            sextets.append(value)
            origins.append(cursor.original(at: index))
        }
        guard sextets.count >= 8 else { return nil }
        let sextetMap = origins.finish(end: text.map.end)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(sextets.count * 3 / 4, limit))
        var k = 0
        while k + 1 < sextets.count {
            bytes.append(sextets[k] << 2 | sextets[k + 1] >> 4)
            if k + 2 < sextets.count { bytes.append(sextets[k + 1] << 4 | sextets[k + 2] >> 2) }
            if k + 3 < sextets.count { bytes.append(sextets[k + 2] << 6 | sextets[k + 3]) }
            k += 4
        }
        let end = text.map.end
        let start = text.map.count > 0 ? text.map.original(at: 0) : end
        if Gzip.isGzip(bytes) {
            guard let (inflated, complete) = try? Gzip.inflatePrefix(bytes, limit: limit), isText(inflated) else { return nil }
            var map = OffsetMap.Builder()
            map.appendRun(from: start, length: inflated.count, copied: false)
            return Output(text: DecodedText(bytes: inflated, map: map.finish(end: end), kind: kind + "+gzip"), truncated: !complete)
        }
        guard isText(bytes) else { return nil }
        // Decoded byte i comes from sextet i * 4 / 3 (bytes 0, 1, 2 of a group from its sextets 0, 1, 2).
        let truncated = bytes.count > limit
        if truncated { bytes.removeSubrange(limit...) }
        var map = OffsetMap.Builder()
        var sextetCursor = sextetMap.cursor()
        for i in 0..<bytes.count { map.append(sextetCursor.original(at: i * 4 / 3)) }
        return Output(text: DecodedText(bytes: bytes, map: map.finish(end: end), kind: kind), truncated: truncated)
    }

    /// Base64 in raw file bytes at `ranges` (pieces of one block, e.g. indented YAML lines).
    public static func decode(_ source: UnsafeRawBufferPointer, _ ranges: [Range<Int>], kind: String) -> DecodedText? {
        decodeBody(source, ranges, kind: kind)?.text
    }

    public static func decodeBody(_ source: UnsafeRawBufferPointer, _ ranges: [Range<Int>], kind: String, limit: Int = defaultLimit) -> Output? {
        var bytes: [UInt8] = []
        var map = OffsetMap.Builder()
        for range in ranges {
            bytes.append(contentsOf: source[range])
            map.appendRun(from: range.lowerBound, length: range.count, copied: true)
        }
        return decodeBody(DecodedText(bytes: bytes, map: map.finish(end: ranges.last?.upperBound ?? 0), kind: kind), kind: kind, limit: limit)
    }

    /// Mostly printable UTF-8: no NUL, and at most 5% control bytes other than whitespace.
    static func isText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, !bytes.prefix(8192).contains(0) else { return false }
        let sample = bytes.prefix(8192)
        let controls = sample.filter { $0 < 32 && $0 != 9 && $0 != 10 && $0 != 13 }.count
        guard controls * 20 <= sample.count else { return false }
        return sample.count == 8192 || String(validating: Array(sample), as: UTF8.self) != nil
    }
}
