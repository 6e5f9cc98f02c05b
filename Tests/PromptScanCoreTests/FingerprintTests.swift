import TestSupport
import Testing

@testable import PromptScanCore

/// Fingerprints that nobody can invert (issue 19, item 3): a value with a small search space (an
/// SSN, a card, a date of birth) is never hashed under the public default key; fingerprints stay
/// stable when lines move, and a secret key brings value hashes back.
@Suite struct FingerprintTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func findings(_ text: String, fingerprinter: Fingerprinter = Fingerprinter(key: nil), path: String = "prompts/intake.md") -> [Finding] {
        let scanner = FileScanner(ruleSet: Self.rules, fingerprinter: fingerprinter)
        return scanner.scanContent(Array(text.utf8), path: path, fileClass: .prompt, scratch: MatchScratch(groups: Self.rules.maxGroups + 1))
            .findings
    }

    /// Every fingerprint of `found` that trying the 9-digit values around `planted` (in its dashed
    /// and bare forms) with the public key reproduces.
    static func bruteForced(_ found: [Finding], planted: Int, window: Int = 50_000) -> [String] {
        let publicKey = Fingerprinter(key: Fingerprinter.defaultKey)
        let wanted = Set(found.map(\.fingerprint))
        let rules = Set(found.map(\.ruleID))
        var hits: [String] = []
        for value in (planted - window)..<(planted + window) {
            let digits = String(value).leftPadded(9)
            let dashed = "\(digits.prefix(3))-\(digits.dropFirst(3).prefix(2))-\(digits.suffix(4))"
            for rule in rules {
                for form in [dashed, digits] {
                    let guess = publicKey.fingerprint(ruleID: rule, value: Array(form.utf8))
                    if wanted.contains(guess) { hits.append(form) }
                }
            }
        }
        return hits
    }

    @Test func anSSNFingerprintCannotBeMatchedByTryingValuesWithThePublicKey() throws {
        let found = findings("Patient intake\nSSN: 284-61-9357\n")
        let ssn = try #require(found.first { $0.ruleID == "us-ssn" })
        #expect(ssn.fingerprint.count == 16)
        // The window holds the planted value: a value hash under the public key would be found.
        #expect(Self.bruteForced(found, planted: 284_619_357).isEmpty)
    }

    @Test func searchSpaceDecidesWhatIsHashedByValue() {
        let publicKey = Fingerprinter(key: Fingerprinter.defaultKey)
        func byValue(_ text: String, _ category: Category, generic: Bool = false) -> Bool {
            Array(text.utf8).withUnsafeBytes { publicKey.hashesValue($0, category: category, generic: generic) }
        }
        var fake = FakeSecrets(seed: 19)
        #expect(byValue(fake.anthropicKey(), .secret))
        #expect(byValue(fake.awsKeyID(), .secret))
        #expect(!byValue("284-61-9357", .pii))
        #expect(!byValue("4111111111111111", .secret))  // 16 digits: 53 bits
        #expect(!byValue("Summer2024!xyz", .secret, generic: true))
        #expect(!byValue("a-long-but-generic-password-value", .secret, generic: true))
        let secret = Fingerprinter(key: "a-secret-from-the-ci-store-0123456789")
        #expect(secret.hasSecretKey)
        #expect(!Fingerprinter(key: "short").hasSecretKey)
        #expect(!Fingerprinter(key: "").hasSecretKey)
        #expect(Array("284-61-9357".utf8).withUnsafeBytes { secret.hashesValue($0, category: .pii, generic: false) })
    }

    @Test func anchoredFingerprintsSurviveLineMovesAndTellRepeatsApart() throws {
        let text = "Intake form\nSSN: 284-61-9357\nnotes\nSSN: 517-28-4410\n"
        let before = findings(text).filter { $0.ruleID == "us-ssn" }
        #expect(before.count == 2)
        // Same context twice: the ordinal keeps them apart.
        #expect(before[0].fingerprint != before[1].fingerprint)
        // Lines added above, indentation changed: the same fingerprints.
        let moved = findings("# Header\n\nmore text\n" + text.replacingOccurrences(of: "SSN:", with: "   SSN:")).filter { $0.ruleID == "us-ssn" }
        #expect(moved.map(\.fingerprint) == before.map(\.fingerprint))
        // Another value in the same place keeps the place's fingerprint: nothing of the value is in it.
        let other = findings(text.replacingOccurrences(of: "284-61-9357", with: "284-61-9358")).filter { $0.ruleID == "us-ssn" }
        #expect(other.map(\.fingerprint) == before.map(\.fingerprint))
        // Different words around it: a different fingerprint.
        let reworded = findings("Intake form\nSSN of the spouse: 284-61-9357\n").filter { $0.ruleID == "us-ssn" }
        #expect(reworded.first?.fingerprint != before.first?.fingerprint)
    }

    @Test func aSecretKeyHashesTheValueAndOnlyTheKeyFindsIt() throws {
        let key = "ci-secret-store-value-7f3a9c2e51"
        let found = findings("SSN: 284-61-9357\n", fingerprinter: Fingerprinter(key: key)).filter { $0.ruleID == "us-ssn" }
        let ssn = try #require(found.first)
        #expect(ssn.fingerprintAnchor == nil)
        #expect(ssn.fingerprint == Fingerprinter(key: key).fingerprint(ruleID: "us-ssn", value: Array("284-61-9357".utf8)))
        #expect(Self.bruteForced(found, planted: 284_619_357, window: 2_000).isEmpty)
    }

    @Test func secretsKeepTheirValueFingerprints() throws {
        var fake = FakeSecrets(seed: 2026)
        let key = fake.anthropicKey()
        let found = findings("Use \(key) here\n")
        let finding = try #require(found.first { $0.ruleID == "anthropic-api-key" })
        #expect(finding.fingerprintAnchor == nil)
        #expect(finding.fingerprint == Fingerprinter(key: Fingerprinter.defaultKey).fingerprint(ruleID: "anthropic-api-key", value: Array(key.utf8)))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
