import Dispatch

/// Scans the bytes of one file with a rule set: prefilter, regex candidates, confirmation
/// (entropy, placeholder filter, allow list, validator), one finding per span, then line and
/// column for the survivors only. A pure function of its inputs; safe to call from many threads
/// with one `MatchScratch` each.
public struct FileScanner: Sendable {
    public let ruleSet: RuleSet
    public let showSecrets: Bool
    public let fingerprinter: Fingerprinter
    /// Client terms (`--terms`), matched after the rules when set.
    public var terms: TermsMatcher? = nil
    /// Caps on findings per rule and per file.
    public var limits = FindingLimits()

    public init(ruleSet: RuleSet, showSecrets: Bool = false, fingerprinter: Fingerprinter = Fingerprinter()) {
        self.ruleSet = ruleSet
        self.showSecrets = showSecrets
        self.fingerprinter = fingerprinter
    }

    /// A confirmed match before locations are computed.
    struct Candidate {
        let rule: Int
        let secret: Range<Int>
        /// pii/phi rules: the severity after validation and file-class escalation, and the score.
        var severity: Severity? = nil
        var suppression: Suppression? = nil
        var confidence: Double? = nil
        var contextHit: Bool? = nil
        var message: String? = nil
    }

    /// Findings and notices for `bytes`, the content of `path`. `startsFile` is false for the later
    /// windows of a large file (their first line is no CSV header).
    ///
    /// The steps: the prefilter picks the rules whose keywords occur; each rule searches its
    /// ranges and confirms its matches (`searchRule`); values a specific rule rejected are taken
    /// from the generic rules (`dropVetoed`); the rest become findings (`findings(from:)`).
    public func scan(
        _ bytes: UnsafeRawBufferPointer, path: String, fileClass: FileClass, scratch: MatchScratch,
        onlyRules: Set<Int>? = nil, startsFile: Bool = true
    ) -> (findings: [Finding], notices: [Notice]) {
        var candidates: [Candidate] = []
        var vetoed: [Range<Int>] = []  // values a specific rule recognised and rejected
        var notices: [Notice] = []
        let running = rulesToRun(onlyRules)
        let prefilter = ruleSet.prefilter(bytes, fileClass: fileClass)
        let columnDelimiter = startsFile ? ContextMatcher.columnDelimiter(path: path) : nil
        var digitRuns = prefilter.digitRuns
        var digitLines: [Int: [Range<Int>]] = [:]  // by minimum run length, shared by numeric rules
        var headerTable: Bool?  // whether the file holds a table with column headers, once a rule asks
        var needingAPerson: [Int] = []  // record-only contact rules: run once a match names a person
        for index in prefilter.rules {
            if let running, !running.contains(index) { continue }
            let compiled = ruleSet.rules[index]
            guard compiled.applies(toPath: path, fileClass: fileClass) else { continue }
            if PersonRecord.needsAPerson(compiled, in: fileClass) {
                needingAPerson.append(index)
                continue
            }
            searchRule(
                index, compiled, in: bytes, path: path, fileClass: fileClass, scratch: scratch, prefilter: prefilter,
                columnDelimiter: columnDelimiter, digitRuns: &digitRuns, digitLines: &digitLines, headerTable: &headerTable,
                candidates: &candidates, vetoed: &vetoed, notices: &notices)
        }
        if !needingAPerson.isEmpty, PersonRecord.hasPerson(candidates, rules: ruleSet.rules) {
            for index in needingAPerson {
                searchRule(
                    index, ruleSet.rules[index], in: bytes, path: path, fileClass: fileClass, scratch: scratch, prefilter: prefilter,
                    columnDelimiter: columnDelimiter, digitRuns: &digitRuns, digitLines: &digitLines, headerTable: &headerTable,
                    candidates: &candidates, vetoed: &vetoed, notices: &notices)
            }
        }
        dropVetoed(&candidates, vetoed)
        let found = findings(
            from: candidates, notices: &notices, in: bytes, path: path, fileClass: fileClass, scratch: scratch, onlyRules: onlyRules,
            running: running)
        return (found, notices)
    }

