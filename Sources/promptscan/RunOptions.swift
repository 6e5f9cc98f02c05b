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

    @Option(name: .long, help: "Settings file (default: .promptscan.yml at the repository root, when present). Not in untrusted runs.")
    var config: String?

    @Option(name: .long, help: "A settings file from outside the change under review; makes the run untrusted (README, Trust model).")
    var trustedConfig: String?

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

    @Option(name: .long, help: "SARIF analysis category, automationDetails.id (default: promptscan/ and the command's name); one per kind of upload.")
    var sarifCategory: String?

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
        if let problem = sarifCategory.flatMap(SarifReporter.categoryProblem) { throw ValidationError(problem) }
    }
}

/// Where a run's settings come from (README, "Trust model").
enum Policy {
    /// The checked-out `.promptscan.yml`, or `--config`: a run on one's own work.
    case workTree
    /// `--trusted-config FILE`: a file the operator vouches for, from outside the change.
    case trustedFile(String)
    /// `diff` without `--trusted-config`: the base revision's `.promptscan.yml` and the files it names.
    case baseRevision(RevisionFiles)
    /// An untrusted run with no revision to read settings from (`scan` or `staged` on a pull
    /// request): the built-in defaults.
    case defaults

    var isTrusted: Bool {
        if case .workTree = self { return true }
        return false
    }

    /// Why the environment says this run checks a change someone else proposed: the CI variables
    /// of a pull or merge request. nil for a local run.
    static func pullRequestVariable(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let event = environment["GITHUB_EVENT_NAME"], event == "pull_request" || event == "pull_request_target" {
            return "GITHUB_EVENT_NAME"
        }
        for name in ["CI_MERGE_REQUEST_IID", "BITBUCKET_PR_ID", "SYSTEM_PULLREQUEST_PULLREQUESTID"]
        where !(environment[name] ?? "").isEmpty {
            return name
        }
        return nil
    }

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
        let reason: String? = base != nil ? "\(command) reads its settings from the base revision" : pullRequestVariable().map { "\($0) says this is a pull request" }
        guard let reason else { return .workTree }
        if config != nil {
            throw .configuration(
                path: nil, line: nil,
                message: "--config names a file of the change under review, which an untrusted run does not read (\(reason)); use --trusted-config FILE")
        }
        return base.map(Policy.baseRevision) ?? .defaults
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
    let policy: Policy
    /// Notices about the policy itself (the work tree's config not read).
    private(set) var policyNotices: [Notice] = []

