/// A text-only preview of a personal or health value that keeps just enough to judge it (is this
/// `user@test.com` or a customer's address?) and never enough to rebuild it: an e-mail address
/// keeps its domain (`…@test.com (13 chars)`, or `…@…` when the domain is long or odd), a name its initials (`J.D. (8 chars)`), a long
/// identifier number (phone, SSN, card, MRN …) its last two characters (`…89 (12 chars)`). Other
/// values (dates, ages, addresses, ZIP codes, short numbers) get none: the redacted preview stands.
/// JSON and SARIF keep `Finding.preview`; only the text reporter shows a hint.
public enum PrivacyHint {
    /// The longest domain kept; a longer one is not shown (it may be an identifier itself).
    static let maxDomainLength = 40
    /// An identifier shows its last two characters only when it has at least this many letters and digits.
    static let minIdentifierLength = 9

    /// The hint for `value` found by rule `ruleID` of `category`, or nil (secrets never get one).
    public static func hint(_ value: [UInt8], ruleID: String, category: Category) -> String? {
        guard category == .pii || category == .phi else { return nil }
        let text = String(decoding: value, as: UTF8.self)
        guard !text.contains(where: \.isNewline) else { return nil }
        let count = text.count
        if let at = text.lastIndex(of: "@"), text.filter({ $0 == "@" }).count == 1 {
            let domain = text[text.index(after: at)...]
            // A domain not shown still hides the local part (the redacted preview may keep its start).
            guard !domain.isEmpty, domain.count <= maxDomainLength, domain.contains("."),
                domain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
            else { return "…@… (\(count) chars)" }
            return "…@\(domain.lowercased()) (\(count) chars)"
        }
        if ruleID.contains("name") {
            let words = text.split(whereSeparator: { !$0.isLetter }).filter { $0.first?.isUppercase == true || $0.count > 1 }
            guard (2...4).contains(words.count) else { return nil }
            return words.compactMap { $0.first.map { "\($0.uppercased())." } }.joined() + " (\(count) chars)"
        }
        if ruleID.contains("date") || ruleID.contains("address") || ruleID.contains("zip") || ruleID.contains("age") { return nil }
        let alphanumerics = text.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard alphanumerics.count >= minIdentifierLength, let last = text.last, last.isASCII, last.isLetter || last.isNumber else { return nil }
        return "…\(alphanumerics.suffix(2)) (\(count) chars)"
    }
}
