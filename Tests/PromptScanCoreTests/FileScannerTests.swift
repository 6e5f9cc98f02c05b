import TestSupport
import Testing

@testable import PromptScanCore

@Suite struct FileScannerTests {
    static let defaults: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func scan(_ text: String, rules: RuleSet = FileScannerTests.defaults, showSecrets: Bool = true) -> [Finding] {
        let scanner = FileScanner(ruleSet: rules, showSecrets: showSecrets)
        return Array(text.utf8).withUnsafeBytes {
            scanner.scan($0, path: "f.txt", fileClass: .other, scratch: MatchScratch(groups: rules.maxGroups + 1)).findings
        }
    }

    @Test func lineAndColumnCountCodePointsAndLineEndings() throws {
        var fake = FakeSecrets(seed: 3)
        let key = fake.anthropicKey()
        let text = "first line\r\nsecond ✓ line\rthird: é \(key)\n"
        let findings = scan(text)
        let finding = try #require(findings.first { $0.ruleID == "anthropic-api-key" })
        #expect(finding.line == 3)
        #expect(finding.column == 10)  // "third: é " is 9 code points
        #expect(finding.endLine == 3)
        #expect(finding.endColumn == 10 + 108)
        #expect(finding.revealed == key)
    }

    @Test func redactedByDefault() {
        var fake = FakeSecrets(seed: 4)
        let key = fake.anthropicKey()
        let finding = scan("ANTHROPIC_API_KEY=\(key)", showSecrets: false)[0]
        #expect(finding.revealed == nil)
        #expect(finding.preview == "sk-ant-api03-…AA (108 chars)")
        #expect(!finding.preview.contains(String(key.dropFirst(13).prefix(8))))
    }

    func scan(_ text: String, path: String, fileClass: FileClass) -> [Finding] {
        let scanner = FileScanner(ruleSet: Self.defaults, showSecrets: true)
        return Array(text.utf8).withUnsafeBytes {
            scanner.scan($0, path: path, fileClass: fileClass, scratch: MatchScratch(groups: Self.defaults.maxGroups + 1)).findings
        }
    }

