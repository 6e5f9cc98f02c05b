/// Decodes the escapes of a JSON string's contents (`\"`, `\\`, `\n`, `\uXXXX` with surrogate
/// pairs) into UTF-8, keeping for every decoded byte the offset of the character or escape it came
/// from (as an `OffsetMap`: one segment per run between escapes).
public enum JSONStringDecoder {
    /// `range` is the contents between the quotes in `source`. nil when the contents hold no escape
    /// (nothing to gain over the raw bytes) or an invalid one.
    public static func decode(_ source: UnsafeRawBufferPointer, _ range: Range<Int>, kind: String = "json-string") -> DecodedText? {
        guard source[range].contains(UInt8(ascii: "\\")) else { return nil }
        var bytes: [UInt8] = []
        var map = OffsetMap.Builder()
        bytes.reserveCapacity(range.count)
        var i = range.lowerBound
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= range.upperBound else { return nil }
            var value: UInt32 = 0
            for k in at..<(at + 4) {
                let c = source[k]
                let digit: UInt32
                switch c {
                case 48...57: digit = UInt32(c - 48)
                case 65...70: digit = UInt32(c - 55)
                case 97...102: digit = UInt32(c - 87)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
        while i < range.upperBound {
            let c = source[i]
            guard c == UInt8(ascii: "\\") else {
                bytes.append(c)
                map.append(i)
                i += 1
                continue
            }
            guard i + 1 < range.upperBound else { return nil }
            let start = i
            let e = source[i + 1]
            var scalar: UInt32
            switch e {
            case UInt8(ascii: "n"): scalar = 10
            case UInt8(ascii: "t"): scalar = 9
            case UInt8(ascii: "r"): scalar = 13
            case UInt8(ascii: "b"): scalar = 8
            case UInt8(ascii: "f"): scalar = 12
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): scalar = UInt32(e)
            case UInt8(ascii: "u"):
                guard let unit = hex4(i + 2) else { return nil }
                scalar = unit
                i += 4
                if (0xD800...0xDBFF).contains(unit), i + 2 < range.upperBound, source[i + 2] == UInt8(ascii: "\\"),
                    source[i + 3] == UInt8(ascii: "u"), let low = hex4(i + 4), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
            default: return nil
            }
            i += 2
            let encoded = Unicode.Scalar(scalar).map { Array(String($0).utf8) } ?? [0xEF, 0xBF, 0xBD]
            for byte in encoded {
                bytes.append(byte)
                map.append(start)
            }
        }
        return DecodedText(bytes: bytes, map: map.finish(end: range.upperBound), kind: kind)
    }
}
