import ArgumentParser
import Foundation
import PromptScanCore

/// Options every command that scans shares (`scan`, `staged`, `diff`, `history`, `baseline`):
/// where the rules and settings come from, and how many threads scan.
struct SetupOptions: ParsableArguments {
    @Option(name: .long, help: "Also load rules from this file or directory (repeatable).")
    var rules: [String] = []

    @Option(
        name: .long,
        help:
            "Settings file (default: .promptscan.yml in the scanned directory, or at the repository root for staged, diff and history, when present). Not in untrusted runs."
    )
    var config: String?

    @Option(name: .long, help: "Worker threads (default: the number of processors).")
    var threads: Int = ScanEngine.defaultThreadCount

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }
}

/// Options every command that reports shares (`scan`, `staged`, `diff`, `history`): the setup's,
/// then trust, thresholds and output.
struct RunOptions: ParsableArguments {
    @OptionGroup var setup: SetupOptions

    @Option(
        name: .long,
        help:
            "Output format on stdout (or in --output FILE): text, sarif, json, html, github (workflow annotations), markdown (a job summary), gitlab-codequality or gitlab-secret-detection (default: text)."
    )
    var format: ReportFormat?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "FILE: write the report to FILE (atomically) instead of stdout. FORMAT=PATH (repeatable): also write FORMAT to PATH, atomically, from the same scan; PATH - is stdout, in place of the --format report.",
            valueName: "file|format=path"))
    var output: [OutputTarget] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write the report in FORMAT (any --format) to FILE, atomically, from the same scan (repeatable; as --output FORMAT=FILE).",
            valueName: "format=file"))
    var report: [ExtraReport] = []

    @Option(name: .long, help: "A settings file from outside the change under review; makes the run untrusted (README, Trust model).")
    var trustedConfig: String?

    @Option(
        name: .long,
        help: "Baseline file of accepted findings (default: the config's, else .promptscan-baseline.json in the scanned directory or at the repository root).")
    var baseline: String?

    @Option(name: .long, help: "Lowest severity that fails the run: low, medium, high or critical (default: the config's, else medium).")
    var failOn: Severity?

    @Option(name: .long, help: "Skip (and report) files larger than this: bytes, or with a K, M or G suffix (default: 10M).")
    var maxFileSize: String?

    @Flag(name: .long, help: "Print matched values instead of redacted previews.")
    var showSecrets = false

    @Flag(
        inversion: .prefixedNo,
        help: "A progress line on stderr during long scans (default: only when stderr is a terminal and CI is not set).")
    var progress: Bool?

    @Option(
        name: .long,
        help: "Colour in text on stdout: auto (a terminal; FORCE_COLOR and NO_COLOR are honoured), always or never (default: auto).")
    var color: ColorMode = .auto

    @Flag(name: .long, help: "Never use colour (as --color never).")
    var noColor = false

    @Flag(name: [.short, .long], help: "Print only the findings that fail the run and errors: no summary, no progress, no skipped files.")
    var quiet = false

    @Option(name: .long, help: "A client-terms file (keyed hashes; needs PROMPTSCAN_TERMS_KEY; default: the config's).")
    var terms: String?

    @Flag(name: .long, help: "List suppressed findings (well-known test values) in text output.")
    var showSuppressed = false

    @Flag(name: .long, help: "List low findings below --fail-on one by one in text output (default: one line counting them by rule).")
    var showLow = false

    @Flag(name: .long, help: "Name every skipped file in text output (default: a count per reason with the first few named).")
    var showSkipped = false

    @Flag(
        name: [.short, .long],
        help: "List everything in text output: low findings, suppressed test values, every skipped file, repeated messages in full.")
    var verbose = false

    @Option(name: .long, help: "SARIF analysis category, automationDetails.id (default: promptscan/ and the command's name); one per kind of upload.")
    var sarifCategory: String?

    @Option(name: .long, help: "Report at most this many findings of one rule in one file, then a finding-limit notice (default: 1000; 0: no cap).")
    var maxFindingsPerRule: Int = FindingLimits.defaultPerRule

    @Option(name: .long, help: "Report at most this many findings in one file, then a finding-limit notice (default: 10000; 0: no cap).")
    var maxFindingsPerFile: Int = FindingLimits.defaultPerFile

    func validate() throws {
        guard maxFindingsPerRule >= 0, maxFindingsPerFile >= 0 else {
            throw ValidationError("--max-findings-per-rule and --max-findings-per-file must be 0 (no cap) or more")
        }
        if let maxFileSize, ScanConfig.parseSize(maxFileSize) == nil {
            throw ValidationError("--max-file-size must be a number of bytes, optionally with K, M or G (got '\(maxFileSize)')")
        }
        if let problem = sarifCategory.flatMap(SarifReporter.categoryProblem) { throw ValidationError(problem) }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
        if noColor && color == .always { throw ValidationError("--no-color and --color always exclude each other") }
        _ = try plan()
    }

    /// Where the reports of the run go: the first (`main`) is opened before the scan, to stdout or
    /// to the plain `--output FILE`; the others (`--report`, `--output FORMAT=PATH`) after it.
    struct ReportPlan {
        var mainFormat: ReportFormat
        /// nil: stdout.
        var mainPath: String?
        /// Each with its path; "-" is stdout.
        var extras: [ExtraReport]

        /// Whether a text report goes to stdout (else a one-line summary goes to stderr).
        var textOnStdout: Bool {
            (mainFormat == .text && mainPath == nil) || extras.contains { $0.format == .text && $0.path == "-" }
        }
    }

    /// The plan of these options, or a usage error: one plain `--output FILE` at most, one report
    /// on stdout at most, no file named twice.
    func plan() throws(ValidationError) -> ReportPlan {
        var plainFiles: [String] = []
        var extras = report
        for target in output {
            switch target {
            case let .file(path): plainFiles.append(path)
            case let .report(extra): extras.append(extra)
            }
        }
        guard plainFiles.count <= 1 else {
            throw ValidationError("--output FILE names the report's file once; give the other formats as --output FORMAT=PATH")
        }
        // (A plain `--output -` is stdout, as without --output.)
        let onStdout = extras.filter { $0.path == "-" }
        guard onStdout.count + (plainFiles == ["-"] ? 1 : 0) <= 1 else { throw ValidationError("only one report can go to stdout (-)") }
        plainFiles.removeAll { $0 == "-" }
        let files = plainFiles + extras.map(\.path).filter { $0 != "-" }
        if Set(files).count != files.count { throw ValidationError("--output and --report name the same file twice") }
        if let stdoutReport = onStdout.first, plainFiles.isEmpty {
            // FORMAT=- takes the place of the --format report on stdout.
            if let format, format != stdoutReport.format {
                throw ValidationError("--format \(format.rawValue) and --output \(stdoutReport.format.rawValue)=- both write stdout")
            }
            return ReportPlan(mainFormat: stdoutReport.format, mainPath: nil, extras: extras.filter { $0.path != "-" })
        }
        return ReportPlan(mainFormat: format ?? .text, mainPath: plainFiles.first, extras: extras)
    }

    /// The plan (`validate` has checked it).
    var reportPlan: ReportPlan { (try? plan()) ?? ReportPlan(mainFormat: format ?? .text, mainPath: nil, extras: report) }

    /// Whether any report of the run (the `--format` one or an extra) is in a format `test` accepts.
    func writesAny(_ test: (ReportFormat) -> Bool) -> Bool {
        let plan = reportPlan
        return test(plan.mainFormat) || plan.extras.contains { test($0.format) }
    }

    /// Whether any report of the run writes paths from the repository root (SARIF, the GitHub and
    /// GitLab formats), so the run must find that root.
    var anchorsAtRepositoryRoot: Bool { writesAny(\.pathsFromRepositoryRoot) }

    /// Whether text on stdout is coloured: `--color`, `--no-color`, the environment, a terminal.
    var colorOnStdout: Bool {
        (noColor ? ColorMode.never : color).enabled(isTerminal: Console.stdoutIsTerminal, environment: ProcessInfo.processInfo.environment)
    }

    /// The setup these options ask for under `policy`; `root` is where `.promptscan.yml` and
    /// `.promptscan-baseline.json` are looked for.
    func runSetup(root: String?, policy: Policy) throws(PromptScanError) -> RunSetup {
        try RunSetup(
            root: root, configPath: setup.config, extraRules: setup.rules, failOn: failOn, maxFileSize: maxFileSize,
            baselinePath: baseline, termsPath: terms, policy: policy)
    }

    /// How a session scans with these options (the walk's and the diff's own options aside).
    var sessionOptions: ScanSession.Options {
        var options = ScanSession.Options()
        options.threads = setup.threads
        options.showSecrets = showSecrets
        options.limits = FindingLimits(perRule: maxFindingsPerRule, perFile: maxFindingsPerFile)
        if !quiet, ScanProgress.shown(forced: progress, stderrIsTerminal: Console.stderrIsTerminal, environment: ProcessInfo.processInfo.environment) {
            options.progress = ScanProgress()
        }
        return options
    }
}

