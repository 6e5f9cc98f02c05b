/// Everything a run produced, in report order.
public struct ScanReport: Sendable {
    public var findings: [Finding] = []
    public var notices: [Notice] = []
    public var filesScanned = 0
    public var bytesScanned = 0
    /// Paths left out by ignore files.
    public var ignoredCount = 0
    /// Which part of a split run this is (`--shard K/N`); nil for a whole run.
    public var shard: ShardInfo? = nil

    public init() {}

    /// Puts the notices in `Notice.order`: the one place they are sorted (a session does it once,
    /// after adding its own).
    public mutating func orderNotices() {
        notices.sort(by: Notice.order)
    }

    /// Files that could not be read (errors, as opposed to files skipped by design).
    public var unreadable: [Notice] { notices.filter { $0.kind == .unreadable } }

    /// How many files could not be read (counted without building a list).
    public var unreadableCount: Int { notices.reduce(0) { $0 + ($1.kind == .unreadable ? 1 : 0) } }

    /// How many findings fail the run at `threshold` (see `failing(at:)`), counted without copying them.
    public func failingCount(at threshold: Severity) -> Int {
        findings.reduce(0) { $0 + ($1.isReported && $1.severity >= threshold ? 1 : 0) }
    }

    /// Findings at or above `threshold`, leaving out those allowed inline, in the baseline, or
    /// suppressed as well-known test values.
    public func failing(at threshold: Severity) -> [Finding] {
        findings.filter { $0.isReported && $0.severity >= threshold }
    }
}
