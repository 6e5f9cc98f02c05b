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

    @Option(name: .long, help: "Skip (and report) files larger than this: bytes, or with a K, M or G suffix.")
    var maxFileSize: String = "10M"

    @Option(name: .long, help: "Lowest severity that fails the run: low, medium, high or critical.")
    var failOn: Severity = .medium

    @Flag(name: .long, help: "Print matched values instead of redacted previews.")
    var showSecrets = false

    @Flag(name: .long, help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Flag(name: .long, help: "Do not honour .gitignore and .promptscanignore files.")
    var noIgnore = false

    @Flag(name: .long, help: "Exit 0/1 even when some files could not be read (they are still reported).")
    var allowUnreadable = false

    @Option(name: .long, help: "A client-terms file (keyed hashes; needs PROMPTSCAN_TERMS_KEY).")
    var terms: String?

    @Flag(name: .long, help: "List suppressed findings (well-known test values) in text output.")
    var showSuppressed = false

    @Flag(name: .long, help: "Never use colour.")
    var noColor = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard Scan.parseSize(maxFileSize) != nil else {
            throw ValidationError("--max-file-size must be a number of bytes, optionally with K, M or G (got '\(maxFileSize)')")
        }
    }

    func run() throws {
        let started = Date()
        var ruleList: [PromptScanCore.Rule]
        let ruleSet: RuleSet
        var termsMatcher: TermsMatcher?
        var termsNotice: Notice?
        do {
            ruleList = try RuleCatalog.load(extra: rules)
            // Benchmarking knob: leave out rules by id or category (comma-separated).
            if let excluded = ProcessInfo.processInfo.environment["PROMPTSCAN_EXCLUDE_RULES"]?.split(separator: ",").map(String.init) {
                ruleList.removeAll { excluded.contains($0.id) || excluded.contains($0.category.rawValue) }
            }
            ruleSet = try RuleSet(ruleList)
            if let terms {
                let file = try TermsFile.load(path: terms)
                if let key = ProcessInfo.processInfo.environment[TermsFile.keyVariable], !key.isEmpty {
                    termsMatcher = try TermsMatcher(file: file, key: key)
                    ruleList.append(TermsMatcher.rule)
                } else {
                    termsNotice = Notice(
                        kind: .skipped, path: terms,
                        message: "client terms not checked: \(TermsFile.keyVariable) is not set (the file holds keyed hashes only)")
                }
            }
        } catch {
            throw fail(error)
        }
        // Fail on an unwritable output before spending time on the scan.
        let sink: ReportSink
        do {
            sink = try ReportSink(path: output)
        } catch {
            throw fail(error)
        }
        var walkOptions = FileWalker.Options()
        walkOptions.followSymlinks = followSymlinks
        walkOptions.useIgnoreFiles = !noIgnore
        walkOptions.maxFileSize = Scan.parseSize(maxFileSize)!
        let walked: FileWalker.Result
        do {
            walked = try FileWalker(options: walkOptions).walk(root: path)
        } catch {
            sink.discard()
            throw fail(error)
        }
        var scanner = FileScanner(ruleSet: ruleSet, showSecrets: showSecrets)
        scanner.terms = termsMatcher
        let engine = ScanEngine(
            scanner: scanner,
            options: .init(threads: threads, maxFileSize: walkOptions.maxFileSize))
        var report = engine.scan(walked.items)
        report.notices.append(contentsOf: walked.notices)
        if let termsNotice { report.notices.append(termsNotice) }
        report.notices.sort { a, b in
            if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
            return a.kind.rawValue < b.kind.rawValue
        }
        report.ignoredCount = walked.ignoredCount
        let isDirectory = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
        let displayRoot = isDirectory ? path : ((path as NSString).deletingLastPathComponent)
        let formatter = ISO8601DateFormatter()
        var context = ReportContext(
            rules: ruleList, displayRoot: displayRoot, failOn: failOn,
            color: format == .text && output == nil && Console.stdoutIsTerminal && !noColor
                && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
            showSecrets: showSecrets, startTime: formatter.string(from: started), endTime: formatter.string(from: Date()),
            commandLine: CommandLine.arguments.joined(separator: " "))
        context.showSuppressed = showSuppressed
        let rendered = format.reporter.render(report, context: context)
        do {
            try sink.write(rendered)
        } catch {
            throw fail(error)
        }
        if output != nil || format != .text {
            // The report went elsewhere: a one-line summary for the person at the terminal.
            Console.error(TextReporter().summary(report, context: context).trimmingCharacters(in: .newlines))
        }
        if !report.unreadable.isEmpty && !allowUnreadable {
            Console.error("error: \(report.unreadable.count) file(s) could not be read (see the report; --allow-unreadable to accept)")
            throw ExitCode(2)
        }
        if !report.failing(at: failOn).isEmpty { throw ExitCode(1) }
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

