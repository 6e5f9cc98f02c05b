import Testing

@testable import PromptScanCore

/// The pii/phi rule keys: parsed, checked, and still strict about unknown keys.
@Suite struct PrivacyRuleLoaderTests {
    static func yaml(_ extra: String, category: String = "pii") -> String {
        """
        rules:
          - id: demo-id
            name: Demo id
            category: \(category)
            severity: high
            description: A demo.
            remediation: Remove it.
            pattern: '\\d{9}'
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            examples: ['id 123456789']
            negative_examples: ['id']
        """
    }

    func message(_ yaml: String) -> String? {
        do {
            _ = try RuleSet(try RuleLoader.parse(yaml: yaml, path: "p.yml"))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func parsesPrivacyKeys() throws {
        let rule = try RuleLoader.parse(
            yaml: Self.yaml(
                """
                confidence: 0.3
                context: [member id, ssn]
                context_keys: [memberId]
                requires_context: [code, doc]
                negative_context: [version]
                known_test: ['123456789']
                known_test_source: docs
                min_digit_run: 9
                record_kind: member
                classes: [prompt, fixture, code, doc]
                """), path: "p.yml")[0]
        #expect(rule.confidence == 0.3)
        #expect(rule.context == ["member id", "ssn"] && rule.contextKeys == ["memberId"])
        #expect(rule.requiresContext == [.code, .doc])
        #expect(rule.knownTest == ["123456789"] && rule.knownTestSource == "docs")
        #expect(rule.minDigitRun == 9 && rule.recordKind == "member")
        #expect(rule.classes == [.prompt, .fixture, .code, .doc])
        let everywhere = try RuleLoader.parse(yaml: Self.yaml("requires_context: true\ncontext: [ssn]"), path: "p.yml")[0]
        #expect(everywhere.requiresContext == Set(FileClass.allCases))
        // pii/phi rules default to confidence 0.5; secrets have none.
        #expect(try RuleLoader.parse(yaml: Self.yaml(""), path: "p.yml")[0].confidence == 0.5)
        #expect(try RuleLoader.parse(yaml: Self.yaml("", category: "secret"), path: "p.yml")[0].confidence == nil)
    }

    @Test func rejectsBadValues() {
        #expect(message(Self.yaml("contexts: [ssn]"))?.contains("unknown key (did you mean 'context'?)") == true)
        #expect(message(Self.yaml("confidence: 2"))?.contains("'confidence' must be a number from 0 to 1") == true)
        #expect(message(Self.yaml("requires_context: true"))?.contains("needs 'context'") == true)
        #expect(message(Self.yaml("requires_context: [kode]\ncontext: [x]"))?.contains("unknown file class in 'requires_context'") == true)
        #expect(message(Self.yaml("min_digit_run: 0"))?.contains("min_digit_run") == true)
        #expect(message(Self.yaml("context: [ssn]", category: "secret"))?.contains("only for pii and phi rules") == true)
        #expect(message(Self.yaml("known_test: ['(']"))?.contains("known_test pattern") == true)
    }
}
