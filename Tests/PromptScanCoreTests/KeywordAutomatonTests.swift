import Testing
@testable import PromptScanCore

@Suite struct KeywordAutomatonTests {
    func seen(_ keywords: [String], in text: String) -> [String] {
        let automaton = KeywordAutomaton(keywords: keywords)
        var flags = [Bool](repeating: false, count: keywords.count)
        Array(text.utf8).withUnsafeBytes { _ = automaton.scan($0, into: &flags) }
        return keywords.indices.filter { flags[$0] }.map { keywords[$0] }
    }

    @Test func findsOverlappingAndNestedKeywords() {
        #expect(seen(["he", "she", "his", "hers"], in: "ushers") == ["he", "she", "hers"])
        #expect(seen(["sk-ant-api03", "sk-", "api"], in: "x sk-ant-api03-y") == ["sk-ant-api03", "sk-", "api"])
    }

    @Test func isCaseInsensitiveForASCII() {
        #expect(seen(["t3blbkfj", "AKIA"], in: "...T3BlbkFJ... akia") == ["t3blbkfj", "AKIA"])
    }

    @Test func ignoresAbsentKeywordsAndNonASCII() {
        #expect(seen(["ghp_", "xoxb-"], in: "nothing here ü ghp xoxb") == [])
        #expect(seen(["é"], in: "café") == ["é"])
    }

    /// Large buffers are walked as two halves at once: every occurrence is still found once,
    /// including those that straddle the middle, compared with a naive search.
    @Test(arguments: [512, 513, 700, 9000, 20_001])
    func twoWalksFindWhatANaiveSearchFinds(size: Int) {
        let keywords = ["ab", "abcab", "ba", "cabbage", "aaaa", "c"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var text = (0..<size).map { _ in [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "C"), UInt8(ascii: "x")].randomElement(using: &generator)! }
            // Plant a long keyword across the middle, shifted each round.
            let at = size / 2 - 6 + round % 7
            text.replaceSubrange(at..<at + 7, with: Array("CABBAGE".utf8))
            let automaton = KeywordAutomaton(keywords: keywords)
            var seen = [Bool](repeating: false, count: keywords.count)
            var hits = [[Int]](repeating: [], count: keywords.count)
            text.withUnsafeBytes { _ = automaton.scan($0, into: &seen, track: [true, true, true, true, false, true], hits: &hits) }
            let lower = text.map(KeywordAutomaton.fold)
            for (index, keyword) in keywords.enumerated() {
                let needle = Array(keyword.utf8)
                let ends = (0...(lower.count - needle.count)).filter { Array(lower[$0..<$0 + needle.count]) == needle }.map { $0 + needle.count }
                #expect(seen[index] == !ends.isEmpty, "\(keyword) seen")
                if index != 4 { #expect(hits[index].sorted() == ends, "\(keyword) hits, size \(size)") }
            }
            #expect(!hits[3].isEmpty)
        }
    }

    @Test func ruleSetRunsOnlyTriggeredRules() throws {
        let yaml = """
            rules:
              - {id: a, name: A, category: secret, severity: low, description: d, remediation: r, keywords: [alpha_], pattern: 'alpha_\\d+', examples: [alpha_1], negative_examples: [alpha]}
              - {id: b, name: B, category: secret, severity: low, description: d, remediation: r, keywords: [beta_], pattern: 'beta_\\d+', examples: [beta_1], negative_examples: [beta]}
              - {id: c, name: C, category: secret, severity: low, description: d, remediation: r, pattern: 'gamma_\\d+', examples: [gamma_1], negative_examples: [gamma]}
            """
        let set = try RuleSet(RuleLoader.parse(yaml: yaml, path: "k.yml"))
        func triggered(_ text: String) -> [Int] { Array(text.utf8).withUnsafeBytes { set.triggeredRules(in: $0, fileClass: .other) } }
        #expect(triggered("BETA_9") == [1, 2])
        #expect(triggered("nothing") == [2])
        #expect(triggered("alpha_ beta_") == [0, 1, 2])
    }
}
