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

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let maxFileSize, ScanConfig.parseSize(maxFileSize) == nil {
            throw ValidationError("--max-file-size must be a number of bytes, optionally with K, M or G (got '\(maxFileSize)')")
        }
    }
}

/// The setup of one run from its options and the repository's config: rules, thresholds, baseline.
struct RunSetup {
    let config: ScanConfig
    let rules: [PromptScanCore.Rule]
    let ruleSet: RuleSet
    let failOn: Severity
    let maxFileSize: Int
    let baseline: Baseline?

    /// `root` is where `.promptscan.yml` and `.promptscan-baseline.json` are looked for.
    init(
        root: String?, configPath: String?, extraRules: [String], failOn: Severity?, maxFileSize: String?, baselinePath: String?,
        loadBaseline: Bool = true
    ) throws(PromptScanError) {
        config = try ScanConfig.discover(explicit: configPath, root: root)
        rules = try config.rules(extra: extraRules)
        ruleSet = try RuleSet(rules)
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
    let formatter = ISO8601DateFormatter()
    var context = ReportContext(
        rules: setup.rules, displayRoot: displayRoot, failOn: setup.failOn,
        color: options.format == .text && options.output == nil && Console.stdoutIsTerminal && !options.noColor
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
        showSecrets: options.showSecrets, startTime: formatter.string(from: started), endTime: formatter.string(from: Date()),
        commandLine: CommandLine.arguments.joined(separator: " "))
    context.usedBaseline = setup.baseline != nil
    do {
        try sink.write(options.format.reporter.render(report, context: context))
    } catch {
        throw fail(error)
    }
    if options.output != nil || options.format != .text {
        Console.error(TextReporter().summary(report, context: context).trimmingCharacters(in: .newlines))
    }
    if !report.failing(at: setup.failOn).isEmpty { throw ExitCode(1) }
}
