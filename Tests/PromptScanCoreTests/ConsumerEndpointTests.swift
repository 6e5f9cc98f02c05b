import TestSupport
import Testing

@testable import PromptScanCore

/// Consumer-app versus API endpoint policy (docs/detection.md, "Consumer apps") and the rule fields it needs:
/// `message`, `requires`, `class_severity`, `classes`, `files`.
@Suite struct ConsumerEndpointTests {
    static let defaults: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func scan(_ text: String, path: String = "f.py", fileClass: FileClass? = nil, rules: RuleSet = Self.defaults) -> [Finding] {
        let scanner = FileScanner(ruleSet: rules, showSecrets: true)
        return Array(text.utf8).withUnsafeBytes {
            scanner.scan($0, path: path, fileClass: fileClass ?? FileClass.classify(path), scratch: MatchScratch(groups: rules.maxGroups + 1))
                .findings
        }
    }

    /// No API host, in any usual shape, yields a consumer-endpoint finding.
    @Test(arguments: [
        "https://api.anthropic.com/v1/messages", "https://api.openai.com/v1/responses", "https://acme.openai.azure.com/openai/deployments/x",
        "https://acme.services.ai.azure.com/models", "https://acme.cognitiveservices.azure.com/",
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke",
        "https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com",
        "https://us-east5-aiplatform.googleapis.com/v1/projects/p/publishers/anthropic/models/m:rawPredict",
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent", "https://api.mistral.ai/v1/chat/completions",
        "https://codestral.mistral.ai/v1/fim/completions", "https://api.perplexity.ai/chat/completions", "https://api.deepseek.com/chat/completions",
        "https://api.x.ai/v1/chat/completions", "https://api.poe.com/v1/chat/completions", "https://api.llama.com/compat/v1/chat/completions",
    ])
    func apiHostsNeverYieldEndpointFindings(url: String) {
        for text in ["base_url = \"\(url)\"", "requests.post(\"\(url)\", json=body)", "curl -s \(url)", "See \(url) for the docs."] {
            #expect(scan(text).filter { $0.category == .consumerEndpoint }.isEmpty, "\(text)")
        }
    }

    @Test func internalAPICallIsHighAndNamesTheAlternative() throws {
        let finding = try #require(scan("r = requests.post('https://claude.ai/api/organizations/x/chat_conversations')").first)
        #expect(finding.ruleID == "anthropic-consumer-internal-api")
        #expect(finding.severity == .high)
        #expect(finding.message.contains("https://api.anthropic.com/v1/messages"))
        let codex = try #require(scan("URL = 'https://chatgpt.com/backend-api/codex/responses'").first)
        #expect(codex.ruleID == "openai-consumer-internal-api")
        #expect(codex.message.contains("https://api.openai.com/v1/responses"))
    }

    @Test func consumerHostSeverityDependsOnUseAndClass() throws {
        #expect(scan("base_url = \"https://chatgpt.com\"").map(\.severity) == [.medium])
        // The same line in documentation is a note; a plain link anywhere is a note.
        #expect(scan("base_url = \"https://chatgpt.com\"", path: "README.md").map(\.severity) == [.low])
        #expect(scan("# Generated with [Claude Code](https://claude.ai/code)\n").map(\.severity) == [.low])
        #expect(scan("Generated with [Claude Code](https://claude.ai/code)", path: "docs/x.md").map(\.severity) == [.low])
        #expect(Severity.low.sarifLevel == "note")
        // An internal API path in docs stays actionable, one level lower; in an agent config it is critical.
        #expect(scan("POST https://claude.ai/api/organizations/x", path: "docs/x.md").map(\.severity) == [.medium])
        #expect(scan("{\"url\": \"https://claude.ai/api/organizations/x\"}", path: ".mcp.json").map(\.severity) == [.critical])
    }

    @Test func lookalikeHostsAreNotConsumerApps() {
        for text in ["https://notclaude.ai/", "https://claude.ai.example.net/", "metadata.ai", "api.poe.com", "docs.perplexity.ai"] {
            #expect(scan(text).filter { $0.category == .consumerEndpoint }.isEmpty, "\(text)")
        }
    }

    @Test func sessionCookieNeedsItsHostInTheSameFile() {
        var fake = FakeSecrets(seed: 41)
        // A value of no telling shape is a Google session cookie by its name, beside Google's host.
        let value = "AKEyXz" + fake.token(FakeSecrets.urlSafe, 80)
        let line = "client = GeminiClient(Secure_1PSID=\"\(value)\")\n"
        #expect(scan(line).filter { $0.category == .consumerEndpoint }.isEmpty)
        let found = scan("# scrapes https://gemini.google.com\n" + line).filter { $0.ruleID == "gemini-session-cookie" }
        #expect(found.map(\.revealed) == [value])
        #expect(found.first?.severity == .critical)
    }

    @Test func googleSessionCookieValuesAreKnownByTheirShapeUnderAnyName() {
        var fake = FakeSecrets(seed: 43)
        let value = "g.a000" + fake.token(FakeSecrets.urlSafe, 120)
        let found = scan("os.environ.setdefault(\"_BARD_API_KEY\", \"\(value)\")\n").filter { $0.category == .consumerEndpoint }
        #expect(found.map(\.ruleID) == ["google-session-cookie-value"])
        #expect(found.map(\.revealed) == [value])
        #expect(found.first?.severity == .critical)
    }

