import Foundation

/// Machine-readable JSON: `{"version", "findings": [Finding], "notices": [Notice], "summary"}`, where
/// each finding object has `rule_id`, `rule_name`, `category`, `severity`, `path`, `line`, `column`,
/// `end_line`, `end_column`, `file_class`, `message`, `preview` (redacted), `fingerprint`,
/// `validator`, `decoded_from` (when found in decoded content) and, only with `--show-secrets`, `secret`;
/// `suppressed` (`"inSource"`) for inline-allowed findings, `baseline_state` when a baseline was used,
/// and `commit` for history scans.
public struct JSONReporter: Reporter {
    public static let formatName = "json"

    public init() {}

    struct Document: Encodable {
        let version: String
        let findings: [FindingObject]
        let notices: [NoticeObject]
        let summary: Summary
    }

    struct FindingObject: Encodable {
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
    }

    struct NoticeObject: Encodable {
        let kind: String
        let path: String
        let message: String
        let rule_id: String?
    }

    struct Summary: Encodable {
        let findings: Int
        let failing: Int
        let fail_on: String
        let files_scanned: Int
        let bytes_scanned: Int
        let skipped: Int
        let unreadable: Int
        let ignored: Int
    }

    public func render(_ report: ScanReport, context: ReportContext) -> String {
        let document = Document(
            version: context.toolVersion,
            findings: report.findings.map {
                FindingObject(
                    rule_id: $0.ruleID, rule_name: $0.ruleName, category: $0.category.rawValue, severity: $0.severity.rawValue,
                    path: context.display($0.path), line: $0.line, column: $0.column, end_line: $0.endLine, end_column: $0.endColumn,
                    file_class: $0.fileClass.rawValue, message: $0.message, preview: $0.preview, fingerprint: $0.fingerprint,
                    validator: $0.validator, secret: context.showSecrets ? $0.revealed : nil, decoded_from: $0.decodedFrom,
                    suppressed: $0.allowedInline ? "inSource" : nil, baseline_state: context.baselineState(of: $0), commit: $0.commit, suppression: $0.suppression?.justification)
            },
            notices: report.notices.map {
                NoticeObject(kind: $0.kind.rawValue, path: context.display($0.path), message: $0.message, rule_id: $0.ruleID)
            },
            summary: Summary(
                findings: report.findings.count, failing: report.failing(at: context.failOn).count, fail_on: context.failOn.rawValue,
                files_scanned: report.filesScanned, bytes_scanned: report.bytesScanned,
                skipped: report.notices.filter { $0.kind == .skipped }.count, unreadable: report.unreadable.count,
                ignored: report.ignoredCount))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
