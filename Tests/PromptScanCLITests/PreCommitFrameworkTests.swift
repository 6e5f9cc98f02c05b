import Foundation
import TestSupport
import Testing

/// The hooks of `.pre-commit-hooks.yaml` under the real pre-commit framework (from PyPI), with the
/// built binary on PATH (the `-system` hooks, so nothing is compiled inside pre-commit): `run
/// --all-files` and `run --files` scan files in full, a real commit is judged by what it adds, and
/// a push by the commits it sends.
@Suite(
    .enabled(if: PreCommitFramework.command != nil, "pre-commit (PyPI) could not be installed into a virtual environment: pre-commit framework tests skipped"))
struct PreCommitFrameworkTests {
    static func key(_ seed: UInt64) -> String {
        var fake = FakeSecrets(seed: seed)
        return fake.anthropicKey()
    }

    /// A project using promptscan's hooks from a hook repository holding this package's
    /// `.pre-commit-hooks.yaml`, with its own pre-commit home.
    struct Project {
        let repo: GitRepository
        let hooks: GitRepository
        let home: TemporaryDirectory

        init() throws {
            hooks = try GitRepository("promptscan-hook-repo")
            try hooks.commit(
                "hooks",
                [
                    ".pre-commit-hooks.yaml": try String(
                        contentsOf: TestPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
                ])
            let rev = try hooks.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            home = try TemporaryDirectory("promptscan-pre-commit-home")
            repo = try GitRepository("promptscan-pre-commit-project")
            try repo.commit(
                "base",
                [
                    "README.md": "hello\n",
                    ".pre-commit-config.yaml": """
                    repos:
                      - repo: \(hooks.path)
                        rev: \(rev)
                        hooks:
                          - id: promptscan-system
                          - id: promptscan-pre-push-system

                    """,
                ])
        }

        var environment: [String: String] {
            let path = TestPaths.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            return ["PATH": path, "PRE_COMMIT_HOME": home.path, "PRE_COMMIT_COLOR": "never", "SKIP": ""]
        }

        /// `pre-commit ARGS` in the project.
        func preCommit(_ arguments: [String]) throws -> ProcessResult {
            let command = PreCommitFramework.command!
            return try runProcess(
                URL(fileURLWithPath: command[0]), Array(command.dropFirst()) + arguments, in: repo.url,
                environment: GitRepository.environment.merging(environment) { _, new in new })
        }

        func remove() {
            repo.remove()
            hooks.remove()
            home.remove()
        }
    }

    @Test func runAllFilesAndFilesScanCommittedFilesInFull() throws {
        let project = try Project()
        defer { project.remove() }
        let clean = try project.preCommit(["run", "--all-files"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("Passed"))
        // A token already committed: a run outside a commit must find it.
        try project.repo.commit("deploy", ["deploy.sh": "#!/bin/sh\nexport KEY=\(Self.key(41))\n"])
        let all = try project.preCommit(["run", "--all-files"])
        #expect(all.status == 1, "\(all.stdout)\(all.stderr)")
        #expect(all.stdout.contains("Failed"))
        #expect(all.stdout.contains("deploy.sh:2:12  critical  anthropic-api-key"), "\(all.stdout)")
        #expect(!all.stdout.contains(Self.key(41)))
        let files = try project.preCommit(["run", "--files", "deploy.sh"])
        #expect(files.status == 1)
        #expect(files.stdout.contains("deploy.sh:2:12"))
        let other = try project.preCommit(["run", "--files", "README.md"])
        #expect(other.status == 0, "\(other.stdout)")
    }

    @Test func aRealCommitIsJudgedByWhatItAdds() throws {
        let project = try Project()
        defer { project.remove() }
        let repo = project.repo
        try repo.commit("old debt", ["notes.md": "intro\nold = \(Self.key(42))\n"])  // --no-verify
        let install = try project.preCommit(["install", "--hook-type", "pre-commit"])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let environment = project.environment
        // Touching the file with old debt is not blocked: the commit adds a clean line.
        try repo.write("notes.md", "intro\nold = \(Self.key(42))\nclean line\n")
        try repo.git("add", "notes.md")
        let touched = try repo.sh("git commit -q -m touch", environment: environment)
        #expect(touched.status == 0, "\(touched.stdout)\(touched.stderr)")
        // A commit that adds a key is blocked, and says how to skip the hook once.
        try repo.write("config/app.env", "API_KEY=\(Self.key(43))\n")
        try repo.git("add", "config/app.env")
        let count = try repo.git("rev-list", "--count", "HEAD")
        let blocked = try repo.sh("git commit -q -m key", environment: environment)
        #expect(blocked.status != 0)
        let output = blocked.stdout + blocked.stderr
        #expect(output.contains("config/app.env:1:9  critical  anthropic-api-key"), "\(output)")
        #expect(output.contains("git commit --no-verify"))
        #expect(!output.contains(Self.key(43)))
        #expect(try repo.git("rev-list", "--count", "HEAD") == count)
    }

    @Test func prePushStageScansTheCommitsBeingPushed() throws {
        let project = try Project()
        defer { project.remove() }
        let repo = project.repo
        let remote = try TemporaryDirectory("promptscan-pre-commit-remote")
        defer { remote.remove() }
        _ = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q", "--bare", "-b", "main", remote.path], environment: GitRepository.environment)
        try repo.git("remote", "add", "origin", remote.path)
        #expect(try project.preCommit(["install", "--hook-type", "pre-push"]).status == 0)
        let environment = project.environment
        let first = try repo.sh("git push -q origin main", environment: environment)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        try repo.commit("key", ["k.md": "key \(Self.key(44))\n"])
        let blocked = try repo.sh("git push -q origin main", environment: environment)
        #expect(blocked.status != 0)
        #expect((blocked.stdout + blocked.stderr).contains("k.md:1:5"), "\(blocked.stdout)\(blocked.stderr)")
        #expect((blocked.stdout + blocked.stderr).contains("git push --no-verify"))
    }
}
