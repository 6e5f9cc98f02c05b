import Foundation
import TestSupport
import Testing

/// `promptscan pre-commit` and `promptscan pre-push`, the commands every hook runs, driven the way
/// git and hook managers drive them (files as arguments, GIT_INDEX_FILE inside a commit, git's
/// pre-push lines on stdin) and through real `git push`es.
@Suite struct HookCommandTests {
    static func key(_ seed: UInt64) -> String {
        var fake = FakeSecrets(seed: seed)
        return fake.anthropicKey()
    }

    /// A repository with a token committed long ago (`old.md`, line 2) and a clean README.
    static func repositoryWithOldToken() throws -> GitRepository {
        let repo = try GitRepository()
        try repo.commit("old debt", ["old.md": "intro\ntoken: \(key(31))\n", "README.md": "hello\n", "src/app.py": "a = 1\n"])
        return repo
    }

    /// What git sets for a commit hook (the pre-commit framework passes it on).
    static let insideCommit = ["GIT_INDEX_FILE": ".git/index"]

    @Test func outsideACommitGivenFilesAreScannedInFull() throws {
        let repo = try Self.repositoryWithOldToken()
        defer { repo.remove() }
        let all = try repo.promptscan(["pre-commit", "README.md", "old.md", "src/app.py"])
        #expect(all.status == 1, "\(all.stderr)")
        #expect(all.stdout.contains("old.md:2:8  critical  anthropic-api-key"))
        #expect(all.stdout.contains("3 files scanned"))
        #expect(all.stderr.contains("the files checked hold the findings above"))
        #expect(!all.stdout.contains(Self.key(31)) && !all.stderr.contains(Self.key(31)))
        let clean = try repo.promptscan(["pre-commit", "README.md", "src/app.py"])
        #expect(clean.status == 0, "\(clean.stdout)")
        // Paths from a subfolder are reported from the top of the repository.
        let nested = try runProcess(
            TestPaths.binary, ["pre-commit", "../old.md", "app.py"], in: repo.url.appendingPathComponent("src"),
            environment: GitRepository.environment)
        #expect(nested.status == 1)
        #expect(nested.stdout.contains("old.md:2:8  critical"))
        // A missing file is one line naming it; a link is reported, not followed.
        let missing = try repo.promptscan(["pre-commit", "gone.md"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: gone.md:") && missing.stderr.split(separator: "\n").count == 1)
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/link.md", withDestinationPath: "old.md")
        let link = try repo.promptscan(["pre-commit", "link.md", "--format", "json"])
        #expect(link.status == 0, "\(link.stdout)")
        #expect(link.stdout.contains("a symbolic link, not read"))
    }

    @Test func insideACommitOnlyTheLinesTheCommitAddsCount() throws {
        let repo = try Self.repositoryWithOldToken()
        defer { repo.remove() }
        // Old debt in a file the commit touches: not this commit's doing.
        try repo.write("old.md", "intro\ntoken: \(Self.key(31))\nmore text\n")
        try repo.git("add", "old.md")
        let touched = try repo.promptscan(["pre-commit", "old.md"], environment: Self.insideCommit)
        #expect(touched.status == 0, "\(touched.stdout)\(touched.stderr)")
        // No files (promptscan's own hook): the staged changes, as `staged`.
        #expect(try repo.promptscan(["pre-commit"]).status == 0)
        try repo.write("new.md", "x\nkey = \(Self.key(32))\n")
        try repo.git("add", "new.md")
        let blocked = try repo.promptscan(["pre-commit", "old.md", "new.md"], environment: Self.insideCommit)
        #expect(blocked.status == 1)
        #expect(blocked.stdout.contains("new.md:2:7  critical  anthropic-api-key"))
        #expect(!blocked.stdout.contains("old.md:"))
        #expect(blocked.stderr.contains("promptscan blocked this commit"))
        #expect(blocked.stderr.contains("git commit --no-verify"))
        #expect(blocked.stderr.contains("promptscan:allow") && blocked.stderr.contains("promptscan baseline create"))
        // Files the framework left out (its `exclude:`) are not judged.
        #expect(try repo.promptscan(["pre-commit", "old.md"], environment: Self.insideCommit).status == 0)
        #expect(try repo.promptscan(["pre-commit"]).status == 1)
    }

    /// A bare remote the repository pushes to, and a pre-push hook that runs promptscan.
    static func remote(for repo: GitRepository) throws -> TemporaryDirectory {
        let remote = try TemporaryDirectory("promptscan-remote")
        _ = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q", "--bare", "-b", "main", remote.path], environment: GitRepository.environment)
        try repo.git("remote", "add", "origin", remote.path)
        let hook = repo.path + "/.git/hooks/pre-push"
        try "#!/bin/sh\nexec '\(TestPaths.binary.path)' pre-push \"$@\"\n".write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        return remote
    }

    @Test func prePushScansTheCommitsBeingPushed() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "hello\n"])
        let remote = try Self.remote(for: repo)
        defer { remote.remove() }
        let first = try repo.sh("git push -q origin main")
        #expect(first.status == 0, "\(first.stderr)")
        try repo.commit("adds a key", ["deploy.sh": "export KEY=\(Self.key(33))\n"])
        try repo.commit("removes it again", ["deploy.sh": "export KEY=\"$VAULT_KEY\"\n"])
        let blocked = try repo.sh("git push -q origin main")
        #expect(blocked.status != 0)
        #expect(blocked.stdout.contains("deploy.sh:1:12  critical  anthropic-api-key"), "\(blocked.stdout)\(blocked.stderr)")
        #expect(blocked.stdout.contains("commit"))
        #expect(blocked.stderr.contains("promptscan blocked this push") && blocked.stderr.contains("git push --no-verify"))
        #expect(!(blocked.stdout + blocked.stderr).contains(Self.key(33)))
        #expect(
            try repo.git("ls-remote", "origin", "main").split(separator: "\t").first.map(String.init)
                != (try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)))
        // Rewritten without the key, the push goes through; a new branch sends only its own commits.
        try repo.git("reset", "-q", "--hard", "HEAD~2")
        try repo.commit("clean deploy", ["deploy.sh": "export KEY=\"$VAULT_KEY\"\n"])
        let clean = try repo.sh("git push -q origin main")
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.commit("feature", ["f.md": "fine\n"])
        let branch = try repo.sh("git push -q origin feature")
        #expect(branch.status == 0, "\(branch.stdout)\(branch.stderr)")
    }

    @Test func prePushReadsGitsLinesAndThePreCommitFrameworksRefs() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("base", ["README.md": "hello\n"])
        let base = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.commit("key", ["k.md": "key \(Self.key(34))\n"])
        let head = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let zero = String(repeating: "0", count: 40)
        let binary = "'\(TestPaths.binary.path)'"
        let update = try repo.sh("printf 'refs/heads/main \(head) refs/heads/main \(base)\\n' | \(binary) pre-push origin /srv/x.git")
        #expect(update.status == 1, "\(update.stdout)\(update.stderr)")
        #expect(update.stdout.contains("k.md:1:5"))
        let newBranch = try repo.sh("printf 'refs/heads/main \(head) refs/heads/main \(zero)\\n' | \(binary) pre-push origin /srv/x.git")
        #expect(newBranch.status == 1)
        let deletion = try repo.sh("printf '(delete) \(zero) refs/heads/old \(head)\\n' | \(binary) pre-push origin /srv/x.git")
        #expect(deletion.status == 0, "\(deletion.stdout)")
        let upToDate = try repo.sh("printf 'refs/heads/main \(head) refs/heads/main \(head)\\n' | \(binary) pre-push origin /srv/x.git")
        #expect(upToDate.status == 0)
        // The pre-commit framework's pre-push stage names the range in its environment.
        let framework = try repo.promptscan(
            ["pre-push"], environment: ["PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head, "PRE_COMMIT_REMOTE_NAME": "origin"])
        #expect(framework.status == 1)
        let before = try repo.promptscan(["pre-push"], environment: ["PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": base])
        #expect(before.status == 0)
        let option = try repo.promptscan(["pre-push"], environment: ["PRE_COMMIT_FROM_REF": "--output=/tmp/x", "PRE_COMMIT_TO_REF": head])
        #expect(option.status == 2)
        #expect(option.stderr.hasPrefix("error: git: not a revision"))
    }
}