    /// The rules to run when only `onlyRules` are asked for (nil: all). The record rule is
    /// computed from the other pii/phi findings: run those too.
    func rulesToRun(_ onlyRules: Set<Int>?) -> Set<Int>? {
        var running = onlyRules
        // The record rules are made of the other pii/phi rules' matches: a person record in code
        // (`record_only_in`) too, and a date's verdict depends on the known values beside it.
        if let only = onlyRules, only.contains(where: { ruleSet.rules[$0].dependsOnOtherRules }) {
            running = only.union(ruleSet.privacyRules)
        }
        return running
    }

    /// Runs rule `index` over its ranges of `bytes`: confirmed matches become candidates, values it
    /// recognised and rejected vetoes, a PCRE2 limit a notice.
    func searchRule(
        _ index: Int, _ compiled: CompiledRule, in bytes: UnsafeRawBufferPointer, path: String, fileClass: FileClass,
        scratch: MatchScratch, prefilter: RuleSet.Prefilter, columnDelimiter: UInt8?, digitRuns: inout [(end: Int, length: Int)]?,
        digitLines: inout [Int: [Range<Int>]], headerTable: inout Bool?, candidates: inout [Candidate], vetoed: inout [Range<Int>],
        notices: inout [Notice]
    ) {
        let before = candidates.count
        let started = RuleProfiler.shared != nil ? DispatchTime.now().uptimeNanoseconds : 0
        var matched = 0
        defer {
            if let profiler = RuleProfiler.shared {
                profiler.add(rule: index, nanoseconds: DispatchTime.now().uptimeNanoseconds - started, candidates: matched)
            }
        }
        let ranges = searchRanges(
            index, compiled, in: bytes, fileClass: fileClass, prefilter: prefilter, columnDelimiter: columnDelimiter,
            digitRuns: &digitRuns, digitLines: &digitLines, headerTable: &headerTable)
        do {
            for range in ranges {
                // A window on a long line (`RuleSet.lines(holding:in:)`): a match that runs to its
                // end may be part of a longer token, so it is searched again from its start with
                // the rest of the line (up to `RuleSet.longestToken`) in view.
                let cutAt = range.flatMap { RuleSet.endsMidLine($0, in: bytes) ? $0.upperBound : nil }
                var resume: Int?
                try compiled.pattern.forEachMatch(in: bytes, range: range, scratch: scratch) { match in
                    if let cutAt, match.whole.upperBound == cutAt {
                        resume = match.whole.lowerBound
                        return
                    }
                    matched += 1
                    consider(
                        match, index, compiled, in: bytes, path: path, fileClass: fileClass, scratch: scratch,
                        columnDelimiter: columnDelimiter, candidates: &candidates, vetoed: &vetoed)
                }
                if let resume, let cutAt {
                    let stop =
                        RuleSet.lineStop(after: resume, limit: resume + RuleSet.longestToken, in: bytes) ?? min(bytes.count, resume + RuleSet.longestToken)
                    try compiled.pattern.forEachMatch(in: bytes, range: resume..<stop, scratch: scratch) { match in
                        // Matches that start past the cut belong to the windows after it.
                        guard match.whole.lowerBound < cutAt else { return }
                        matched += 1
                        consider(
                            match, index, compiled, in: bytes, path: path, fileClass: fileClass, scratch: scratch,
                            columnDelimiter: columnDelimiter, candidates: &candidates, vetoed: &vetoed)
                    }
                }
            }
        } catch {
            notices.append(stoppedEarly(error, compiled, path: path))
        }
        // A rule with `requires` reports only when its co-occurring pattern is in the same file,
        // or with `requires_lines`, within that many lines of each match.
        if candidates.count > before, let requires = compiled.requires {
            if compiled.rule.requiresLines > 0 {
                let lines = compiled.rule.requiresLines
                var kept = Array(candidates[..<before])
                for candidate in candidates[before...] {
                    let window = Self.lineWindow(in: bytes, around: candidate.secret, lines: lines)
                    if requires.matches(UnsafeRawBufferPointer(rebasing: bytes[window]), scratch: scratch) { kept.append(candidate) }
                }
                candidates = kept
            } else if !requires.matches(bytes, scratch: scratch) {
                candidates.removeSubrange(before...)
            }
        }
    }

