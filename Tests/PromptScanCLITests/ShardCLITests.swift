import Foundation
import TestSupport
import Testing

/// `--shard K/N` and `promptscan merge` from the command line (issue 18): parts from flags and
/// from CI variables, the merged exit code, and refusals with exit 2 on one line.
@Suite struct ShardCLITests {
    static func repository() throws -> (GitRepository, String) {
        var fake = FakeSecrets(seed: 1819)
        let repository = try GitRepository("promptscan-shard-cli")
        let key = fake.anthropicKey()
        for index in 0..<12 { try repository.write("prompts/p\(index).md", "Use \(fake.githubToken()) here.\n") }
        try repository.write("CLAUDE.md", "key \(key)\n")
        try repository.write("clean.md", "nothing to see\n")
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "init")
        return (repository, key)
    }

    @Test func partsFromFlagsAndCIVariablesMergeIntoOneRunsReportAndExitCode() throws {
        let (repository, key) = try Self.repository()
        defer { repository.remove() }
        let out = try TemporaryDirectory("promptscan-shard-out")
        defer { out.remove() }
        let whole = try repository.promptscan(["scan", ".", "--format", "json"])
        #expect(whole.status == 1)
        // Part 1 from the flag, part 2 from GitLab's variables (GitLab counts from 1).
        let first = try repository.promptscan(["scan", ".", "--shard", "1/2", "--format", "json", "--output", out.path + "/p1.json"])
        let second = try repository.promptscan(
            ["scan", ".", "--format", "json", "--output", out.path + "/p2.json"], environment: ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"])
        #expect(first.stderr.contains("part 1/2 of a split scan"), "\(first.stderr)")
        #expect(second.stderr.contains("scanning part 2/2 (from GitLab parallel (CI_NODE_INDEX))"), "\(second.stderr)")
        let merged = try repository.promptscan(["merge", out.path + "/p1.json", out.path + "/p2.json"])
        #expect(merged.status == 1, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        #expect(!merged.stdout.contains(key) && !merged.stderr.contains(key))
        // --shard 1/1 scans everything even inside a parallel job.
        let everything = try repository.promptscan(
            ["scan", ".", "--shard", "1/1", "--format", "json"], environment: ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"])
        #expect(everything.stdout == whole.stdout)
    }

    @Test func refusalsAreOneLineWithExitTwoAndWriteNothing() throws {
        let (repository, _) = try Self.repository()
        defer { repository.remove() }
        for index in 1...3 {
            let part = try repository.promptscan(["scan", ".", "--shard", "\(index)/3", "--format", "sarif", "--output", "p\(index).sarif"])
            #expect(part.status <= 1, "\(part.stderr)")
        }
        let missing = try repository.promptscan(["merge", "p1.sarif", "p3.sarif", "--output", "merged.sarif"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: part 2 of 3 missing; a merge needs every part\n")
        #expect(!FileManager.default.fileExists(atPath: repository.path + "/merged.sarif"))
        let twice = try repository.promptscan(["merge", "p1.sarif", "p2.sarif", "p2.sarif", "p3.sarif"])
        #expect(twice.status == 2 && twice.stderr.contains("p2.sarif: part 2/3 given twice"), "\(twice.stderr)")
        #expect(twice.stdout.isEmpty)
        // A part from another commit.
        try repository.write("later.md", "more\n")
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "later")
        _ = try repository.promptscan(["scan", ".", "--shard", "2/3", "--format", "sarif", "--output", "later.sarif"])
        let mixed = try repository.promptscan(["merge", "p1.sarif", "later.sarif", "p3.sarif"])
        #expect(mixed.status == 2 && mixed.stderr.contains("of another run") && mixed.stderr.contains("commit"), "\(mixed.stderr)")
        let mixedFormats = try repository.promptscan(["scan", ".", "--shard", "2/3", "--format", "json", "--output", "p2.json"])
        #expect(mixedFormats.status <= 1)
        let formats = try repository.promptscan(["merge", "p1.sarif", "p2.json", "p3.sarif"])
        #expect(formats.status == 2 && formats.stderr.contains("merge reports of one format"), "\(formats.stderr)")
        let nothing = try repository.promptscan(["merge", "absent.json"])
        #expect(nothing.status == 2 && nothing.stderr == "error: absent.json: no such report\n")
        // Usage errors: 64.
        #expect(try repository.promptscan(["scan", ".", "--shard", "4/3"]).status == 64)
        let kubernetes = try repository.promptscan(["scan", "."], environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(kubernetes.status == 2 && kubernetes.stderr.contains("--shard-total"), "\(kubernetes.stderr)")
    }
}
