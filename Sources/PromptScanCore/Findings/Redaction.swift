/// Renders a matched value so that a person can recognise its kind without learning the value:
/// the vendor prefix (up to its last separator), an ellipsis, the last two characters of long
/// values, and the length. `sk-ant-api03-…AA (108 chars)`.
public enum Redaction {
    /// The redacted preview of `secret`.
    public static func preview(_ secret: [UInt8]) -> String {
        let text = String(decoding: secret, as: UTF8.self)
        let characters = Array(text)
        let count = characters.count
        if text.contains("\n") || text.hasPrefix("-----BEGIN") {
            let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let header = firstLine.hasPrefix("-----BEGIN") ? firstLine : "…"
            return "\(header) … (\(count) chars)"
        }
        var prefixLength = 0
        // A prefix is a run of letters/digits ending in a separator, within the first 16 characters,
        // covering at most 40% of the value.
        for (index, character) in characters.prefix(16).enumerated() where "-_.".contains(character) {
            prefixLength = index + 1
        }
        if prefixLength * 10 > count * 4 { prefixLength = 0 }
        let prefix = String(characters.prefix(prefixLength))
        let suffix = count >= 24 ? String(characters.suffix(2)) : ""
        return "\(prefix)…\(suffix) (\(count) chars)"
    }
}