    /// How far a `requires_lines` window reaches either side of a match, whatever the lines' length.
    static let requiresWindowBytes = 1 << 16

    /// The bytes from `lines` lines before `range` to `lines` lines after it, at most
    /// `requiresWindowBytes` either side.
    static func lineWindow(in bytes: UnsafeRawBufferPointer, around range: Range<Int>, lines: Int) -> Range<Int> {
        var start = range.lowerBound
        var newlines = 0
        let floor = max(0, range.lowerBound - requiresWindowBytes)
        while start > floor {
            if bytes[start - 1] == 10 {
                if newlines == lines { break }
                newlines += 1
            }
            start -= 1
        }
        var end = range.upperBound
        newlines = 0
        let ceiling = min(bytes.count, range.upperBound + requiresWindowBytes)
        while end < ceiling {
            if bytes[end] == 10 {
                if newlines == lines { break }
                newlines += 1
            }
            end += 1
        }
        return start..<end
    }

    /// Where rule `index` searches `bytes`: the lines its keywords are on, the lines holding a long
    /// enough digit run (a numeric rule without keywords), or everywhere (`[nil]`); for a rule that
    /// needs context in this class, only near its context words.
    func searchRanges(
        _ index: Int, _ compiled: CompiledRule, in bytes: UnsafeRawBufferPointer, fileClass: FileClass, prefilter: RuleSet.Prefilter,
        columnDelimiter: UInt8?, digitRuns: inout [(end: Int, length: Int)]?, digitLines: inout [Int: [Range<Int>]],
        headerTable: inout Bool?
    ) -> [Range<Int>?] {
        var ranges: [Range<Int>?]
        if ruleSet.searchesKeywordLines[index] {
            ranges = ruleSet.keywordLines(of: index, prefilter: prefilter, in: bytes)
        } else if compiled.rule.scope.isLines, compiled.rule.keywords.isEmpty, let minimum = compiled.rule.minDigitRun {
            // A numeric rule without keywords: only the lines holding a long enough digit run.
            if digitRuns == nil { digitRuns = DigitRun.runs(bytes, minimum: ruleSet.digitRunFloor) }
            if let known = digitLines[minimum] {
                ranges = known
            } else {
                var ends = digitRuns!.filter { $0.length >= minimum }.map(\.end)
                let lines = RuleSet.lines(holding: &ends, in: bytes, longLines: prefilter.longLines)
                digitLines[minimum] = lines
                ranges = lines
            }
        } else {
            ranges = [nil]
        }
        // A rule that needs context in this class: only where its context words can be (in a
        // CSV or TSV file a column header gives context to every row, so all lines; so does the
        // header of an HTML table, or of a notebook's printed table, for a rule that reads it).
        if compiled.rule.requiresContext.contains(fileClass), !ranges.isEmpty, columnDelimiter == nil,
            !(compiled.rule.tableHeaderContext && Self.holdsTable(bytes, fileClass: fileClass, cached: &headerTable)),
            let near = ruleSet.contextLines(of: index, prefilter: prefilter, in: bytes)
        {
            ranges = RuleSet.intersect(ranges, near)
        }
        return ranges
    }

    /// Whether the file holds a table whose column headers a rule can read, looked for once per
    /// file: an HTML table, or in a notebook a printed one (`ContextMatcher.holdsHTMLTable`,
    /// `holdsTextTable`).
    static func holdsTable(_ bytes: UnsafeRawBufferPointer, fileClass: FileClass, cached: inout Bool?) -> Bool {
        if let known = cached { return known }
        let found = ContextMatcher.holdsHTMLTable(bytes) || (fileClass == .notebook && ContextMatcher.holdsTextTable(bytes))
        cached = found
        return found
    }