    @Test func sessionKeysAreCriticalConsumerEndpointFindings() throws {
        var fake = FakeSecrets(seed: 42)
        let key = "sk-ant-sid01-" + fake.token(FakeSecrets.urlSafe, 93) + "AA"
        let finding = try #require(scan("sessionKey=\(key)", path: "docs/notes.md").first)
        #expect(finding.ruleID == "anthropic-session-key")
        #expect(finding.category == .consumerEndpoint)
        #expect(finding.severity == .critical)
    }

    @Test func wrappersInManifestsAndImports() {
        #expect(scan("revChatGPT==6.8.6\nanthropic==0.40\n", path: "requirements-dev.txt").map(\.ruleID) == ["consumer-wrapper-python-dependency"])
        // The manifest rule only reads manifests.
        #expect(scan("revChatGPT==6.8.6\n", path: "notes.txt").filter { $0.ruleID == "consumer-wrapper-python-dependency" }.isEmpty)
        #expect(scan("{\"dependencies\": {\"bing-chat\": \"^0.2.3\"}}", path: "package.json").map(\.ruleID) == ["consumer-wrapper-npm-dependency"])
        #expect(scan("from revChatGPT.V1 import Chatbot\n").map(\.ruleID) == ["consumer-wrapper-python-import"])
        #expect(scan("from revChatGPT.V3 import Chatbot\n").isEmpty)
    }

    @Test func mcpLiteralsAreReportedAndReferencesAreNot() {
        var fake = FakeSecrets(seed: 43)
        let value = fake.token(FakeSecrets.base62, 36)
        let config = """
            {"mcpServers": {"acme": {"command": "npx", "args": ["-y", "acme-mcp", "--api-key=\(value)"],
              "env": {"ACME_TOKEN": "\(value)", "OTHER_TOKEN": "${OTHER_TOKEN}", "CURSOR_TOKEN": "${env:CURSOR_TOKEN}",
                      "INPUT_TOKEN": "${input:acme}", "SHELL_TOKEN": "$SHELL_TOKEN"}}}}
            """
        let findings = scan(config, path: ".cursor/mcp.json")
        #expect(Set(findings.map(\.ruleID)) == ["mcp-arg-secret", "mcp-literal-secret"])
        #expect(findings.allSatisfy { $0.revealed == value && $0.severity == .critical })
        // Not an agent config: the MCP rules do not run.
        #expect(scan(config, path: "data/servers.json", fileClass: .other).filter { $0.ruleID.hasPrefix("mcp-") }.isEmpty)
    }

    @Test func classSeverityEscalation() {
        let rule = Rule(
            id: "demo-email", name: "Email", category: .pii, severity: .medium, description: "", remediation: "", keywords: [],
            pattern: "x", entropy: nil, validator: nil, generic: false, allow: [], references: [], examples: [], negativeExamples: [],
            origin: .init(file: "t", line: 1))
        #expect(SeverityPolicy.severity(of: rule, in: .prompt, path: "prompts/a.txt") == .high)
        #expect(SeverityPolicy.severity(of: rule, in: .agentConfig, path: "CLAUDE.md") == .high)
        #expect(SeverityPolicy.severity(of: rule, in: .code, path: "a.py") == .medium)
        var secret = rule
        secret.category = .secret
        #expect(SeverityPolicy.severity(of: secret, in: .env, path: ".env") == .critical)
        secret.generic = true
        #expect(SeverityPolicy.severity(of: secret, in: .env, path: ".env.example") == .low)
        secret.classSeverity = [.env: .high]
        #expect(SeverityPolicy.severity(of: secret, in: .env, path: ".env") == .high)
    }

    @Test func newRuleKeysLoadAndUnknownOnesStayErrors() throws {
        let yaml = """
            rules:
              - id: demo-cookie
                name: Demo cookie
                category: consumer-endpoint
                severity: critical
                description: d
                remediation: r
                message: 'use https://api.example.com with an API key'
                requires: 'example\\.com'
                class_severity: {doc: low}
                classes: [code, doc]
                files: ['*.py', '*.md']
                pattern: 'demo=(?<secret>[a-z]{8})'
                examples: ['# example.com\\ndemo=⟦abcdefgh⟧']
                negative_examples: ['demo=abcdefgh']
            """
        let rules = try RuleLoader.parse(yaml: yaml, path: "x.yml")
        #expect(rules[0].message == "use https://api.example.com with an API key")
        #expect(rules[0].classSeverity == [.doc: .low])
        #expect(rules[0].classes == [.code, .doc])
        let set = try RuleSet(rules)
        #expect(RuleTester(ruleSet: set).run().isEmpty)
        let inDoc = scan("example.com demo=abcdefgh", path: "a.md", rules: set)
        #expect(inDoc.map(\.severity) == [.low])
        #expect(inDoc.first?.message == "use https://api.example.com with an API key")
        #expect(scan("example.com demo=abcdefgh", path: "a.txt", rules: set).isEmpty)  // not in `files`
        #expect(throws: PromptScanError.self) { try RuleLoader.parse(yaml: yaml.replacingOccurrences(of: "classes:", with: "classez:"), path: "x.yml") }
        #expect(throws: PromptScanError.self) { try RuleLoader.parse(yaml: yaml.replacingOccurrences(of: "{doc: low}", with: "{docs: low}"), path: "x.yml") }
        #expect(throws: PromptScanError.self) {
            try RuleSet(RuleLoader.parse(yaml: yaml.replacingOccurrences(of: "example\\.com", with: "example(com"), path: "x.yml"))
        }
    }
}
