/// The compiled rules of one run and the keyword prefilter that decides which of them run on a file.
public final class RuleSet: Sendable {
    public let rules: [CompiledRule]
    let automaton: KeywordAutomaton
    /// For each keyword of the automaton, the indices of the rules that list it.
    let rulesByKeyword: [[Int]]
    /// Rules without keywords: they run on every file.
    let unconditionalRules: [Int]
    /// Per keyword: whether a line-scoped rule uses it (its occurrences are recorded).
    let trackedKeywords: [Bool]
    /// Keywords of one byte (lower-cased) checked with memchr instead of the automaton.
    let singleByteKeywords: [(byte: UInt8, keyword: Int)]
    /// For each rule, whether it runs only on the lines holding its keywords (line scope, and no
    /// one-byte keyword such as '@': those are on most lines, and are not recorded).
    let searchesKeywordLines: [Bool]
    /// For each rule, the automaton indices of its keywords.
    let keywordsOfRule: [[Int]]
    /// For each keyword of the automaton, the pii/phi rules that need it as context in some file classes.
    let contextRulesByKeyword: [[Int]]
    /// For each rule of line scope that requires context in some file class, the automaton
    /// indices of its context words (their occurrences are recorded); empty for the others.
    let contextKeywordsOfRule: [[Int]]
    /// The pii/phi rules (gated by file class, context words and digit runs).
    let privacyRules: [Int]
    /// The smallest `min_digit_run`: the runs recorded for line-scoped numeric rules.
    let digitRunFloor: Int
    /// Each keyword's length in bytes.
    let keywordLengths: [Int]
    /// The largest capture-group count of any pattern (sizes the match data).
    public let maxGroups: Int

    /// Compiles `rules`; fails on the first pattern that does not compile or on a duplicate id.
    public init(_ rules: [Rule]) throws(PromptScanError) {
        var seen: [String: Rule.Origin] = [:]
        var compiled: [CompiledRule] = []
        compiled.reserveCapacity(rules.count)
        for rule in rules {
            if let first = seen[rule.id] {
                throw .ruleFile(
                    path: rule.origin.file, line: rule.origin.line, ruleID: rule.id, message: "duplicate rule id (first defined at \(first))")
            }
            seen[rule.id] = rule.origin
            compiled.append(try CompiledRule(rule))
        }
        self.rules = compiled
        var keywordIndex: [String: Int] = [:]
        var keywords: [String] = []
        var byKeyword: [[Int]] = []
        var unconditional: [Int] = []
        for (index, rule) in compiled.enumerated() {
            if rule.rule.keywords.isEmpty {
                unconditional.append(index)
                continue
            }
            for keyword in Set(rule.rule.keywords.map { $0.lowercased() }) {
                if let existing = keywordIndex[keyword] {
                    byKeyword[existing].append(index)
                } else {
                    keywordIndex[keyword] = keywords.count
                    keywords.append(keyword)
                    byKeyword.append([index])
                }
            }
        }
        var contextByKeyword = [[Int]](repeating: [], count: keywords.count)
        var contextKeywords = [[Int]](repeating: [], count: compiled.count)
        for (index, rule) in compiled.enumerated() where rule.rule.isPrivacy && !rule.rule.requiresContext.isEmpty {
            for word in Set(ContextMatcher.prefilterWords(rule.rule.context + rule.rule.contextKeys)) {
                let keyword: Int
                if let existing = keywordIndex[word] {
                    keyword = existing
                    contextByKeyword[existing].append(index)
                } else {
                    keyword = keywords.count
                    keywordIndex[word] = keywords.count
                    keywords.append(word)
                    byKeyword.append([])
                    contextByKeyword.append([index])
                }
                if rule.rule.scope.isLines { contextKeywords[index].append(keyword) }
            }
        }
        contextRulesByKeyword = contextByKeyword
        contextKeywordsOfRule = contextKeywords.map { Array(Set($0)).sorted() }
        privacyRules = compiled.indices.filter { compiled[$0].rule.isPrivacy }
        digitRunFloor = compiled.compactMap(\.rule.minDigitRun).min() ?? 1
        var tracked = [Bool](repeating: false, count: keywords.count)
        keywordsOfRule = compiled.map { rule in
            Array(Set(rule.rule.keywords.map { keywordIndex[$0.lowercased()]! })).sorted()
        }
        for (index, rule) in compiled.enumerated() where rule.rule.scope.isLines {
            // (One-byte keywords are never recorded: a rule with one runs on the whole file.)
            for keyword in keywordsOfRule[index] + contextKeywordsOfRule[index] where keywords[keyword].utf8.count > 1 {
                tracked[keyword] = true
            }
        }
        trackedKeywords = tracked
        keywordLengths = keywords.map(\.utf8.count)
        let ruleKeywords = keywordsOfRule
        searchesKeywordLines = compiled.indices.map { index in
            compiled[index].rule.scope.isLines && !ruleKeywords[index].isEmpty
                && ruleKeywords[index].allSatisfy { keywords[$0].utf8.count > 1 }
        }
        // One-byte keywords ('@', '.', ':') occur on almost every line: the automaton would stop on
        // each occurrence. Untracked ones are left out of it and found with one memchr per file.
        var singleBytes: [(byte: UInt8, keyword: Int)] = []
        var automatonKeywords = keywords
        for (index, keyword) in keywords.enumerated() where keyword.utf8.count == 1 && !tracked[index] {
            singleBytes.append((keyword.utf8.first!, index))
            automatonKeywords[index] = ""
        }
        singleByteKeywords = singleBytes
        automaton = KeywordAutomaton(keywords: automatonKeywords)
        rulesByKeyword = byKeyword
        unconditionalRules = unconditional
        maxGroups = compiled.map { max($0.pattern.captureBound, $0.allow.map(\.captureBound).max() ?? 0) }.max() ?? 0
    }

