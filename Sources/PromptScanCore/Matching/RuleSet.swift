/// The compiled rules of one run and the keyword prefilter that decides which of them run on a file.
public final class RuleSet: Sendable {
    public let rules: [CompiledRule]
    let automaton: KeywordAutomaton
    /// For each keyword of the automaton, the indices of the rules that list it.
    let rulesByKeyword: [[Int]]
    /// Rules without keywords: they run on every file.
    let unconditionalRules: [Int]
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
        automaton = KeywordAutomaton(keywords: keywords)
        rulesByKeyword = byKeyword
        unconditionalRules = unconditional
        maxGroups = compiled.map { max($0.pattern.captureCount, $0.allow.map(\.captureCount).max() ?? 0) }.max() ?? 0
    }

    /// The indices of the rules whose keywords occur in `bytes` (and the keyword-less ones), sorted.
    public func triggeredRules(in bytes: UnsafeRawBufferPointer) -> [Int] {
        var seen = [Bool](repeating: false, count: automaton.keywordCount)
        let found = automaton.scan(bytes, into: &seen)
        if found == 0 { return unconditionalRules }
        var triggered = [Bool](repeating: false, count: rules.count)
        for index in unconditionalRules { triggered[index] = true }
        for (keyword, wasSeen) in seen.enumerated() where wasSeen {
            for rule in rulesByKeyword[keyword] { triggered[rule] = true }
        }
        return triggered.indices.filter { triggered[$0] }
    }
}