    /// Confirms one match of rule `index`: a candidate when its checks pass (pii/phi rules through
    /// `privacyCandidate`), a veto when a specific rule recognised the value and rejected it.
    func consider(
        _ match: Pattern.Match, _ index: Int, _ compiled: CompiledRule, in bytes: UnsafeRawBufferPointer, path: String,
        fileClass: FileClass, scratch: MatchScratch, columnDelimiter: UInt8?, candidates: inout [Candidate], vetoed: inout [Range<Int>]
    ) {
        guard !match.secret.isEmpty else { return }
        if compiled.rule.isPrivacy {
            if let candidate = privacyCandidate(
                index, match.secret, in: bytes, fileClass: fileClass, columnDelimiter: columnDelimiter, scratch: scratch)
            {
                candidates.append(candidate)
            }
            return
        }
        // Inside base64 media (an image or audio body) only rules with a checksum or
        // structure check are trusted: any other pattern occurs there by chance.
        if compiled.validator == nil, MachineData.insideBinaryBase64(bytes, match.secret) { return }
        // In a program's source an unquoted right-hand side is an expression (`const apiKey =
        // usesSigV4Auth`), not a literal; only configuration and shell files hold bare values.
        if compiled.rule.generic, SourceLanguage.isExpression(match.secret, in: bytes, path: path) { return }
        switch confirm(compiled, UnsafeRawBufferPointer(rebasing: bytes[match.secret]), scratch: scratch) {
        case .accept:
            // A published example value (Patterns/known-examples.yml) is a suppressed note.
            if !compiled.knownExamples.isEmpty,
                let source = compiled.knownExamples.source(of: Array(bytes[match.secret]), scratch: scratch)
            {
                candidates.append(knownExampleCandidate(index, match.secret, source: source))
                return
            }
            var candidate = Candidate(rule: index, secret: match.secret)
            if compiled.rule.generic, compiled.rule.category == .secret {
                let key = UnsafeRawBufferPointer(rebasing: bytes[match.whole.lowerBound..<match.secret.lowerBound])
                let strong = compiled.validator != nil || (compiled.strongKey?.matches(key, scratch: scratch) ?? false)
                let severity = compiled.severity(in: fileClass, path: path)
                var capped = SeverityPolicy.genericSeverity(severity, in: fileClass, strongKey: strong)
                if capped > .low, compiled.validator == nil,
                    let reason = SeverityPolicy.exampleAssignment(match.secret, in: bytes, fileClass: fileClass, path: path)
                {
                    capped = .low
                    candidate.message = "\(compiled.rule.name) found (\(reason))"
                }
                if capped != severity { candidate.severity = capped }
            }
            if !compiled.rule.expiryParameters.isEmpty,
                let expiry = SignedURL.expiry(around: match.secret, in: bytes, parameters: compiled.rule.expiryParameters),
                expiry < SignedURL.Moment.now
            {
                candidate.severity = .low
                candidate.message = "\(compiled.rule.name) found, but it expired on \(expiry.date) and no longer grants access"
            } else if !compiled.rule.expiryParameters.isEmpty, SignedURL.isReadOnlyMediaLink(around: match.secret, in: bytes) {
                candidate.severity = .low
                candidate.message = "\(compiled.rule.name) found, but it only reads one image or media file"
            }
            candidates.append(candidate)
        case let .failedCheck(explanation):
            // A value in the rule's exact format (a checksummed token) whose check fails:
            // kept at low, with the reason, instead of vanishing; generic rules stay quiet on it.
            var candidate = Candidate(rule: index, secret: match.secret)
            candidate.severity = .low
            candidate.message = "\(compiled.rule.name) found, but \(explanation)"
            candidates.append(candidate)
            vetoed.append(match.secret)
        case .reject where !compiled.rule.generic && compiled.rule.category != .consumerEndpoint:
            // (A consumer-endpoint rule rejecting a value, e.g. a JWT from another issuer,
            // says nothing about whether it is a secret.)
            vetoed.append(match.secret)
        case .reject:
            break
        }
    }

