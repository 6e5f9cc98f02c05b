import Foundation
import TestSupport
import Testing

/// The trust model (README, "Trust model"): a pull request cannot set the policy of the run that
/// checks it, config paths stay in the repository, and no error quotes file content. Through the
/// real binary, in real temporary repositories.
@Suite struct TrustTests {
    static func key(_ seed: UInt64) -> String {
        var fake = FakeSecrets(seed: seed)
        return fake.anthropicKey()
    }

    /// A repository with one clean commit on `main` and a `feature` branch checked out.
    static func repository(base: [String: String] = [:]) throws -> GitRepository {
        let repo = try GitRepository("promptscan-trust")
        try repo.commit("base", ["README.md": "hello\n"].merging(base) { _, new in new })
        try repo.git("checkout", "-q", "-b", "feature")
        return repo
    }

    /// Every one of these, added by the pull request beside a real key, used to turn `diff` green.
    @Test(arguments: [
        "allow-paths: ['**']\n",
        "disable: [anthropic-api-key]\n",
        "enable: [github-personal-access-token]\n",
        "fail-on: critical\nseverity: {anthropic-api-key: high}\n",
        "severity: {anthropic-api-key: low}\n",
        "allow-values: ['sk-ant-.*']\n",
        "max-file-size: 1\n",
    ])
    func theChangesOwnConfigCannotLowerTheVerdictOfDiff(config: String) throws {
        let repo = try Self.repository()
        defer { repo.remove() }
        try repo.commit("add a key and a config", ["notes.md": "k = \(Self.key(1))\n", ".promptscan.yml": config])
        let trusted = try repo.promptscan(["scan", "."])  // a local run on one's own work obeys it
        #expect(trusted.status == 0, "\(config): \(trusted.stdout)")
        let result = try repo.promptscan(["diff", "--base", "main"])
        #expect(result.status == 1, "\(config): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("notes.md:1:5  critical  anthropic-api-key"), "\(config): \(result.stdout)")
    }

