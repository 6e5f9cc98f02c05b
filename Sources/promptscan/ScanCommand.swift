import ArgumentParser
import Foundation
import PromptScanCore

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan a directory or file.",
        discussion: "Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration or I/O error; 64 usage.")

    @Argument(help: "The directory or file to scan.")
    var path: String = "."

    @Option(name: .long, help: "Output format: text, sarif or json.")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Also load rules from this file or directory (repeatable).")
    var rules: [String] = []

    @Option(name: .long, help: "Worker threads (default: the number of processors).")
    var threads: Int = ScanEngine.defaultThreadCount

    @Option(name: .long, help: "Skip (and report) files larger than this: bytes, or with a K, M or G suffix (default: 10M).")
    var maxFileSize: String?

    @Option(name: .long, help: "Lowest severity that fails the run: low, medium, high or critical (default: the config's, else medium).")
    var failOn: Severity?

    @Option(name: .long, help: "Settings file (default: .promptscan.yml in the scanned directory, when present). Not in untrusted runs.")
    var config: String?

    @Option(name: .long, help: "A settings file from outside the change under review; makes the run untrusted (README, Trust model).")
    var trustedConfig: String?

    @Option(name: .long, help: "Baseline file of accepted findings (default: the config's, else .promptscan-baseline.json in the scanned directory).")
    var baseline: String?

    @Flag(name: .long, help: "Print matched values instead of redacted previews.")
    var showSecrets = false

    @Flag(name: .long, help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Flag(name: .long, help: "Do not honour .gitignore and .promptscanignore files.")
    var noIgnore = false

    @Flag(name: .long, help: "Exit 0/1 even when some files could not be read (they are still reported).")
    var allowUnreadable = false

    @Option(name: .long, help: "A client-terms file (keyed hashes; needs PROMPTSCAN_TERMS_KEY; default: the config's).")
    var terms: String?

    @Flag(name: .long, help: "List suppressed findings (well-known test values) in text output.")
    var showSuppressed = false

    @Flag(name: .long, help: "Never use colour.")
    var noColor = false

    @Option(name: .long, help: "SARIF analysis category, automationDetails.id (default: promptscan/scan); one per kind of upload.")
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
        if let maxFileSize, Scan.parseSize(maxFileSize) == nil {
            throw ValidationError("--max-file-size must be a number of bytes, optionally with K, M or G (got '\(maxFileSize)')")
        }
        if let problem = sarifCategory.flatMap(SarifReporter.categoryProblem) { throw ValidationError(problem) }
    }

    func run() throws {
        let started = Date()
        let setup: RunSetup
        do {
            let policy = try Policy.decide(trustedConfig: trustedConfig, config: config, base: nil, command: "scan")
            setup = try RunSetup(
                root: isDirectory(path) ? path : nil, configPath: config, extraRules: rules, failOn: failOn,
                maxFileSize: maxFileSize, baselinePath: baseline, termsPath: terms, policy: policy)
        } catch {
            throw fail(error)
        }
        let ruleList = setup.rules
        let failOn = setup.failOn
        // Fail on an unwritable output before spending time on the scan.
        let sink: ReportSink
        do {
            sink = try ReportSink(path: output)
        } catch {
            throw fail(error)
        }
        var report: ScanReport
        do {
            report = try scanTree(
                path: path, setup: setup, threads: threads, showSecrets: showSecrets, followSymlinks: followSymlinks,
                useIgnoreFiles: !noIgnore, limits: findingLimits)
        } catch {
            sink.discard()
            throw fail(error)
        }
        if let baseline = setup.baseline { report = baseline.apply(to: report) }
        if let notice = setup.termsNotice { report.notices.append(notice) }
        report.notices += setup.policyNotices
        report.notices.sort(by: Notice.order)
        let isDirectory = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
        let displayRoot = isDirectory ? path : ((path as NSString).deletingLastPathComponent)
        let formatter = ISO8601DateFormatter()
        var context = ReportContext(
            rules: ruleList, displayRoot: displayRoot, failOn: failOn,
            color: format == .text && output == nil && Console.stdoutIsTerminal && !noColor
                && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
            showSecrets: showSecrets, startTime: formatter.string(from: started), endTime: formatter.string(from: Date()),
            commandLine: CommandLine.arguments.joined(separator: " "))
        context.usedBaseline = setup.baseline != nil
        context.showSuppressed = showSuppressed
        if format == .sarif {
            // Locations from the repository root, wherever the scanned folder is.
            context.sarifBase = SarifBase.forScan(of: displayRoot.isEmpty ? "." : displayRoot)
            context.sarifCategory = sarifCategory ?? "promptscan/scan"
        }
        format.reporter.write(report, context: context, to: sink)
        do {
            try sink.finish()
        } catch {
            throw fail(error)
        }
        if output != nil || format != .text {
            // The report went elsewhere: a one-line summary for the person at the terminal.
            Console.error(TextReporter().summary(report, context: context).trimmingCharacters(in: .newlines))
        }
        if RuleProfiler.shared != nil, let peak = RuleProfiler.peakMemoryLine() { Console.error(peak) }
        if report.unreadableCount > 0 && !allowUnreadable {
            Console.error("error: \(report.unreadableCount) file(s) could not be read (see the report; --allow-unreadable to accept)")
            throw ExitCode(2)
        }
        if report.failingCount(at: failOn) > 0 { throw ExitCode(1) }
    }

    /// `123`, `10K`, `10M`, `1G` (binary multiples) to bytes.
    static func parseSize(_ text: String) -> Int? {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B") && digits.count > 1 && multipliers[digits.dropLast().last ?? " "] != nil { digits.removeLast() }
        if let last = digits.last, let m = multipliers[last] {
            multiplier = m
            digits.removeLast()
        }
        guard let value = Int(digits), value >= 0 else { return nil }
        return value.multipliedReportingOverflow(by: multiplier).overflow ? nil : value * multiplier
    }
}

