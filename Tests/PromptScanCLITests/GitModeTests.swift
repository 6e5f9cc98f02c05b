import Foundation
import TestSupport
import Testing

/// `staged`, `diff` and `history` against real temporary git repositories, through the real binary.
@Suite struct GitModeTests {
    static func keys(_ seed: UInt64, _ count: Int = 2) -> [String] {
        var fake = FakeSecrets(seed: seed)
        return (0..<count).map { _ in fake.anthropicKey() }
    }

    /// Runs ../shared/tools/check-sarif on `file` when the shared folder is present.
    static func checkSarif(_ file: String, root: String?) throws {
        guard let shared = TestPaths.shared else { return }
        let check = try python3([shared.appendingPathComponent("tools/check-sarif").path, file] + (root.map { ["--repo-root", $0] } ?? []))
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func stagedReportsOnlyAddedLinesOfTheStagedBlob() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = Self.keys(1)
        try repo.commit("old debt", ["notes.md": "intro\nold = \(key[0])\n"])
        try repo.write("notes.md", "intro\nold = \(key[0])\nclean line\n")
        try repo.git("add", "notes.md")
        let clean = try repo.promptscan(["staged"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("0 findings"))
        let all = try repo.promptscan(["staged", "--all-lines"])
        #expect(all.status == 1)
        #expect(all.stdout.contains("notes.md:2:7  critical  anthropic-api-key"))
        try repo.write("notes.md", "intro\nold = \(key[0])\nclean line\nnew = \(key[1])\n")
        try repo.git("add", "notes.md")
        let added = try repo.promptscan(["staged"])
        #expect(added.status == 1)
        #expect(added.stdout.contains("notes.md:4:7  critical  anthropic-api-key"))
        #expect(!added.stdout.contains("notes.md:2:"))
        #expect(!added.stdout.contains(key[1]) && !added.stderr.contains(key[1]))
    }

    @Test func partiallyStagedFileIsJudgedByItsStagedContentOnly() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = Self.keys(2)
        try repo.commit("base", ["app.py": "a = 1\n"])
        // Working tree adds a key; only the clean line is staged (what `git add -p` would do).
        try repo.write("app.py", "a = 1\nb = 2\nk = '\(key[0])'\n")
        try repo.sh("printf 'a = 1\\nb = 2\\n' | git update-index --cacheinfo 100644,$(printf 'a = 1\\nb = 2\\n' | git hash-object -w --stdin),app.py")
        let staged = try repo.promptscan(["staged"])
        #expect(staged.status == 0, "\(staged.stdout)")
        // And the other way round: the key is staged, the working tree no longer has it.
        try repo.write("app.py", "a = 1\nk = '\(key[1])'\n")
        try repo.git("add", "app.py")
        try repo.write("app.py", "a = 1\n")
        let blocked = try repo.promptscan(["staged"])
        #expect(blocked.status == 1)
        #expect(blocked.stdout.contains("app.py:2:6  critical  anthropic-api-key"))
    }

    @Test func firstCommitWithoutHeadWorks() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("README.md", "hello\n")
        try repo.git("add", "README.md")
        #expect(try repo.promptscan(["staged"]).status == 0)
        try repo.write("CLAUDE.md", "key: \(Self.keys(3)[0])\n")
        try repo.git("add", "CLAUDE.md")
        let result = try repo.promptscan(["staged"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("CLAUDE.md:1:6  critical  anthropic-api-key"))
    }

