import Foundation
import TestSupport
import Testing

/// A repository can name programs for git to run (its `.git/config` and `.gitattributes` are the
/// checkout's). `staged`, `diff` and `history` must run none of them: each test configures one,
/// pointing at a script that creates a marker file, and checks that no mode creates it.
@Suite struct GitHardeningTests {
    /// A repository with a commit on `main`, a `feature` branch that adds a file, and a staged change,
    /// plus a script `run.sh` outside it that creates `marker` when anything runs it.
    struct Setup {
        let repo: GitRepository
        let tools: TemporaryDirectory
        var script: String { tools.path + "/run.sh" }
        var marker: String { tools.path + "/marker" }

        init(configure: (Setup) throws -> Void) throws {
            repo = try GitRepository("promptscan-git-hardening")
            tools = try TemporaryDirectory("promptscan-git-tools")
            try tools.write("run.sh", "#!/bin/sh\ntouch '\(tools.path)/marker'\ncat\n")
            #expect(chmod(tools.path + "/run.sh", 0o755) == 0)
            // (An ignored file makes a directory scan ask git which files it tracks.)
            try repo.commit("base", ["a.md": "a\n", ".gitattributes": "* diff=tool filter=tool\n", ".gitignore": "local.txt\n"])
            try repo.write("local.txt", "untracked\n")
            try repo.git("checkout", "-q", "-b", "feature")
            try repo.commit("feature", ["b.md": "b\n"])
            try repo.write("c.md", "c\n")
            try repo.git("add", "c.md")
            try configure(self)
            try? FileManager.default.removeItem(atPath: marker)
        }

        func remove() {
            repo.remove()
            tools.remove()
        }

        /// Runs every git mode, and a directory scan (which asks git which files it tracks), and says
        /// which ones created the marker.
        func modesThatRanTheProgram() throws -> [String] {
            var ran: [String] = []
            for arguments in [["staged"], ["staged", "--all-lines"], ["diff", "--base", "main"], ["history"], ["scan", "."]] {
                let result = try repo.promptscan(arguments)
                #expect(result.status == 0 || result.status == 2, "\(arguments): \(result.stdout)\(result.stderr)")
                if FileManager.default.fileExists(atPath: marker) {
                    ran.append(arguments.joined(separator: " "))
                    try FileManager.default.removeItem(atPath: marker)
                }
            }
            return ran
        }
    }

    static let programs: [String: @Sendable (Setup) throws -> Void] = [
        "core.fsmonitor": { setup in try setup.repo.git("config", "core.fsmonitor", setup.script) },
        "core.pager and pager.*": { setup in
            for key in ["core.pager", "pager.diff", "pager.log", "pager.cat-file", "pager.rev-list", "pager.diff-tree"] {
                try setup.repo.git("config", key, setup.script)
            }
        },
        "diff.<driver>.textconv": { setup in try setup.repo.git("config", "diff.tool.textconv", setup.script) },
        "diff.external": { setup in try setup.repo.git("config", "diff.external", setup.script) },
        "diff.<driver>.command": { setup in try setup.repo.git("config", "diff.tool.command", setup.script) },
        "filter.<driver>.clean/smudge/process": { setup in
            for key in ["filter.tool.clean", "filter.tool.smudge", "filter.tool.process"] { try setup.repo.git("config", key, setup.script) }
            try setup.repo.git("config", "filter.tool.required", "true")
        },
        "hooks (core.hooksPath and .git/hooks)": { setup in
            let hooks = [
                "pre-commit", "post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc", "post-rewrite",
                "fsmonitor-watchman", "push-to-checkout", "sendemail-validate",
            ]
            for folder in [setup.tools.path + "/hooks", setup.repo.path + "/.git/hooks"] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for hook in hooks {
                    try? FileManager.default.removeItem(atPath: folder + "/" + hook)
                    try FileManager.default.createSymbolicLink(atPath: folder + "/" + hook, withDestinationPath: setup.script)
                }
            }
            try setup.repo.git("config", "core.hooksPath", setup.tools.path + "/hooks")
        },
    ]

    @Test(arguments: programs.keys.sorted())
    func gitRunsNoProgramTheRepositoryNames(program: String) throws {
        let setup = try Setup(configure: Self.programs[program]!)
        defer { setup.remove() }
        // The configuration is live: plain git runs the program for one of these.
        _ = try setup.repo.sh(
            "git status >/dev/null 2>&1; git diff HEAD~1 >/dev/null 2>&1; git commit -q -m x >/dev/null 2>&1; git reset -q --soft HEAD~1 2>/dev/null; git checkout -q -- . 2>/dev/null; git diff --textconv HEAD~1 >/dev/null 2>&1; true"
        )
        let live = FileManager.default.fileExists(atPath: setup.marker)
        try? FileManager.default.removeItem(atPath: setup.marker)
        // git starts a pager only when its stdout is a terminal, which no test has: that case guards
        // against a future change (the scanner always reads git through a pipe, and sets GIT_PAGER=cat).
        if !program.hasPrefix("core.pager") {
            #expect(live, "\(program): the test setup does not make git run the program")
        }
        #expect(try setup.modesThatRanTheProgram() == [], "\(program)")
    }

    /// A partial clone fetches a missing object on demand through the remote's transport: a
    /// repository can point that at `ext::` or at an ssh command of its own.
    @Test(arguments: ["ssh", "ext"])
    func aMissingObjectIsNeverFetched(transport: String) throws {
        let source = try GitRepository("promptscan-git-source")
        defer { source.remove() }
        try source.commit("one", ["a.md": "a\n"])
        try source.commit("two", ["a.md": "a\nb\n"])
        try source.git("config", "uploadpack.allowFilter", "true")
        let cloneDir = try TemporaryDirectory("promptscan-git-partial")
        defer { cloneDir.remove() }
        let tools = try TemporaryDirectory("promptscan-git-tools")
        defer { tools.remove() }
        try tools.write("run.sh", "#!/bin/sh\ntouch '\(tools.path)/marker'\nexit 1\n")
        #expect(chmod(tools.path + "/run.sh", 0o755) == 0)
        let cloned = try runProcess(
            URL(fileURLWithPath: "/usr/bin/git"), ["clone", "-q", "--filter=blob:none", "--no-checkout", "file://" + source.path, "."],
            in: cloneDir.url, environment: GitRepository.environment)
        #expect(cloned.status == 0, "\(cloned.stderr)")
        let clone = GitRepository(existing: cloneDir)
        try clone.git("config", "user.name", "Test")
        try clone.git("config", "user.email", "test@example.com")
        switch transport {
        case "ssh":
            try clone.git("config", "remote.origin.url", "ssh://example.invalid/repo")
            try clone.git("config", "core.sshCommand", tools.path + "/run.sh")
        default:
            try clone.git("config", "remote.origin.url", "ext::\(tools.path)/run.sh")
            try clone.git("config", "protocol.ext.allow", "always")
        }
        // The history's blobs are not in the clone: plain git would fetch them through the transport.
        _ = try clone.sh("git cat-file -p HEAD~1:a.md >/dev/null 2>&1; true")
        #expect(FileManager.default.fileExists(atPath: tools.path + "/marker"), "the clone does not fetch on demand")
        try? FileManager.default.removeItem(atPath: tools.path + "/marker")
        let result = try clone.promptscan(["history"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tools.path + "/marker"))
    }
}