extension Policy {
    /// The policy of a run: `--trusted-config` wins; `diff` (when `base` is given) or a pull-request
    /// environment makes the run untrusted, where `--config` (a file of the change) is refused.
    static func decide(
        trustedConfig: String?, config: String?, base: RevisionFiles?, command: String
    ) throws(PromptScanError) -> Policy {
        if let trustedConfig {
            guard config == nil else {
                throw .configuration(path: nil, line: nil, message: "--config and --trusted-config exclude each other")
            }
            return .trustedFile(trustedConfig)
        }
        let reason: String? =
            base != nil ? "\(command) reads its settings from the base revision" : pullRequestVariable().map { "\($0) says this is a pull request" }
        guard let reason else { return .workTree }
        if config != nil {
            throw .configuration(
                path: nil, line: nil,
                message: "--config names a file of the change under review, which an untrusted run does not read (\(reason)); use --trusted-config FILE")
        }
        return base.map(Policy.baseRevision) ?? .defaults
    }
}

/// Runs `session`; on an error the report file is not written (`sink` discarded). A profiled tree
/// scan prints its rule timings.
func runSession(_ session: ScanSession, into sink: ReportSink) throws -> ScanReport {
    let report: ScanReport
    let progressLine = session.options.progress.map { ProgressLine(progress: $0) }
    progressLine?.start()
    do {
        report = try session.run()
        progressLine?.stop()
    } catch {
        progressLine?.stop()
        sink.discard()
        throw fail(error)
    }
    if case .tree = session.source, let profiler = RuleProfiler.shared { Console.error(profiler.report(ruleSet: session.setup.ruleSet)) }
    return report
}

