/// A small, allocation-light base64 decoder that accepts missing padding (JWTs, tokens).
enum Base64 {
    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() {
            table[Int(byte)] = Int8(index)
        }
        return table
    }()

    /// Decodes `text`; `urlSafe` selects `-_` over `+/`. Padding is optional, and a dangling final
    /// character (a truncated copy of a token) is ignored. Returns nil on any other character.
    static func decode<C: Collection>(_ text: C, urlSafe: Bool) -> [UInt8]? where C.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        var sawPadding = false
        for byte in text {
            var value: Int8
            switch byte {
            case UInt8(ascii: "="):
                sawPadding = true
                continue
            case UInt8(ascii: "+"), UInt8(ascii: "/"):
                guard !urlSafe else { return nil }
                value = byte == UInt8(ascii: "+") ? 62 : 63
            case UInt8(ascii: "-"), UInt8(ascii: "_"):
                guard urlSafe else { return nil }
                value = byte == UInt8(ascii: "-") ? 62 : 63
            default:
                value = table[Int(byte)]
                guard value >= 0 else { return nil }
            }
            if sawPadding { return nil }
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return output
    }
}
