import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

@Suite struct FileWalkerTests {
    func walk(_ dir: TemporaryDirectory, configure: (inout FileWalker.Options) -> Void = { _ in }) throws -> FileWalker.Result {
        var options = FileWalker.Options()
        configure(&options)
        return try FileWalker(options: options).walk(root: dir.path)
    }

    @Test func optionFiltersLeaveOutPathsOverrideClassesAndSkipTheTermsFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("vendor/lib.txt", "x")
        try dir.write("docs/prompt.md", "x")
        try dir.write("security/terms.yaml", "x")
        try dir.write("main.swift", "x")
        let termsFile = URL(fileURLWithPath: dir.path + "/security/terms.yaml").standardizedFileURL.resolvingSymlinksInPath().path
        let result = try walk(dir) { options in
            options.pathFilter = { !$0.hasPrefix("vendor/") }
            options.fileClassOverride = { $0.hasPrefix("docs/") ? .prompt : nil }
            options.termsFile = termsFile
        }
        #expect(result.items.map(\.path) == ["main.swift", "docs/prompt.md"])
        #expect(result.items.map(\.fileClass) == [.code, .prompt])
        #expect(result.ignoredCount == 1)
        #expect(
            result.notices == [
                Notice(kind: .skipped, path: "security/terms.yaml", message: "the client-terms file of this run is not scanned")
            ])
    }

    @Test func honoursGitignoreOnlyInsideAGitWorkTree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(".gitignore", "*.log\nbuild/\n")
        try dir.write("app.log", "x")
        try dir.write("build/out.txt", "x")
        try dir.write("src/main.swift", "x")
        try dir.write("src/.gitignore", "!keep.log\nlocal.txt\n")
        try dir.write("src/keep.log", "x")
        try dir.write("src/local.txt", "x")
        // Not a git work tree yet: .gitignore files are plain files.
        #expect(
            try walk(dir).items.map(\.path).sorted() == [
                ".gitignore", "app.log", "build/out.txt", "src/.gitignore", "src/keep.log", "src/local.txt", "src/main.swift",
            ])
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try dir.write(".git/config", "[core]\n")
        let result = try walk(dir)
        #expect(result.items.map(\.path).sorted() == [".gitignore", "src/.gitignore", "src/keep.log", "src/main.swift"])
        #expect(result.ignoredCount == 3)
        #expect(try walk(dir) { $0.useIgnoreFiles = false }.items.count == 7)
    }

    /// `.gitignore` hides untracked files: a file committed under an ignored path (`git add -f`)
    /// is part of the repository and is walked; `.promptscanignore` still leaves out what it names.
    @Test func aCommittedFileUnderAGitignoredPathIsWalked() throws {
        let repository = try GitRepository("promptscan-walk-tracked")
        defer { repository.remove() }
        try repository.write(".gitignore", "results\n*.log\n")
        try repository.write("results/run-1/answers.json", "x")
        try repository.write("results/run-1/scratch.json", "x")
        try repository.write("results/notes.txt", "x")
        try repository.write("debug.log", "x")
        try repository.write("kept.log", "x")
        try repository.write("src/main.py", "x")
        try repository.git("add", ".gitignore", "src/main.py")
        try repository.git("add", "-f", "results/run-1/answers.json", "kept.log")
        try repository.git("commit", "-q", "-m", "c")
        var result = try walk(repository.dir)
        #expect(result.items.map(\.path).sorted() == [".gitignore", "kept.log", "results/run-1/answers.json", "src/main.py"])
        #expect(result.ignoredCount == 3)
        try repository.write(".promptscanignore", "results/\n")
        result = try walk(repository.dir)
        #expect(result.items.map(\.path).sorted() == [".gitignore", ".promptscanignore", "kept.log", "src/main.py"])
    }

    @Test func promptscanignoreWorksAnywhere() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(".promptscanignore", "fixtures/\n*.snap\n")
        try dir.write("fixtures/a.json", "x")
        try dir.write("t.snap", "x")
        try dir.write("ok.md", "x")
        // One in a subfolder applies below it only.
        try dir.write("docs/.promptscanignore", "draft.md\n")
        try dir.write("docs/draft.md", "x")
        try dir.write("docs/final.md", "x")
        try dir.write("draft.md", "x")
        #expect(
            try walk(dir).items.map(\.path).sorted() == [".promptscanignore", "docs/.promptscanignore", "docs/final.md", "draft.md", "ok.md"])
    }

    @Test func skippedFilesAreReportedWithTheirReason() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("big.txt", String(repeating: "a", count: 2048))
        try dir.write("small.txt", "hello")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link.txt", withDestinationPath: dir.path + "/small.txt")
        #expect(mkfifo(dir.path + "/pipe", 0o644) == 0)
        let result = try walk(dir) { $0.maxFileSize = 1024 }
        #expect(result.items.map(\.path) == ["small.txt"])
        let reasons = Dictionary(uniqueKeysWithValues: result.notices.map { ($0.path, $0.message) })
        #expect(reasons["big.txt"]?.contains("over the 1024-byte limit") == true)
        #expect(reasons["link.txt"]?.contains("symbolic link not followed") == true)
        #expect(reasons["pipe"]?.contains("a FIFO") == true)
        #expect(result.notices.allSatisfy { $0.kind == .skipped })
    }

    @Test func followsSymlinksWhenAskedAndDetectsLoops() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("real/a.txt", "x")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/real/loop", withDestinationPath: dir.path + "/real")
        let result = try walk(dir) { $0.followSymlinks = true }
        #expect(result.items.map(\.path) == ["real/a.txt"])
        #expect(result.notices.contains { $0.path == "real/loop" && $0.message.contains("loop") })
    }

    @Test func neverEntersDotGitAndHandlesDeepTrees() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(".git/HEAD", "ref: refs/heads/main\n")
        let deep = (0..<200).map { "d\($0 % 10)" }.joined(separator: "/")
        try dir.write(deep + "/leaf.txt", "x")
        let result = try walk(dir)
        #expect(result.items.map(\.path) == [deep + "/leaf.txt"])
    }

    @Test func singleFileRootAndMissingRoot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("one.env", "A=1")
        let result = try FileWalker().walk(root: file.path)
        #expect(result.items.map(\.path) == ["one.env"])
        #expect(result.items.first?.fileClass == .env)
        #expect(throws: PromptScanError.self) { try FileWalker().walk(root: dir.path + "/missing") }
    }

    /// A file's class comes from its path in the repository, not from the folder named: scanning
    /// the root, a subfolder or the file alone gives `skills/**/SKILL.md` and a cassette the same class.
    @Test func classesComeFromThePathInTheRepository() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try dir.write("tools/skills/review/SKILL.md", "x")
        try dir.write("tests/cassettes/run.yaml", "x")
        func classes(_ root: String) throws -> [String: FileClass] {
            Dictionary(uniqueKeysWithValues: try FileWalker().walk(root: root).items.map { ($0.path, $0.fileClass) })
        }
        #expect(try classes(dir.path)["tools/skills/review/SKILL.md"] == .agentConfig)
        #expect(try classes(dir.path + "/tools/skills")["review/SKILL.md"] == .agentConfig)
        #expect(try classes(dir.path + "/tools/skills/review/SKILL.md")["SKILL.md"] == .agentConfig)
        #expect(try classes(dir.path + "/tests/cassettes")["run.yaml"] == .fixture)
        #expect(try classes(dir.path + "/tests/cassettes/run.yaml")["run.yaml"] == .fixture)
        #expect(FileWalker.repositoryPrefix(of: dir.path + "/tools/skills") == "tools/skills/")
        #expect(FileWalker.repositoryPrefix(of: dir.path) == "")
        // Outside a work tree the scanned folder is the root, as before.
        let plain = try TemporaryDirectory()
        defer { plain.remove() }
        try plain.write("skills/review/SKILL.md", "x")
        #expect(try classes(plain.path + "/skills")["review/SKILL.md"] == .doc)
        #expect(try classes(plain.path)["skills/review/SKILL.md"] == .agentConfig)
    }
}
