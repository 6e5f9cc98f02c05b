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
    @Test(arguments: [512, 513, 700, 4095, 4096, 4099, 9000, 20_001])
    func twoWalksFindWhatANaiveSearchFinds(size: Int) {
        let keywords = ["ab", "abcab", "ba", "cabbage", "aaaa", "c"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var text = (0..<size).map { _ in [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "C"), UInt8(ascii: "x")].randomElement(using: &generator)! }
            // Plant a long keyword across each part boundary (halves, quarters), shifted each round.
            for boundary in [size / 4, size / 2, 3 * (size / 4)] {
                let at = boundary - 6 + round % 7
                text.replaceSubrange(at..<at + 7, with: Array("CABBAGE".utf8))
            }
            let automaton = KeywordAutomaton(keywords: keywords)
            var seen = [Bool](repeating: false, count: keywords.count)
            var pairs: [(keyword: Int, end: Int)] = []
            let found = text.withUnsafeBytes { automaton.scan($0, into: &seen, track: [true, true, true, true, false, true], hits: &pairs) }
            #expect(Set(found) == Set(keywords.indices.filter { seen[$0] }) && found.count == Set(found).count)
            let hits = keywords.indices.map { index in pairs.filter { $0.keyword == index }.map(\.end) }
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

    /// The lines of line-scoped rules: each hit's line with its CR, LF or CRLF ending, merged where
    /// lines touch; compared with a character-by-character split.
    @Test func keywordLinesMatchASimpleSplit() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...60, using: &generator)).map { _ in Array("ab\r\n".utf8).randomElement(using: &generator)! }
            // Simple split: a line is a run of non-break bytes plus "\r\n", "\r" or "\n".
            var lines: [Range<Int>] = []
            var start = 0
            var i = 0
            while i < text.count {
                if text[i] == 13 || text[i] == 10 {
                    let crlf = text[i] == 13 && i + 1 < text.count && text[i + 1] == 10
                    i += crlf ? 2 : 1
                    lines.append(start..<i)
                    start = i
                } else {
                    i += 1
                }
            }
            if start < text.count { lines.append(start..<text.count) }
            var ends = (0..<3).map { _ in Int.random(in: 1...text.count, using: &generator) }
            // Expected: the lines holding byte `end - 1`, merged where they touch.
            var expected: [Range<Int>] = []
            for line in lines where ends.contains(where: { line.contains($0 - 1) }) {
                if let last = expected.last, last.upperBound == line.lowerBound {
                    expected[expected.count - 1] = last.lowerBound..<line.upperBound
                } else {
                    expected.append(line)
                }
            }
            // (A hit on a line break itself stands for the line that break ends.)
            let got = text.withUnsafeBytes { RuleSet.lines(holding: &ends, in: $0) }
            if ends.allSatisfy({ text[$0 - 1] != 13 && text[$0 - 1] != 10 }) {
                #expect(got == expected, "\(text) \(ends)")
            }
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
