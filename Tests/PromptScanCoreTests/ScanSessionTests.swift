import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// One pipeline for every source: the same content gives the same findings and notices whether
/// it is walked as a tree, read from the index as staged changes, or handed over as text.
@Suite struct ScanSessionTests {
    /// A repository whose files are all staged (no commit yet), so every line is an added line:
    /// secrets, a path the config leaves out, a class override, a binary file and one over the
    /// size limit.
    static func stagedRepository() throws -> GitRepository {
        var fake = FakeSecrets(seed: 14)
        let repository = try GitRepository("promptscan-session")
        try repository.write(
            ".promptscan.yml", "allow-paths: ['vendor/**']\nfile-classes: {'notes/**': prompt}\n")
        try repository.write("CLAUDE.md", "Use ANTHROPIC_API_KEY=\(fake.anthropicKey()) for the agent.\n")
        try repository.write(".env", "AWS_ACCESS_KEY_ID=\(fake.awsKeyID())\nAWS_SECRET_ACCESS_KEY=\(fake.awsSecret())\n")
        try repository.write("notes/plan.txt", "slack: \(fake.slackBotToken())\n")
        try repository.write("vendor/lib.txt", "stripe: \(fake.stripeLiveKey())\n")
        try repository.write("big.txt", String(repeating: "padding line\n", count: 200))
        try repository.dir.write("image.bin", Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0] + Array("key \(fake.stripeLiveKey())".utf8)))
        try repository.git("add", "-A")
        return repository
    }

    static func setup(root: String) throws -> RunSetup {
        try RunSetup(root: root, configPath: nil, extraRules: [], failOn: nil, maxFileSize: "1K", baselinePath: nil)
    }

    static var options: ScanSession.Options {
        var options = ScanSession.Options()
        options.threads = 2
        return options
    }

    @Test func treeAndStagedChangesGiveTheSameFindingsAndNotices() throws {
        let repository = try Self.stagedRepository()
        defer { repository.remove() }
        let setup = try Self.setup(root: repository.path)
        let tree = try ScanSession(setup: setup, source: .tree(repository.path), options: Self.options).run()
        let staged = try ScanSession(setup: setup, source: .staged(Git(directory: repository.path)), options: Self.options).run()
        #expect(tree.findings.count >= 4)
        #expect(Set(tree.findings.map(\.path)) == ["CLAUDE.md", ".env", "notes/plan.txt"])
        #expect(tree.findings.first { $0.path == "notes/plan.txt" }?.fileClass == .prompt)
        #expect(tree.notices.map(\.path) == ["big.txt", "image.bin"])
        #expect(tree.findings == staged.findings)
        #expect(tree.notices == staged.notices)
        #expect(tree.ignoredCount == 1 && staged.ignoredCount == 1)
    }

    @Test func textGivesTheFindingsOfTheSameFileInATree() throws {
        let repository = try Self.stagedRepository()
        defer { repository.remove() }
        let setup = try Self.setup(root: repository.path)
        let tree = try ScanSession(setup: setup, source: .tree(repository.path), options: Self.options).run()
        for name in ["CLAUDE.md", "notes/plan.txt"] {
            let bytes = try [UInt8](Data(contentsOf: repository.url.appendingPathComponent(name)))
            let text = try ScanSession(setup: setup, source: .text(name: name, bytes: bytes), options: Self.options).run()
            #expect(!text.findings.isEmpty)
            #expect(text.findings == tree.findings.filter { $0.path == name })
        }
        let left = try ScanSession(setup: setup, source: .text(name: "vendor/lib.txt", bytes: Array("x".utf8)), options: Self.options).run()
        #expect(left.ignoredCount == 1 && left.filesScanned == 0)
    }

    @Test func theSetupsBaselineMarksItsFindings() throws {
        let repository = try Self.stagedRepository()
        defer { repository.remove() }
        let elsewhere = try TemporaryDirectory("promptscan-session-baseline")
        defer { elsewhere.remove() }
        let first = try ScanSession(setup: try Self.setup(root: repository.path), source: .tree(repository.path), options: Self.options).run()
        #expect(first.failingCount(at: .low) > 0)
        let baseline = try elsewhere.write("baseline.json", Baseline(report: first).render())
        let setup = try RunSetup(
            root: repository.path, configPath: nil, extraRules: [], failOn: nil, maxFileSize: "1K", baselinePath: baseline.path)
        let second = try ScanSession(setup: setup, source: .staged(Git(directory: repository.path)), options: Self.options).run()
        #expect(second.findings.count == first.findings.count)
        #expect(second.failingCount(at: .low) == 0)
    }
}
