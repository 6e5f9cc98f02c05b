import Foundation
import TestSupport
import Testing

/// Nothing leaked (issue 7): a corpus of planted secrets scanned in every mode and format; no
/// planted value may appear in anything the tool writes (stdout, stderr, report files, baseline)
/// unless `--show-secrets` is given.
@Suite struct LeakTests {
    /// Planted values in many carriers: plain assignments, JSON, a notebook, a gzip-free HAR body
    /// in base64, a PEM key, a URL password, a file name.
    static func corpus(_ dir: String) throws -> [String] {
        var fake = FakeSecrets(seed: 2026)
        let anthropic = fake.anthropicKey()
        let openAI = fake.openAIProjectKey()
        let github = fake.githubToken()
        let slack = fake.slackBotToken()
        let stripe = fake.stripeLiveKey()
        let awsID = fake.awsKeyID()
        let awsSecret = fake.awsSecret()
        let password = "Zr8" + fake.token(FakeSecrets.base62, 17)
        let hidden = fake.anthropicKey()  // only inside base64
        let named = fake.awsKeyID()  // only in a file name
        let files: [String: String] = [
            "CLAUDE.md": "Use \(anthropic) for the agent.\n",
            ".mcp.json": "{\"mcpServers\": {\"gh\": {\"env\": {\"GITHUB_TOKEN\": \"\(github)\"}}}}\n",
            ".env": "OPENAI_API_KEY=\(openAI)\nSTRIPE_KEY=\(stripe)\n",
            "deploy/aws.ini": "[default]\naws_access_key_id = \(awsID)\naws_secret_access_key = \(awsSecret)\n",
            "src/notify.py": "SLACK = '\(slack)'\nDATABASE_URL = 'postgres://app:\(password)@db.internal:5432/app'\n",
            "tests/fixtures/rec.har": """
            {"log": {"entries": [{"response": {"content": {"encoding": "base64", "text": "\(Data("{\"key\": \"\(hidden)\"}".utf8).base64EncodedString())"}}}]}}
            """,
        ]
        try Data("nothing secret inside\n".utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("keys-\(named).txt"))
        for (name, text) in files {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return [anthropic, openAI, github, slack, stripe, awsID, awsSecret, password, hidden, named]
    }

    /// Every planted value (and its distinctive middle, in case a preview shows part of it).
    static func leaks(_ text: String, _ secrets: [String]) -> [String] {
        secrets.filter { secret in
            let middle = String(secret.dropFirst(secret.count / 3).prefix(secret.count / 3))
            return text.contains(secret) || (middle.count >= 8 && text.contains(middle))
        }
    }

    @Test func noPlantedValueAppearsInAnyOutputUnlessShowSecrets() throws {
        let repo = try GitRepository("promptscan-leak")
        defer { repo.remove() }
        let secrets = try Self.corpus(repo.path)
        try repo.git("add", "-A")
        let out = try TemporaryDirectory()
        defer { out.remove() }
        var everything = ""
        var runs = 0
        func run(_ arguments: [String]) throws -> ProcessResult {
            let result = try repo.promptscan(arguments)
            everything += result.stdout + result.stderr
            runs += 1
            #expect(result.status == 1 || result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        let plain = try run(["scan", "."])
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("findings"))
        for format in ["text", "json", "sarif", "html"] {
            _ = try run(["scan", ".", "--format", format])
            _ = try run(["scan", ".", "--format", format, "--output", out.path + "/report.\(format)"])
            _ = try run(["staged", "--format", format])
            _ = try run(["staged", "--format", format, "--output", out.path + "/staged.\(format)"])
        }
        try repo.git("commit", "-q", "--no-verify", "-m", "planted")
        for format in ["text", "json", "sarif", "html"] { _ = try run(["history", "--format", format]) }
        _ = try run(["scan", ".", "--no-color", "--threads", "1", "--fail-on", "low"])
        _ = try run(["scan", ".", "--verbose", "--report", "sarif=\(out.path)/extra.sarif", "--report", "text=\(out.path)/extra.txt"])
        _ = try run(["scan", ".", "--quiet", "--color", "always", "--output", "html=\(out.path)/extra.html", "--output", "json=-"])
        _ = try run(["scan", "CLAUDE.md", "src", "tests", ".env", "--output", "html=\(out.path)/paths.html", "--output", "sarif=-"])
        _ = try run(["baseline", "create", "--output", out.path + "/baseline.json"])
        // Diagnostics: a file holding a secret given as a rule file is an error that must not quote it.
        let broken = try repo.promptscan(["scan", ".", "--rules", "CLAUDE.md"])
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("error: CLAUDE.md"), "\(broken.stderr)")
        everything += broken.stdout + broken.stderr
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            everything += try String(contentsOfFile: out.path + "/" + name, encoding: .utf8)
        }
        #expect(runs >= 23)
        #expect(everything.contains("<!DOCTYPE html>"), "the HTML report is among what was checked")
        #expect(everything.contains("anthropic-api-key"))
        #expect(Self.leaks(everything, secrets).isEmpty, "leaked: \(Self.leaks(everything, secrets).count) value(s)")

        // With --show-secrets the values are there (so the check above can see them).
        var shown = ""
        for format in ["text", "json", "sarif", "html"] {
            let result = try repo.promptscan(["scan", ".", "--format", format, "--show-secrets"])
            shown += result.stdout
        }
        for secret in secrets { #expect(shown.contains(secret), "--show-secrets did not show a planted value") }
    }

    /// PII previews in text output keep a domain, initials or the last two digits (issue 17), never
    /// the value: no local part, no full number, no more than two of its digits in a row, in any
    /// format or with --verbose; JSON and SARIF keep the length-only preview.
    @Test func privacyHintsNeverGiveTheValueBack() throws {
        let dir = try TemporaryDirectory("promptscan-pii-hint")
        defer { dir.remove() }
        try dir.write("prompts/intake.md", "Patient intake\nContact: jane.roe@northwind-clinic.com\nSSN: 284-61-9357\nPhone: (415) 555-0172\n")
        var text = ""
        for arguments in [["scan", dir.path], ["scan", dir.path, "--verbose", "--no-color"]] {
            let run = try promptscan(arguments)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            text += run.stdout + run.stderr
        }
        #expect(text.contains("…@northwind-clinic.com (29 chars)"))
        #expect(text.contains("…57 (11 chars)"))
        for part in ["jane", "roe@", "284-61", "9357", "2846", "(415)", "555-0", "0172"] {
            #expect(!text.contains(part), "a preview gives back '\(part)'")
        }
        for format in ["json", "sarif"] {
            let run = try promptscan(["scan", dir.path, "--format", format])
            for value in ["jane.roe@northwind-clinic.com", "northwind", "284-61-9357", "555-0172"] {
                #expect(!run.stdout.contains(value), "\(format) shows '\(value)'")
            }
        }
    }
}
