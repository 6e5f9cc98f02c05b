import Foundation

/// Puts the JSON or SARIF reports of the N parts of a split run (`--shard K/N`) back into the
/// report one run would have written: findings and notices in the run's order, the rules once,
/// counts added up. It refuses a set that is not exactly one run: a part missing or given twice,
/// parts of another commit, command or settings, or a report that is not a part at all, so an
/// incomplete audit can never merge into a green result.
public struct ReportMerger {
    public enum Format: String, Sendable { case json, sarif }

    /// The merged report, ready to write.
    public struct Merged: Sendable {
        public let format: Format
        /// Findings that fail the run, at the parts' `fail_on`.
        public let failing: Int
        /// Findings in all.
        public let findings: Int
        /// Files that could not be read (SARIF: parts whose execution did not succeed).
        public let unreadable: Int
        public let parts: Int
        let json: JSONDocument?
        let sarif: SarifLog?

        public func write(to output: some ReportOutput) {
            if let json {
                JSONReporter.writeDocument(
                    findingCount: json.findings.count, finding: { json.findings[$0] }, notices: json.notices, shard: nil,
                    summary: json.summary, version: json.version, to: output)
            } else if let sarif, let run = sarif.runs.first {
                SarifReporter.writeRun(
                    automation: run.automationDetails, invocation: run.invocations[0], baseIDs: run.originalUriBaseIds, properties: nil,
                    resultCount: run.results.count, result: { run.results[$0] }, tool: run.tool, to: output)
            }
        }
    }

    /// A JSON report as `JSONReporter` writes it.
    struct JSONDocument: Codable, Sendable {
        var findings: [JSONReporter.FindingObject]
        var notices: [JSONReporter.NoticeObject]
        var shard: ShardInfo?
        var summary: JSONReporter.Summary
        var version: String
    }

    public init() {}

    /// Merges the reports (`path` names each in errors).
    public func merge(_ reports: [(path: String, data: Data)]) throws(PromptScanError) -> Merged {
        guard !reports.isEmpty else { throw .configuration(path: nil, line: nil, message: "merge needs the reports of every part") }
        let formats = try reports.map { report throws(PromptScanError) in (report.path, try Self.format(of: report.data, path: report.path)) }
        if let other = formats.first(where: { $0.1 != formats[0].1 }) {
            throw .configuration(
                path: other.0, line: nil, message: "is \(other.1.rawValue) but \(formats[0].0) is \(formats[0].1.rawValue); merge reports of one format")
        }
        switch formats[0].1 {
        case .json: return try mergeJSON(reports)
        case .sarif: return try mergeSarif(reports)
        }
    }

