/// Rewrites text with the value of every finding replaced by a typed placeholder,
/// `[REDACTED:rule-id]` (`promptscan redact`). Personal and health data and client identifiers are
/// numbered so that the same value gets the same number throughout a run (`[REDACTED:us-ssn#2]`);
/// the numbers count per rule, in the order the values first occur. Line structure never changes:
/// line breaks inside a value (a PEM key) are kept, and each line's part of it becomes a placeholder.
///
/// Replaced: every finding in the content, of any severity, suppressed test values included,
/// except values covered by `promptscan:allow` or a baseline, and the PHI record rule's finding
/// (its span covers the findings it sums up, which are replaced one by one). Overlapping values are
/// replaced as one span under the first one's placeholder.
public struct Redactor {
    /// Numbers given so far: rule id, then value, to its number.
    private var numbers: [String: [[UInt8]: Int]] = [:]
    /// Rules whose findings are left alone (the record rule).
    private let summaryRules: Set<String>

    /// A redactor for a run with `rules`.
    public init(rules: [Rule]) {
        summaryRules = Set(rules.filter(\.record).map(\.id))
    }

    /// Whether the value of `finding` is replaced.
    public func replaces(_ finding: Finding) -> Bool {
        finding.isActive && !finding.inPath && !summaryRules.contains(finding.ruleID)
    }

    /// Whether values of `category` get a number.
    static func isNumbered(_ category: Category) -> Bool {
        category == .pii || category == .phi || category == .clientID
    }

    /// Hands `bytes`, with the values of `findings` (found in `bytes`) replaced, to `write` in
    /// pieces; returns how many values were replaced.
    @discardableResult
    public mutating func redact(_ bytes: [UInt8], findings: [Finding], write: (ArraySlice<UInt8>) -> Void) -> Int {
        var spans: [(range: Range<Int>, finding: Finding)] = findings.compactMap { finding in
            guard replaces(finding) else { return nil }
            let range = finding.byteRange.clamped(to: 0..<bytes.count)
            return range.isEmpty ? nil : (range, finding)
        }
        spans.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
        var cursor = 0
        var index = 0
        var replaced = 0
        while index < spans.count {
            let first = spans[index]
            var end = first.range.upperBound
            index += 1
            while index < spans.count, spans[index].range.lowerBound < end {
                end = max(end, spans[index].range.upperBound)
                index += 1
            }
            if first.range.lowerBound > cursor { write(bytes[cursor..<first.range.lowerBound]) }
            let value = bytes[first.range.lowerBound..<end]
            write(ArraySlice(Self.lineWise(value, placeholder: placeholder(for: first.finding, value: Array(bytes[first.range])))))
            cursor = end
            replaced += 1
        }
        if cursor < bytes.count { write(bytes[cursor...]) }
        return replaced
    }

    /// `[REDACTED:rule-id]`, with the value's number for numbered categories.
    mutating func placeholder(for finding: Finding, value: [UInt8]) -> [UInt8] {
        guard Self.isNumbered(finding.category) else { return Array("[REDACTED:\(finding.ruleID)]".utf8) }
        var known = numbers[finding.ruleID, default: [:]]
        let number: Int
        if let given = known[value] {
            number = given
        } else {
            number = known.count + 1
            known[value] = number
            numbers[finding.ruleID] = known
        }
        return Array("[REDACTED:\(finding.ruleID)#\(number)]".utf8)
    }

    /// `value` with each run of bytes between line breaks (CR, LF) replaced by `placeholder` and the
    /// line breaks kept.
    static func lineWise(_ value: ArraySlice<UInt8>, placeholder: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inLine = false
        for byte in value {
            if byte == 10 || byte == 13 {
                out.append(byte)
                inLine = false
            } else if !inLine {
                out.append(contentsOf: placeholder)
                inLine = true
            }
        }
        return out
    }
}