/// What a finished run writes.
enum RunOutput {
    /// The report in the options' format, paths shown from `displayRoot`; files that could not be
    /// read fail the run (exit 2) when `failsOnUnreadable` (`scan` without `--allow-unreadable`).
    /// SARIF locations are anchored at `sarif`; `command` names the default SARIF category
    /// (`promptscan/COMMAND`).
    case report(RunOptions, displayRoot: String, failsOnUnreadable: Bool, sarif: SarifBase, command: String)
    /// A baseline accepting every active finding (`baseline create`).
    case baseline
}

/// Writes a finished report and turns it into the exit code: 2 for files that could not be read
/// (unless allowed), 1 for active findings at or above the threshold, 0 otherwise. A baseline
/// always ends 0.
func finish(_ report: ScanReport, setup: RunSetup, writing output: RunOutput, to sink: ReportSink, started: Date) throws {
    guard case let .report(options, displayRoot, failsOnUnreadable, sarifBase, command) = output else {
        let baseline = Baseline(report: report)
        do {
            try sink.write(baseline.render())
        } catch {
            throw fail(error)
        }
        Console.error("baseline: \(baseline.entries.count) entries from \(report.filesScanned) files scanned")
        return
    }
    let formatter = ISO8601DateFormatter()
    let plan = options.reportPlan
    var context = ReportContext(
        rules: setup.rules, displayRoot: displayRoot, failOn: setup.failOn, color: false, showSecrets: options.showSecrets,
        startTime: formatter.string(from: started), endTime: formatter.string(from: Date()), commandLine: CommandLine.arguments.joined(separator: " "))
    context.usedBaseline = setup.baseline != nil
    context.showSuppressed = options.showSuppressed || options.verbose
    context.showLow = options.showLow || options.verbose
    context.showAllSkipped = options.showSkipped || options.verbose
    context.fullMessages = options.verbose
    context.sarifBase = sarifBase
    context.sarifCategory = options.sarifCategory ?? "promptscan/" + command
    // The commit of the repository holding what was scanned, for reports that name one per finding.
    if options.writesAny({ $0 == .gitlabSecretDetection }) {
        context.revision = (try? Git(directory: displayRoot.isEmpty ? "." : displayRoot).headCommit()) ?? nil
    }
    // What goes to stdout is coloured (text on a terminal, or as asked) and quiet when asked; the
    // files are complete and plain.
    var onStdout = context
    onStdout.color = options.colorOnStdout
    onStdout.quiet = options.quiet
    plan.mainFormat.reporter.write(report, context: plan.mainPath == nil ? onStdout : context, to: sink)
    do {
        try sink.finish()
        for extra in plan.extras {
            let toStdout = extra.path == "-"
            let file = try reportSink(toStdout ? nil : extra.path)
            extra.format.reporter.write(report, context: toStdout ? onStdout : context, to: file)
            try file.finish()
        }
    } catch {
        throw fail(error)
    }
    if !plan.textOnStdout && !options.quiet {
        // The report went elsewhere: a one-line summary for the person at the terminal.
        Console.error(TextReporter().summary(report, context: context).trimmingCharacters(in: .newlines))
    }
    if let shard = report.shard, !options.quiet {
        Console.error(
            "part \(shard.index)/\(shard.count) of a split \(shard.command): \(shard.covered) \(shard.unit); merge the parts' json or sarif reports with 'promptscan merge'"
        )
    }
    if RuleProfiler.shared != nil, let peak = RuleProfiler.peakMemoryLine() { Console.error(peak) }
    if failsOnUnreadable && report.unreadableCount > 0 {
        Console.error("error: \(report.unreadableCount) file(s) could not be read (see the report; --allow-unreadable to accept)")
        throw ExitCode(2)
    }
    if report.failingCount(at: setup.failOn) > 0 { throw ExitCode(1) }
}

