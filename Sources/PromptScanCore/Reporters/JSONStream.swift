import Foundation

/// Writes a pretty-printed JSON document with sorted keys one member at a time, byte for byte as
/// `JSONEncoder` would write the whole document (`.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`): members are encoded separately and indented to their depth, and
/// arrays of findings are written element by element, so no tree of the whole report is built.
/// Callers give an object's members in sorted key order.
struct JSONStream<Output: ReportOutput> {
    let output: Output
    private let encoder: JSONEncoder

    init(_ output: Output) {
        self.output = output
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    }

    /// `value` as JSON with the non-empty lines after its first indented by `indent` spaces (JSON
    /// strings hold no raw line breaks, so every line break is the encoder's).
    func fragment(_ value: some Encodable, indent: Int) -> String {
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        let newline = UInt8(ascii: "\n")
        guard indent > 0, data.contains(newline) else { return String(decoding: data, as: UTF8.self) }
        // One pass over the bytes: a line break is followed by the pad unless the next line is
        // empty (an empty array or object is written with an empty line inside, which gets no
        // indent) or the text ends there.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count + data.count / 4)
        var afterBreak = false
        for byte in data {
            if afterBreak, byte != newline { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent)) }
            bytes.append(byte)
            afterBreak = byte == newline
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Opens an object (or a member's value) at `indent`.
    func openObject() { output.append("{\n") }

    /// Closes an object whose members were at `indent` + 2.
    func closeObject(indent: Int) { output.append("\n" + String(repeating: " ", count: indent) + "}") }

    /// `"key" : ` at `indent`, after a comma when it is not the first member.
    func key(_ name: String, indent: Int, first: Bool) {
        output.append((first ? "" : ",\n") + String(repeating: " ", count: indent) + fragment(name, indent: 0) + " : ")
    }

    /// A member whose value is encoded whole.
    func member(_ name: String, _ value: some Encodable, indent: Int, first: Bool = false) {
        key(name, indent: indent, first: first)
        output.append(fragment(value, indent: indent))
    }

    /// A member whose value is an array written element by element: `count` elements, element `i`
    /// made by `element(i)` (nil leaves it out; `count` must then be the number written).
    func arrayMember<Element: Encodable>(
        _ name: String, count: Int, indent: Int, first: Bool = false, element: (Int) -> Element
    ) {
        key(name, indent: indent, first: first)
        guard count > 0 else {
            output.append(fragment([Element](), indent: indent))
            return
        }
        let pad = String(repeating: " ", count: indent + 2)
        var chunk = "[\n"
        for index in 0..<count {
            chunk += pad + fragment(element(index), indent: indent + 2) + (index + 1 < count ? ",\n" : "\n")
            if chunk.utf8.count >= 1 << 16 {
                output.append(chunk)
                chunk = ""
            }
        }
        output.append(chunk + String(repeating: " ", count: indent) + "]")
    }

    /// A document that is one array, written element by element (`count` elements), then a newline.
    func topLevelArray<Element: Encodable>(count: Int, element: (Int) -> Element) {
        guard count > 0 else {
            output.append("[\n\n]\n")
            return
        }
        var chunk = "[\n"
        for index in 0..<count {
            chunk += "  " + fragment(element(index), indent: 2) + (index + 1 < count ? ",\n" : "\n")
            if chunk.utf8.count >= 1 << 16 {
                output.append(chunk)
                chunk = ""
            }
        }
        output.append(chunk + "]\n")
    }
}
