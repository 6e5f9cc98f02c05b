/// Caps on the findings reported for one file: at most `perRule` of each rule and `perFile` in all
/// (0: no cap). A file full of emails or SSNs would otherwise cost memory and output in proportion
/// to its size; the first findings (by position) are kept and each cap reached is a `finding-limit`
/// notice, so nothing is left out silently.
public struct FindingLimits: Sendable, Equatable {
    public var perRule: Int
    public var perFile: Int

    public static let defaultPerRule = 1000
    public static let defaultPerFile = 10_000

    public init(perRule: Int = FindingLimits.defaultPerRule, perFile: Int = FindingLimits.defaultPerFile) {
        self.perRule = perRule
        self.perFile = perFile
    }

    /// No cap at all.
    public static let unlimited = FindingLimits(perRule: 0, perFile: 0)

    /// The notice for `ruleID` reaching its cap in `path` (nil `ruleID`: the file's cap).
    func notice(path: String, ruleID: String?) -> Notice {
        if let ruleID {
            return Notice(
                kind: .findingLimit, path: path,
                message: "more than \(perRule) findings of this rule; only the first \(perRule) in this file are reported (--max-findings-per-rule)",
                ruleID: ruleID)
        }
        return Notice(
            kind: .findingLimit, path: path,
            message: "more than \(perFile) findings; only the first \(perFile) in this file are reported (--max-findings-per-file)")
    }

    /// Keeps the first `perRule` elements of each rule and the first `perFile` in all, in the
    /// order given (report order, or candidates by position); returns the rules whose cap was
    /// reached, and whether the file's was.
    func apply<Element>(_ elements: inout [Element], rule: (Element) -> String) -> (rules: [String], file: Bool) {
        guard perRule > 0 || perFile > 0 else { return ([], false) }
        if (perRule == 0 || elements.count <= perRule) && (perFile == 0 || elements.count <= perFile) { return ([], false) }
        var counts: [String: Int] = [:]
        var capped: [String] = []
        var kept: [Element] = []
        var fileCapped = false
        kept.reserveCapacity(min(elements.count, perFile > 0 ? perFile : elements.count))
        for element in elements {
            let id = rule(element)
            let count = counts[id, default: 0]
            if perRule > 0, count >= perRule {
                if count == perRule { capped.append(id) }
                counts[id] = count + 1
                continue
            }
            counts[id] = count + 1
            if perFile > 0, kept.count >= perFile {
                fileCapped = true
                continue
            }
            kept.append(element)
        }
        elements = kept
        return (capped, fileCapped)
    }

    /// Caps one file's findings (in report order) and adds a notice per cap reached, once.
    public func apply(to findings: inout [Finding], notices: inout [Notice], path: String) {
        let (rules, file) = apply(&findings) { $0.ruleID }
        for ruleID in rules {
            let notice = notice(path: path, ruleID: ruleID)
            if !notices.contains(notice) { notices.append(notice) }
        }
        if file {
            let notice = notice(path: path, ruleID: nil)
            if !notices.contains(notice) { notices.append(notice) }
        }
    }
}
