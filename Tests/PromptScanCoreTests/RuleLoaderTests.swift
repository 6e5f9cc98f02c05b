import Testing
@testable import PromptScanCore

@Suite struct RuleLoaderTests {
    static let valid = """
        rules:
          - id: demo-token
            name: Demo token
            category: secret
            severity: high
            description: A demo.
            remediation: Rotate it.
            keywords: [demo_]
            pattern: '(?<secret>demo_[a-z0-9]{12})'
            entropy: 2.5
            examples: ['⟦demo_a1b2c3d4e5f6⟧']
            negative_examples: ['demo_']
        """

    @Test func parsesAValidRule() throws {
        let rules = try RuleLoader.parse(yaml: Self.valid, path: "x.yml")
        #expect(rules.count == 1)
        let rule = rules[0]
        #expect(rule.id == "demo-token")
        #expect(rule.category == .secret)
        #expect(rule.severity == .high)
        #expect(rule.entropy == 2.5)
        #expect(rule.examples[0].expectedSecret == "demo_a1b2c3d4e5f6")
        #expect(rule.examples[0].text == "demo_a1b2c3d4e5f6")
        #expect(rule.origin == Rule.Origin(file: "x.yml", line: 2))
    }

    func error(_ yaml: String) -> PromptScanError? {
        do {
            _ = try RuleSet(try RuleLoader.parse(yaml: yaml, path: "bad.yml"))
            return nil
        } catch {
            return error
        }
    }

    @Test func badPatternNamesFileRuleAndOffset() throws {
        let broken = Self.valid.replacingOccurrences(of: "(?<secret>demo_[a-z0-9]{12})", with: "(?<secret>demo_[a-z0-9{12}")
        let error = try #require(self.error(broken))
        #expect(error.description.hasPrefix("error: bad.yml:2: rule 'demo-token': pattern does not compile at offset 26:"))
        #expect(error.description.contains("missing terminating ]"))
        #expect(error.exitCode == 2)
    }

    @Test func unknownKeyNamesItsLine() throws {
        let yaml = Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    entropy: 2.5\n    severty: low")
        let error = try #require(self.error(yaml))
        #expect(error.description == "error: bad.yml:11: rule 'demo-token': unknown key (did you mean 'severity'?)")
    }

    @Test func badValuesAreErrors() throws {
        #expect(error(Self.valid.replacingOccurrences(of: "category: secret", with: "category: secrets"))?.description
            .contains("unknown category (expected") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "severity: high", with: "severity: urgent"))?.description
            .contains("unknown severity (expected") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "entropy: 2.5", with: "entropy: lots"))?.description
            .contains("'entropy' must be a number") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    validator: crc99"))?.description
            .contains("unknown validator (known: ") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "id: demo-token", with: "id: Demo Token"))?.description
            .contains("id must be lowercase") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "    name: Demo token\n", with: ""))?.description
            .contains("missing required key 'name'") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    strong_key: 'api_key'"))?.description
            .contains("'strong_key' is only for generic rules") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    requires_lines: 5"))?.description
            .contains("'requires_lines' needs 'requires'") == true)
        #expect(error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    requires: 'x'\n    requires_lines: 0"))?.description
            .contains("'requires_lines' must be a whole number from 1 to 1000") == true)
    }

    @Test func strongKeyIsReadForGenericRules() throws {
        let yaml = Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    generic: true\n    strong_key: '(?i)access_token'")
        let rules = try RuleLoader.parse(yaml: yaml, path: "x.yml")
        #expect(rules[0].strongKey == "(?i)access_token")
        #expect(error(yaml.replacingOccurrences(of: "'(?i)access_token'", with: "'(?i)access_(token'"))?.description
            .contains("strong_key pattern") == true)
    }

    @Test func duplicateIDsAreErrors() throws {
        let twice = Self.valid + "\n" + Self.valid.replacingOccurrences(of: "rules:\n", with: "")
        let error = try #require(self.error(twice))
        #expect(error.description.contains("duplicate rule id (first defined at bad.yml:2)"))
    }

    @Test func invalidYAMLNamesTheLine() throws {
        let error = try #require(self.error("rules:\n  - id: x\n    name: [unclosed\n"))
        #expect(error.description.hasPrefix("error: bad.yml:"))
        #expect(error.description.contains("invalid YAML"))
    }

    @Test func topLevelMustBeRules() throws {
        #expect(error("rule: []\n")?.description.contains("unknown top-level key (expected 'rules' or 'known_examples')") == true)
        #expect(error("- a\n")?.description.contains("expected a mapping") == true)
    }
}