    /// What the keyword pass found in a file: the rules to run, and where the keywords of
    /// line-scoped rules occur (end offsets).
    public struct Prefilter: Sendable {
        public internal(set) var rules: [Int]
        /// End offsets of the recorded keywords' occurrences, grouped by keyword: those of keyword
        /// `k` are `ends[starts[k]..<starts[k + 1]]` (`starts` is empty when nothing was recorded).
        let ends: [Int]
        let starts: [Int32]
        /// Digit runs (end offset, length) of at least the smallest `min_digit_run` of the file's numeric
        /// rules, when one was triggered.
        var digitRuns: [(end: Int, length: Int)]? = nil
        /// For each recorded context keyword found: the end offsets of its occurrences that can be
        /// context words (whole tokens, `ContextMatcher.mayBeToken`; the matcher ignores the others),
        /// checked once for all the rules that use it.
        var contextEnds: [Int: [Int]] = [:]
        /// The file's lines longer than `RuleSet.longLine`, where rules search only near their
        /// hits, and the base64 runs on them.
        var longLines = LongLines.none

        /// Groups `hits` by keyword (a counting sort over `keywordCount` keywords).
        init(rules: [Int], hits: [(keyword: Int, end: Int)], keywordCount: Int, digitRuns: [(end: Int, length: Int)]?) {
            self.rules = rules
            self.digitRuns = digitRuns
            guard !hits.isEmpty else {
                ends = []
                starts = []
                return
            }
            var starts = [Int32](repeating: 0, count: keywordCount + 1)
            for hit in hits { starts[hit.keyword + 1] += 1 }
            for k in 0..<keywordCount { starts[k + 1] += starts[k] }
            var next = starts
            var ends = [Int](repeating: 0, count: hits.count)
            for hit in hits {
                ends[Int(next[hit.keyword])] = hit.end
                next[hit.keyword] += 1
            }
            self.ends = ends
            self.starts = starts
        }

        /// The end offsets of `keyword`'s occurrences.
        func ends(of keyword: Int) -> ArraySlice<Int> {
            guard !starts.isEmpty else { return [] }
            return ends[Int(starts[keyword])..<Int(starts[keyword + 1])]
        }
    }

