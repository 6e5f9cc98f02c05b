/// A finding in what an event exposes, with where it is and what the policy makes of it.
public struct GuardHit: Sendable {
    public let finding: Finding
    public let subject: String
    public let place: GuardPlace
    /// The line in the file (a read of a line range counts from the file's first line).
    public let line: Int
    public let blocks: Bool

    /// `anthropic-api-key (secret, critical) in the prompt, line 1, column 5: sk-ant-api03-…AA (108 chars)`:
    /// the rule, the place and the redacted preview, never the value.
    public var description: String {
        let finding = finding
        var text = "\(finding.ruleID) (\(finding.category.rawValue), \(finding.severity.rawValue)) in \(subject)"
        if finding.inPath {
            text += " (its name)"
        } else {
            text += ", line \(line), column \(finding.column)"
        }
        return OneLine.clean(text + ": " + finding.preview, limit: 300)
    }
}

/// What guard found in one event: the hits that block, those that warn, and what was not scanned.
public struct GuardVerdict: Sendable {
    public var blocking: [GuardHit] = []
    public var warnings: [GuardHit] = []
    public var notes: [String] = []

    public init() {}

    /// Scans every subject through one `ScanSession` each, with `setup`'s rules and terms, and
    /// applies `settings`.
    public static func check(_ subjects: [GuardSubject], setup: RunSetup, settings: GuardSettings) throws(PromptScanError) -> GuardVerdict {
        var verdict = GuardVerdict()
        var options = ScanSession.Options()
        options.threads = 1
        for subject in subjects {
            let report = try ScanSession(setup: setup, source: .text(name: subject.name, bytes: subject.bytes), options: options).run()
            // A file whose name holds a secret is never named (its findings say so instead).
            var label = subject.label
            if let named = report.findings.first(where: \.inPath) {
                label = "a file whose name holds a value (\(named.ruleID): \(named.preview))"
            }
            if let note = subject.note { verdict.notes.append(note.replacingOccurrences(of: subject.label, with: label)) }
            for finding in report.findings {
                let decision = decide(finding, place: subject.place, settings: settings)
                guard decision != .none else { continue }
                let hit = GuardHit(
                    finding: finding, subject: label, place: subject.place, line: finding.line + subject.firstLine - 1,
                    blocks: decision == .block)
                if hit.blocks { verdict.blocking.append(hit) } else { verdict.warnings.append(hit) }
            }
            for notice in report.notices where notice.kind == .findingLimit || notice.kind == .ruleLimit {
                verdict.notes.append("\(label): \(notice.message)")
            }
        }
        return verdict
    }

    enum Decision { case block, warn, none }

    /// What `settings` make of `finding` at `place`: secrets block at or above `secrets`, PHI,
    /// PII and client identifiers at medium and up, consumer endpoints at any severity, each only
    /// where `block` names the place; what does not block warns at or above `warn`. Inline-allowed
    /// findings and well-known test values are left alone.
    static func decide(_ finding: Finding, place: GuardPlace, settings: GuardSettings) -> Decision {
        guard finding.isReported else { return .none }
        if settings.block[finding.category]?.contains(place) ?? false {
            switch finding.category {
            case .secret:
                if let minimum = settings.secrets, finding.severity >= minimum { return .block }
            case .consumerEndpoint:
                return .block
            case .phi, .pii, .clientID:
                if finding.severity >= .medium { return .block }
            }
        }
        if let warn = settings.warn, finding.severity >= warn { return .warn }
        return .none
    }
}
