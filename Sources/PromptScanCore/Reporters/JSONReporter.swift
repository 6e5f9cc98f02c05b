import Foundation

/// Machine-readable JSON: `{"version", "findings": [Finding], "notices": [Notice], "summary"}`, where
/// each finding object has `rule_id`, `rule_name`, `category`, `severity`, `path`, `line`, `column`,
/// `end_line`, `end_column`, `file_class`, `message`, `preview` (redacted), `fingerprint`,
/// `validator`, `decoded_from` (when found in decoded content) and, only with `--show-secrets`, `secret`;
/// `suppressed` (`"inSource"`) for inline-allowed findings, `baseline_state` when a baseline was used,
/// `commit` for history scans, and `location: "path"` (line and column 0) for a secret in the file's name.
public struct JSONReporter: Reporter {
    public static let formatName = "json"

    public init() {}

    struct FindingObject: Codable {
        let rule_id: String
        let rule_name: String
        let category: String
        let severity: String
        let path: String
        let line: Int
        let column: Int
        let end_line: Int
        let end_column: Int
        let file_class: String
        let message: String
        let preview: String
        let fingerprint: String
        let validator: String?
        let secret: String?
        var decoded_from: String? = nil
        var suppressed: String? = nil
        var baseline_state: String? = nil
        var commit: String? = nil
        var suppression: String? = nil
        /// `"path"` when the value is in the file's name (line and column are then 0).
        var location: String? = nil
    }

    struct NoticeObject: Codable {
        let kind: String
        let path: String
        let message: String
        let rule_id: String?
    }

    struct Summary: Codable {
        let findings: Int
        let failing: Int
        let fail_on: String
        let files_scanned: Int
        let bytes_scanned: Int
        let skipped: Int
        let unreadable: Int
        let ignored: Int
    }

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        let notices = report.notices.map { notice in
            NoticeObject(kind: notice.kind.rawValue, path: context.display(notice.path), message: notice.message, rule_id: notice.ruleID)
        }
        let summary = Summary(
            findings: report.findings.count, failing: report.failingCount(at: context.failOn), fail_on: context.failOn.rawValue,
            files_scanned: report.filesScanned, bytes_scanned: report.bytesScanned,
            skipped: report.notices.reduce(0) { $0 + ($1.kind == .skipped ? 1 : 0) }, unreadable: report.unreadableCount,
            ignored: report.ignoredCount)
        JSONReporter.writeDocument(
            findingCount: report.findings.count, finding: { JSONReporter.object(report.findings[$0], context: context) },
            notices: notices, shard: report.shard, summary: summary, version: context.toolVersion, to: output)
    }

    /// The document's layout, for a run's report and for a merge of a split run's parts alike:
    /// findings (one at a time), notices, the part (`shard`, only in a part's report), summary, version.
    static func writeDocument(
        findingCount: Int, finding: (Int) -> FindingObject, notices: [NoticeObject], shard: ShardInfo?, summary: Summary,
        version: String, to output: some ReportOutput
    ) {
        let json = JSONStream(output)
        json.openObject()
        json.arrayMember("findings", count: findingCount, indent: 2, first: true, element: finding)
        json.arrayMember("notices", count: notices.count, indent: 2) { notices[$0] }
        if let shard { json.member("shard", shard, indent: 2) }
        json.member("summary", summary, indent: 2)
        json.member("version", version, indent: 2)
        json.closeObject(indent: 0)
        output.append("\n")
    }

    static func object(_ finding: Finding, context: ReportContext) -> FindingObject {
        FindingObject(
            rule_id: finding.ruleID, rule_name: finding.ruleName, category: finding.category.rawValue, severity: finding.severity.rawValue,
            path: context.display(finding.path), line: finding.line, column: finding.column, end_line: finding.endLine,
            end_column: finding.endColumn, file_class: finding.fileClass.rawValue, message: finding.message, preview: finding.preview,
            fingerprint: finding.fingerprint, validator: finding.validator, secret: context.showSecrets ? finding.revealed : nil,
            decoded_from: finding.decodedFrom, suppressed: finding.allowedInline ? "inSource" : nil,
            baseline_state: context.baselineState(of: finding), commit: finding.commit, suppression: finding.suppression?.justification,
            location: finding.inPath ? "path" : nil)
    }
}
