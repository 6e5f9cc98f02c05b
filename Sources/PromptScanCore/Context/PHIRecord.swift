/// The PHI record rule (docs/detection.md, "PHI records"): in a prompt, fixture or notebook, two or more distinct
/// identifier kinds within 20 lines of each other are one record about a person, reported once
/// per file. A file that already has a structural PHI finding (HL7, FHIR Patient, X12 837, C-CDA)
/// is not reported again; known test values and low findings do not count.
enum PHIRecord {
    static let structuralKind = "structural"

    static func finding(from findings: [Finding], rule: Rule, ruleSet: RuleSet, fingerprinter: Fingerprinter, showSecrets: Bool) -> Finding? {
        var kindByRule: [String: String] = [:]
        for compiled in ruleSet.rules where compiled.rule.isPrivacy && !compiled.rule.record {
            kindByRule[compiled.rule.id] = compiled.rule.recordKind ?? compiled.rule.id
        }
        let counted = findings.filter { $0.suppression == nil && $0.severity > .low && kindByRule[$0.ruleID] != nil }
        if counted.contains(where: { kindByRule[$0.ruleID] == structuralKind }) { return nil }
        // Findings are in report order (by line); find the first pair of different kinds within the
        // span. A finding starts a record only if the next finding of another kind is within the
        // span: found for every finding in one backward pass, so thousands of findings of one kind
        // on one line are not compared with each other (that was quadratic).
        let kindOf = counted.map { kindByRule[$0.ruleID]! }
        var nextOtherKind = [Int](repeating: counted.count, count: counted.count)
        if counted.count > 1 {
            for i in stride(from: counted.count - 2, through: 0, by: -1) {
                nextOtherKind[i] = kindOf[i + 1] != kindOf[i] ? i + 1 : nextOtherKind[i + 1]
            }
        }
        for (i, first) in counted.enumerated() {
            let other = nextOtherKind[i]
            guard other < counted.count, counted[other].line - first.line <= PrivacyPolicy.recordLineSpan else { continue }
            let kind = kindOf[i]
            var kinds: [String] = [kind]
            var last = first
            for other in counted[(i + 1)...] {
                guard other.line - first.line <= PrivacyPolicy.recordLineSpan else { break }
                let otherKind = kindByRule[other.ruleID]!
                if !kinds.contains(otherKind) {
                    kinds.append(otherKind)
                    last = other
                }
            }
            guard kinds.count >= 2 else { continue }
            let summary = kinds.sorted().joined(separator: ", ")
            // Without a secret key the parts have anchors, not value hashes: the record's anchor joins theirs.
            let anchor = fingerprinter.hasSecretKey ? nil : (first.fingerprintAnchor ?? 0) &* 0x100_0000_01B3 &+ (last.fingerprintAnchor ?? 0)
            var finding = Finding(
                ruleID: rule.id, ruleName: rule.name, category: rule.category, severity: rule.severity, path: first.path,
                line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn,
                byteRange: first.byteRange.lowerBound..<max(first.byteRange.upperBound, last.byteRange.upperBound),
                fileClass: first.fileClass, message: "\(rule.name): \(kinds.count) identifier kinds within \(PrivacyPolicy.recordLineSpan) lines",
                preview: "record of \(summary)",
                fingerprint: anchor == nil ? fingerprinter.fingerprint(ruleID: rule.id, value: Array("\(first.fingerprint)|\(last.fingerprint)".utf8)) : "",
                fingerprintAnchor: anchor,
                validator: nil, revealed: showSecrets ? "record of \(summary)" : nil)
            finding.confidence = 1
            return finding
        }
        return nil
    }
}