    /// The notice for a rule whose matching PCRE2 stopped early on `path`.
    func stoppedEarly(_ error: MatchLimitError, _ compiled: CompiledRule, path: String) -> Notice {
        let message: String
        switch error {
        case let .limitExceeded(_, text), let .failed(_, text):
            message = "matching stopped early (\(text)); the rest of this file was not searched by this rule"
        }
        return Notice(kind: .ruleLimit, path: path, message: message, ruleID: compiled.rule.id)
    }

    /// A value that a specific rule recognised (its format matched) and then rejected (bad
    /// checksum, documentation example, placeholder) is not re-reported by a generic rule.
    func dropVetoed(_ candidates: inout [Candidate], _ vetoed: [Range<Int>]) {
        if !vetoed.isEmpty {
            let vetoes = OverlapIndex(vetoed)
            candidates.removeAll { candidate in
                ruleSet.rules[candidate.rule].rule.generic && vetoes.overlaps(candidate.secret)
            }
        }
    }

    /// The findings of the surviving candidates: one per span, capped, located, with the record
    /// rule's finding and the client terms' added, limited to `onlyRules`, fingerprinted.
    func findings(
        from candidates: [Candidate], notices: inout [Notice], in bytes: UnsafeRawBufferPointer, path: String, fileClass: FileClass,
        scratch: MatchScratch, onlyRules: Set<Int>?, running: Set<Int>?
    ) -> [Finding] {
        var candidates = candidates
        // Dates first: they read the known test values among all candidates, before the person-record
        // pass drops code's contact matches that are in no record.
        demoteDatesBesideKnownValues(&candidates, in: bytes)
        PersonRecord.keepRecords(&candidates, ruleSet: ruleSet, fileClass: fileClass, path: path, in: bytes)
        var kept = resolveOverlaps(candidates)
        if kept.contains(where: { ruleSet.rules[$0.rule].rule.isPrivacy }), let reason = PrivacyPolicy.madeUpDataReason(path: path, bytes: bytes) {
            // A file whose name says its people are made up (FakeNameGenerator.com_3000.csv,
            // synthetic_patients.json), or that Synthea wrote: its personal data are example
            // values, reported as notes.
            for index in kept.indices where kept[index].suppression == nil && ruleSet.rules[kept[index].rule].rule.isPrivacy {
                kept[index] = knownExampleCandidate(
                    kept[index].rule, kept[index].secret, source: reason, confidence: kept[index].confidence,
                    contextHit: kept[index].contextHit)
            }
        }
        // Caps first, so that a file of a million emails never becomes a million findings in memory.
        let (cappedRules, cappedFile) = limits.apply(&kept) { ruleSet.rules[$0.rule].rule.id }
        for ruleID in cappedRules { notices.append(limits.notice(path: path, ruleID: ruleID)) }
        if cappedFile { notices.append(limits.notice(path: path, ruleID: nil)) }
        var findings = locate(kept, in: bytes, path: path, fileClass: fileClass)
        if let record = ruleSet.recordRule, running?.contains(record) ?? true, PrivacyPolicy.recordClasses.contains(fileClass),
            let finding = PHIRecord.finding(
                from: findings, rule: ruleSet.rules[record].rule, ruleSet: ruleSet, fingerprinter: fingerprinter, showSecrets: showSecrets)
        {
            findings.append(finding)
            findings.sort(by: Finding.reportOrder)
        }
        if let terms, onlyRules == nil {
            let termFindings = clientTermFindings(terms, in: bytes, path: path, fileClass: fileClass, scratch: scratch)
            if !termFindings.isEmpty {
                findings.append(contentsOf: termFindings)
                findings.sort(by: Finding.reportOrder)
            }
        }
        if let onlyRules, running != onlyRules {
            let ids = Set(onlyRules.map { ruleSet.rules[$0].rule.id })
            findings.removeAll { !ids.contains($0.ruleID) }
        }
        fingerprinter.assignAnchored(&findings)
        return findings
    }

