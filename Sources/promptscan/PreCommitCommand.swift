import ArgumentParser
import Foundation
import PromptScanCore

/// `promptscan pre-commit [FILE...]`: the command a pre-commit hook runs (promptscan's own hook, a
/// line in husky's `.husky/pre-commit`, the pre-commit framework's entry). Inside `git commit` it
/// judges what the commit records; outside one it scans the files it is given, in full.
struct PreCommit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-commit",
        abstract: "The pre-commit hook: what a commit adds, or the files given when run outside a commit.",
        discussion: """
            Inside `git commit` (git gives its commit hooks GIT_INDEX_FILE), or with no FILE, it scans \
            what the commit records as `staged` does: findings on the lines the staged changes add, in \
            the FILEs given when there are some. Outside a commit (`pre-commit run --all-files`, \
            `--files`, pre-commit.ci, CI) it scans the FILEs given in full, from the work tree. When it \
            fails it says how to fix, allow or baseline a finding and how to skip the hook once. Exit \
            codes: 0 clean; 1 findings at or above --fail-on; 2 configuration, I/O or git error; 64 usage.
            """)

    @OptionGroup var options: RunOptions

    @Argument(help: "Files to check, as the pre-commit framework passes them (relative to the current directory).")
    var files: [String] = []

    /// Whether git runs this as a hook of a commit or a merge commit: git sets GIT_INDEX_FILE for
    /// those hooks, and the pre-commit framework passes its environment on to its hooks.
    static func insideCommit(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment["GIT_INDEX_FILE"] ?? "").isEmpty
    }

    func run() throws {
        let judgesCommit = files.isEmpty || PreCommit.insideCommit()
        do {
            if judgesCommit {
                let files = self.files
                try runGitScan(options: options, allLines: false, command: "pre-commit") { git in
                    .changes(git) { changes throws(PromptScanError) in
                        let staged = try changes.staged()
                        guard !files.isEmpty else { return staged }
                        let top = try changes.git.topLevel()
                        let wanted = Set(files.map { FileWalker.listed($0, root: top).relative })
                        return staged.filter { wanted.contains($0.path) }
                    }
                }
            } else {
                try scanFiles()
            }
        } catch let code as ExitCode where code.rawValue == 1 {
            Console.error(judgesCommit ? HookScript.blockedCommit : HookScript.filesHoldFindings)
            throw code
        }
    }

    /// Scans the FILEs in full, from the work tree, with the repository's settings; paths are
    /// reported from the top of the repository.
    func scanFiles() throws {
        let started = Date()
        let setup: RunSetup
        let top: String
        do throws(PromptScanError) {
            top = try Git(directory: ".").topLevel()
            let policy = try Policy.decide(trustedConfig: options.trustedConfig, config: options.setup.config, base: nil, command: "pre-commit")
            setup = try options.runSetup(root: top, policy: policy)
        } catch {
            throw fail(error)
        }
        let sink = try openSink(options.reportPlan.mainPath)
        let list = files.map { FileWalker.listed($0, root: top) }
        let report = try runSession(ScanSession(setup: setup, source: .files(list), options: options.sessionOptions), into: sink)
        try finish(
            report, setup: setup,
            writing: .report(options, displayRoot: "", failsOnUnreadable: false, sarif: SarifBase(root: top), command: "pre-commit"), to: sink,
            started: started)
    }
}