    @Test func aBaselineAddedByTheChangeDoesNotAcceptItsFindings() throws {
        let repo = try Self.repository()
        defer { repo.remove() }
        try repo.write("notes.md", "k = \(Self.key(2))\n")
        let baseline = try repo.promptscan(["baseline", "create", "."])
        #expect(baseline.status == 0)
        try repo.commit("key and its baseline", ["notes.md": "k = \(Self.key(2))\n", ".promptscan-baseline.json": baseline.stdout])
        #expect(try repo.promptscan(["scan", "."]).status == 0)
        let result = try repo.promptscan(["diff", "--base", "main"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        // The same baseline on the base revision is honoured.
        try repo.git("checkout", "-q", "main")
        try repo.commit("accept", [".promptscan-baseline.json": baseline.stdout])
        try repo.git("checkout", "-q", "feature")
        #expect(try repo.promptscan(["diff", "--base", "main"]).status == 0)
    }

    @Test func anInlineAllowTheChangeAddsDoesNotPassAnUntrustedRun() throws {
        let repo = try Self.repository()
        defer { repo.remove() }
        try repo.commit("allowed by itself", ["a.md": "k = \(Self.key(3)) # promptscan:allow\n", "b.md": "# promptscan:allow-next-line\nk = \(Self.key(4))\n"])
        let result = try repo.promptscan(["diff", "--base", "main"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("a.md: policy: 1 finding(s) on lines this change adds carry an inline allow comment"))
        #expect(result.stdout.contains("b.md: policy:"))
        // A trusted run (the author's own pre-commit check, history) honours it.
        #expect(try repo.promptscan(["history"]).status == 0)
    }

    @Test func diffTakesItsPolicyAndTheFilesItNamesFromTheBaseRevision() throws {
        let rule = """
            rules:
              - id: house-token
                name: House token
                category: secret
                severity: high
                description: An internal token.
                remediation: Rotate it.
                keywords: [hous_]
                pattern: '(?<secret>hous_[a-z0-9]{20})'
                examples: ['t = hous_q7x2m9k4w1z8p3r6t0v5']

            """
        let repo = try Self.repository(base: [
            ".promptscan.yml": "allow-paths: ['fixtures/**']\nrules: [security/rules.yml]\n", "security/rules.yml": rule,
        ])
        defer { repo.remove() }
        // The change drops the allow-list and breaks the rule file: neither counts before it is merged.
        try repo.git("rm", "-q", ".promptscan.yml")
        try repo.commit(
            "change",
            [
                "fixtures/rec.json": "{\"k\": \"\(Self.key(5))\"}\n", "security/rules.yml": "rules: [", "app.md": "t = hous_q7x2m9k4w1z8p3r6t0v5\n",
            ])
        let result = try repo.promptscan(["diff", "--base", "main"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("app.md:1:5  high") && result.stdout.contains("house-token"), "\(result.stdout)")
        #expect(!result.stdout.contains("fixtures/rec.json"))
        // --trusted-config replaces the base revision's settings.
        let outside = try TemporaryDirectory("promptscan-trusted")
        defer { outside.remove() }
        try outside.write("ci.yml", "disable: [anthropic-api-key]\n")
        let trusted = try repo.promptscan(["diff", "--base", "main", "--trusted-config", outside.path + "/ci.yml"])
        #expect(trusted.status == 0, "\(trusted.stdout)\(trusted.stderr)")
        // --config names a file of the change: refused in an untrusted run.
        let refused = try repo.promptscan(["diff", "--base", "main", "--config", "security/rules.yml"])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("error: --config names a file of the change under review"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
    }

    @Test func aRulesFolderIsReadFromTheBaseRevisionAndMayHoldNoLink() throws {
        let rule = """
            rules:
              - id: folder-token
                name: Folder token
                category: secret
                severity: high
                description: An internal token.
                remediation: Rotate it.
                keywords: [fldr_]
                pattern: '(?<secret>fldr_[a-z0-9]{20})'

            """
        let repo = try Self.repository(base: [".promptscan.yml": "rules: [security]\n", "security/a.yml": rule, "security/notes.txt": "not a rule\n"])
        defer { repo.remove() }
        try repo.commit("change", ["app.md": "t = fldr_q7x2m9k4w1z8p3r6t0v5\n"])
        let found = try repo.promptscan(["diff", "--base", "main"])
        #expect(found.status == 1, "\(found.stdout)\(found.stderr)")
        #expect(found.stdout.contains("folder-token"), "\(found.stdout)")
        try repo.git("checkout", "-q", "main")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/security/b.yml", withDestinationPath: "/etc/hostname")
        try repo.git("add", "security/b.yml")
        try repo.commit("a link in the folder")
        try repo.git("checkout", "-q", "feature")
        let refused = try repo.promptscan(["diff", "--base", "main"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(":.promptscan.yml:1: 'rules' must name a path inside the repository"), "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("(a file in the named folder)\n"), "\(refused.stderr)")
    }

    @Test func aPullRequestEnvironmentMakesScanIgnoreTheWorkTreeConfig() throws {
        let repo = try Self.repository()
        defer { repo.remove() }
        try repo.commit("change", ["notes.md": "k = \(Self.key(6))\n", ".promptscan.yml": "allow-paths: ['**']\n"])
        #expect(try repo.promptscan(["scan", "."]).status == 0)
        for (name, value) in [("GITHUB_EVENT_NAME", "pull_request"), ("GITHUB_EVENT_NAME", "pull_request_target"), ("CI_MERGE_REQUEST_IID", "7")] {
            let result = try repo.promptscan(["scan", "."], environment: [name: value])
            #expect(result.status == 1, "\(name)=\(value): \(result.stdout)")
            #expect(result.stdout.contains(".promptscan.yml: policy: not read"))
        }
        #expect(try repo.promptscan(["scan", "."], environment: ["GITHUB_EVENT_NAME": "push"]).status == 0)
    }

    /// The reproduction of issue 19: a committed `terms: /proc/self/environ` printed the CI job's
    /// environment inside an error. No mode may print any of it, anywhere.
    @Test(arguments: [
        "terms: /proc/self/environ\n", "terms: ../../../../../../../../proc/self/environ\n", "terms: env.yaml\n", "rules: [env.yaml]\n", "baseline: env.yaml\n",
    ])
    func aConfigCannotMakeTheScannerPrintTheEnvironment(config: String) throws {
        let repo = try Self.repository()
        defer { repo.remove() }
        var fake = FakeSecrets(seed: 7)
        let token = fake.githubToken()
        let termsKey = "terms-key-" + fake.token(FakeSecrets.base62, 24)
        let marker = "marker-" + fake.token(FakeSecrets.base62, 24)
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/env.yaml", withDestinationPath: "/proc/self/environ")
        try repo.git("add", "env.yaml")
        try repo.commit("hostile config", [".promptscan.yml": config, "notes.md": "k = \(Self.key(8))\n"])
        try repo.write("staged.md", "k = \(Self.key(9))\n")
        try repo.git("add", "staged.md")
        let environment = ["GITHUB_TOKEN": token, "PROMPTSCAN_TERMS_KEY": termsKey, "MARKER": marker]
        let out = repo.path + "/report.json"
        for arguments in [
            ["diff", "--base", "main"], ["scan", "."], ["staged"], ["scan", ".", "--format", "json", "--output", out],
            ["diff", "--base", "main", "--format", "sarif", "--output", out],
        ] {
            let result = try repo.promptscan(arguments, environment: environment)
            let written = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            for value in [token, termsKey, marker, "PATH=", "HOME="] {
                #expect(!result.stdout.contains(value) && !result.stderr.contains(value) && !written.contains(value), "\(arguments) \(config)")
            }
            #expect(result.stderr.split(separator: "\n").count <= 1, "\(arguments): \(result.stderr)")
            if arguments[0] != "diff" {
                #expect(result.status == 2, "\(arguments) \(config): \(result.stdout)\(result.stderr)")
                #expect(result.stderr.contains(".promptscan.yml:1: "), "\(result.stderr)")
            }
        }
    }

    @Test func aBaseRevisionConfigIsHeldToTheSameBounds() throws {
        let repo = try GitRepository("promptscan-trust")
        defer { repo.remove() }
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/env.yaml", withDestinationPath: "/proc/self/environ")
        try repo.git("add", "env.yaml")
        try repo.commit("base", [".promptscan.yml": "terms: env.yaml\n"])
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.commit("change", ["notes.md": "hello\n"])
        let result = try repo.promptscan(["diff", "--base", "main"], environment: ["MARKER": "marker-value-1234"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(":.promptscan.yml:1: 'terms' must name a path inside the repository"), "\(result.stderr)")
        #expect(!result.stderr.contains("marker-value-1234"))
        try repo.git("checkout", "-q", "main")
        try repo.commit("escape", [".promptscan.yml": "rules: ['../x.yml']\n"])
        try repo.git("checkout", "-q", "feature")
        let escape = try repo.promptscan(["diff", "--base", "main"])
        #expect(escape.status == 2)
        #expect(escape.stderr.contains(":.promptscan.yml:1: 'rules' must name a path inside the repository"), "\(escape.stderr)")
    }

    @Test func configPathsInsideTheRepositoryStillWork() throws {
        let dir = try TemporaryDirectory("promptscan-trust-inside")
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/.git", withIntermediateDirectories: true)
        try dir.write("sub/.promptscan.yml", "baseline: ../base.json\n")
        try dir.write("base.json", "{\"promptscan-baseline\": 1, \"entries\": [{}]}\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link.json", withDestinationPath: "base.json")
        #expect(try promptscan(["scan", dir.path + "/sub"]).status == 0)
        try dir.write("sub/.promptscan.yml", "baseline: ../link.json\n")
        #expect(try promptscan(["scan", dir.path + "/sub"]).status == 0)
        try dir.write("sub/.promptscan.yml", "baseline: ../../outside.json\n")
        let outside = try promptscan(["scan", dir.path + "/sub"])
        #expect(outside.status == 2)
        #expect(
            outside.stderr
                == "error: \(dir.path)/sub/.promptscan.yml:1: 'baseline' must name a path inside the repository (no absolute path, no '..' out of it, no link out of it)\n"
        )
        let fifo = dir.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        try dir.write("sub/.promptscan.yml", "terms: ../fifo\n")
        let special = try promptscan(["scan", dir.path + "/sub"])
        #expect(special.status == 2)
        #expect(special.stderr.contains("'terms' must name a regular file"), "\(special.stderr)")
    }

    // MARK: errors quote no content and are one line

    @Test func configErrorsNeverQuoteTheFile() throws {
        let dir = try TemporaryDirectory("promptscan-trust-errors")
        defer { dir.remove() }
        let secret = Self.key(10)
        let hugeRegex = "(" + String(repeating: "a", count: 1_000_000)  // the config limit is 1 MiB
        let cases: [(String, String)] = [
            ("fail-on: \(secret): x\n", ".promptscan.yml:1: invalid YAML: column "),
            ("disable: [a]\n\(secret): 1\n", ".promptscan.yml:2: unknown key (known: "),
            ("fail-on: \(secret)\n", ".promptscan.yml:1: 'fail-on' must be a severity"),
            ("severity: {anthropic-api-key: \(secret)}\n", ".promptscan.yml:1: 'severity' must be a severity"),
            ("disable: [\(secret)]\n", ".promptscan.yml:1: unknown rule id"),
            ("max-file-size: \(secret)\n", ".promptscan.yml:1: 'max-file-size' must be"),
            ("file-classes: {'**': \(secret)}\n", ".promptscan.yml:1: 'file-classes' values must be file classes"),
            ("allow-values: ['\(hugeRegex)']\n", ".promptscan.yml:1: allow-values: entry does not compile at offset"),
            ("a: 1\na: 2\n", ".promptscan.yml:"),
        ]
        for (config, expected) in cases {
            try dir.write(".promptscan.yml", config)
            let result = try promptscan(["scan", dir.path])
            #expect(result.status == 2, "\(expected)")
            #expect(result.stderr.contains(expected), "\(result.stderr.prefix(300))")
            #expect(!result.stderr.contains(secret) && !result.stderr.contains("aaaaaaaaaa"))
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.count < 500, "\(result.stderr.prefix(300))")
        }
        try dir.write("empty.yml", "")
        #expect(try promptscan(["scan", dir.path, "--config", dir.path + "/empty.yml"]).status == 0)
    }

    @Test func ruleAndTermsFileErrorsNeverQuoteTheFile() throws {
        let dir = try TemporaryDirectory("promptscan-trust-errors")
        defer { dir.remove() }
        let secret = Self.key(11)
        try dir.write("bad.yml", "rules:\n  - id: x\n    \(secret): [\n")
        let yaml = try promptscan(["scan", dir.path, "--rules", dir.path + "/bad.yml"])
        #expect(yaml.status == 2)
        #expect(yaml.stderr.hasPrefix("error: \(dir.path)/bad.yml:") && yaml.stderr.contains(": invalid YAML: column "), "\(yaml.stderr)")
        try dir.write("bad.yml", "rules:\n  - id: x\n    \(secret): 1\n")
        let key = try promptscan(["scan", dir.path, "--rules", dir.path + "/bad.yml"])
        #expect(key.stderr.contains("rule 'x': unknown key (known: "), "\(key.stderr)")
        try dir.write("terms.yaml", "version: 1\nentries:\n  - \(secret)\n")
        let terms = try promptscan(["scan", dir.path, "--terms", dir.path + "/terms.yaml"], environment: ["PROMPTSCAN_TERMS_KEY": "k"])
        #expect(terms.status == 2)
        #expect(terms.stderr.hasPrefix("error: \(dir.path)/terms.yaml: invalid terms file: "), "\(terms.stderr)")
        try dir.write("terms.yaml", "\(secret)\n")
        let plain = try promptscan(["scan", dir.path, "--terms", dir.path + "/terms.yaml"], environment: ["PROMPTSCAN_TERMS_KEY": "k"])
        #expect(plain.status == 2)
        for result in [yaml, key, terms, plain] {
            #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test func usageErrorsAreOneLine() throws {
        for arguments in [["scan", "--bogus"], ["scan", "--threads", "0"], ["scan", "--max-file-size", "1\nforged: 0 findings"], ["frobnicate"], ["diff"]] {
            let result = try promptscan(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.split(separator: "\n", omittingEmptySubsequences: false).count == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: ") && result.stdout.isEmpty, "\(arguments): \(result.stderr)")
        }
        let help = try promptscan(["scan", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE:"))
    }

    @Test func aHostileBaseIsNeverEchoedIntoACommand() throws {
        let repo = try Self.repository()
        defer { repo.remove() }
        for base in ["x; touch pwned", "x\nforged line", "$(touch pwned)"] {
            let result = try repo.promptscan(["diff", "--base", base])
            #expect(result.status == 2)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(!result.stderr.contains("git fetch origin x"), "\(result.stderr)")
            #expect(!result.stderr.contains("fetch origin $("), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/pwned"))
    }

    // MARK: bounded rule files

    @Test func twentyEightBraceGroupsInARuleGlobFinishQuickly() throws {
        let dir = try TemporaryDirectory("promptscan-trust-braces")
        defer { dir.remove() }
        let glob = String(repeating: "{a,b}", count: 28)
        try dir.write(
            "rules.yml",
            """
            rules:
              - id: braces
                name: Braces
                category: secret
                severity: high
                description: d
                remediation: r
                keywords: [brc_]
                pattern: '(?<secret>brc_[a-z]{8})'
                files: ['\(glob)']

            """)
        let started = Date()
        let result = try promptscan(["scan", dir.path, "--rules", dir.path + "/rules.yml"])
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(result.status == 2)
        #expect(result.stderr.contains("rule 'braces': a 'files' glob has more than 1024 {…} alternatives"), "\(result.stderr)")
    }

    @Test func aRuleFileWithTwoHundredThousandKeywordsIsRefused() throws {
        let dir = try TemporaryDirectory("promptscan-trust-keywords")
        defer { dir.remove() }
        func ruleFile(keywords: Int) -> String {
            var text = "rules:\n  - id: many\n    name: Many\n    category: secret\n    severity: high\n    description: d\n    remediation: r\n"
            text += "    pattern: '(?<secret>kw[0-9]{8})'\n    keywords:\n"
            for index in 0..<keywords { text += "      - k\(index)\n" }
            return text
        }
        // 3 MB: refused before it is parsed (the binary before this check took 10 s and 217 MB on it).
        try dir.write("rules.yml", ruleFile(keywords: 200_000))
        let started = Date()
        let big = try promptscan(["scan", dir.path, "--rules", dir.path + "/rules.yml"])
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(big.status == 2)
        #expect(big.stderr == "error: \(dir.path)/rules.yml: rule file is over 1 MiB\n", "\(big.stderr)")
        // Under the size limit, over the keyword limit.
        try dir.write("rules.yml", ruleFile(keywords: 20_000))
        let many = try promptscan(["scan", dir.path, "--rules", dir.path + "/rules.yml"])
        #expect(many.status == 2)
        #expect(many.stderr.contains("rule 'many': more than 10000 keywords and context words in one file"), "\(many.stderr)")
    }
}
