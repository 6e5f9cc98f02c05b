extension FileScanner {
    /// Scores a pii/phi match with the confidence model (docs/detection.md, "Confidence model"): base confidence, a
    /// validator (reject drops, pass raises to 0.85), machine data (`MachineData`), negative context, context words and keys
    /// (+0.35, at least 0.5; with a `columnDelimiter`, the header of the value's CSV or TSV column
    /// too), the file class's threshold and context requirement; then known test values become
    /// suppressed notes, validator-downgraded values low, and matches in files sent to a model one
    /// level more severe. Nil when the match is not reported.
    func privacyCandidate(
        _ index: Int, _ range: Range<Int>, in bytes: UnsafeRawBufferPointer, fileClass: FileClass, columnDelimiter: UInt8?,
        scratch: MatchScratch
    ) -> Candidate? {
        guard let threshold = PrivacyPolicy.threshold(fileClass) else { return nil }
        let compiled = ruleSet.rules[index]
        let valueBytes = UnsafeRawBufferPointer(rebasing: bytes[range])
        for allow in compiled.allow where allow.matches(valueBytes, scratch: scratch) { return nil }
        let value = Array(valueBytes)
        var score = compiled.rule.confidence ?? 0.5
        var assessment = Validator.Assessment.accept
        if let validator = compiled.validator {
            assessment = validator.assess(value)
            if assessment == .reject { return nil }
            score = max(score, PrivacyPolicy.validatedConfidence)
        }
        // Machine data (base64 bodies, SDP, CDN cookies, telemetry keys, bare numbers under keys
        // that name nothing about a person) holds no person's identifiers.
        if MachineData.reason(in: bytes, around: range, context: compiled.context) != nil { return nil }
        if !compiled.negativeContext.isEmpty {
            let start = max(0, range.lowerBound - 16)
            if compiled.negativeContext.matches(Array(bytes[start..<range.lowerBound])[...]) { return nil }
        }
        let contextHit: Bool
        if compiled.context.isEmpty {
            contextHit = false
        } else if compiled.rule.tableHeaderContext, fileClass == .notebook,
            let header = compiled.context.textColumnHeaderHit(in: bytes, around: range)
        {
            // In a notebook's printed table the column header is the context of a rule that reads
            // it: the row above is another record.
            contextHit = header
        } else {
            contextHit =
                compiled.context.hit(in: bytes, around: range)
                || columnDelimiter.map { compiled.context.columnHeaderHit(in: bytes, around: range, delimiter: $0) } == true
                || (compiled.rule.tableHeaderContext && compiled.context.htmlColumnHeaderHit(in: bytes, around: range))
        }
        if contextHit { score = max(score + PrivacyPolicy.contextBoost, 0.5) }
        if compiled.rule.requiresContext.contains(fileClass) && !contextHit { return nil }
        guard score >= threshold else { return nil }
        var candidate = Candidate(rule: index, secret: range, confidence: min(score, 1), contextHit: contextHit)
        var knownTest: String?
        if case let .knownTest(reason) = assessment { knownTest = reason }
        if knownTest == nil { knownTest = compiled.knownExamples.source(of: value, scratch: scratch) }
        if let knownTest {
            candidate = knownExampleCandidate(index, range, source: knownTest, confidence: candidate.confidence, contextHit: contextHit)
        } else if case let .low(reason) = assessment {
            candidate.severity = .low
            candidate.message = "\(compiled.rule.name) found (\(reason))"
        } else if !compiled.publicContext.isEmpty
            && (compiled.publicContext.hitNearby(in: bytes, around: range, linesBefore: compiled.rule.publicLines, linesAfter: 0)
                || MachineData.quotedValueKey(of: range, in: bytes).map(compiled.publicContext.matches) == true)
        {
            // A package's author or maintainer, a copyright or sign-off line: published with the code;
            // a public figure's profile (an encyclopedia's "(born …) is an actress"), or a news report.
            candidate.severity = .low
            candidate.message =
                "\(compiled.rule.name) found (published metadata: an author, maintainer or copyright line, a public figure's profile or a news report)"
        } else if let quiet = compiled.rule.severityWithoutContext, !contextHit {
            // Prose with no word about a patient or customer near it: a biography's, most often.
            candidate.severity = quiet
            candidate.message = "\(compiled.rule.name) found (no word about a patient or customer near it)"
        } else if PrivacyPolicy.isOrganisations(compiled, value: value, in: bytes, around: range) {
            // A company's premises or a published contact mailbox: shown, never failing a run.
            candidate.severity = .low
            candidate.message = "\(compiled.rule.name) found (an organisation's, by the words around it)"
        } else if PrivacyPolicy.escalates(fileClass) {
            candidate.severity = compiled.rule.severity.raised
        }
        return candidate
    }
}

