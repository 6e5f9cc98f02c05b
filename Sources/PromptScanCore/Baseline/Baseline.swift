import Foundation

/// Accepted findings, keyed by rule id, path and the finding's fingerprint (a keyed hash of the
/// value): no line numbers, so moving code does not churn it, and no raw values. Written sorted,
/// one entry per line, every entry line ending in a comma (a `{}` closes the list), so adding or
/// removing a finding changes exactly one line and merges of separate additions do not conflict.
///
/// ```json
/// {
///   "promptscan-baseline": 1,
///   "entries": [
///     {"rule": "anthropic-api-key", "path": "docs/setup.md", "fingerprint": "0b1c…"},
///     {}
///   ]
/// }
/// ```
public struct Baseline: Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Sendable, Hashable, Comparable, Codable {
        public let rule: String
        public let path: String
        public let fingerprint: String

        public init(rule: String, path: String, fingerprint: String) {
            self.rule = rule
            self.path = path
            self.fingerprint = fingerprint
        }

        public init(_ finding: Finding) {
            self.init(rule: finding.ruleID, path: finding.path, fingerprint: finding.fingerprint)
        }

        /// Path (bytewise), rule id, fingerprint.
        public static func < (a: Entry, b: Entry) -> Bool {
            if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.fingerprint < b.fingerprint
        }
    }

    /// Entries, sorted and unique.
    public let entries: [Entry]
    private let set: Set<Entry>

    public init(_ entries: some Sequence<Entry>) {
        set = Set(entries)
        self.entries = set.sorted()
    }

    /// A baseline accepting every finding of `report` (allowed-inline ones need no entry).
    public init(report: ScanReport) {
        self.init(report.findings.filter { !$0.allowedInline }.map(Entry.init))
    }

    public static func == (a: Baseline, b: Baseline) -> Bool { a.entries == b.entries }

    public func contains(_ finding: Finding) -> Bool { set.contains(Entry(finding)) }

    /// `report` with every finding the baseline lists marked as baselined.
    public func apply(to report: ScanReport) -> ScanReport {
        var report = report
        for index in report.findings.indices where contains(report.findings[index]) {
            report.findings[index].baselined = true
        }
        return report
    }

    /// Entries that match no finding of `report` (to prune).
    public func stale(against report: ScanReport) -> [Entry] {
        let current = Set(report.findings.map(Entry.init))
        return entries.filter { !current.contains($0) }
    }

    /// The file text: deterministic, one entry per line.
    public func render() -> String {
        var out = "{\n  \"promptscan-baseline\": 1,\n  \"entries\": [\n"
        for entry in entries {
            out += "    {\"rule\": \(Self.quote(entry.rule)), \"path\": \(Self.quote(entry.path)), "
            out += "\"fingerprint\": \(Self.quote(entry.fingerprint))},\n"
        }
        out += "    {}\n  ]\n}\n"
        return out
    }

    /// A JSON string literal (JSONEncoder, so escaping follows the standard).
    static func quote(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// Reads a baseline file written by `render()` (any JSON with the same shape is accepted).
    public static func load(path: String) throws(PromptScanError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read baseline" : "no such baseline file")
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws(PromptScanError) -> Baseline {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .configuration(path: path, line: nil, message: "baseline is not a JSON object (create one with 'promptscan baseline create')")
        }
        guard object["promptscan-baseline"] as? Int == 1, let list = object["entries"] as? [[String: Any]] else {
            throw .configuration(path: path, line: nil, message: "not a promptscan baseline (expected \"promptscan-baseline\": 1 and \"entries\")")
        }
        var entries: [Entry] = []
        for (index, item) in list.enumerated() where !item.isEmpty {
            guard let rule = item["rule"] as? String, let path2 = item["path"] as? String, let fingerprint = item["fingerprint"] as? String
            else {
                // Entry lines start on line 4 of a file written by render().
                throw .configuration(path: path, line: index + 4, message: "baseline entry needs string 'rule', 'path' and 'fingerprint'")
            }
            entries.append(Entry(rule: rule, path: path2, fingerprint: fingerprint))
        }
        return Baseline(entries)
    }
}

extension Baseline {
    /// The file looked for at the repository root when no baseline is named.
    public static let defaultFileName = ".promptscan-baseline.json"
}
