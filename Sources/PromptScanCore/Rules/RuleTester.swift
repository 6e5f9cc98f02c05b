import Foundation

/// Runs every rule's examples: each example must produce a finding of its rule (the marked value,
/// where marked), each negative example must not produce one that fails a run (a low finding, such
/// as an organisation's address, is allowed: it is shown but never fails), and examples must survive being moved: after
/// multi-byte text, with CRLF line endings, and inside a JSON string, a YAML value and a Markdown
/// code block.
public struct RuleTester: Sendable {
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public let ruleID: String
        public let origin: Rule.Origin
        public let message: String
        public var description: String { "\(origin): rule '\(ruleID)': \(message)" }
    }

    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// Every failure, in rule order.
    public func run() -> [Failure] {
        let scanner = FileScanner(ruleSet: ruleSet, showSecrets: true)
        let scratch = MatchScratch(groups: ruleSet.maxGroups + 1)
        var failures: [Failure] = []
        for (index, compiled) in ruleSet.rules.enumerated() {
            let rule = compiled.rule
            if rule.examples.isEmpty {
                failures.append(Failure(ruleID: rule.id, origin: rule.origin, message: "has no examples"))
            }
            if rule.negativeExamples.isEmpty {
                failures.append(Failure(ruleID: rule.id, origin: rule.origin, message: "has no negative examples"))
            }
            for example in rule.examples {
                for (carrier, text) in RuleTester.carriers(example.text) {
                    let found = values(scanner, text, rule: index, scratch: scratch)
                    if found.isEmpty {
                        failures.append(Failure(ruleID: rule.id, origin: example.origin, message: "example \(carrier)does not match"))
                        break
                    }
                    if let marked = example.expectedSecret, !found.contains(RuleTester.sameCarrier(marked, as: carrier)) {
                        let got = found.first.map { Redaction.preview(Array($0.utf8)) } ?? "nothing"
                        failures.append(
                            Failure(
                                ruleID: rule.id, origin: example.origin,
                                message: "example \(carrier)matches, but not the marked value (got \(got))"))
                        break
                    }
                }
            }
            for example in rule.negativeExamples where !values(scanner, example.text, rule: index, scratch: scratch, failingOnly: true).isEmpty {
                failures.append(Failure(ruleID: rule.id, origin: example.origin, message: "negative example matches"))
            }
        }
        failures += knownExampleFailures(scanner, scratch: scratch)
        return failures
    }

    /// Known example entries: each example must be reported by one of the entry's rules as a note
    /// suppressed by this entry; each negative example must be reported by one of them unsuppressed.
    func knownExampleFailures(_ scanner: FileScanner, scratch: MatchScratch) -> [Failure] {
        var failures: [Failure] = []
        var seen: Set<String> = []
        var indexByID: [String: Int] = [:]
        for (index, compiled) in ruleSet.rules.enumerated() where indexByID[compiled.rule.id] == nil { indexByID[compiled.rule.id] = index }
        for compiled in ruleSet.rules {
            for entry in compiled.rule.knownExamples where seen.insert(entry.id).inserted {
                let indices = entry.rules.compactMap { indexByID[$0] }
                guard let first = indices.first else { continue }
                let label = "known example '\(entry.id)'"
                if entry.examples.isEmpty {
                    failures.append(Failure(ruleID: entry.rules[0], origin: entry.origin, message: "\(label) has no examples"))
                }
                let justification = Suppression.knownTestValue(entry.source).justification
                for example in entry.examples {
                    let found = findings(scanner, example.text, rules: indices, fileClassOf: first, scratch: scratch)
                    if !found.contains(where: { $0.suppression?.justification == justification }) {
                        let got =
                            found.isEmpty
                            ? "no finding"
                            : found.map { "\($0.ruleID) \($0.suppression == nil ? "unsuppressed" : "suppressed by another list")" }.joined(separator: ", ")
                        failures.append(
                            Failure(
                                ruleID: entry.rules[0], origin: example.origin, message: "\(label): example is not a suppressed note of this entry (\(got))"))
                    }
                }
                for example in entry.negativeExamples {
                    let found = findings(scanner, example.text, rules: indices, fileClassOf: first, scratch: scratch)
                    if !found.contains(where: { $0.suppression == nil }) {
                        failures.append(
                            Failure(ruleID: entry.rules[0], origin: example.origin, message: "\(label): negative example is not reported as a finding"))
                    }
                }
            }
        }
        return failures
    }

    /// The findings of `rules` in `text`, scanned as an example of the rule at `fileClassOf`.
    func findings(_ scanner: FileScanner, _ text: String, rules: [Int], fileClassOf index: Int, scratch: MatchScratch) -> [Finding] {
        let bytes = Array(text.utf8)
        let (path, fileClass) = RuleTester.exampleFile(for: ruleSet.rules[index].rule)
        let ids = Set(rules.map { ruleSet.rules[$0].rule.id })
        return bytes.withUnsafeBytes { raw in
            scanner.scan(raw, path: path, fileClass: fileClass, scratch: scratch, onlyRules: Set(rules)).findings.filter { ids.contains($0.ruleID) }
        }
    }

    /// The values `rule` reports in `text`, scanning with that rule alone; with `failingOnly`, only
    /// those of findings that fail a run (above low, not suppressed).
    func values(_ scanner: FileScanner, _ text: String, rule: Int, scratch: MatchScratch, failingOnly: Bool = false) -> [String] {
        let bytes = Array(text.utf8)
        let (path, fileClass) = RuleTester.exampleFile(for: ruleSet.rules[rule].rule)
        return bytes.withUnsafeBytes { raw in
            scanner.scan(raw, path: path, fileClass: ruleSet.rules[rule].rule.record ? .fixture : fileClass, scratch: scratch, onlyRules: [rule]).findings
                .filter { $0.ruleID == ruleSet.rules[rule].rule.id && (!failingOnly || ($0.severity > .low && $0.suppression == nil)) }
                .compactMap(\.revealed)
        }
    }

    /// The path and class an example is scanned as: the first `files` glob made concrete
    /// (`requirements*.txt` → `requirements.txt`) and the first of `classes` (else of `record_only_in`),
    /// or `example` / other.
    static func exampleFile(for rule: Rule) -> (String, FileClass) {
        let path =
            rule.files.first.map { glob in
                let first = PathGlob.expandBraces(glob)[0]
                return first.replacingOccurrences(of: "**/", with: "").replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "?", with: "x")
            } ?? "example"
        // pii/phi rules are tested in an ordinary file (their thresholds are lower in prompts and agent
        // configs); a rule limited to some classes is tested in the first of them.
        // A rule that runs only inside records (`record_only_in`) with no class of its own is
        // tested where it runs: its examples are records.
        let fileClass =
            rule.classes.map { classes in
                rule.isPrivacy && classes.contains(.other)
                    ? .other : FileClass.allCases.first { classes.contains($0) } ?? FileClass.allCases.first { rule.recordOnlyIn.contains($0) } ?? .other
            } ?? .other
        return (path, fileClass)
    }

    /// The example as written, and moved into other carriers (label, text).
    static func carriers(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = [("", text)]
        result.append(("after multi-byte text ", "Ünïcødé ✓ 日本語 — " + text))
        if text.contains("\n") {
            result.append(("with CRLF endings ", text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")))
        }
        result.append(("in a Markdown code block ", "Some notes:\n\n```\n" + text + "\n```\n"))
        if !text.contains("\n") && !text.contains("\"") && !text.contains("\\") {
            result.append(("in a JSON string ", "{\"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}"))
        }
        if !text.contains("\n") && !text.hasPrefix("-") && !text.contains(": ") && !text.contains(" #") {
            result.append(("in a YAML value ", "steps:\n  - run: " + text + "\n"))
        }
        return result
    }

    /// The marked value as the carrier changes it (CRLF endings change multi-line values).
    static func sameCarrier(_ value: String, as carrier: String) -> String {
        guard carrier.hasPrefix("with CRLF") else { return value }
        return value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }
}
