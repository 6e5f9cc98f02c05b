/// Person records in code (docs/detection.md, "Person records in code"). A program's source is
/// full of single e-mail addresses, phone numbers and names (authors, test users, sample data), so
/// pii rules do not report them there one by one; a test fixture or seed script that holds a
/// customer's name, e-mail and phone together holds a person's record. A rule with
/// `record_only_in: [code]` runs in code files, and its match is kept only when matches of at least
/// `PrivacyPolicy.personRecordKinds` distinct record kinds (its own included) lie within
/// `PrivacyPolicy.personRecordLines` lines of it, one of them naming whose record it is (a name, a
/// date of birth or a national identifier: a business directory's e-mail, phone and address are
/// not a person's). Known test values and matches judged low (an author's address, an
/// organisation's line, a ZIP code) do not count.
enum PersonRecord {
    /// Keeps the record-only candidates of `fileClass` that are part of a record (with a message
    /// naming the record's kinds) and drops the others, before overlaps are resolved (a match that
    /// is dropped here must not displace another rule's). `candidates` are in any order.
    static func keepRecords(
        _ candidates: inout [FileScanner.Candidate], ruleSet: RuleSet, fileClass: FileClass, path: String, in bytes: UnsafeRawBufferPointer
    ) {
        let rules = ruleSet.rules
        guard candidates.contains(where: { rules[$0.rule].rule.recordOnlyIn.contains(fileClass) }) else { return }
        let needed = PrivacyPolicy.personRecordKinds
        let span = PrivacyPolicy.personRecordLines
        // The line of each candidate, and per line the first `needed` distinct kinds that count there:
        // a window then reads at most (2 × span + 1) × needed kinds, however many matches a line holds.
        let lines = LineLocator.lines(of: candidates.map(\.secret.lowerBound), in: bytes)
        var kindsByLine: [Int: [String]] = [:]
        for (candidate, line) in zip(candidates, lines) {
            let compiled = rules[candidate.rule]
            guard compiled.rule.isPrivacy, !compiled.rule.record, candidate.suppression == nil,
                (candidate.severity ?? compiled.severity(in: fileClass, path: path)) > .low
            else { continue }
            let kind = compiled.recordKind
            var kinds = kindsByLine[line, default: []]
            if kinds.count < needed && !kinds.contains(kind) {
                kinds.append(kind)
                kindsByLine[line] = kinds
            }
        }
        var kept: [FileScanner.Candidate] = []
        kept.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            let compiled = rules[candidate.rule]
            guard compiled.rule.recordOnlyIn.contains(fileClass) else {
                kept.append(candidate)
                continue
            }
            var kinds: [String] = []
            for line in (lines[index] - span)...(lines[index] + span) {
                for kind in kindsByLine[line] ?? [] where !kinds.contains(kind) { kinds.append(kind) }
            }
            guard kinds.count >= needed, kinds.contains(where: PrivacyPolicy.personKinds.contains) else { continue }
            var member = candidate
            if member.message == nil {
                member.message =
                    "\(compiled.rule.name) found (part of a person's record in \(fileClass.rawValue): \(kinds.sorted().joined(separator: ", ")) within \(span) lines)"
            }
            kept.append(member)
        }
        candidates = kept
    }
}

extension PersonRecord {
    /// Whether `rule` runs in `fileClass` only inside a record and finds contact details (an
    /// e-mail, phone or address) rather than whose record it is: such rules run only in a file
    /// where a match says whose record it could be, which leaves the result as it is.
    static func needsAPerson(_ compiled: CompiledRule, in fileClass: FileClass) -> Bool {
        compiled.rule.recordOnlyIn.contains(fileClass) && !PrivacyPolicy.personKinds.contains(compiled.recordKind)
    }

    /// Whether one of `candidates` names whose record it could be (a name, birth date or identifier).
    static func hasPerson(_ candidates: [FileScanner.Candidate], rules: [CompiledRule]) -> Bool {
        candidates.contains { candidate in
            let compiled = rules[candidate.rule]  // (fields read in place: copying the Rule would retain each)
            return compiled.rule.isPrivacy && candidate.suppression == nil && PrivacyPolicy.personKinds.contains(compiled.recordKind)
        }
    }
}