/// Opens the report's destination before any scanning, so an unwritable output fails first.
func openSink(_ path: String?) throws -> ReportSink {
    do {
        return try reportSink(path)
    } catch {
        throw fail(error)
    }
}

/// A report sink for `path` (nil: stdout). A reader that goes away (`promptscan scan . | head -1`)
/// ends the run quietly, exit 0.
func reportSink(_ path: String?) throws(PromptScanError) -> ReportSink {
    try ReportSink(path: path) { Console.terminate(0) }
}

/// Whether `path` is a directory (the config and baseline are looked for inside it).
func isDirectory(_ path: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
}

/// `--report FORMAT=FILE` (or `--output FORMAT=PATH`): one more report of the run, in FORMAT,
/// written atomically to FILE ("-": stdout).
struct ExtraReport: ExpressibleByArgument, Sendable {
    let format: ReportFormat
    let path: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), let format = ReportFormat(rawValue: String(argument[..<equals])) else { return nil }
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else { return nil }
        self.format = format
        self.path = path
    }
}

/// `--output`: a plain FILE for the report in `--format` ("-": stdout), or FORMAT=PATH for one more
/// report. An argument is FORMAT=PATH when it begins with a format's name and '=' (`./json=x`
/// names a file).
enum OutputTarget: ExpressibleByArgument, Sendable {
    case file(String)
    case report(ExtraReport)

    init?(argument: String) {
        if let equals = argument.firstIndex(of: "="), ReportFormat(rawValue: String(argument[..<equals])) != nil {
            guard let extra = ExtraReport(argument: argument) else { return nil }
            self = .report(extra)
        } else {
            guard !argument.isEmpty else { return nil }
            self = .file(argument)
        }
    }
}
