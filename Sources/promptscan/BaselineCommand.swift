import ArgumentParser
import Foundation
import PromptScanCore

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Create a baseline of accepted findings, or list baseline entries that no longer match anything.",
        subcommands: [Create.self, Check.self])

    /// Options both subcommands share.
    struct Common: ParsableArguments {
        @Argument(help: "The directory to scan: the repository root, so that paths match `staged` and `diff`.")
        var path: String = "."

        @Option(name: .long, help: "Also load rules from this file or directory (repeatable).")
        var rules: [String] = []

        @Option(name: .long, help: "Settings file (default: .promptscan.yml in PATH, when present).")
        var config: String?

        @Option(name: .long, help: "Worker threads (default: the number of processors).")
        var threads: Int = ScanEngine.defaultThreadCount

        @Flag(name: .long, help: "Do not honour .gitignore and .promptscanignore files.")
        var noIgnore = false

        func validate() throws {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan PATH and print a baseline accepting every finding: promptscan baseline create > .promptscan-baseline.json",
            discussion: "Entries are rule id, path and a keyed hash of the value, sorted, one per line; no line numbers, no values.")

        @OptionGroup var common: Common

        @Option(name: [.short, .long], help: "Write the baseline to this file (atomically) instead of stdout.")
        var output: String?

        func run() throws {
            do {
                // An existing baseline is not applied: the new one lists every finding.
                let setup = try RunSetup(
                    root: isDirectory(common.path) ? common.path : nil, configPath: common.config, extraRules: common.rules,
                    failOn: nil, maxFileSize: nil, baselinePath: nil, loadBaseline: false)
                let sink = try ReportSink(path: output)
                let report = try scanTree(
                    path: common.path, setup: setup, threads: common.threads, showSecrets: false, useIgnoreFiles: !common.noIgnore)
                let baseline = Baseline(report: report)
                try sink.write(baseline.render())
                Console.error("baseline: \(baseline.entries.count) entries from \(report.filesScanned) files scanned")
            } catch {
                throw fail(error)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan PATH and list baseline entries that match no finding (exit 1 when there are some, to prune).")

        @OptionGroup var common: Common

        @Option(name: .long, help: "The baseline file (default: the config's, else .promptscan-baseline.json in PATH).")
        var baseline: String?

        func run() throws {
            let stale: [Baseline.Entry]
            let total: Int
            do throws(PromptScanError) {
                let setup = try RunSetup(
                    root: isDirectory(common.path) ? common.path : nil, configPath: common.config, extraRules: common.rules,
                    failOn: nil, maxFileSize: nil, baselinePath: baseline)
                guard let loaded = setup.baseline else {
                    throw PromptScanError.configuration(
                        path: nil, line: nil,
                        message: "no baseline: pass --baseline FILE or create \(Baseline.defaultFileName) with 'promptscan baseline create'")
                }
                let report = try scanTree(
                    path: common.path, setup: setup, threads: common.threads, showSecrets: false, useIgnoreFiles: !common.noIgnore)
                stale = loaded.stale(against: report)
                total = loaded.entries.count
            } catch {
                throw fail(error)
            }
            Console.out(stale.map { "\($0.path)  \($0.rule)  \($0.fingerprint)\n" }.joined())
            Console.error("\(stale.count) of \(total) baseline entries match nothing\(stale.isEmpty ? "" : " (remove them, or re-create the baseline)")")
            if !stale.isEmpty { throw ExitCode(1) }
        }
    }
}