    @Test func checksumFailuresAreReportedLowByTheirRuleOnly() throws {
        var fake = FakeSecrets(seed: 5)
        let good = fake.githubToken()
        let bad = fake.githubToken(validChecksum: false)
        #expect(scan("GITHUB_TOKEN=\(good)").map(\.ruleID) == ["github-personal-access-token"])
        // A canary or a corrupted token: kept, at low, saying why; the generic token rule stays quiet.
        let findings = scan("GITHUB_TOKEN=\(bad)")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.ruleID == "github-personal-access-token")
        #expect(finding.severity == .low)
        #expect(finding.message.contains("checksum fails"))
        #expect(finding.message.contains("a real one would be critical"))
        // Low even where secrets are raised to critical.
        #expect(scan("GITHUB_TOKEN=\(bad)", path: ".env", fileClass: .env).map(\.severity) == [.low])
        let npm = "npm_" + String(fake.githubToken(prefix: "", validChecksum: false))
        #expect(scan("NPM_TOKEN=\(npm)").map(\.severity) == [.low])
    }

    @Test func genericMatchesAreMediumOutsideEnvAndAgentConfigsUnlessTheKeyIsStrongAndLowInDocs() {
        var fake = FakeSecrets(seed: 8)
        let value = fake.token(FakeSecrets.base62, 32)
        func severities(_ text: String, _ fileClass: FileClass, path: String = "f.txt") -> [Severity] {
            scan(text, path: path, fileClass: fileClass).filter { $0.ruleID == "generic-token-assignment" }.map(\.severity)
        }
        // In documentation a keyword assignment is an example, whatever its key.
        #expect(severities("token: \"\(value)\"", .doc) == [.low])
        #expect(severities("token: \"\(value)\"", .code) == [.medium])
        #expect(severities("token: \"\(value)\"", .agentConfig) == [.high])
        #expect(severities("TOKEN=\(value)", .env, path: ".env") == [.critical])
        #expect(severities("access_token: \"\(value)\"", .doc) == [.low])
        #expect(severities("access_token: \"\(value)\"", .code, path: "f.py") == [.high])
        #expect(severities("SLACK_BOT_TOKEN=\(value)", .code) == [.high])
        #expect(scan("client_secret = \"\(value)\"", path: "f.py", fileClass: .code).map(\.severity) == [.high])
        #expect(scan("secret = \"\(value)\"", path: "f.py", fileClass: .code).map(\.severity) == [.medium])
    }

    @Test func placeholdersAndReferencesAreNotSecrets() {
        for text in [
            "ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}", "password: <your-password>", "api_key = \"YOUR_API_KEY_HERE_12345\"",
            "token = os.environ[\"GITHUB_TOKEN\"]", "secret: xxxxxxxxxxxxxxxxxxxxxxxx", "password = \"changeme123!\"",
            "DB_URL=postgresql://postgres.[project-ref]:[YOUR-PASSWORD]@aws-0-[region].pooler.supabase.com:5432/postgres",
            "export OPENAI_API_KEY=sk-randomAPIkeyasdsa32ekasd32e",
        ] {
            #expect(scan(text).isEmpty, "\(text)")
        }
        // Brackets inside a real value do not make it a template.
        #expect(!scan("DB_URL=postgresql://app:[Kq7vR2mZ]x9@db.internal:5432/app").isEmpty)
        // AWS's documentation key is a known example: a suppressed note, not a finding that counts.
        let note = scan("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")
        #expect(note.count == 1 && note.allSatisfy { $0.suppression != nil && $0.severity == .low })
    }

    @Test func oneFindingPerSpanSpecificBeatsGeneric() {
        var fake = FakeSecrets(seed: 6)
        let key = fake.stripeLiveKey()
        let findings = scan("api_key = \"\(key)\"")
        #expect(findings.map(\.ruleID) == ["stripe-live-secret-key"])
    }

    @Test func entropyGateDropsLowEntropyValues() {
        #expect(scan("aws_secret_access_key = AAAAAAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBBBBB").isEmpty)
        var fake = FakeSecrets(seed: 7)
        let secret = fake.awsSecret()
        #expect(scan("aws_secret_access_key = \(secret)").map(\.ruleID) == ["aws-secret-access-key"])
    }

    @Test func multiLinePrivateKeyIsReportedOnItsFirstLine() throws {
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHJhbmRvbWJ5dGVzcmFuZG9tYnl0ZXNyYW5kb21i\n-----END PRIVATE KEY-----\n"
        let findings = scan("# key\n" + pem)
        let finding = try #require(findings.first)
        #expect(finding.ruleID == "private-key")
        #expect(finding.line == 2)
        #expect(finding.endLine == 4)
        #expect(finding.preview.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test func fingerprintsDependOnValueNotPlace() {
        var fake = FakeSecrets(seed: 8)
        let key = fake.slackBotToken()
        let a = scan("x=\(key)")[0]
        let b = scan("\n\n   y: \(key)")[0]
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.line != b.line)
        let other = scan("x=\(fake.slackBotToken())")[0]
        #expect(other.fingerprint != a.fingerprint)
        #expect(a.fingerprint.count == 16)
    }

    @Test func redactionShapes() {
        #expect(Redaction.preview(Array("ghp_abcdefghijklmnopqrstuvwxyz0123456789".utf8)) == "ghp_…89 (40 chars)")
        #expect(Redaction.preview(Array("hunter2hunter2".utf8)) == "… (14 chars)")
        #expect(Redaction.preview(Array("a-very-long-but-separated-secret-value-1234".utf8)) == "a-very-long-but-…34 (43 chars)")
    }
}