extension FileScanner {
    /// A match that is a published example value (`source` says whose): low, with an external
    /// suppression, so it is reported as a note and never fails a run.
    func knownExampleCandidate(
        _ index: Int, _ range: Range<Int>, source: String, confidence: Double? = nil, contextHit: Bool? = nil
    ) -> Candidate {
        var candidate = Candidate(rule: index, secret: range, confidence: confidence, contextHit: contextHit)
        candidate.severity = .low
        candidate.suppression = .knownTestValue(source)
        candidate.message = Finding.knownExampleMessage(ruleSet.rules[index].rule.name)
        return candidate
    }
}

extension FileScanner {
    /// Client-term hits as findings under `TermsMatcher.rule`: the message and preview name the
    /// entry's opaque id and kind, never the term; critical in files sent to a model.
    func clientTermFindings(
        _ terms: TermsMatcher, in bytes: UnsafeRawBufferPointer, path: String, fileClass: FileClass, scratch: MatchScratch
    ) -> [Finding] {
        let hits = terms.hits(in: bytes, scratch: scratch)
        guard !hits.isEmpty else { return [] }
        var locator = LineLocator(bytes)
        let rule = TermsMatcher.rule
        return hits.map { hit in
            let value = Array(bytes[hit.range])
            let start = locator.position(of: hit.range.lowerBound)
            let end = locator.end(of: hit.range, startingAt: start)
            return Finding(
                ruleID: rule.id, ruleName: rule.name, category: rule.category,
                severity: PrivacyPolicy.escalates(fileClass) ? .critical : hit.severity, path: path,
                line: start.line, column: start.column, endLine: end.line, endColumn: end.column, byteRange: hit.range,
                fileClass: fileClass, message: "client identifier \(hit.id) (\(hit.kind)) in \(fileClass.rawValue) file",
                preview: "\(hit.id) (\(String(decoding: value, as: UTF8.self).count) chars)",
                fingerprint: fingerprinter.hasSecretKey ? fingerprinter.fingerprint(ruleID: rule.id + ":" + hit.id, value: value) : "",
                fingerprintAnchor: fingerprinter.hasSecretKey ? nil : Fingerprinter.anchor(of: hit.range, in: bytes, masked: []),
                validator: nil,
                revealed: showSecrets ? String(decoding: value, as: UTF8.self) : nil)
        }
    }
}

extension FileScanner {
    /// Why a date in a file of documentation mail addresses is a note.
    static let madeUpMailboxSource = "a date in a file whose e-mail addresses are documentation addresses: its people are made up"

    /// A birth date, a date about a patient or an age on the same line as a well-known test value
    /// of a person (the SSN 123-45-6789, John Doe, a 555-01xx number, an example.com address)
    /// belongs to a sample record (a redaction demo's sentence with a birth date and the SSN
    /// 123-45-6789): a date cannot be told from a real one by itself, so it takes the record's
    /// verdict and becomes a known example too. Identifiers that can be checked (an SSN, an e-mail)
    /// keep their own verdict.
    ///
    /// The same holds for a whole file whose e-mail addresses, `PrivacyPolicy.madeUpMailboxes` of
    /// them at least, are documentation addresses (example.com, a test mail domain), nine in ten or
    /// more (a simulated user in a recorded dialogue may invent a gmail.com one): its people are
    /// made up (a benchmark's user table, a fixture of personas), and so are their birth dates,
    /// wherever in their records those sit. The other addresses keep their own verdict.
    func demoteDatesBesideKnownValues(_ candidates: inout [Candidate], in bytes: UnsafeRawBufferPointer) {
        let rules = ruleSet.rules
        func kind(_ candidate: Candidate) -> String? {
            let compiled = rules[candidate.rule]  // (fields read in place: copying the Rule would retain each)
            return compiled.rule.isPrivacy && !compiled.rule.record ? compiled.recordKind : nil
        }
        func isDate(_ candidate: Candidate) -> Bool { candidate.suppression == nil && kind(candidate).map(PrivacyPolicy.sampleDateKinds.contains) == true }
        func isKnownPerson(_ candidate: Candidate) -> Bool {
            candidate.suppression != nil && kind(candidate).map(PrivacyPolicy.sampleAnchorKinds.contains) == true
        }
        guard candidates.contains(where: isDate), candidates.contains(where: isKnownPerson) else { return }
        let mailboxes = candidates.filter { kind($0) == "email" }
        let documentation = mailboxes.count { $0.suppression != nil }
        let source: String
        let demotes: (Int) -> Bool
        if mailboxes.count >= PrivacyPolicy.madeUpMailboxes && documentation * 10 >= mailboxes.count * 9 {
            source = Self.madeUpMailboxSource
            demotes = { _ in true }
        } else {
            let lines = LineLocator.lines(of: candidates.map(\.secret.lowerBound), in: bytes)
            let knownLines = Set(candidates.indices.filter { isKnownPerson(candidates[$0]) }.map { lines[$0] })
            source = "a date in a sample record, beside a well-known test value on the same line"
            demotes = { knownLines.contains(lines[$0]) }
        }
        for index in candidates.indices where isDate(candidates[index]) && demotes(index) {
            let candidate = candidates[index]
            candidates[index] = knownExampleCandidate(
                candidate.rule, candidate.secret, source: source, confidence: candidate.confidence, contextHit: candidate.contextHit)
        }
    }
}