    @Test func renamesDeletionsAndMergesAreJudgedByWhatTheyAdd() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = Self.keys(4, 3)
        try repo.commit("debt", ["old name.md": "x\nk = \(key[0])\n", "gone.md": "k = \(key[1])\n"])
        try repo.git("mv", "old name.md", "new name.md")
        try repo.git("rm", "-q", "gone.md")
        #expect(try repo.promptscan(["staged"]).status == 0)  // a pure rename and a deletion add nothing
        try repo.write("new name.md", "x\nk = \(key[0])\nk2 = \(key[2])\n")
        try repo.git("add", "new name.md")
        let renamed = try repo.promptscan(["staged"])
        #expect(renamed.status == 1)
        #expect(renamed.stdout.contains("new name.md:3:6  critical"))
        #expect(!renamed.stdout.contains("new name.md:2:"))
        try repo.git("commit", "-q", "--no-verify", "-m", "renamed")
        // A merge in progress: what the other branch brings is new to HEAD.
        try repo.git("checkout", "-q", "-b", "side")
        try repo.commit("side adds a key", ["side.env": "TOKEN=\(Self.keys(40)[0])\n"])
        try repo.git("checkout", "-q", "main")
        try repo.commit("main moves on", ["main.txt": "m\n"])
        try repo.git("merge", "--no-commit", "--no-ff", "side")
        let merge = try repo.promptscan(["staged"])
        #expect(merge.status == 1)
        #expect(merge.stdout.contains("side.env:1:7  critical"))
    }

    @Test func binaryFilesAndSubmodulesAreSkippedAndReported() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        try repo.dir.write("image.png", Data([0x89, 0x50, 0x00, 0x00] + Array("k=\(Self.keys(5)[0])".utf8)))
        try repo.git("add", "image.png")
        let head = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("update-index", "--add", "--cacheinfo", "160000,\(head),vendor/lib")
        let result = try repo.promptscan(["staged"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("image.png: skipped: binary file"))
        #expect(result.stdout.contains("vendor/lib: skipped: submodule (commit \(head.prefix(12))), not scanned"))
    }

    @Test func namesWithSpacesAndNonUTF8BytesWork() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = Self.keys(6)
        try repo.commit("base", ["README.md": "r\n"])
        try repo.write("dir with space/my notes ✓.md", "k = \(key[0])\n")
        try repo.sh("f=$(printf 'caf\\351.txt'); printf 'k = %s\\n' '\(key[1])' > \"$f\"; git add -A")
        let result = try repo.promptscan(["staged"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("dir with space/my notes ✓.md:1:5  critical"))
        #expect(result.stdout.contains("caf\\xE9.txt:1:5  critical"))
    }

    @Test func sarifFromStagedPassesCheckSarifWithSuppressionsAndBaselineState() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = Self.keys(7, 3)
        try repo.commit("base", ["README.md": "r\n"])
        try repo.write("agents/AGENTS.md", "a = \(key[0]) # promptscan:allow\n# promptscan:allow-next-line\nb = \(key[1])\n")
        try repo.write("accepted.md", "c = \(key[2])\n")
        let created = try repo.promptscan(["baseline", "create", "--output", ".promptscan-baseline.json"])
        #expect(created.status == 0, "\(created.stderr)")
        try repo.git("add", "-A")
        let sarif = repo.path + "/out.sarif"
        let result = try repo.promptscan(["staged", "--format", "sarif", "--output", sarif])
        #expect(result.status == 0, "\(result.stderr)")
        try Self.checkSarif(sarif, root: repo.path)
        let text = try String(contentsOfFile: sarif, encoding: .utf8)
        let log = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 3)
        let suppressed = results.filter { ($0["suppressions"] as? [[String: Any]])?.first?["kind"] as? String == "inSource" }
        #expect(suppressed.count == 2)
        #expect(results.filter { $0["baselineState"] as? String == "unchanged" }.count == 1)
        for secret in key { #expect(!text.contains(secret)) }
    }

    @Test func diffReportsOnlyLinesAddedSinceTheMergeBase() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = Self.keys(8, 3)
        try repo.commit("base", ["config.yml": "a: 1\nold: \(key[0])\n"])
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.commit("feature", ["config.yml": "a: 1\nold: \(key[0])\nnew: \(key[1])\n"])
        try repo.git("checkout", "-q", "main")
        try repo.commit("main only", ["main.md": "m: \(key[2])\n"])  // on main after the fork: not the branch's
        try repo.git("checkout", "-q", "feature")
        let sarif = repo.path + "/diff.sarif"
        let result = try repo.promptscan(["diff", "--base", "main", "--format", "sarif", "--output", sarif])
        #expect(result.status == 1)
        try Self.checkSarif(sarif, root: repo.path)
        let text = try repo.promptscan(["diff", "--base", "main", "--head", "feature"])
        #expect(text.stdout.contains("config.yml:3:6  critical"))
        #expect(!text.stdout.contains("config.yml:2:"))
        #expect(!text.stdout.contains("main.md"))
        #expect(text.stdout.contains("1 finding (secret 1)"))
        let unknown = try repo.promptscan(["diff", "--base", "no-such-branch"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("error: git: unknown revision 'no-such-branch'"))
    }

    @Test func shallowCloneWithoutTheBaseSaysHowToFetchIt() throws {
        let origin = try GitRepository()
        defer { origin.remove() }
        try origin.commit("one", ["a.txt": "1\n"])
        let first = try origin.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try origin.commit("two", ["a.txt": "2\n"])
        try origin.commit("three", ["a.txt": "3\n"])
        let cloneDir = try TemporaryDirectory("promptscan-shallow")
        defer { cloneDir.remove() }
        try origin.gitArgs(["clone", "-q", "--depth", "1", "file://\(origin.path)", cloneDir.path + "/c"])
        let result = try runProcess(
            TestPaths.binary, ["diff", "--base", first], in: cloneDir.url.appendingPathComponent("c"), environment: GitRepository.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("shallow clone"))
        #expect(result.stderr.contains("fetch-depth: 0"))
        #expect(result.stderr.contains("git fetch --deepen"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func corruptObjectAndNoRepositoryAreOneLineErrors() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        try repo.write("new.txt", "some content that will be corrupted\n")
        try repo.git("add", "new.txt")
        let blob = try repo.git("rev-parse", ":new.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repo.path + "/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object)
        try Data("garbage, not zlib".utf8).write(to: URL(fileURLWithPath: object))
        let result = try repo.promptscan(["staged"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: git: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let outside = try TemporaryDirectory("promptscan-norepo")
        defer { outside.remove() }
        let none = try runProcess(
            TestPaths.binary, ["staged"], in: outside.url, environment: ["GIT_CEILING_DIRECTORIES": outside.url.deletingLastPathComponent().path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("is not inside a git work tree"))
        #expect(none.stderr.split(separator: "\n").count == 1)
    }

    @Test func historyNamesTheCommitOfEachFindingDeterministically() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        let key = Self.keys(9, 2)
        try repo.commit("one", ["a.md": "clean\n"])
        try repo.commit("two", ["a.md": "clean\nk = \(key[0])\n"])
        let second = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.commit("three", ["a.md": "clean\n"])  // removed again: still in history
        try repo.commit("four", ["b.md": "k = \(key[1])\n"])
        let fourth = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try repo.promptscan(["history", "--format", "json"])
        #expect(result.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = document?["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { $0["commit"] as? String } == [second, fourth])
        #expect(findings.map { $0["path"] as? String } == ["a.md", "b.md"])
        #expect(try repo.promptscan(["history", "--format", "json"]).stdout == result.stdout)
        // The SARIF of history is valid; its lines refer to past versions, so only b.md (unchanged since)
        // is checked against the work tree.
        let sarif = repo.path + "/history.sarif"
        #expect(try repo.promptscan(["history", "--format", "sarif", "--output", sarif]).status == 1)
        try Self.checkSarif(sarif, root: nil)
        #expect(try String(contentsOfFile: sarif, encoding: .utf8).contains("\"commit\" : \"\(second)\""))
        let recent = repo.path + "/recent.sarif"
        #expect(try repo.promptscan(["history", "--since", second, "--format", "sarif", "--output", recent]).status == 1)
        try Self.checkSarif(recent, root: repo.path)
        let since = try repo.promptscan(["history", "--since", second])
        #expect(since.stdout.contains("b.md:1:5") && !since.stdout.contains("a.md:"))
        #expect(since.stdout.contains("commit \(fourth.prefix(12))"))
    }
}
