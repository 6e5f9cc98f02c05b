import Foundation
import PromptScanCore
import TestSupport
import Testing

/// The real binary, run as a process: exit codes, output files, error lines, redaction.
@Suite struct CLITests {
    func tree() throws -> (TemporaryDirectory, [String]) {
        let dir = try TemporaryDirectory("promptscan-cli")
        var fake = FakeSecrets(seed: 77)
        let secrets = [fake.anthropicKey(), fake.githubToken(), fake.slackBotToken()]
        try dir.write("AGENTS.md", "Deploy with \(secrets[0])\n")
        try dir.write("tests/fixtures/call.json", "{\"headers\": {\"Authorization\": \"token \(secrets[1])\"}}\n")
        try dir.write("notify.py", "SLACK = '\(secrets[2])'\n")
        return (dir, secrets)
    }

    /// `--version` names the version and the commit the binary was built from (`+changes` when
    /// tracked files differ from it; `unknown` outside a git checkout).
    @Test func versionNamesTheCommitItWasBuiltFrom() throws {
        let printed = try promptscan(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let root = TestPaths.packageRoot
        let git = URL(fileURLWithPath: "/usr/bin/env")
        let head = try runProcess(git, ["git", "-C", root.path, "rev-parse", "--short=12", "HEAD"])
        var commit = "unknown"
        if head.status == 0 {
            commit = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if try runProcess(git, ["git", "-C", root.path, "diff", "--quiet", "HEAD", "--"]).status != 0 { commit += "+changes" }
        }
        #expect(printed == "\(PromptScanVersion.current) (\(commit))")
        // The release and wheel scripts take the version alone: the first word.
        #expect(printed.split(separator: " ").first.map(String.init) == PromptScanVersion.current)
    }

    @Test func findingsExitOneAndAreRedacted() throws {
        let (dir, secrets) = try tree()
        defer { dir.remove() }
        let result = try promptscan(["scan", dir.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("AGENTS.md:1:13  critical  anthropic-api-key"))
        #expect(result.stdout.contains("3 findings (secret 3)"))
        for secret in secrets {
            #expect(!result.stdout.contains(secret))
            #expect(!result.stderr.contains(secret))
        }
        let shown = try promptscan(["scan", dir.path, "--show-secrets"])
        for secret in secrets { #expect(shown.stdout.contains(secret)) }
    }

    @Test func cleanTreeExitsZeroAndFailOnRaisesTheBar() throws {
        let dir = try TemporaryDirectory("promptscan-cli")
        defer { dir.remove() }
        try dir.write("README.md", "Nothing secret here.\n")
        #expect(try promptscan(["scan", dir.path]).status == 0)
        var fake = FakeSecrets(seed: 5)
        // A config file, not an env file: secrets in env files are always critical
        // (docs/detection.md, "File classes and severity").
        try dir.write("db.conf", "DATABASE_URL=postgres://app:\(fake.token(FakeSecrets.base62, 20))@db:5432/app\n")
        #expect(try promptscan(["scan", dir.path]).status == 1)
        #expect(try promptscan(["scan", dir.path, "--fail-on", "critical"]).status == 0)
    }

    @Test func sarifAndJSONGoToAFileAtomically() throws {
        let (dir, secrets) = try tree()
        defer { dir.remove() }
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let sarif = out.path + "/report.sarif"
        let result = try promptscan(["scan", dir.path, "--format", "sarif", "--output", sarif])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("3 findings"))
        let data = try Data(contentsOf: URL(fileURLWithPath: sarif))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["version"] as? String == "2.1.0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["report.sarif"])  // no temp file left
        for secret in secrets { #expect(!String(decoding: data, as: UTF8.self).contains(secret)) }
        if let shared = TestPaths.shared {
            let check = try python3([shared.appendingPathComponent("tools/check-sarif").path, sarif, "--repo-root", dir.path])
            #expect(check.status == 0, "\(check.stdout)")
        }
        let json = try promptscan(["scan", dir.path, "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((document?["findings"] as? [[String: Any]])?.count == 3)
    }

    @Test func unwritableOutputFailsBeforeScanning() throws {
        let (dir, _) = try tree()
        defer { dir.remove() }
        let result = try promptscan(["scan", dir.path, "--format", "sarif", "--output", "/nonexistent-dir/x.sarif"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: /nonexistent-dir/x.sarif: cannot write report:"))
        #expect(!result.stderr.contains("finding"))
    }

    @Test func brokenRuleFileExitsTwoNamingFileRuleAndOffset() throws {
        let dir = try TemporaryDirectory("promptscan-cli")
        defer { dir.remove() }
        try dir.write(
            "rules/bad.yml",
            """
            rules:
              - id: my-token
                name: My token
                category: secret
                severity: high
                description: d
                remediation: r
                pattern: '(?<secret>my_[a-z]{8'
                examples: [my_abcdefgh]
                negative_examples: [my_]
            """)
        try dir.write("scan/a.txt", "x\n")
        let result = try promptscan(["scan", dir.path + "/scan", "--rules", dir.path + "/rules"])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix("error: \(dir.path)/rules/bad.yml:2: rule 'my-token': pattern does not compile at offset 20: missing closing parenthesis"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try promptscan(["scan", "--no-such-flag"]).status == 64)
        #expect(try promptscan(["scan", ".", "--format", "xml"]).status == 64)
        #expect(try promptscan(["scan", ".", "--threads", "0"]).status == 64)
        #expect(try promptscan(["scan", ".", "--max-file-size", "lots"]).status == 64)
    }

    @Test func missingPathExitsTwo() throws {
        let result = try promptscan(["scan", "/nonexistent/path/for/promptscan"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: /nonexistent/path/for/promptscan: No such file or directory\n")
    }

    @Test func rulesListAndTest() throws {
        let list = try promptscan(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("anthropic-api-key"))
        let count = Int(list.stdout.split(separator: "\n").last?.split(separator: " ").first ?? "") ?? 0
        #expect(count >= 120)
        let test = try promptscan(["rules", "test"])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.contains("\(count) passed, 0 failed"))
        let dir = try TemporaryDirectory("promptscan-cli")
        defer { dir.remove() }
        try dir.write(
            "r.yml",
            """
            rules:
              - {id: t, name: T, category: secret, severity: low, description: d, remediation: r, pattern: 'tok_[0-9]{4}', examples: ['tok_12'], negative_examples: ['x']}
            """)
        let failing = try promptscan(["rules", "test", dir.path + "/r.yml"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("r.yml:2: rule 't': example does not match"))
    }

    @Test func demoFolderFindsEverythingPlanted() throws {
        let demo = TestPaths.packageRoot.appendingPathComponent("demo")
        let rows = try String(contentsOf: demo.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        // With the demo's documented terms key, the client name is found too.
        let result = try promptscan(["scan", demo.path], environment: ["PROMPTSCAN_TERMS_KEY": "promptscan-demo-terms-key"])
        #expect(result.status == 1)
        let reported = result.stdout.split(separator: "\n").map { String($0.dropFirst(demo.path.count + 1)) }
        for row in rows {
            #expect(
                reported.contains { $0.hasPrefix("\(row[0]):\(row[1]):") && $0.contains(" \(row[2]) ") }, "demo: \(row[2]) at \(row[0]):\(row[1]) not found")
        }
        // Every category, counted as EXPECTED.tsv lists them; the README's AWS documentation key and the
        // note's fictional 555-01xx phone number are known test values.
        let order = ["secret", "phi", "pii", "client-id", "consumer-endpoint"]
        let counts = order.map { category in (category, rows.filter { $0[3] == category }.count) }
        #expect(counts.allSatisfy { $0.1 > 0 }, "the demo shows every category: \(counts)")
        let categories = counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        #expect(
            result.stdout.contains("\(rows.count) findings (\(categories)) at or above medium; not listed: 2 known test values (--show-suppressed)"),
            "\(result.stdout)")
        // Without the key, the client name is not checked, and the report says so.
        let keyless = try promptscan(["scan", demo.path])
        #expect(!keyless.stdout.contains(" client-term "))
        #expect(keyless.stdout.contains("client terms not checked: PROMPTSCAN_TERMS_KEY is not set"))
    }

    @Test func closedStdoutEndsQuietly() throws {
        let (dir, _) = try tree()
        defer { dir.remove() }
        let result = try runProcess(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(TestPaths.binary.path)' scan '\(dir.path)' | head -1; echo \"status=${PIPESTATUS:-?}\""])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 2)
    }

    @Test func classifyPrintsEachFilesClass() throws {
        let dir = try TemporaryDirectory("promptscan-classify")
        defer { dir.remove() }
        let files: [(String, String)] = [
            (".mcp.json", "agent-config"), ("prompts/system.txt", "prompt"), ("tests/cassettes/chat.yaml", "fixture"),
            ("analysis.ipynb", "notebook"), (".env", "env"), ("main.py", "code"), ("README.md", "doc"), ("LICENSE", "other"),
        ]
        for (path, _) in files { try dir.write(path, "x\n") }
        let result = try promptscan(["classify", dir.path])
        #expect(result.status == 0)
        let lines = Set(result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) })
        for (path, fileClass) in files { #expect(lines.contains([fileClass, path]), "\(path)") }
        #expect(lines.count == files.count)
    }

    @Test func consumerEndpointFindingsInSarifAndText() throws {
        let dir = try TemporaryDirectory("promptscan-endpoints")
        defer { dir.remove() }
        try dir.write("scrape.py", "r = requests.post('https://chatgpt.com/backend-api/conversation', cookies=c)\n")
        try dir.write("README.md", "Made with [Claude Code](https://claude.ai/code)\n")
        let text = try promptscan(["scan", dir.path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("openai-consumer-internal-api  [code]"))
        #expect(text.stdout.contains("https://api.openai.com/v1/responses"))
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        _ = try promptscan(["scan", dir.path, "--format", "sarif", "--output", sarif])
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as! [String: Any]
        let results = ((log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        let levels = Dictionary(uniqueKeysWithValues: results.map { ($0["ruleId"] as! String, $0["level"] as! String) })
        #expect(levels["openai-consumer-internal-api"] == "error")
        #expect(levels["anthropic-consumer-app-link"] == "note")
        if let shared = TestPaths.shared {
            let check = try python3([shared.appendingPathComponent("tools/check-sarif").path, sarif, "--repo-root", dir.path])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
        // A repository whose only consumer mention is a documentation link passes.
        try FileManager.default.removeItem(atPath: dir.url.appendingPathComponent("scrape.py").path)
        try FileManager.default.removeItem(atPath: sarif)
        #expect(try promptscan(["scan", dir.path]).status == 0)
    }
}

/// `promptscan terms build` and `scan --terms`: hashes only on disk, opaque ids in findings, and
/// one clear notice when the key is missing.
@Suite struct TermsCLITests {
    @Test func buildThenScan() throws {
        let dir = try TemporaryDirectory("promptscan-terms")
        defer { dir.remove() }
        let input = try dir.write("names.txt", "Acme Corp\tC-0042\tcustomer\nProject Bluebird\nregex: (?<![A-Z0-9])ACME-\\d{6}(?![0-9])\n")
        let tree = try TemporaryDirectory("promptscan-terms-tree")
        defer { tree.remove() }
        try tree.write("prompts/renewal.prompt", "Draft the AcmeCorp renewal email for ACME-123456.\n")
        try tree.write("notes.md", "Nothing about clients here.\n")
        let output = tree.path + "/.promptscan/terms.yaml"
        let key = ["PROMPTSCAN_TERMS_KEY": "ci-secret-key"]

        let noKey = try promptscan(["terms", "build", "--input", input.path, "--output", output], environment: ["PROMPTSCAN_TERMS_KEY": ""])
        #expect(noKey.status == 2 && noKey.stderr.contains("PROMPTSCAN_TERMS_KEY is not set"))

        let built = try promptscan(["terms", "build", "--input", input.path, "--output", output], environment: key)
        #expect(built.status == 0, "\(built.stderr)")
        let yaml = try String(contentsOfFile: output, encoding: .utf8)
        #expect(!yaml.lowercased().contains("acme corp") && !yaml.lowercased().contains("bluebird"))

        let scan = try promptscan(["scan", tree.path, "--terms", output], environment: key)
        #expect(scan.status == 1)
        #expect(scan.stdout.contains("client-term  [prompt]  client identifier C-0042 (customer) in prompt file"))
        #expect(scan.stdout.contains("terms.yaml: skipped: the client-terms file of this run is not scanned"))
        #expect(scan.stdout.contains("ACCT-0001"))
        #expect(!scan.stdout.lowercased().contains("acmecorp"))

        let withoutKey = try promptscan(["scan", tree.path, "--terms", output], environment: ["PROMPTSCAN_TERMS_KEY": ""])
        #expect(withoutKey.status == 0)
        #expect(withoutKey.stdout.components(separatedBy: "PROMPTSCAN_TERMS_KEY is not set").count == 2)
        #expect(!withoutKey.stdout.contains("client-term  "))
    }

    @Test func suppressedTestValuesNeverFail() throws {
        let tree = try TemporaryDirectory("promptscan-known")
        defer { tree.remove() }
        try tree.write("tests/fixtures/charge.json", "{\"card\": \"4242 4242 4242 4242\", \"ssn\": \"078-05-1120\"}\n")
        let text = try promptscan(["scan", tree.path, "--fail-on", "low"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("2 known test values (--show-suppressed)"))
        #expect(!text.stdout.contains("charge.json:1"))
        let shown = try promptscan(["scan", tree.path, "--show-suppressed"])
        #expect(shown.stdout.contains("payment-card"))
        let sarifPath = tree.path + "/out.sarif"
        _ = try promptscan(["scan", tree.path, "--format", "sarif", "--output", sarifPath])
        let sarif = try String(contentsOfFile: sarifPath, encoding: .utf8)
        #expect(sarif.contains("\"justification\" : \"well-known public test value"))
        #expect(sarif.contains("\"kind\" : \"external\""))
    }
}