    /// What the rule's checks say about a candidate value.
    enum Verdict: Equatable {
        case accept
        case reject
        /// The value has the rule's format but its checksum fails (reported at low, with this reason).
        case failedCheck(String)
    }

    /// Whether a candidate value survives the rule's checks.
    func confirm(_ compiled: CompiledRule, _ value: UnsafeRawBufferPointer, scratch: MatchScratch) -> Verdict {
        if let minimum = compiled.rule.entropy, Entropy.shannon(value) < Entropy.minimum(minimum, for: value) { return .reject }
        let bytes = Array(value)
        let credentialLike = compiled.rule.category == .secret || compiled.rule.category == .consumerEndpoint
        if credentialLike, PlaceholderFilter.isPlaceholder(bytes, generic: compiled.rule.generic) { return .reject }
        if credentialLike, compiled.rule.generic,
            NonSecretValue.matches(
                bytes, password: compiled.rule.namesPassword, credentialURL: compiled.rule.namesConnectionPassword)
        {
            return .reject
        }
        for allow in compiled.allow where allow.matches(value, scratch: scratch) { return .reject }
        if let validator = compiled.validator, !validator.check(bytes) {
            return validator.failure.map(Verdict.failedCheck) ?? .reject
        }
        return .accept
    }

    /// Keeps one candidate per span: where spans overlap, a specific rule beats a generic one, then
    /// higher severity, then the longer span, then the earlier rule.
    ///
    /// Spans only compete within a cluster of spans that overlap one another (transitively), so
    /// each cluster is settled on its own and a span that overlaps nothing is kept at once: many
    /// findings cost n log n, not n² (inserting each into one sorted list moved the others).
    func resolveOverlaps(_ candidates: [Candidate]) -> [Candidate] {
        guard candidates.count > 1 else { return candidates }
        let byStart = candidates.sorted {
            $0.secret.lowerBound != $1.secret.lowerBound
                ? $0.secret.lowerBound < $1.secret.lowerBound : $0.secret.upperBound < $1.secret.upperBound
        }
        var kept: [Candidate] = []
        kept.reserveCapacity(byStart.count)
        var clusterStart = 0
        var clusterEnd = byStart[0].secret.upperBound
        for index in 1...byStart.count {
            if index < byStart.count, byStart[index].secret.lowerBound < clusterEnd {
                clusterEnd = max(clusterEnd, byStart[index].secret.upperBound)
                continue
            }
            if index - clusterStart == 1 {
                kept.append(byStart[clusterStart])
            } else {
                kept.append(contentsOf: resolveCluster(byStart[clusterStart..<index]))
            }
            if index < byStart.count {
                clusterStart = index
                clusterEnd = byStart[index].secret.upperBound
            }
        }
        return kept
    }

    /// `resolveOverlaps` for spans that overlap one another; returns the kept ones sorted by start.
    func resolveCluster(_ candidates: ArraySlice<Candidate>) -> [Candidate] {
        let rules = ruleSet.rules
        let ranked = candidates.sorted { a, b in
            let ra = rules[a.rule].rule
            let rb = rules[b.rule].rule
            if ra.generic != rb.generic { return !ra.generic }
            let sa = a.severity ?? ra.severity
            let sb = b.severity ?? rb.severity
            if sa != sb { return sa > sb }
            if a.secret.count != b.secret.count { return a.secret.count > b.secret.count }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.secret.lowerBound < b.secret.lowerBound
        }
        var accepted: [Candidate] = []  // kept sorted by start offset
        for candidate in ranked {
            // Binary search for the insertion point, then check the neighbours for overlap.
            var low = 0
            var high = accepted.count
            while low < high {
                let mid = (low + high) / 2
                if accepted[mid].secret.lowerBound < candidate.secret.lowerBound { low = mid + 1 } else { high = mid }
            }
            if low > 0, accepted[low - 1].secret.overlaps(candidate.secret) { continue }
            if low < accepted.count, accepted[low].secret.overlaps(candidate.secret) { continue }
            accepted.insert(candidate, at: low)
        }
        return accepted
    }

