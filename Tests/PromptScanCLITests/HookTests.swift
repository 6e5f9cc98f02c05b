import Foundation
import TestSupport
import Testing

/// The pre-commit hook installed by `promptscan hook install`, driven by real `git commit`s with the
/// built promptscan on PATH (the hook looks it up there, as after a package install).
@Suite struct HookTests {
    static func key(_ seed: UInt64) -> String {
        var fake = FakeSecrets(seed: seed)
        return fake.anthropicKey()
    }

    /// PATH with the built promptscan first.
    static let onPath = ["PATH": TestPaths.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]

    func commitCount(_ repo: GitRepository) throws -> Int {
        Int(try repo.git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func installedHookBlocksAStagedKeyNamingFileLineAndRule() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        let install = try repo.promptscan(["hook", "install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(FileManager.default.isExecutableFile(atPath: repo.path + "/.git/hooks/pre-commit"))
        let key = Self.key(11)
        try repo.write("deploy/my notes.md", "line one\ntoken: \(key)\n")
        try repo.git("add", "-A")
        let blocked = try repo.sh("git commit -q -m 'add notes'", environment: Self.onPath)
        #expect(blocked.status == 1)
        let output = blocked.stdout + blocked.stderr
        #expect(output.contains("deploy/my notes.md:2:8  critical  anthropic-api-key"))
        #expect(output.contains("promptscan blocked this commit"))
        #expect(output.contains("promptscan:allow"))
        #expect(output.contains("git commit --no-verify") && output.contains("promptscan baseline create"))
        #expect(!output.contains(key))
        #expect(try commitCount(repo) == 1)
        // Allowed inline: the commit goes through.
        try repo.write("deploy/my notes.md", "line one\ntoken: \(key)  # promptscan:allow test value\n")
        try repo.git("add", "-A")
        let allowed = try repo.sh("git commit -q -m 'allowed'", environment: Self.onPath)
        #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
        #expect(try commitCount(repo) == 2)
    }

    @Test func baselinedFindingDoesNotBlock() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        #expect(try repo.promptscan(["hook", "install"]).status == 0)
        try repo.write("fixtures/recorded.json", "{\"key\": \"\(Self.key(12))\"}\n")
        let create = try repo.sh("'\(TestPaths.binary.path)' baseline create > .promptscan-baseline.json")
        #expect(create.status == 0, "\(create.stderr)")
        try repo.git("add", "-A")
        let result = try repo.sh("git commit -q -m 'accepted fixture'", environment: Self.onPath)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try commitCount(repo) == 2)
    }

    @Test func existingHookIsRefusedOrChainedNeverOverwritten() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        let hook = repo.path + "/.git/hooks/pre-commit"
        let original = "#!/bin/sh\necho ran >> \"$(git rev-parse --show-toplevel)/.git/own-hook-ran\"\n"
        try original.write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let refused = try repo.promptscan(["hook", "install"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not overwriting"))
        #expect(refused.stderr.hasPrefix("error: \(hook):") && refused.stderr.contains("--chain") && refused.stderr.contains("promptscan pre-commit"))
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == original)
        let chained = try repo.promptscan(["hook", "install", "--chain"])
        #expect(chained.status == 0, "\(chained.stderr)")
        #expect(try String(contentsOfFile: hook + ".local", encoding: .utf8) == original)
        try repo.write("a.env", "KEY=\(Self.key(13))\n")
        try repo.git("add", "-A")
        let blocked = try repo.sh("git commit -q -m x", environment: Self.onPath)
        #expect(blocked.status == 1)
        #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/own-hook-ran"))
        // Installing again refreshes promptscan's own hook and keeps the chained one.
        #expect(try repo.promptscan(["hook", "install"]).status == 0)
        #expect(try String(contentsOfFile: hook + ".local", encoding: .utf8) == original)
    }

    @Test func installHonoursCoreHooksPath() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "r\n"])
        try repo.git("config", "core.hooksPath", "tools/githooks")
        #expect(try repo.promptscan(["hook", "install"]).status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: repo.path + "/tools/githooks/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit"))
        try repo.write("k.md", "\(Self.key(14))\n")
        try repo.git("add", "k.md")
        #expect(try repo.sh("git commit -q -m x", environment: Self.onPath).status == 1)
    }

    @Test func hooksFolderScriptIsTheInstalledScript() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        #expect(try repo.promptscan(["hook", "install", "--binary", "promptscan"]).status == 0)
        let installed = try String(contentsOfFile: repo.path + "/.git/hooks/pre-commit", encoding: .utf8)
        let shipped = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Hooks/pre-commit"), encoding: .utf8)
        #expect(installed == shipped, "Hooks/pre-commit is stale: copy the output of `promptscan hook install --binary promptscan`")
        let manifest = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(manifest.contains("entry: promptscan pre-commit") && manifest.contains("entry: promptscan pre-push"))
        #expect(try repo.sh("sh -n .git/hooks/pre-commit").status == 0)
    }
}