    /// The keyword pass over `bytes` (a file of `fileClass`).
    public func prefilter(_ bytes: UnsafeRawBufferPointer, fileClass: FileClass) -> Prefilter {
        var seen = [Bool](repeating: false, count: automaton.keywordCount)
        var hits: [(keyword: Int, end: Int)] = []
        var found = automaton.scan(bytes, into: &seen, track: trackedKeywords, hits: &hits)
        markSingleBytes(bytes, &found)
        var prefilter = Prefilter(rules: [], hits: hits, keywordCount: automaton.keywordCount, digitRuns: nil)
        if bytes.count > Self.longLine { prefilter.longLines = Self.longLines(in: bytes) }
        for keyword in found where trackedKeywords[keyword] && !contextRulesByKeyword[keyword].isEmpty {
            let length = keywordLengths[keyword]
            prefilter.contextEnds[keyword] = prefilter.ends(of: keyword).filter { ContextMatcher.mayBeToken(bytes, ($0 - length)..<$0) }
        }
        prefilter.rules = triggered(found: found, prefilter: prefilter, bytes: bytes, fileClass: fileClass, digitRuns: &prefilter.digitRuns)
        return prefilter
    }

    /// The lines (byte ranges, each ending after its line break) holding one of `rule`'s keywords,
    /// merged where they touch; for a `line-and-next` rule, with the line after each.
    func keywordLines(of rule: Int, prefilter: Prefilter, in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ends: [Int] = []
        for keyword in keywordsOfRule[rule] { ends.append(contentsOf: prefilter.ends(of: keyword)) }
        if rules[rule].rule.scope == .lineAndNext { return Self.linesAndNext(holding: &ends, in: bytes, longLines: prefilter.longLines) }
        return Self.lines(holding: &ends, in: bytes, longLines: prefilter.longLines)
    }

    /// Where a match of a line-scoped `rule` can have context (`ContextMatcher.window`: the bytes
    /// before a value reach back to the previous line, those after it stay on its line): the lines
    /// holding one of its context words and the line after each, merged. Nil when the rule has no
    /// recorded context words.
    func contextLines(of rule: Int, prefilter: Prefilter, in bytes: UnsafeRawBufferPointer) -> [Range<Int>]? {
        guard !contextKeywordsOfRule[rule].isEmpty else { return nil }
        var ends: [Int] = []
        for keyword in contextKeywordsOfRule[rule] { ends.append(contentsOf: prefilter.contextEnds[keyword] ?? []) }
        return Self.linesAndNext(holding: &ends, in: bytes, longLines: prefilter.longLines)
    }

