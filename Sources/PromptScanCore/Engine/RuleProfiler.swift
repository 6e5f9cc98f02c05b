import Dispatch
import Foundation
import Synchronization

/// Time spent per rule (and the wall time of a run's phases), collected only when `PROMPTSCAN_PROFILE=1` (for finding slow rules; see
/// Benchmarks/README.md). Workers add their totals under a mutex once per file.
public final class RuleProfiler: Sendable {
    public static let shared: RuleProfiler? =
        ProcessInfo.processInfo.environment["PROMPTSCAN_PROFILE"] == "1" ? RuleProfiler() : nil

    private let totals = Mutex<[Int: (nanoseconds: UInt64, files: Int, candidates: Int)]>([:])

    private let phases = Mutex<[(name: String, nanoseconds: UInt64)]>([])

    /// Records the wall time of one phase of a run (walk, scan, report).
    public func add(phase name: String, since start: UInt64) {
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        phases.withLock { $0.append((name, elapsed)) }
    }

    func add(rule: Int, nanoseconds: UInt64, candidates: Int) {
        totals.withLock { totals in
            let old = totals[rule] ?? (0, 0, 0)
            totals[rule] = (old.nanoseconds + nanoseconds, old.files + 1, old.candidates + candidates)
        }
    }

    /// `peak memory: N kB (VmHWM)`: the process's peak resident size so far (Linux; nil elsewhere),
    /// printed at the end of a profiled run, after the report is written.
    public static func peakMemoryLine() -> String? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        let kilobytes = line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "?"
        return "peak memory: \(kilobytes) kB (VmHWM)"
    }

    /// Lines `seconds  files  candidates  rule-id`, slowest first.
    public func report(ruleSet: RuleSet, top: Int = 30) -> String {
        let rows = totals.withLock { $0 }.sorted { $0.value.nanoseconds > $1.value.nanoseconds }.prefix(top)
        let phaseRows = phases.withLock { $0 }.map { "\(String(format: "%8.3f", Double($0.nanoseconds) / 1e9)) s  (wall) \($0.name)" }
        return
            (phaseRows
            + rows.map { rule, value in
                let seconds = Double(value.nanoseconds) / 1e9
                return
                    "\(String(format: "%8.3f", seconds)) s  \(String(format: "%6d", value.files)) files  \(String(format: "%7d", value.candidates)) matches  \(ruleSet.rules[rule].rule.id)"
            }).joined(separator: "\n")
    }
}
