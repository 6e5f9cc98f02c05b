import ArgumentParser
import Foundation
import PromptScanCore

/// Options every git mode (`staged`, `diff`, `history`) shares.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, sarif or json.")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Also load rules from this file or directory (repeatable).")
    var rules: [String] = []

    @Option(name: .long, help: "Settings file (default: .promptscan.yml at the repository root, when present).")
    var config: String?

    @Option(name: .long, help: "Baseline file of accepted findings (default: the config's, else .promptscan-baseline.json at the root).")
    var baseline: String?

    @Option(name: .long, help: "Lowest severity that fails the run: low, medium, high or critical (default: the config's, else medium).")
    var failOn: Severity?

    @Option(name: .long, help: "Skip (and report) files larger than this: bytes, or with a K, M or G suffix (default: 10M).")
    var maxFileSize: String?

    @Option(name: .long, help: "Worker threads (default: the number of processors).")
    var threads: Int = ScanEngine.defaultThreadCount

    @Flag(name: .long, help: "Print matched values instead of redacted previews.")
    var showSecrets = false

    @Flag(name: .long, help: "Never use colour.")
    var noColor = false

    @Option(name: .long, help: "A client-terms file (keyed hashes; needs PROMPTSCAN_TERMS_KEY; default: the config's).")
    var terms: String?

    @Flag(name: .long, help: "List suppressed findings (well-known test values) in text output.")
    var showSuppressed = false

    @Option(name: .long, help: "Report at most this many findings of one rule in one file, then a finding-limit notice (default: 1000; 0: no cap).")
    var maxFindingsPerRule: Int = FindingLimits.defaultPerRule

    @Option(name: .long, help: "Report at most this many findings in one file, then a finding-limit notice (default: 10000; 0: no cap).")
    var maxFindingsPerFile: Int = FindingLimits.defaultPerFile

    /// The caps on findings per file these options ask for.
    var findingLimits: FindingLimits { FindingLimits(perRule: maxFindingsPerRule, perFile: maxFindingsPerFile) }

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard maxFindingsPerRule >= 0, maxFindingsPerFile >= 0 else {
            throw ValidationError("--max-findings-per-rule and --max-findings-per-file must be 0 (no cap) or more")
        }
        if let maxFileSize, ScanConfig.parseSize(maxFileSize) == nil {
            throw ValidationError("--max-file-size must be a number of bytes, optionally with K, M or G (got '\(maxFileSize)')")
        }
    }
}

/// The setup of one run from its options and the repository's config: rules, thresholds, baseline.
struct RunSetup {
    let config: ScanConfig
    private(set) var rules: [PromptScanCore.Rule]
    let ruleSet: RuleSet
    /// The client-terms matcher, when a terms file and its key are both present.
    private(set) var terms: TermsMatcher?
    /// Why client terms were not checked (a terms file without its key), as a notice for the report.
    private(set) var termsNotice: Notice?
    /// The terms file, resolved: it holds patterns and ids of its own, so it is not scanned.
    private(set) var termsFilePath: String?
    let failOn: Severity
    let maxFileSize: Int
    let baseline: Baseline?

    /// `root` is where `.promptscan.yml` and `.promptscan-baseline.json` are looked for.
    init(
        root: String?, configPath: String?, extraRules: [String], failOn: Severity?, maxFileSize: String?, baselinePath: String?,
        loadBaseline: Bool = true, termsPath: String? = nil
    ) throws(PromptScanError) {
        config = try ScanConfig.discover(explicit: configPath, root: root)
        rules = try config.rules(extra: extraRules)
        // Benchmarking knob: leave out rules by id or category (comma-separated).
        if let excluded = ProcessInfo.processInfo.environment["PROMPTSCAN_EXCLUDE_RULES"]?.split(separator: ",").map(String.init) {
            rules.removeAll { excluded.contains($0.id) || excluded.contains($0.category.rawValue) }
        }
        ruleSet = try RuleSet(rules)
        if let path = termsPath ?? config.termsFile {
            termsFilePath = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            let file = try TermsFile.load(path: path)
            if let key = ProcessInfo.processInfo.environment[TermsFile.keyVariable], !key.isEmpty {
                terms = try TermsMatcher(file: file, key: key)
                rules.append(TermsMatcher.rule)
            } else {
                termsNotice = Notice(
                    kind: .skipped, path: path,
                    message: "client terms not checked: \(TermsFile.keyVariable) is not set (the file holds keyed hashes only)")
            }
        }
        self.failOn = failOn ?? config.failOn ?? .medium
        self.maxFileSize = maxFileSize.flatMap(ScanConfig.parseSize) ?? config.maxFileSize ?? 10 * 1024 * 1024
        if !loadBaseline {
            baseline = nil
        } else if let path = baselinePath ?? config.baseline {
            baseline = try Baseline.load(path: path)
        } else if let root, FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(Baseline.defaultFileName)) {
            baseline = try Baseline.load(path: (root as NSString).appendingPathComponent(Baseline.defaultFileName))
        } else {
            baseline = nil
        }
    }
}

/// Renders a report, writes it, and turns it into the exit code: 1 for active findings at or above
/// the threshold, 0 otherwise.
func finish(
    _ report: ScanReport, setup: RunSetup, options: RunOptions, sink: ReportSink, started: Date, displayRoot: String = ""
) throws {
    var report = report
    if let baseline = setup.baseline { report = baseline.apply(to: report) }
    if let notice = setup.termsNotice {
        report.notices.append(notice)
        report.notices.sort(by: Notice.order)
    }
    let formatter = ISO8601DateFormatter()
    var context = ReportContext(
        rules: setup.rules, displayRoot: displayRoot, failOn: setup.failOn,
        color: options.format == .text && options.output == nil && Console.stdoutIsTerminal && !options.noColor
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
        showSecrets: options.showSecrets, startTime: formatter.string(from: started), endTime: formatter.string(from: Date()),
        commandLine: CommandLine.arguments.joined(separator: " "))
    context.usedBaseline = setup.baseline != nil
    context.showSuppressed = options.showSuppressed
    options.format.reporter.write(report, context: context, to: sink)
    do {
        try sink.finish()
    } catch {
        throw fail(error)
    }
    if options.output != nil || options.format != .text {
        Console.error(TextReporter().summary(report, context: context).trimmingCharacters(in: .newlines))
    }
    if RuleProfiler.shared != nil, let peak = RuleProfiler.peakMemoryLine() { Console.error(peak) }
    if report.failingCount(at: setup.failOn) > 0 { throw ExitCode(1) }
}
