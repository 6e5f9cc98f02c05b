import ArgumentParser
import Foundation
import PromptScanCore

/// Runs a git-mode scan: finds the repository, loads the setup, and runs a session over the
/// changes `source` names there. Git and configuration problems are one line on stderr, exit 2.
/// `base` (for `diff`) is the revision whose `.promptscan.yml` sets the policy of the run,
/// unless `--trusted-config` names one (README, "Trust model").
func runGitScan(
    options: RunOptions, allLines: Bool, command: String, base: String? = nil, shard: Shard? = nil, source: (Git) -> ScanSession.Source
) throws {
    let started = Date()
    let git: Git
    let setup: RunSetup
    let sink: ReportSink
    do throws(PromptScanError) {
        git = Git(directory: try Git(directory: ".").topLevel())
        var revision: RevisionFiles?
        if let base, options.trustedConfig == nil {
            try GitChanges(git: git).requireCommits([base])
            revision = try RevisionFiles(git: git, revision: base)
        }
        let policy = try Policy.decide(trustedConfig: options.trustedConfig, config: options.setup.config, base: revision, command: command)
        setup = try options.runSetup(root: git.directory, policy: policy)
        sink = try reportSink(options.reportPlan.mainPath)
    } catch {
        throw fail(error)
    }
    var sessionOptions = options.sessionOptions
    sessionOptions.allLines = allLines
    sessionOptions.shard = shard
    let report = try runSession(ScanSession(setup: setup, source: source(git), options: sessionOptions), into: sink)
    try finish(
        report, setup: setup,
        writing: .report(options, displayRoot: "", failsOnUnreadable: false, sarif: SarifBase(root: git.directory), command: command), to: sink,
        started: started)
}

struct Staged: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staged",
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
        try runGitScan(options: options, allLines: allLines, command: "staged") { .staged($0) }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Scan the lines a branch adds: from the merge base of --base and --head to --head (for CI).",
        discussion: """
            A shallow clone needs the history down to the merge base (actions/checkout with \
            fetch-depth: 0, or git fetch --deepen). Settings come from the --base revision's \
            .promptscan.yml (or --trusted-config FILE), never from the change under review. Exit codes: 0 clean; 1 findings at or above \
            --fail-on; 2 configuration, I/O or git error; 64 usage.
            """)

    @OptionGroup var options: RunOptions

    @OptionGroup var sharding: ShardOptions

    @Option(name: .long, help: "The revision the change is compared with (e.g. origin/main).")
    var base: String

    @Option(name: .long, help: "The revision whose added lines are scanned.")
    var head: String = "HEAD"

    @Flag(name: .long, help: "Report findings on every line of each changed file, not only the added lines.")
    var allLines = false

    func run() throws {
        try runGitScan(options: options, allLines: allLines, command: "diff", base: base, shard: try sharding.resolve()) { .diff($0, base: base, head: head) }
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Scan the lines every commit added (reachable from HEAD, after --since); each finding names its commit.",
        discussion: """
            Each non-merge commit is compared with its first parent; merge commits add nothing of \
            their own. Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration, I/O or \
            git error; 64 usage.
            """)

    @OptionGroup var options: RunOptions

    @OptionGroup var sharding: ShardOptions

    @Option(name: .long, help: "Only commits after this revision.")
    var since: String?

    func run() throws {
        try runGitScan(options: options, allLines: false, command: "history", shard: try sharding.resolve()) { .history($0, since: since) }
    }
}