    /// The `\n`-ended lines holding the given offsets, each with the line after it, merged where
    /// they touch; `ends` is sorted in place. (Only `\n` ends a line here, as in the context window,
    /// so a lone `\r` never separates a value from its context.)
    static func linesAndNext(holding ends: inout [Int], in bytes: UnsafeRawBufferPointer, longLines: LongLines = .none) -> [Range<Int>] {
        guard !ends.isEmpty, let base = bytes.baseAddress else { return [] }
        ends.sort()
        let count = bytes.count
        /// The offset just after the first `\n` at or after `offset`, or `count`.
        func lineEnd(from offset: Int) -> Int {
            guard offset < count, let found = ByteSearch.first(10, in: base + offset, count: count - offset) else { return count }
            return base.distance(to: UnsafeRawPointer(found)) + 1
        }
        var ranges: [Range<Int>] = []
        var hitLineEnd = 0  // the end of the last hit's line: hits before it share that line
        var lastIsWindow = false
        var long = LongLineCursor(longLines)
        var token = 0..<0  // see `windowStop`
        for end in ends {
            let line = long.line(holding: end - 1)
            if !ranges.isEmpty && end <= hitLineEnd {
                if lastIsWindow, let line, let last = ranges.last, !long.insideEncodedRun(end) {
                    hitLineEnd = max(hitLineEnd, windowStop(after: end, line: line, in: bytes, token: &token))
                    ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, hitLineEnd)
                }
                continue
            }
            if let line {
                // A long line: only near the hit, as in `lines(holding:in:)`.
                if long.insideEncodedRun(end) { continue }
                let window = max(line.lowerBound, end - hitReachBefore)..<windowStop(after: end, line: line, in: bytes, token: &token)
                hitLineEnd = window.upperBound
                lastIsWindow = true
                if let last = ranges.last, window.lowerBound <= last.upperBound {
                    ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
                } else {
                    ranges.append(window)
                }
                continue
            }
            var start = end - 1
            while start > hitLineEnd && bytes[start - 1] != 10 { start -= 1 }
            lastIsWindow = false
            hitLineEnd = lineEnd(from: end - 1)
            let stop = lineEnd(from: hitLineEnd)
            if let last = ranges.last, start <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, stop)
            } else {
                ranges.append(start..<stop)
            }
        }
        return ranges
    }

    /// The parts of `ranges` (sorted, disjoint; nil is the whole file) inside `within` (sorted, disjoint).
    static func intersect(_ ranges: [Range<Int>?], _ within: [Range<Int>]) -> [Range<Int>?] {
        if ranges.count == 1, ranges[0] == nil { return within }
        var result: [Range<Int>?] = []
        var i = 0
        var j = 0
        while i < ranges.count && j < within.count {
            let a = ranges[i]!
            let b = within[j]
            let lower = max(a.lowerBound, b.lowerBound)
            let upper = min(a.upperBound, b.upperBound)
            if lower < upper { result.append(lower..<upper) }
            if a.upperBound <= b.upperBound { i += 1 } else { j += 1 }
        }
        return result
    }

    /// A line longer than this is searched only near its hits: a 4 MB line of base64 in a
    /// recording, or a 4 KB line of minified JSON, costs what the bytes near the keywords do rather
    /// than the whole line for every rule a keyword wakes (on short lines the two are the same).
    static let longLine = 2048
    /// How far the search reaches after a hit on a long line (a longer token is taken whole, see
    /// `windowStop`).
    static let hitReach = 256
    /// How far the search reaches back from a hit on a long line: a match may begin well before
    /// its keyword (an ADO.NET connection string from `Server=` to `Password=`, up to about 460 bytes).
    static let hitReachBefore = 512

    /// Just past the CR, LF or CRLF that ends the line holding `end - 1`, looked for before `limit`;
    /// nil when no line end comes before `limit` (and `limit` is short of the end of `bytes`).
    static func lineStop(after end: Int, limit: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var stop = min(limit, count)
        var found = stop == count
        if end < stop, let newline = ByteSearch.first(10, in: base + end, count: stop - end) {
            stop = base.distance(to: UnsafeRawPointer(newline))
            found = true
        }
        if end < stop, let carriage = ByteSearch.first(13, in: base + end, count: stop - end) {
            stop = base.distance(to: UnsafeRawPointer(carriage))
            found = true
        }
        guard found else { return nil }
        if stop < count && bytes[stop] == 13 { stop += 1 }
        if stop < count && bytes[stop] == 10 { stop += 1 }
        return stop
    }

    /// The end of the search window after a hit ending at `end` on the long line `line`:
    /// `hitReach` on, or the line's end if that comes first; a token that runs past that point (a
    /// long JWT) is taken whole, with the byte after it, up to `longestToken` after the hit.
    static func windowStop(after end: Int, line: Range<Int>, in bytes: UnsafeRawBufferPointer, token: inout Range<Int>) -> Int {
        let stop = min(line.upperBound, end + hitReach)
        guard stop < line.upperBound else { return stop }
        let cap = min(line.upperBound, end + longestToken)
        // `token` is the run of token bytes the last window ended in, as far as it was followed:
        // hits come in ascending order, so a run is followed once however many windows end in it.
        var tokenEnd = stop
        if token.lowerBound <= stop && stop < token.upperBound { tokenEnd = token.upperBound } else { token = stop..<stop }
        while tokenEnd < cap && isTokenByte(bytes[tokenEnd]) { tokenEnd += 1 }
        token = token.lowerBound..<max(token.upperBound, tokenEnd)
        return min(cap, tokenEnd + 1)
    }

    /// Bytes of a token: base64 and base64url, JWT dots, percent escapes.
    @inline(__always) static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 43 || b == 47 || b == 61 || b == 95 || b == 45
            || b == 46 || b == 37
    }

    /// How deep inside a base64 run a keyword hit is skipped (`LongLineCursor.insideEncodedRun`).
    static let encodedRun = 96
    /// How far a window reaches to take a token whole (a JWT pattern allows about 11 KB).
    static let longestToken = 16 * 1024

    /// The lines (merged where they touch) that hold the given offsets; `ends` is sorted in place.
    /// On one of `longLines` (`longLines(in:)`), only `hitReachBefore` bytes before and `hitReach`
    /// after each hit (merged), and no hit deep inside encoded text, so a search costs the same whatever the
    /// line's length.
    static func lines(holding ends: inout [Int], in bytes: UnsafeRawBufferPointer, longLines: LongLines = .none) -> [Range<Int>] {
        guard !ends.isEmpty, bytes.baseAddress != nil else { return [] }
        ends.sort()
        var ranges: [Range<Int>] = []
        var lastIsWindow = false
        var long = LongLineCursor(longLines)
        var token = 0..<0  // see `windowStop`
        for end in ends {
            let line = long.line(holding: end - 1)
            if let last = ranges.last, end <= last.upperBound {
                if lastIsWindow, let line, !long.insideEncodedRun(end) {
                    ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, windowStop(after: end, line: line, in: bytes, token: &token))
                }
                continue
            }
            var range: Range<Int>
            if let line {
                if long.insideEncodedRun(end) { continue }
                range = max(line.lowerBound, end - hitReachBefore)..<windowStop(after: end, line: line, in: bytes, token: &token)
                lastIsWindow = true
            } else {
                var start = end - 1
                while start > 0 && bytes[start - 1] != 10 && bytes[start - 1] != 13 { start -= 1 }
                // Past the first CR or LF at or after `end` (with no limit short of the end, always found).
                range = start..<(lineStop(after: end, limit: bytes.count, in: bytes) ?? bytes.count)
                lastIsWindow = false
            }
            if let last = ranges.last, range.lowerBound <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    /// The long lines of a file (`longLines(in:)`) and the base64 runs on them.
    struct LongLines: Sendable {
        /// Lines longer than `longLine`, each from its first byte to just past its `\n` (or the end), in order.
        var lines: [Range<Int>] = []
        /// Runs of at least `3 * encodedRun` token bytes (`isTokenByte`, dots excepted) on those lines, in order.
        var encodedRuns: [Range<Int>] = []
        static let none = LongLines()
    }

    /// The lines of `bytes` longer than `longLine`, and the base64 runs on them (one pass over
    /// each long line, once per file).
    static func longLines(in bytes: UnsafeRawBufferPointer) -> LongLines {
        guard let base = bytes.baseAddress else { return .none }
        var result = LongLines()
        var start = 0
        while start < bytes.count {
            var stop = bytes.count
            if let newline = ByteSearch.first(10, in: base + start, count: bytes.count - start) { stop = base.distance(to: UnsafeRawPointer(newline)) + 1 }
            if stop - start > longLine {
                result.lines.append(start..<stop)
                var run = start
                for i in start..<stop where !isTokenByte(bytes[i]) || bytes[i] == 46 {
                    if i - run >= 3 * encodedRun { result.encodedRuns.append(run..<i) }
                    run = i + 1
                }
                if stop - run >= 3 * encodedRun { result.encodedRuns.append(run..<stop) }
            }
            start = stop
        }
        return result
    }

    /// Walks a file's long lines and base64 runs alongside offsets given in ascending order.
    struct LongLineCursor {
        let long: LongLines
        var index = 0
        var runIndex = 0
        init(_ long: LongLines) { self.long = long }

        /// The long line holding `offset`, if any.
        mutating func line(holding offset: Int) -> Range<Int>? {
            while index < long.lines.count && long.lines[index].upperBound <= offset { index += 1 }
            return index < long.lines.count && long.lines[index].contains(offset) ? long.lines[index] : nil
        }

        /// Whether a keyword hit ending at `end` lies deep inside a run of base64 text (at least
        /// `encodedRun` token bytes after it, and twice that before it, its own bytes counted): a
        /// word that turned up by chance in encoded data, where no rule's match can begin or end.
        mutating func insideEncodedRun(_ end: Int) -> Bool {
            let runs = long.encodedRuns
            while runIndex < runs.count && runs[runIndex].upperBound < end + encodedRun { runIndex += 1 }
            return runIndex < runs.count && runs[runIndex].lowerBound <= end - 2 * encodedRun
        }
    }

    /// Whether `range`, a search range from `lines(holding:in:)` or `linesAndNext(holding:in:)`,
    /// was cut short of its line's end (a window on a long line): a match ending right at such a
    /// cut may be a longer token seen in part (the search resumes past it, see `FileScanner`).
    static func endsMidLine(_ range: Range<Int>, in bytes: UnsafeRawBufferPointer) -> Bool {
        range.upperBound < bytes.count && range.upperBound > range.lowerBound && bytes[range.upperBound - 1] != 10
            && bytes[range.upperBound - 1] != 13
    }

    /// The rules to run on a file of `fileClass` (see `triggered(found:prefilter:bytes:fileClass:digitRuns:)`).
    public func triggeredRules(in bytes: UnsafeRawBufferPointer, fileClass: FileClass) -> [Int] {
        prefilter(bytes, fileClass: fileClass).rules
    }

    /// The rules whose keywords were `found` (and the keyword-less ones), sorted; then for pii/phi
    /// rules the file-class gates (`classes`, no env files, the record rule never runs its pattern),
    /// context words where the class requires context, and the `min_digit_run` prefilter.
    /// A context word counts when one of its recorded occurrences can be a whole token.
    /// `digitRuns` is filled (one pass over the file) when a numeric rule needs the digit runs.
    private func triggered(
        found: [Int], prefilter: Prefilter, bytes: UnsafeRawBufferPointer, fileClass: FileClass,
        digitRuns: inout [(end: Int, length: Int)]?
    ) -> [Int] {
        var triggered = [Bool](repeating: false, count: rules.count)
        var contextSeen = [Bool](repeating: false, count: rules.count)
        for index in unconditionalRules { triggered[index] = true }
        for keyword in found {
            for rule in rulesByKeyword[keyword] { triggered[rule] = true }
            let contextRules = contextRulesByKeyword[keyword]
            guard !contextRules.isEmpty else { continue }
            if trackedKeywords[keyword] && prefilter.contextEnds[keyword]?.isEmpty != false { continue }
            for rule in contextRules { contextSeen[rule] = true }
        }
        var floor = Int.max  // the smallest `min_digit_run` of the numeric rules still in
        for index in privacyRules where triggered[index] {
            let compiled = rules[index]  // (fields read in place: copying the Rule would retain each)
            if compiled.rule.record || PrivacyPolicy.threshold(fileClass) == nil
                || !compiled.runs(in: fileClass)
                || (compiled.rule.requiresContext.contains(fileClass) && !contextSeen[index])
            {
                triggered[index] = false
                continue
            }
            if let minimum = compiled.rule.minDigitRun { floor = min(floor, minimum) }
        }
        if floor != .max {
            // One pass records every run of at least the smallest minimum of this file's numeric
            // rules: the longest for their gate, and the lines the line-scoped ones run on.
            let runs = DigitRun.runs(bytes, minimum: floor)
            digitRuns = runs
            let longest = runs.map(\.length).max() ?? 0
            for index in privacyRules where triggered[index] {
                if let minimum = rules[index].rule.minDigitRun, longest < minimum { triggered[index] = false }
            }
        }
        return triggered.indices.filter { triggered[$0] }
    }

    /// Adds to `found` the one-byte keywords present in `bytes` (either case for letters).
    private func markSingleBytes(_ bytes: UnsafeRawBufferPointer, _ found: inout [Int]) {
        guard let base = bytes.baseAddress, !singleByteKeywords.isEmpty else { return }
        for (byte, keyword) in singleByteKeywords {
            var present = ByteSearch.first(byte, in: base, count: bytes.count) != nil
            if !present, byte >= 97, byte <= 122 { present = ByteSearch.first(byte - 32, in: base, count: bytes.count) != nil }
            if present { found.append(keyword) }
        }
    }

    /// The index of the PHI record rule, if loaded.
    public var recordRule: Int? { rules.firstIndex { $0.rule.record } }
}
