import Foundation
import TestSupport
import Testing

/// Several outputs in one run (issue 17): `--report FORMAT=FILE` (repeatable) writes more formats
/// from the same scan, each atomically; every file equals what a single-format run writes, and the
/// exit code is the same.
@Suite struct MultipleReportsTests {
    /// SARIF without the parts that differ from run to run (times, the command line).
    static func stable(_ sarif: String) -> String {
        sarif.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"startTimeUtc\"") && !$0.contains("\"endTimeUtc\"") && !$0.contains("\"commandLine\"") }
            .joined(separator: "\n")
    }

    @Test func everyFormatFromOneScanEqualsItsOwnRun() throws {
        let repo = try GitRepository("promptscan-reports")
        defer { repo.remove() }
        var fake = FakeSecrets(seed: 1717)
        let key = fake.anthropicKey()
        try repo.write("CLAUDE.md", "Use \(key) here.\n")
        try repo.write("src/a.py", "token = '\(fake.githubToken())'\n")
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let all = try repo.promptscan([
            "scan", ".", "--report", "sarif=\(out.path)/r.sarif", "--report", "json=\(out.path)/r.json", "--report", "text=\(out.path)/r.txt",
        ])
        #expect(all.status == 1, "\(all.stderr)")
        let text = try repo.promptscan(["scan", "."])
        let json = try repo.promptscan(["scan", ".", "--format", "json"])
        let sarif = try repo.promptscan(["scan", ".", "--format", "sarif"])
        #expect(all.stdout == text.stdout)
        #expect(try String(contentsOfFile: out.path + "/r.txt", encoding: .utf8) == text.stdout)
        #expect(try String(contentsOfFile: out.path + "/r.json", encoding: .utf8) == json.stdout)
        let written = try String(contentsOfFile: out.path + "/r.sarif", encoding: .utf8)
        #expect(Self.stable(written) == Self.stable(sarif.stdout))
        #expect(written.contains("\"startTimeUtc\""))
        for file in ["r.sarif", "r.json", "r.txt"] {
            #expect(!(try String(contentsOfFile: out.path + "/" + file, encoding: .utf8)).contains(key), "\(file) shows the secret")
        }
        // Beside --format and --output too; a clean tree ends 0 with every file written.
        let mixed = try repo.promptscan(["scan", ".", "--format", "json", "--output", out.path + "/main.json", "--report", "text=\(out.path)/side.txt"])
        #expect(mixed.status == 1)
        #expect(try String(contentsOfFile: out.path + "/main.json", encoding: .utf8) == json.stdout)
        #expect(try String(contentsOfFile: out.path + "/side.txt", encoding: .utf8) == text.stdout)
        let clean = try TemporaryDirectory("promptscan-reports-clean")
        defer { clean.remove() }
        try clean.write("a.md", "nothing\n")
        let quiet = try promptscan(["scan", clean.path, "--report", "sarif=\(out.path)/clean.sarif"])
        #expect(quiet.status == 0 && FileManager.default.fileExists(atPath: out.path + "/clean.sarif"))
    }

    @Test func badRequestsAreUsageOrIOErrors() throws {
        let dir = try TemporaryDirectory("promptscan-reports-bad")
        defer { dir.remove() }
        try dir.write("a.md", "nothing\n")
        #expect(try promptscan(["scan", dir.path, "--report", "pdf=x.pdf"]).status == 64)
        #expect(try promptscan(["scan", dir.path, "--report", "json="]).status == 64)
        #expect(try promptscan(["scan", dir.path, "--report", "json=\(dir.path)/x", "--output", "\(dir.path)/x"]).status == 64)
        let unwritable = try promptscan(["scan", dir.path, "--report", "json=\(dir.path)/no/such/dir/r.json"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write report"), "\(unwritable.stderr)")
    }
}