    /// `root` is where `.promptscan.yml` and `.promptscan-baseline.json` are looked for.
    init(
        root: String?, configPath: String?, extraRules: [String], failOn: Severity?, maxFileSize: String?, baselinePath: String?,
        loadBaseline: Bool = true, termsPath: String? = nil, policy: Policy = .workTree
    ) throws(PromptScanError) {
        self.policy = policy
        var configRules: [PromptScanCore.Rule]?
        var termsFile: (file: TermsFile, path: String)?
        var revisionBaseline: Baseline?
        switch policy {
        case .workTree:
            config = try ScanConfig.discover(explicit: configPath, root: root)
        case let .trustedFile(path):
            config = try ScanConfig.load(path: path)
        case .defaults:
            config = ScanConfig()
            if let root, FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(ScanConfig.fileName)) {
                policyNotices.append(
                    Notice(
                        kind: .policy, path: ScanConfig.fileName,
                        message: "not read: an untrusted run takes no settings from the change under review (built-in defaults; --trusted-config FILE to give some)"))
            }
        case let .baseRevision(files):
            let label = files.label + ScanConfig.fileName
            if let bytes = try files.file(ScanConfig.fileName, limit: ScanConfig.maximumBytes, key: "config", config: label, line: nil) {
                config = try ScanConfig.parse(Data(bytes), path: label)
            } else {
                config = ScanConfig()
            }
            var loaded: [PromptScanCore.Rule] = []
            for named in config.namedPaths where named.key == "rules" {
                for (path, bytes) in try files.ruleFiles(named.value, limit: RuleLoader.limits.bytes, config: label, line: named.line) {
                    guard let text = String(bytes: bytes, encoding: .utf8) else {
                        throw .ruleFile(path: files.label + path, line: nil, ruleID: nil, message: "not valid UTF-8")
                    }
                    loaded += try RuleLoader.parse(yaml: text, path: files.label + path)
                }
            }
            configRules = loaded
            if termsPath == nil, let named = config.namedPaths.last(where: { $0.key == "terms" }) {
                guard let bytes = try files.file(named.value, limit: TermsFile.maximumBytes, key: "terms", config: label, line: named.line) else {
                    throw .configuration(path: label, line: named.line, message: PathContainment.message(.missing, key: "terms"))
                }
                termsFile = (try TermsFile.parse(Data(bytes), path: files.label + named.value), files.label + named.value)
            }
            if loadBaseline && baselinePath == nil {
                let named = config.namedPaths.last { $0.key == "baseline" }
                let path = named?.value ?? Baseline.defaultFileName
                if let bytes = try files.file(path, limit: 64 << 20, key: "baseline", config: label, line: named?.line) {
                    revisionBaseline = try Baseline.parse(Data(bytes), path: files.label + path)
                } else if let named {
                    throw .configuration(path: label, line: named.line, message: PathContainment.message(.missing, key: "baseline"))
                }
            }
        }
        rules = try config.rules(extra: extraRules, configRules: configRules)
        // Benchmarking knob: leave out rules by id or category (comma-separated).
        if let excluded = ProcessInfo.processInfo.environment["PROMPTSCAN_EXCLUDE_RULES"]?.split(separator: ",").map(String.init) {
            rules.removeAll { excluded.contains($0.id) || excluded.contains($0.category.rawValue) }
        }
        ruleSet = try RuleSet(rules)
        let termsSource: (file: TermsFile, path: String)?
        if let termsFile {
            termsSource = termsFile
        } else if let path = termsPath ?? config.termsFile {
            termsFilePath = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            termsSource = (try TermsFile.load(path: path), path)
        } else {
            termsSource = nil
        }
        if case let (file, path)? = termsSource {
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
        } else if case .baseRevision = policy, baselinePath == nil {
            baseline = revisionBaseline
        } else if let path = baselinePath ?? config.baseline {
            baseline = try Baseline.load(path: path)
        } else if policy.isTrusted, let root, FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(Baseline.defaultFileName)) {
            baseline = try Baseline.load(path: (root as NSString).appendingPathComponent(Baseline.defaultFileName))
        } else {
            baseline = nil
        }
    }
}

/// Renders a report, writes it, and turns it into the exit code: 1 for active findings at or above
/// the threshold, 0 otherwise. `sarifBase` anchors SARIF locations; `command` names the default
/// SARIF category (`promptscan/COMMAND`).
func finish(
    _ report: ScanReport, setup: RunSetup, options: RunOptions, sink: ReportSink, started: Date, displayRoot: String = "",
    sarifBase: SarifBase = SarifBase(), command: String
) throws {
    var report = report
    if let baseline = setup.baseline { report = baseline.apply(to: report) }
    if let notice = setup.termsNotice { report.notices.append(notice) }
    report.notices += setup.policyNotices
    report.notices.sort(by: Notice.order)
    let formatter = ISO8601DateFormatter()
    var context = ReportContext(
        rules: setup.rules, displayRoot: displayRoot, failOn: setup.failOn,
        color: options.format == .text && options.output == nil && Console.stdoutIsTerminal && !options.noColor
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
        showSecrets: options.showSecrets, startTime: formatter.string(from: started), endTime: formatter.string(from: Date()),
        commandLine: CommandLine.arguments.joined(separator: " "))
    context.usedBaseline = setup.baseline != nil
    context.showSuppressed = options.showSuppressed
    context.sarifBase = sarifBase
    context.sarifCategory = options.sarifCategory ?? "promptscan/" + command
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