    /// Turns byte ranges (sorted by start) into findings with lines and columns, counting newlines
    /// once from the start of the file to the last finding.
    func locate(_ candidates: [Candidate], in bytes: UnsafeRawBufferPointer, path: String, fileClass: FileClass) -> [Finding] {
        guard !candidates.isEmpty else { return [] }
        var locator = LineLocator(bytes)
        // One pass for the marker per file with findings; the per-line check only where it occurs
        // (a long minified line with many findings would otherwise be re-read for each).
        let mayAllow = InlineAllow.occurs(in: bytes)
        var allowedLine: (start: Int, allowed: Bool)? = nil  // findings on one line share the answer
        return candidates.indices.map { index in
            let candidate = candidates[index]
            let compiled = ruleSet.rules[candidate.rule]
            let rule = compiled.rule
            let value = Array(bytes[candidate.secret])
            // A value with a small search space gets an anchor instead of a value hash (Fingerprinter).
            let byValue = fingerprinter.hashesValue(
                UnsafeRawBufferPointer(rebasing: bytes[candidate.secret]), category: rule.category, generic: rule.generic)
            let anchor =
                byValue
                ? nil
                : Fingerprinter.anchor(
                    of: candidate.secret, in: bytes, masked: Self.neighbours(of: index, in: candidates))
            let start = locator.position(of: candidate.secret.lowerBound)
            let end = locator.end(of: candidate.secret, startingAt: start)
            var allowed = false
            if mayAllow {
                if let known = allowedLine, known.start == start.lineStart {
                    allowed = known.allowed
                } else {
                    allowed = InlineAllow.covers(bytes, lineStart: start.lineStart)
                    allowedLine = (start.lineStart, allowed)
                }
            }
            var finding = Finding(
                ruleID: rule.id,
                ruleName: rule.name,
                category: rule.category,
                severity: candidate.severity ?? compiled.severity(in: fileClass, path: path),
                path: path,
                line: start.line,
                column: start.column,
                endLine: end.line,
                endColumn: end.column,
                byteRange: candidate.secret,
                fileClass: fileClass,
                message: candidate.message ?? rule.message ?? "\(rule.name) found",
                preview: Redaction.preview(value),
                fingerprint: byValue ? fingerprinter.fingerprint(ruleID: rule.id, value: value) : "",
                fingerprintAnchor: anchor,
                validator: compiled.validator?.name,
                revealed: showSecrets ? String(decoding: value, as: UTF8.self) : nil,
                allowedInline: allowed
            )
            finding.suppression = candidate.suppression
            finding.confidence = candidate.confidence
            finding.contextHit = candidate.contextHit
            finding.hint = PrivacyHint.hint(value, ruleID: rule.id, category: rule.category)
            return finding
        }
    }

    /// The values matched near candidate `index` (candidates are sorted by start): cut out of its anchor.
    static func neighbours(of index: Int, in candidates: [Candidate]) -> [Range<Int>] {
        let reach = Fingerprinter.anchorReach
        let span = candidates[index].secret
        var out: [Range<Int>] = []
        var other = index - 1
        // (An earlier value may be long: every one starting up to 1 KiB before is considered.)
        while other >= 0, index - other <= 64, candidates[other].secret.lowerBound + 1024 + reach > span.lowerBound {
            if candidates[other].secret.upperBound + reach > span.lowerBound { out.append(candidates[other].secret) }
            other -= 1
        }
        other = index + 1
        while other < candidates.count, candidates[other].secret.lowerBound < span.upperBound + reach {
            out.append(candidates[other].secret)
            other += 1
        }
        return out
    }
}
