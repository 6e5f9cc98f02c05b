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
        #expect(
            error(Self.valid.replacingOccurrences(of: "category: secret", with: "category: secrets"))?.description
                .contains("unknown category (expected") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "severity: high", with: "severity: urgent"))?.description
                .contains("unknown severity (expected") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "entropy: 2.5", with: "entropy: lots"))?.description
                .contains("'entropy' must be a number") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    validator: crc99"))?.description
                .contains("unknown validator (known: ") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "id: demo-token", with: "id: Demo Token"))?.description
                .contains("id must be lowercase") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "    name: Demo token\n", with: ""))?.description
                .contains("missing required key 'name'") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    strong_key: 'api_key'"))?.description
                .contains("'strong_key' is only for generic rules") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    requires_lines: 5"))?.description
                .contains("'requires_lines' needs 'requires'") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    requires: 'x'\n    requires_lines: 0"))?.description
                .contains("'requires_lines' must be a whole number from 1 to 1000") == true)
        let privacy = Self.valid.replacingOccurrences(of: "category: secret", with: "category: phi")
            .replacingOccurrences(of: "    entropy: 2.5", with: "    context: [patient]\n    severity_without_context: quiet")
        #expect(error(privacy)?.description.contains("'severity_without_context' must be one of low, medium, high, critical") == true)
        #expect(
            error(privacy.replacingOccurrences(of: "    context: [patient]\n", with: "").replacingOccurrences(of: "quiet", with: "low"))?
                .description.contains("'severity_without_context' needs 'context' or 'context_keys'") == true)
        #expect(
            error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    severity_without_context: low"))?.description
                .contains("'severity_without_context' is only for pii and phi rules") == true)
        #expect(try RuleLoader.parse(yaml: privacy.replacingOccurrences(of: "quiet", with: "low"), path: "x.yml")[0].severityWithoutContext == .low)
        #expect(
            error(Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    expiry_parameters: ['se&x']"))?.description
                .contains("'expiry_parameters' holds 'se&x', not a query parameter name") == true)
        #expect(
            try RuleLoader.parse(yaml: Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    expiry_parameters: [se, ske]"), path: "x.yml")[0]
                .expiryParameters == ["se", "ske"])
    }

    @Test func strongKeyIsReadForGenericRules() throws {
        let yaml = Self.valid.replacingOccurrences(of: "    entropy: 2.5", with: "    generic: true\n    strong_key: '(?i)access_token'")
        let rules = try RuleLoader.parse(yaml: yaml, path: "x.yml")
        #expect(rules[0].strongKey == "(?i)access_token")
        #expect(
            error(yaml.replacingOccurrences(of: "'(?i)access_token'", with: "'(?i)access_(token'"))?.description
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
        // A key given twice in one mapping: the line of its first use, not just the file.
        let twice = try #require(self.error("rules:\n  - id: x\n    name: a\n    name: b\n"))
        #expect(twice.description.hasPrefix("error: bad.yml:3:"), "\(twice.description)")
        #expect(twice.description.contains("duplicated key in a mapping"))
    }

    @Test func topLevelMustBeRules() throws {
        #expect(error("rule: []\n")?.description.contains("unknown top-level key (expected 'rules' or 'known_examples')") == true)
        #expect(error("- a\n")?.description.contains("expected a mapping") == true)
    }
}
