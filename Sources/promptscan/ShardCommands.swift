import ArgumentParser
import Foundation
import PromptScanCore

/// `--shard K/N` for `scan`, `diff` and `history`: scan one part of a run split across machines.
struct ShardOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Scan part K of N of the run (1 ≤ K ≤ N), the same split on every machine; merge the parts' reports with `promptscan merge`. Without it, a CI engine's parallel-job variables (GitLab CI_NODE_INDEX, Buildkite, CircleCI, Kubernetes JOB_COMPLETION_INDEX) choose the part; 1/1 scans everything.",
            valueName: "K/N"))
    var shard: String?

    @Option(name: .long, help: "The number of parts when only an index is published (Kubernetes Indexed Jobs: the Job's completions).")
    var shardTotal: Int?

    /// The part this run scans (nil: all of it), saying on stderr when a CI variable chose it.
    func resolve() throws -> Shard? {
        if let shard {
            guard let parsed = Shard(shard) else {
                throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N ≤ \(Shard.maximumCount) (got '\(OneLine.clean(shard, limit: 40))')")
            }
            return parsed.count == 1 ? nil : parsed
        }
        let found: (shard: Shard, source: String)?
        do {
            found = try Shard.fromEnvironment(ProcessInfo.processInfo.environment, total: shardTotal)
        } catch {
            throw fail(error)
        }
        guard let found, found.shard.count > 1 else { return nil }
        Console.error("promptscan: scanning part \(found.shard) (from \(found.source)); --shard 1/1 scans everything")
        return found.shard
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSON or SARIF reports of the parts of a split run (--shard K/N) into the report of one run.",
        discussion: """
            Every part must be given once, all from the same commit, command, rules and settings; otherwise \
            nothing is written. Exit codes: 0 clean; 1 findings at or above the parts' --fail-on; 2 a part \
            missing, repeated or of another run, an unreadable report, or files the parts could not read \
            (unless --allow-unreadable); 64 usage.
            """)

    @Argument(help: "The parts' reports (JSON or SARIF, all of one format).")
    var reports: [String]

    @Option(name: [.short, .long], help: "Write the merged report to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(name: .long, help: "Exit 0/1 even when some part could not read some files.")
    var allowUnreadable = false

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give the reports of every part") }
    }

    func run() throws {
        let merged: ReportMerger.Merged
        do throws(PromptScanError) {
            var inputs: [(path: String, data: Data)] = []
            for path in reports {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw .io(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read report" : "no such report")
                }
                inputs.append((path, data))
            }
            merged = try ReportMerger().merge(inputs)
        } catch {
            throw fail(error)
        }
        let sink = try openSink(output)
        merged.write(to: sink)
        do {
            try sink.finish()
        } catch {
            throw fail(error)
        }
        Console.error(
            "merged \(merged.parts) parts (\(merged.format.rawValue)): \(merged.findings) findings, \(merged.failing) failing the run")
        if merged.unreadable > 0 && !allowUnreadable {
            Console.error("error: some parts could not read files (see the report; --allow-unreadable to accept)")
            throw ExitCode(2)
        }
        if merged.failing > 0 { throw ExitCode(1) }
    }
}
