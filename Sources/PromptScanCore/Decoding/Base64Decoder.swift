/// Decodes base64 (standard or URL-safe, whitespace ignored) held in a `DecodedText` (or in raw
/// file bytes), composing the offset map: each decoded byte points at the first base64 character
/// it came from. Content that is gzip is inflated (every byte then points at the block's start);
/// content that is not text (images, archives) is refused.
public enum Base64Decoder {
    public static func decode(_ text: DecodedText, kind: String, limit: Int = 16 * 1024 * 1024) -> DecodedText? {
        var sextets: [UInt8] = []
        var origins: [Int] = []
        sextets.reserveCapacity(text.bytes.count)
        origins.reserveCapacity(text.bytes.count)
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
            origins.append(text.offsets[index])
        }
        guard sextets.count >= 8 else { return nil }
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        bytes.reserveCapacity(sextets.count * 3 / 4)
        var k = 0
        while k + 1 < sextets.count {
            let group = Array(sextets[k..<min(k + 4, sextets.count)])
            let b0 = group[0] << 2 | group[1] >> 4
            bytes.append(b0)
            offsets.append(origins[k])
            if group.count > 2 {
                bytes.append(group[1] << 4 | group[2] >> 2)
                offsets.append(origins[k + 1])
            }
            if group.count > 3 {
                bytes.append(group[2] << 6 | group[3])
                offsets.append(origins[k + 2])
            }
            k += 4
        }
        let end = text.offsets[text.bytes.count]
        offsets.append(end)
        let start = text.offsets.first ?? end
        if Gzip.isGzip(bytes) {
            guard let inflated = try? Gzip.inflate(bytes, limit: limit), isText(inflated) else { return nil }
            var map = [Int](repeating: start, count: inflated.count)
            map.append(end)
            return DecodedText(bytes: inflated, offsets: map, kind: kind + "+gzip")
        }
        guard isText(bytes) else { return nil }
        return DecodedText(bytes: bytes, offsets: offsets, kind: kind)
    }

    /// Base64 in raw file bytes at `ranges` (pieces of one block, e.g. indented YAML lines).
    public static func decode(_ source: UnsafeRawBufferPointer, _ ranges: [Range<Int>], kind: String) -> DecodedText? {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for range in ranges {
            for i in range {
                bytes.append(source[i])
                offsets.append(i)
            }
        }
        offsets.append(ranges.last?.upperBound ?? 0)
        return decode(DecodedText(bytes: bytes, offsets: offsets, kind: kind), kind: kind)
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
