import Testing

@testable import PromptScanCore

/// Every default rule's examples match (at the marked value, also after multi-byte text, with CRLF
/// endings, in JSON, YAML and Markdown carriers) and its negative examples do not.
@Suite struct RuleExamplesTests {
    static let ruleSet: RuleSet = try! RuleSet(RuleCatalog.defaultRules())
    static let failuresByRule: [String: [RuleTester.Failure]] = Dictionary(
        grouping: RuleTester(ruleSet: ruleSet).run(), by: \.ruleID)

    @Test("rule examples", arguments: ruleSet.rules.map(\.rule.id))
    func examples(ruleID: String) {
        let failures = Self.failuresByRule[ruleID] ?? []
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyRuleHasExamplesAndNegatives() {
        for compiled in Self.ruleSet.rules {
            #expect(!compiled.rule.examples.isEmpty, "\(compiled.rule.id) has no examples")
            #expect(!compiled.rule.negativeExamples.isEmpty, "\(compiled.rule.id) has no negative examples")
        }
    }

    @Test func defaultSetIsLargeAndCoversTheRequiredFamilies() {
        let ids = Set(Self.ruleSet.rules.map(\.rule.id))
        let secretRules = Self.ruleSet.rules.filter { $0.rule.category == .secret }
        #expect(secretRules.count >= 120)
        for required in [
            "anthropic-api-key", "anthropic-admin-key", "openai-project-key", "google-api-key", "aws-access-key-id",
            "aws-secret-access-key", "github-personal-access-token", "npm-access-token", "private-key", "jwt",
            "slack-bot-token", "stripe-live-secret-key", "postgres-uri-password", "generic-password-assignment",
        ] {
            #expect(ids.contains(required), "missing \(required)")
        }
    }

    @Test func checksumRulesUseTheirValidator() {
        let byID = Dictionary(uniqueKeysWithValues: Self.ruleSet.rules.map { ($0.rule.id, $0) })
        #expect(byID["github-personal-access-token"]?.validator?.name == "github-crc32")
        #expect(byID["npm-access-token"]?.validator?.name == "github-crc32")
        #expect(byID["jwt"]?.validator?.name == "jwt")
    }

    /// A mutant rule whose negative example matches must be reported by the tester (the tester itself works).
    @Test func testerReportsBrokenExamples() throws {
        let yaml = """
            rules:
              - id: broken
                name: Broken
                category: secret
                severity: high
                description: d
                remediation: r
                keywords: [tok_]
                pattern: '(?<secret>tok_[a-z0-9]{16})'
                examples: ['x = ⟦tok_q7x2m9k4w1z8p3r6⟧', 'no token here']
                negative_examples: ['tok_k3v9q1x7m2w8z4r6']
            """
        let failures = RuleTester(ruleSet: try RuleSet(RuleLoader.parse(yaml: yaml, path: "t.yml"))).run()
        #expect(failures.count == 2)
        #expect(failures.contains { $0.message.contains("does not match") && $0.origin.line == 10 })
        #expect(failures.contains { $0.message.contains("negative example matches") })
    }
}