    static func format(of data: Data, path: String) throws(PromptScanError) -> Format {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .configuration(path: path, line: nil, message: "not a JSON or SARIF report of promptscan (not a JSON object)")
        }
        if object["runs"] != nil { return .sarif }
        if object["findings"] != nil { return .json }
        throw .configuration(path: path, line: nil, message: "not a JSON or SARIF report of promptscan (no findings or runs)")
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, path: String) throws(PromptScanError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .configuration(path: path, line: nil, message: "not a report promptscan wrote (\(Self.describe(error)))")
        }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable" }
        switch error {
        case let .keyNotFound(key, _): return "no '\(key.stringValue)'"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "unexpected value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        @unknown default: return "unreadable"
        }
    }

    /// Checks that the parts are exactly the N parts of one run; returns them ordered by index.
    static func checkParts(_ parts: [(path: String, shard: ShardInfo?)]) throws(PromptScanError) -> [Int] {
        for part in parts where part.shard == nil {
            throw .configuration(path: part.path, line: nil, message: "not the report of a part of a split run (no shard); scan with --shard K/N")
        }
        let first = parts[0].shard!
        for part in parts {
            let shard = part.shard!
            let differences: [(String, String, String)] = [
                ("number of parts", String(shard.count), String(first.count)), ("command", shard.command, first.command),
                (
                    "commit", shard.revision.isEmpty ? "none" : String(shard.revision.prefix(12)),
                    first.revision.isEmpty ? "none" : String(first.revision.prefix(12))
                ),
                ("rules and settings", shard.settings, first.settings), ("fail-on", shard.failOn, first.failOn),
            ].filter { $0.1 != $0.2 }
            if let (what, this, that) = differences.first {
                throw .configuration(
                    path: part.path, line: nil,
                    message: "part \(shard.index)/\(shard.count) is of another run than \(parts[0].path): \(what) \(this), not \(that)")
            }
        }
        var seen: [Int: String] = [:]
        for part in parts {
            let index = part.shard!.index
            if let earlier = seen[index] {
                throw .configuration(path: part.path, line: nil, message: "part \(index)/\(first.count) given twice (also \(earlier))")
            }
            seen[index] = part.path
        }
        let missing = (1...first.count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw .configuration(
                path: nil, line: nil,
                message:
                    "part\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(first.count) missing; a merge needs every part"
            )
        }
        return parts.indices.sorted { parts[$0].shard!.index < parts[$1].shard!.index }
    }

    func mergeJSON(_ reports: [(path: String, data: Data)]) throws(PromptScanError) -> Merged {
        let documents = try reports.map { report throws(PromptScanError) in try Self.decode(JSONDocument.self, report.data, path: report.path) }
        let order = try Self.checkParts(zip(reports, documents).map { ($0.path, $1.shard) })
        let first = documents[order[0]]
        var merged = JSONDocument(
            findings: [], notices: [], shard: nil,
            summary: JSONReporter.Summary(
                findings: 0, failing: 0, fail_on: first.summary.fail_on, files_scanned: 0, bytes_scanned: 0, skipped: 0, unreadable: 0,
                ignored: 0),
            version: first.version)
        for index in order {
            let document = documents[index]
            merged.findings += document.findings
            merged.notices += document.notices
            let part = document.summary
            merged.summary = JSONReporter.Summary(
                findings: merged.summary.findings + part.findings, failing: merged.summary.failing + part.failing,
                fail_on: merged.summary.fail_on, files_scanned: merged.summary.files_scanned + part.files_scanned,
                bytes_scanned: merged.summary.bytes_scanned + part.bytes_scanned, skipped: merged.summary.skipped + part.skipped,
                unreadable: merged.summary.unreadable + part.unreadable, ignored: merged.summary.ignored + part.ignored)
        }
        merged.findings.sort { a, b in
            Self.precedes(
                (a.path, a.line, a.column, a.rule_id, a.commit ?? ""), (b.path, b.line, b.column, b.rule_id, b.commit ?? ""))
        }
        merged.notices.sort { a, b in Self.precedes((a.path, a.kind, a.rule_id ?? "", a.message), (b.path, b.kind, b.rule_id ?? "", b.message)) }
        return Merged(
            format: .json, failing: merged.summary.failing, findings: merged.findings.count, unreadable: merged.summary.unreadable,
            parts: order.count, json: merged, sarif: nil)
    }

    func mergeSarif(_ reports: [(path: String, data: Data)]) throws(PromptScanError) -> Merged {
        let logs = try reports.map { report throws(PromptScanError) in try Self.decode(SarifLog.self, report.data, path: report.path) }
        for (report, log) in zip(reports, logs) where log.runs.count != 1 || log.runs[0].invocations.count != 1 {
            throw .configuration(path: report.path, line: nil, message: "not a SARIF report of one promptscan run")
        }
        let order = try Self.checkParts(zip(reports, logs).map { ($0.path, $1.runs[0].properties?.shard) })
        var run = logs[order[0]].runs[0]
        run.properties = nil
        var invocation = run.invocations[0]
        invocation.toolExecutionNotifications = []
        run.results = []
        var failing = 0
        var unsuccessful = 0
        for index in order {
            let part = logs[index].runs[0]
            run.results += part.results
            let partInvocation = part.invocations[0]
            invocation.toolExecutionNotifications += partInvocation.toolExecutionNotifications
            if !partInvocation.executionSuccessful { unsuccessful += 1 }
            invocation.startTimeUtc = [invocation.startTimeUtc, partInvocation.startTimeUtc].compactMap { $0 }.min()
            invocation.endTimeUtc = [invocation.endTimeUtc, partInvocation.endTimeUtc].compactMap { $0 }.max()
            failing += part.properties?.shard.failing ?? 0
        }
        invocation.executionSuccessful = unsuccessful == 0
        func key(_ result: SarifLog.Result) -> (String, Int, Int, String, String) {
            let location = result.locations.first?.physicalLocation
            let inPath = result.properties.location == "path"
            return (
                location?.artifactLocation.uri ?? "", inPath ? 0 : location?.region?.startLine ?? 0, inPath ? 0 : location?.region?.startColumn ?? 0,
                result.ruleId, result.properties.commit ?? ""
            )
        }
        run.results.sort { Self.precedes(key($0), key($1)) }
        invocation.toolExecutionNotifications.sort { a, b in
            Self.precedes(
                (a.locations.first?.physicalLocation.artifactLocation.uri ?? "", a.descriptor?.id ?? "", a.associatedRule?.id ?? "", a.message.text),
                (b.locations.first?.physicalLocation.artifactLocation.uri ?? "", b.descriptor?.id ?? "", b.associatedRule?.id ?? "", b.message.text))
        }
        run.invocations = [invocation]
        return Merged(
            format: .sarif, failing: failing, findings: run.results.count, unreadable: unsuccessful, parts: order.count, json: nil,
            sarif: SarifLog(runs: [run]))
    }

    /// Report order on (path, line, column, rule, commit): the path bytewise, as `Finding.reportOrder`.
    static func precedes(_ a: (String, Int, Int, String, String), _ b: (String, Int, Int, String, String)) -> Bool {
        if a.0 != b.0 { return Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8)) }
        if a.1 != b.1 { return a.1 < b.1 }
        if a.2 != b.2 { return a.2 < b.2 }
        if a.3 != b.3 { return a.3 < b.3 }
        return a.4 < b.4
    }

    /// Notice order on (path, kind, rule, message), as `Notice.order` with the message last.
    static func precedes(_ a: (String, String, String, String), _ b: (String, String, String, String)) -> Bool {
        if a.0 != b.0 { return Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8)) }
        if a.1 != b.1 { return a.1 < b.1 }
        if a.2 != b.2 { return a.2 < b.2 }
        return a.3 < b.3
    }
}
