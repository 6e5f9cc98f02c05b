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
