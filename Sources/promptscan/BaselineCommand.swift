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

        @OptionGroup var setup: SetupOptions

        @Flag(name: .long, help: "Do not honour .gitignore and .promptscanignore files.")
        var noIgnore = false

        /// The setup of a baseline run (`loadBaseline`: whether the existing baseline is read).
        func runSetup(baselinePath: String? = nil, loadBaseline: Bool) throws(PromptScanError) -> RunSetup {
            try RunSetup(
                root: isDirectory(path) ? path : nil, configPath: setup.config, extraRules: setup.rules, failOn: nil,
                maxFileSize: nil, baselinePath: baselinePath, loadBaseline: loadBaseline)
        }

        /// A session walking PATH with `setup`.
        func session(_ setup: RunSetup) -> ScanSession {
            var options = ScanSession.Options()
            options.threads = self.setup.threads
            options.useIgnoreFiles = !noIgnore
            return ScanSession(setup: setup, source: .tree(path), options: options)
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Scan PATH and print a baseline accepting every finding: promptscan baseline create > .promptscan-baseline.json",
            discussion: "Entries are rule id, path and a keyed hash of the value, sorted, one per line; no line numbers, no values.")

        @OptionGroup var common: Common

        @Option(name: [.short, .long], help: "Write the baseline to this file (atomically) instead of stdout.")
        var output: String?

        func run() throws {
            let started = Date()
            let setup: RunSetup
            do {
                // An existing baseline is not applied: the new one lists every finding.
                setup = try common.runSetup(loadBaseline: false)
            } catch {
                throw fail(error)
            }
            let sink = try openSink(output)
            let report = try runSession(common.session(setup), into: sink)
            try finish(report, setup: setup, writing: .baseline, to: sink, started: started)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Scan PATH and list baseline entries that match no finding (exit 1 when there are some, to prune).")

        @OptionGroup var common: Common

        @Option(name: .long, help: "The baseline file (default: the config's, else .promptscan-baseline.json in PATH).")
        var baseline: String?

        func run() throws {
            let stale: [Baseline.Entry]
            let total: Int
            do throws(PromptScanError) {
                let setup = try common.runSetup(baselinePath: baseline, loadBaseline: true)
                guard let loaded = setup.baseline else {
                    throw PromptScanError.configuration(
                        path: nil, line: nil,
                        message: "no baseline: pass --baseline FILE or create \(Baseline.defaultFileName) with 'promptscan baseline create'")
                }
                let report = try common.session(setup).run()
                if let profiler = RuleProfiler.shared { Console.error(profiler.report(ruleSet: setup.ruleSet)) }
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
