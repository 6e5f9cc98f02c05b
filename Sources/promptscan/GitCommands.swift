import ArgumentParser
import Foundation
import PromptScanCore

/// Runs a git-mode scan: finds the repository, loads the setup, asks git for the changes, scans
/// them and finishes the report. Git and configuration problems are one line on stderr, exit 2.
/// `base` (for `diff`) is the revision whose `.promptscan.yml` sets the policy of the run,
/// unless `--trusted-config` names one (README, "Trust model").
func runGitScan(
    options: RunOptions, allLines: Bool, command: String, base: String? = nil,
    changes: (GitChanges) throws(PromptScanError) -> [ChangedFile]
) throws {
    let started = Date()
    let setup: RunSetup
    let sink: ReportSink
    var report: ScanReport
    var sarifBase = SarifBase()
    do throws(PromptScanError) {
        let top = try Git(directory: ".").topLevel()
        sarifBase = SarifBase(root: top)
        let git = Git(directory: top)
        var revision: RevisionFiles?
        if let base, options.trustedConfig == nil {
            try GitChanges(git: git).requireCommits([base])
            revision = try RevisionFiles(git: git, revision: base)
        }
        let policy = try Policy.decide(trustedConfig: options.trustedConfig, config: options.config, base: revision, command: command)
        setup = try RunSetup(
            root: top, configPath: options.config, extraRules: options.rules, failOn: options.failOn,
            maxFileSize: options.maxFileSize, baselinePath: options.baseline, termsPath: options.terms, policy: policy)
        sink = try ReportSink(path: options.output)
        let files: [ChangedFile]
        do throws(PromptScanError) {
            files = try changes(GitChanges(git: git))
        } catch {
            sink.discard()
            throw error
        }
        var fileScanner = FileScanner(ruleSet: setup.ruleSet, showSecrets: options.showSecrets)
        fileScanner.terms = setup.terms
        fileScanner.limits = options.findingLimits
        let engine = ScanEngine(
            scanner: fileScanner,
            options: .init(threads: options.threads, maxFileSize: setup.maxFileSize))
        var scanner = ChangeScanner(engine: engine, blobs: BlobReader(git: git), allLines: allLines)
        scanner.honoursAddedAllows = policy.isTrusted
        let config = setup.config
        if !config.allowPaths.isEmpty { scanner.pathFilter = { config.isScanned($0) } }
        if !config.fileClasses.isEmpty { scanner.fileClassOverride = { config.fileClass(for: $0) } }
        do throws(PromptScanError) {
            report = try scanner.scan(files)
        } catch {
            sink.discard()
            throw error
        }
        if !policy.isTrusted {
            // Say so when the change edits the settings an untrusted run does not take from it.
            for file in files where !file.isDeletion && [ScanConfig.fileName, Baseline.defaultFileName].contains(file.path) {
                report.notices.append(
                    Notice(kind: .policy, path: file.path, message: "changed here, but an untrusted run does not read it from the change (it applies once merged)"))
            }
        }
    } catch {
        throw fail(error)
    }
    try finish(report, setup: setup, options: options, sink: sink, started: started, sarifBase: sarifBase, command: command)
}

struct Staged: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan what `git commit` would record: the staged version of each changed file, from the index.",
        discussion: """
            Reads staged blobs (never the working tree) and reports findings on the lines the staged diff \
            adds; --all-lines reports every line of each changed file. Paths are relative to the top of \
            the repository. Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration, I/O \
            or git error; 64 usage.
            """)

    @OptionGroup var options: RunOptions

    @Flag(name: .long, help: "Report findings on every line of each staged file, not only the added lines.")
    var allLines = false

    func run() throws {
        try runGitScan(options: options, allLines: allLines, command: "staged") { changes throws(PromptScanError) in try changes.staged() }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan the lines a branch adds: from the merge base of --base and --head to --head (for CI).",
        discussion: """
            A shallow clone needs the history down to the merge base (actions/checkout with \
            fetch-depth: 0, or git fetch --deepen). Settings come from the --base revision's \
            .promptscan.yml (or --trusted-config FILE), never from the change under review. Exit codes: 0 clean; 1 findings at or above \
            --fail-on; 2 configuration, I/O or git error; 64 usage.
            """)

    @OptionGroup var options: RunOptions

    @Option(name: .long, help: "The revision the change is compared with (e.g. origin/main).")
    var base: String

    @Option(name: .long, help: "The revision whose added lines are scanned.")
    var head: String = "HEAD"

    @Flag(name: .long, help: "Report findings on every line of each changed file, not only the added lines.")
    var allLines = false

    func run() throws {
        try runGitScan(options: options, allLines: allLines, command: "diff", base: base) { changes throws(PromptScanError) in
            try changes.branch(base: base, head: head)
        }
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan the lines every commit added (reachable from HEAD, after --since); each finding names its commit.",
        discussion: """
            Each non-merge commit is compared with its first parent; merge commits add nothing of \
            their own. Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration, I/O or \
            git error; 64 usage.
            """)

    @OptionGroup var options: RunOptions

    @Option(name: .long, help: "Only commits after this revision.")
    var since: String?

    func run() throws {
        try runGitScan(options: options, allLines: false, command: "history") { changes throws(PromptScanError) in
            var files: [ChangedFile] = []
            for commit in try changes.commits(since: since) {
                files.append(contentsOf: try changes.changes(in: commit))
            }
            return files
        }
    }
}
