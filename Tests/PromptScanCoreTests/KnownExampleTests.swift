import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Known example values (`known_examples:` in rule files, `Patterns/known-examples.yml`): loading
/// and its errors, the matcher's value, pattern, domain and network checks, and the scanner turning
/// a published example into a suppressed note, for secret rules as well as pii/phi rules.
@Suite struct KnownExampleTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func scan(_ text: String, as fileClass: FileClass = .other, rules: RuleSet = Self.rules) -> [Finding] {
        scanText(text, rules: rules, as: fileClass, path: "f.txt")
    }

    static let ruleYAML = """
        rules:
          - id: acme-token
            name: Acme token
            category: secret
            severity: high
            description: d
            remediation: r
            keywords: [acme_]
            pattern: '(?<secret>acme_[A-Za-z0-9]{12})'
            examples: ['⟦acme_Q8f3Kx9LmZ2p⟧']
            negative_examples: ['acme_short']
        """

    // MARK: - Loading

    @Test func entriesLoadBesideRulesAndAttachToTheirRules() throws {
        let yaml =
            Self.ruleYAML + """

                known_examples:
                  - id: acme-docs
                    rules: [acme-token]
                    source: Acme API reference
                    references: ['https://acme.invalid/docs']
                    values: [acme_DOCSEXAMPLE1]
                    examples: ['token acme_DOCSEXAMPLE1']
                    negative_examples: ['token acme_Q8f3Kx9LmZ2p']
                """
        let file = try RuleLoader.parseFile(yaml: yaml, path: "acme.yml")
        #expect(file.rules.map(\.id) == ["acme-token"])
        let entry = try #require(file.knownExamples.first)
        #expect(entry.id == "acme-docs" && entry.source == "Acme API reference" && entry.values == ["acme_DOCSEXAMPLE1"])
        #expect(entry.origin == Rule.Origin(file: "acme.yml", line: 13))
        var rules = file.rules
        try KnownExample.attach(file.knownExamples, to: &rules)
        #expect(rules[0].knownExamples == [entry])
        let set = try RuleSet(rules)
        #expect(RuleTester(ruleSet: set).run().isEmpty)
        let note = try #require(scan("token acme_DOCSEXAMPLE1", rules: set).first)
        #expect(note.severity == .low && note.suppression?.justification == "well-known public test value: Acme API reference")
        let real = try #require(scan("token acme_Q8f3Kx9LmZ2p", rules: set).first)
        #expect(real.severity == .high && real.suppression == nil)
    }

    @Test func aFileMayHoldOnlyKnownExamples() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write(
            "extra.yml",
            """
            known_examples:
              - id: team-card
                rules: [payment-card]
                source: our QA card
                values: ['4929 5260 1815 9081']
                examples: ['card 4929 5260 1815 9081']
            """)
        let set = try RuleSet(RuleCatalog.load(extra: [file.path]))
        let finding = try #require(scan("card 4929-5260-1815-9081", rules: set).first { $0.ruleID == "payment-card" })
        #expect(finding.suppression?.justification == "well-known public test value: our QA card")
        // The default set alone still reports it.
        #expect(scan("card 4929-5260-1815-9081").first { $0.ruleID == "payment-card" }?.suppression == nil)
    }

    @Test func loadErrorsNameTheFileLineAndEntry() throws {
        func message(_ entry: String) -> String? {
            do {
                var file = try RuleLoader.parseFile(yaml: Self.ruleYAML + "\nknown_examples:\n" + entry, path: "k.yml")
                try KnownExample.attach(file.knownExamples, to: &file.rules)
                _ = try RuleSet(file.rules)
                return nil
            } catch {
                return error.description
            }
        }
        let base = "  - id: e\n    rules: [acme-token]\n    source: s\n"
        #expect(message(base + "    values: [acme_x]\n") == nil)
        #expect(message(base)?.contains("needs 'values', 'patterns', 'domains' or 'networks'") == true)
        #expect(message("  - id: e\n    rules: [acme-token]\n    values: [x]\n")?.contains("'source'") == true)
        let unknownKey = message(base + "    values: [x]\n    colour: red\n")
        #expect(unknownKey?.contains("unknown key (known:") == true)
        #expect(unknownKey?.contains("colour") == false, "a rule file's unknown key is not quoted back")
        let unknownRule = message("  - id: e\n    rules: [nope]\n    source: s\n    values: [x]\n")
        #expect(unknownRule?.contains("k.yml:13") == true && unknownRule?.contains("names rule 'nope'") == true)
        #expect(message(base + "    patterns: ['(']\n")?.contains("does not compile") == true)
        #expect(message(base + "    networks: ['10.0.0.0/33']\n")?.contains("not an address range") == true)
        #expect(message(base + "    values: [x]\n" + base + "    values: [y]\n")?.contains("duplicate known example id 'e'") == true)
    }

    // MARK: - Matching

    @Test func networksMatchByPrefix() throws {
        let net = try #require(KnownExampleMatcher.Network("198.51.100.0/24"))
        #expect(net.contains(KnownExampleMatcher.address(of: Array("198.51.100.254".utf8))!))
        #expect(!net.contains(KnownExampleMatcher.address(of: Array("198.51.101.1".utf8))!))
        #expect(net.contains(KnownExampleMatcher.address(of: Array("::ffff:198.51.100.7".utf8))!))
        let v6 = try #require(KnownExampleMatcher.Network("2001:db8::/32"))
        #expect(v6.contains(KnownExampleMatcher.address(of: Array("2001:db8:ffff::1%eth0".utf8))!))
        #expect(!v6.contains(KnownExampleMatcher.address(of: Array("2001:db9::1".utf8))!))
        let host = try #require(KnownExampleMatcher.Network("8.8.8.8"))
        #expect(host.prefix == 32 && !host.contains(KnownExampleMatcher.address(of: Array("8.8.8.9".utf8))!))
        #expect(KnownExampleMatcher.Network("8.8.8.8/40") == nil && KnownExampleMatcher.Network("dns.google") == nil)
    }

    @Test func domainsMatchTheHostOrASubdomain() {
        #expect(KnownExampleMatcher.host(of: Array("Jane@Mail.Example.COM".utf8)) == "mail.example.com")
        #expect(KnownExampleMatcher.host(of: Array("https://user:pw@db.example.org:5432/x".utf8)) == "db.example.org")
        for (text, suppressed) in [
            ("email: jane@example.com", true), ("email: jane@dept.example.org", true),
            ("email: jane@notexample.com", false), ("email: jane@example.com.evil.io", false),
        ] {
            let finding = scan(text, as: .fixture).first { $0.ruleID == "email-address" }
            #expect(finding != nil && (finding?.suppression != nil) == suppressed, "\(text)")
        }
    }

    // MARK: - The default list

    @Test func stripeOutcomeCardsAreNotesNotCriticals() throws {
        // Both were reported critical in an agent config before they were listed.
        for text in ["'3d_secure': '4000002500003155',", "'insufficient_funds': '4000000000009995'", "card 4000 0000 0000 0002"] {
            let finding = try #require(scan(text, as: .agentConfig).first { $0.ruleID == "payment-card" }, "\(text)")
            #expect(finding.severity == .low && finding.suppression?.justification.contains("Stripe") == true, "\(text)")
        }
    }

    @Test func secretRuleExamplesAreNotesThatNeverFailARun() throws {
        var fake = FakeSecrets(seed: 12)
        let realLooking = fake.awsKeyID()
        let texts = [
            "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "aws_access_key_id='AKIA6666666666666666'", "password: SuperSecret123!",
            "ConnectionString=\"Server=db01;Database=app;User Id=sa;Password=YourStrong@Passw0rd;\"",
        ]
        for text in texts {
            let findings = scan(text, as: .code)
            #expect(!findings.isEmpty && findings.allSatisfy { $0.suppression != nil && $0.severity == .low }, "\(text)")
            var report = ScanReport()
            report.findings = findings
            #expect(report.failing(at: .low).isEmpty, "\(text)")
        }
        let real = try #require(scan("AWS_ACCESS_KEY_ID=\(realLooking)", as: .code).first { $0.ruleID == "aws-access-key-id" })
        #expect(real.severity == .critical && real.suppression == nil)
    }

    @Test func everyDefaultEntryHasASourceReferencesAndExamples() {
        for entry in DefaultRules.knownExamples {
            #expect(!entry.source.isEmpty && !entry.references.isEmpty, "\(entry.id)")
            #expect(!entry.examples.isEmpty, "\(entry.id) has no examples")
            #expect(!entry.negativeExamples.isEmpty, "\(entry.id) has no negative examples")
        }
    }

    /// The default entries' examples and negative examples, run by the rule tester (the same check
    /// `promptscan rules test` makes).
    @Test func defaultEntriesPassTheirExamples() {
        let scanner = FileScanner(ruleSet: Self.rules, showSecrets: true)
        let failures = RuleTester(ruleSet: Self.rules).knownExampleFailures(scanner, scratch: MatchScratch(groups: Self.rules.maxGroups + 1))
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    /// The tester notices an entry whose example is not suppressed and a negative example that is.
    @Test func testerReportsBrokenEntries() throws {
        let yaml =
            Self.ruleYAML + """

                known_examples:
                  - id: broken
                    rules: [acme-token]
                    source: s
                    values: [acme_DOCSEXAMPLE1]
                    examples: ['token acme_Q8f3Kx9LmZ2p']
                    negative_examples: ['token acme_DOCSEXAMPLE1']
                """
        var file = try RuleLoader.parseFile(yaml: yaml, path: "b.yml")
        try KnownExample.attach(file.knownExamples, to: &file.rules)
        let failures = RuleTester(ruleSet: try RuleSet(file.rules)).run()
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.message.contains("known example 'broken'") })
    }
}
