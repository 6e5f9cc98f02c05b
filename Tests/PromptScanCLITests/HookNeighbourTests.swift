import Foundation
import TestSupport
import Testing

/// `hook install` and `hook uninstall` among other hooks: a hook that was there comes back byte for
/// byte, the hook finds promptscan on PATH, husky's layout keeps the team's hook running, and
/// lefthook and the pre-commit framework are pointed at their own configuration.
@Suite struct HookNeighbourTests {
    static func key(_ seed: UInt64) -> String {
        var fake = FakeSecrets(seed: seed)
        return fake.anthropicKey()
    }

    static let systemPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    /// PATH with the built promptscan first.
    static let onPath = ["PATH": TestPaths.binary.deletingLastPathComponent().path + ":" + systemPath]

    static func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
    static func commits(_ repo: GitRepository) throws -> String {
        try repo.git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func uninstallPutsBackExactlyWhatWasThere() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        let hook = repo.path + "/.git/hooks/pre-commit"
        // Nothing there: install, then uninstall leaves nothing.
        #expect(try repo.promptscan(["hook", "install"], environment: Self.onPath).status == 0)
        let removed = try repo.promptscan(["hook", "uninstall"])
        #expect(removed.status == 0 && removed.stderr.contains("removed the promptscan pre-commit hook"))
        #expect(!FileManager.default.fileExists(atPath: hook))
        #expect(try repo.promptscan(["hook", "uninstall"]).stderr.contains("no promptscan pre-commit hook"))
        // A team's hook (odd mode, no final line break), chained then uninstalled: the same bytes and mode.
        let original = Data("#!/bin/sh\necho team >> \"$(git rev-parse --git-dir)/team.log\"".utf8)
        try original.write(to: URL(fileURLWithPath: hook))
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: hook)
        #expect(try repo.promptscan(["hook", "install", "--chain"], environment: Self.onPath).status == 0)
        #expect(Self.read(hook + ".local") == original)
        let restored = try repo.promptscan(["hook", "uninstall"])
        #expect(restored.stderr.contains("put back the hook it kept"), "\(restored.stderr)")
        #expect(Self.read(hook) == original)
        #expect(try Self.mode(hook) == 0o750)
        #expect(!FileManager.default.fileExists(atPath: hook + ".local"))
        // Someone else's hook is never removed.
        let other = try repo.promptscan(["hook", "uninstall"])
        #expect(other.status == 0 && other.stderr.contains("not promptscan's; left as it is"))
        #expect(Self.read(hook) == original)
        // A hook that is a link stays that link.
        try FileManager.default.removeItem(atPath: hook)
        try FileManager.default.createSymbolicLink(atPath: hook, withDestinationPath: "../../tools/team-hook")
        #expect(try repo.promptscan(["hook", "install", "--chain"], environment: Self.onPath).status == 0)
        #expect(try repo.promptscan(["hook", "uninstall"]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hook) == "../../tools/team-hook")
    }

    @Test func theHookFindsPromptscanOnPathNotAPinnedPath() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        let hook = repo.path + "/.git/hooks/pre-commit"
        let install = try repo.promptscan(["hook", "install"], environment: ["PATH": Self.systemPath])
        #expect(install.status == 0)
        #expect(install.stderr.contains("note: promptscan is not on PATH here"))
        let text = try String(contentsOfFile: hook, encoding: .utf8)
        #expect(text.contains("default_promptscan=promptscan\n"))
        #expect(!text.contains(TestPaths.binary.path))
        try repo.write("k.md", "\(Self.key(51))\n")
        try repo.git("add", "k.md")
        #expect(try repo.sh("git commit -q -m x", environment: Self.onPath).status == 1)
        let missing = try repo.sh("git commit -q -m x", environment: ["PATH": Self.systemPath])
        #expect(missing.status != 0)  // (git commit exits 1 whatever status its hook had)
        #expect(missing.stderr.contains("'promptscan' is not on PATH, so the commit is blocked"))
        #expect(missing.stderr.contains("git commit --no-verify"))
        #expect(try repo.sh("git commit -q -m x", environment: ["PATH": Self.systemPath, "PROMPTSCAN": TestPaths.binary.path]).status == 1)
        // A configured path is written as given.
        #expect(try repo.promptscan(["hook", "install", "--binary", "/opt/tools/promptscan"]).status == 0)
        #expect(try String(contentsOfFile: hook, encoding: .utf8).contains("default_promptscan=/opt/tools/promptscan\n"))
        #expect(try Self.commits(repo) == "1")
    }

    // MARK: husky

    /// husky 9's layout, as `npm install` (husky's prepare script) writes it: core.hooksPath
    /// `.husky/_`, stubs there that source `_/h`, and `h` running `.husky/<hook name>` with `sh -e`.
    /// (A stand-in written for these tests with the same behaviour, not husky's file.)
    static func writeHuskyInternals(_ repo: GitRepository) throws {
        let internals = repo.path + "/.husky/_"
        try? FileManager.default.removeItem(atPath: internals)
        try repo.write(".husky/_/.gitignore", "*\n")
        try repo.write(
            ".husky/_/h",
            """
            #!/usr/bin/env sh
            n=$(basename "$0")
            s=$(dirname "$(dirname "$0")")/$n
            [ ! -f "$s" ] && exit 0
            [ "${HUSKY-}" = "0" ] && exit 0
            export PATH="node_modules/.bin:$PATH"
            sh -e "$s" "$@"
            c=$?
            [ $c != 0 ] && echo "husky - $n script failed (code $c)"
            exit $c

            """)
        for name in ["pre-commit", "commit-msg", "pre-push"] {
            try repo.write(".husky/_/\(name)", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: internals + "/\(name)")
        }
    }

    static func huskyRepository(teamScript: String?) throws -> GitRepository {
        let repo = try GitRepository("promptscan-husky")
        try repo.commit("base", ["README.md": "r\n", "package.json": "{\"devDependencies\": {\"husky\": \"^9.1.7\"}}\n"])
        try writeHuskyInternals(repo)
        if let teamScript {
            try repo.write(".husky/pre-commit", teamScript)
            try repo.git("add", ".husky/pre-commit")
            try repo.git("commit", "-q", "--no-verify", "-m", "husky")
        }
        try repo.git("config", "core.hooksPath", ".husky/_")
        return repo
    }

    /// Commits `file` with `content` through the hooks; returns the result.
    static func commit(_ repo: GitRepository, _ file: String, _ content: String) throws -> ProcessResult {
        try repo.write(file, content)
        try repo.git("add", file)
        return try repo.sh("git commit -q -m '\(file)'", environment: onPath)
    }

    static func teamRuns(_ repo: GitRepository) -> Int {
        (try? String(contentsOfFile: repo.path + "/.git/team-hook.log", encoding: .utf8))?.split(separator: "\n").count ?? 0
    }

    @Test func huskyKeepsTheTeamsHookRunningBeforeAfterInstallAndAfterUninstall() throws {
        let team = "echo team >> \"$(git rev-parse --git-dir)/team-hook.log\"\n"
        let repo = try Self.huskyRepository(teamScript: team)
        defer { repo.remove() }
        let stub = repo.path + "/.husky/_/pre-commit"
        let stubBytes = try #require(Self.read(stub))
        // Before: husky runs the team's hook.
        #expect(try Self.commit(repo, "a.md", "a\n").status == 0)
        #expect(Self.teamRuns(repo) == 1)
        let install = try repo.promptscan(["hook", "install"], environment: Self.onPath)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("added the line 'promptscan pre-commit' to ") && install.stderr.contains(".husky/pre-commit"))
        // husky's files are left alone; the team's script gains one line at its end.
        #expect(Self.read(stub) == stubBytes)
        #expect(!FileManager.default.fileExists(atPath: stub + ".local"))
        let script = try String(contentsOfFile: repo.path + "/.husky/pre-commit", encoding: .utf8)
        #expect(script.hasPrefix(team) && script.split(separator: "\n").count == 2)
        #expect(script.contains("\"${PROMPTSCAN:-promptscan}\" pre-commit"))
        // After: the team's hook runs, then promptscan; a key blocks the commit.
        #expect(try Self.commit(repo, "b.md", "b\n").status == 0)
        #expect(Self.teamRuns(repo) == 2)
        let blocked = try Self.commit(repo, "c.md", "k \(Self.key(52))\n")
        #expect(blocked.status == 1)
        // (git sends a hook's stdout to its stderr)
        #expect((blocked.stdout + blocked.stderr).contains("c.md:1:3  critical  anthropic-api-key"))
        #expect(blocked.stderr.contains("git commit --no-verify"))
        #expect(Self.teamRuns(repo) == 3)
        // Installing again adds nothing; `npm install` regenerating .husky/_ keeps promptscan.
        #expect(try repo.promptscan(["hook", "install"], environment: Self.onPath).stderr.contains("already runs promptscan"))
        try Self.writeHuskyInternals(repo)
        #expect(try repo.sh("git commit -q -m c", environment: Self.onPath).status == 1)
        #expect(Self.teamRuns(repo) == 4)
        // Uninstall: the team's script is back byte for byte and still runs; the key goes through.
        let uninstall = try repo.promptscan(["hook", "uninstall"])
        #expect(uninstall.status == 0 && uninstall.stderr.contains("removed the promptscan line"), "\(uninstall.stderr)")
        #expect(try String(contentsOfFile: repo.path + "/.husky/pre-commit", encoding: .utf8) == team)
        #expect(Self.read(stub) == stubBytes)
        #expect(try repo.sh("git commit -q -m c", environment: Self.onPath).status == 0)
        #expect(Self.teamRuns(repo) == 5)
    }

    @Test func huskyScriptCreatedWhenMissingAndRestoredExactlyWithoutFinalLineBreak() throws {
        let repo = try Self.huskyRepository(teamScript: nil)
        defer { repo.remove() }
        let script = repo.path + "/.husky/pre-commit"
        #expect(try repo.promptscan(["hook", "install"], environment: Self.onPath).stderr.contains("created "))
        #expect(FileManager.default.fileExists(atPath: script))
        #expect(try Self.commit(repo, "k.md", "k \(Self.key(53))\n").status == 1)
        let uninstall = try repo.promptscan(["hook", "uninstall"])
        #expect(uninstall.stderr.contains("which hook install had created"), "\(uninstall.stderr)")
        #expect(!FileManager.default.fileExists(atPath: script))
        // A team script without a final line break.
        let team = Data("echo lint >/dev/null\necho team >> \"$(git rev-parse --git-dir)/team-hook.log\"".utf8)
        try team.write(to: URL(fileURLWithPath: script))
        #expect(try repo.promptscan(["hook", "install"], environment: Self.onPath).status == 0)
        #expect(try repo.sh("git commit -q -m k", environment: Self.onPath).status == 1)
        #expect(Self.teamRuns(repo) == 1)
        #expect(try repo.promptscan(["hook", "uninstall"]).status == 0)
        #expect(Self.read(script) == team)
    }

    @Test func huskyStubMovedAsideByAnEarlierChainIsPutBack() throws {
        let team = "echo team >> \"$(git rev-parse --git-dir)/team-hook.log\"\n"
        let repo = try Self.huskyRepository(teamScript: team)
        defer { repo.remove() }
        let stub = repo.path + "/.husky/_/pre-commit"
        let stubBytes = try #require(Self.read(stub))
        // What `hook install --chain` did before: the stub as pre-commit.local, promptscan's hook in its place.
        try FileManager.default.moveItem(atPath: stub, toPath: stub + ".local")
        try "#!/bin/sh\n# promptscan pre-commit hook: blocks a commit whose staged changes add a secret.\npromptscan staged\n".write(
            toFile: stub, atomically: true, encoding: .utf8)
        #expect(try repo.promptscan(["hook", "install"], environment: Self.onPath).status == 0)
        #expect(Self.read(stub) == stubBytes)
        #expect(!FileManager.default.fileExists(atPath: stub + ".local"))
        #expect(try Self.commit(repo, "k.md", "k \(Self.key(54))\n").status == 1)
        #expect(Self.teamRuns(repo) == 1)
    }

    @Test func lefthookAndThePreCommitFrameworkArePointedAtTheirConfiguration() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["lefthook.yml": "pre-commit:\n  commands: {}\n"])
        let lefthook = try repo.promptscan(["hook", "install"])
        #expect(lefthook.status == 2)
        #expect(lefthook.stderr.contains("lefthook manages this repository's hooks") && lefthook.stderr.contains("run: promptscan pre-commit"))
        #expect(lefthook.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit"))
        try repo.git("rm", "-q", "lefthook.yml")
        let hook = repo.path + "/.git/hooks/pre-commit"
        try "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n".write(toFile: hook, atomically: true, encoding: .utf8)
        let framework = try repo.promptscan(["hook", "install", "--chain"])
        #expect(framework.status == 2)
        #expect(framework.stderr.contains("the pre-commit framework manages") && framework.stderr.contains(".pre-commit-config.yaml"))
        #expect(!FileManager.default.fileExists(atPath: hook + ".local"))
    }
}
