import Foundation
import TestSupport
import Testing

/// `.promptscan.yml` and the baseline, through the real binary.
@Suite struct ConfigBaselineCLITests {
    static func keys(_ seed: UInt64, _ count: Int) -> [String] {
        var fake = FakeSecrets(seed: seed)
        return (0..<count).map { _ in fake.anthropicKey() }
    }

    @Test func baselineIsByteIdenticalTwiceAndOneNewFindingChangesOneLine() throws {
        let dir = try TemporaryDirectory("promptscan-baseline")
        defer { dir.remove() }
        let key = Self.keys(21, 4)
        try dir.write("a.md", "k = \(key[0])\n")
        try dir.write("z/b.md", "k = \(key[1])\nk = \(key[2])\n")
        let first = try promptscan(["baseline", "create", dir.path])
        let second = try promptscan(["baseline", "create", dir.path, "--threads", "1"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.split(separator: "\n").count == 3 + 3 + 3)
        for secret in key { #expect(!first.stdout.contains(secret)) }
        try dir.write("m.md", "k = \(key[3])\n")
        let third = try promptscan(["baseline", "create", dir.path])
        let before = first.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let after = third.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.count == before.count + 1)
        let diff = after.difference(from: before)
        #expect(diff.insertions.count == 1 && diff.removals.isEmpty)
        if case let .insert(_, line, _) = diff.insertions.first { #expect(line.contains("\"path\": \"m.md\"")) }
        // Used as a baseline: nothing fails; check lists what is gone.
        try third.stdout.write(toFile: dir.path + "/.promptscan-baseline.json", atomically: true, encoding: .utf8)
        let scan = try promptscan(["scan", dir.path])
        #expect(scan.status == 0, "\(scan.stdout)")
        #expect(scan.stdout.contains("4 in the baseline"))
        #expect(try promptscan(["baseline", "check", dir.path]).status == 0)
        try dir.write("z/b.md", "k = \(key[1])\n")
        let check = try promptscan(["baseline", "check", dir.path])
        #expect(check.status == 1)
        #expect(check.stdout.split(separator: "\n").count == 1)
        #expect(check.stdout.hasPrefix("z/b.md  anthropic-api-key  "))
    }

    @Test func configDisablesRulesOverridesSeverityAndAllowsPathsAndValues() throws {
        let dir = try TemporaryDirectory("promptscan-config")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 22)
        let anthropic = fake.anthropicKey()
        let github = fake.githubToken()
        try dir.write("a.md", "k = \(anthropic)\n")
        try dir.write("vendor/lib.md", "k = \(Self.keys(23, 1)[0])\n")
        try dir.write("g.md", "t = \(github)\n")
        #expect(try promptscan(["scan", dir.path]).stdout.contains("3 findings"))
        try dir.write(
            ".promptscan.yml",
            """
            # settings
            disable: [github-personal-access-token]
            severity: {anthropic-api-key: low}
            fail-on: high
            allow-paths: ['vendor/']
            max-file-size: 1M
            """)
        let result = try promptscan(["scan", dir.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("1 low finding not shown (anthropic-api-key 1)"))
        #expect(try promptscan(["scan", dir.path, "--show-low"]).stdout.contains("a.md:1:5  low"))
        #expect(try promptscan(["scan", dir.path, "--fail-on", "low"]).status == 1)
        try dir.write(".promptscan.yml", "allow-values: ['sk-ant-api03-[A-Za-z0-9_-]+']\nallow-paths: ['vendor/**', 'g.md']\n")
        #expect(try promptscan(["scan", dir.path]).stdout.contains("0 findings"))
    }

    @Test func badConfigIsAnErrorNamingFileAndLine() throws {
        let dir = try TemporaryDirectory("promptscan-config")
        defer { dir.remove() }
        try dir.write("a.md", "nothing\n")
        let cases: [(String, String)] = [
            ("fail-on: high\nfial-on: low\n", ".promptscan.yml:2: unknown key (did you mean 'fail-on'?)"),
            ("severity:\n  anthropic-api-key: urgent\n", ".promptscan.yml:2: 'severity' must be a severity (low, medium, high, critical)"),
            ("disable:\n  - no-such-rule\n", ".promptscan.yml:2: unknown rule id"),
            ("max-file-size: lots\n", ".promptscan.yml:1: 'max-file-size' must be a number"),
            ("allow-values: ['(unclosed']\n", ".promptscan.yml:1: allow-values: entry does not compile at offset"),
            ("file-classes: {'x/**': bogus}\n", ".promptscan.yml:1: 'file-classes' values must be file classes"),
        ]
        for (text, expected) in cases {
            try dir.write(".promptscan.yml", text)
            let result = try promptscan(["scan", dir.path])
            #expect(result.status == 2, "\(text)")
            #expect(result.stderr.hasPrefix("error: \(dir.path)/\(expected)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        try dir.write("other.yml", "terms: t.txt\nunknown: 1\n")
        let explicit = try promptscan(["scan", dir.path, "--config", dir.path + "/other.yml"])
        #expect(explicit.status == 2)
        #expect(explicit.stderr.hasPrefix("error: \(dir.path)/other.yml:2: unknown key (known: "))
    }

    @Test func stagedReadsConfigFromTheRepositoryRoot() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("config", [".promptscan.yml": "file-classes: {'docs/**': prompt}\nallow-paths: ['testdata/']\n"])
        try repo.write("testdata/k.md", "k = \(Self.keys(24, 1)[0])\n")
        try repo.write("docs/sub/p.txt", "k = \(Self.keys(25, 1)[0])\n")
        try repo.git("add", "-A")
        let result = try repo.promptscan(["staged", "--format", "json"])
        #expect(result.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = document?["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { $0["path"] as? String } == ["docs/sub/p.txt"])
        #expect(findings.first?["file_class"] as? String == "prompt")
    }
}

/// `--output` naming something that is not a regular file (a FIFO here; /dev/null in practice) is
/// written in place, not replaced by a renamed temporary file.
@Suite struct OutputDeviceTests {
    @Test func outputToAFifoKeepsTheFifo() throws {
        let dir = try TemporaryDirectory("promptscan-fifo")
        defer { dir.remove() }
        try dir.write("scan/a.md", "nothing\n")
        let script = """
            cd '\(dir.path)' && mkfifo pipe && (cat pipe > got &) && '\(TestPaths.binary.path)' scan scan --format json --output pipe; \
            status=$?; sleep 0.2; test -p pipe && grep -q '"files_scanned" : 1' got && echo "ok $status"
            """
        let result = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script])
        #expect(result.stdout == "ok 0\n", "\(result.stdout)\(result.stderr)")
    }
}
