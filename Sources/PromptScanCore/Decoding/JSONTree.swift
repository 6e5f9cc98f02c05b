/// A JSON document parsed just far enough to find its strings: objects keep their keys, strings
/// keep the byte range of their contents (between the quotes, still escaped). Numbers, booleans
/// and null are `scalar`.
indirect enum JSONTree {
    case object([(key: String, value: JSONTree)])
    case array([JSONTree])
    case string(Range<Int>)
    case scalar

    /// The value under `key` of an object.
    subscript(key: String) -> JSONTree? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Parses `bytes[range]` as one JSON value (surrounding whitespace allowed); nil when it is not JSON.
    static func parse(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil) -> JSONTree? {
        var parser = Parser(bytes: bytes, index: range?.lowerBound ?? 0, end: range?.upperBound ?? bytes.count)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhitespace()
        return parser.index == parser.end ? value : nil
    }

    /// The decoded text of a string node (escapes resolved; invalid escapes left as written).
    static func text(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        if let decoded = JSONStringDecoder.decode(bytes, range) { return String(decoding: decoded.bytes, as: UTF8.self) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var index: Int
        let end: Int

        mutating func skipWhitespace() {
            while index < end, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13 { index += 1 }
        }

        mutating func value(depth: Int) -> JSONTree? {
            guard depth < 256 else { return nil }
            skipWhitespace()
            guard index < end else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: JSONTree)] = []
                skipWhitespace()
                if index < end, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipWhitespace()
                    guard let keyRange = string() else { return nil }
                    skipWhitespace()
                    guard index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
                    index += 1
                    guard let member = value(depth: depth + 1) else { return nil }
                    members.append((JSONTree.text(bytes, keyRange), member))
                    skipWhitespace()
                    guard index < end else { return nil }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "}") else { return nil }
                    index += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONTree] = []
                skipWhitespace()
                if index < end, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                while true {
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                    skipWhitespace()
                    guard index < end else { return nil }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "]") else { return nil }
                    index += 1
                    return .array(items)
                }
            case UInt8(ascii: "\""):
                return string().map { .string($0) }
            default:
                let start = index
                while index < end {
                    let c = bytes[index]
                    if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 32 || c == 10 || c == 13 || c == 9 {
                        break
                    }
                    index += 1
                }
                return index > start ? .scalar : nil
            }
        }

        /// A string at `index`; returns the range of its contents.
        mutating func string() -> Range<Int>? {
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < end {
                let c = bytes[index]
                if c == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if c == UInt8(ascii: "\"") {
                    let range = start..<index
                    index += 1
                    return range
                }
                index += 1
            }
            return nil
        }
    }
}
