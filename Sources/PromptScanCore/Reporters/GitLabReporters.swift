import Crypto
import Foundation

/// GitLab's Code Quality report (`--format gitlab-codequality`; `artifacts: reports: codequality`),
/// which the merge-request widget shows on every tier: a JSON array with one issue per active
/// finding (`description`, `check_name`, `fingerprint`, `severity`, `location.path` from the
/// repository root and `location.lines.begin`). Severities: low → minor, medium → major,
/// high → critical, critical → blocker. Fingerprints are unique in a report and stable across runs
/// and line moves (the finding's own fingerprint, its path and its rank among equal ones).
public struct GitLabCodeQualityReporter: Reporter {
    public static let formatName = "gitlab-codequality"

    public init() {}

    struct Issue: Encodable {
        struct Lines: Encodable { let begin: Int }
        struct Location: Encodable {
            let path: String
            let lines: Lines
        }
        let type = "issue"
        let description: String
        let check_name: String
        let fingerprint: String
        let severity: String
        let categories = ["Security"]
        let location: Location
    }

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        let json = JSONStream(output)
        let findings = report.findings.filter(\.isReported)
        let ids = GitLabReport.stableIDs(findings, context: context)
        json.topLevelArray(count: findings.count) { index in
            let finding = findings[index]
            return Issue(
                description: GitLabReport.description(finding, context: context), check_name: "promptscan/\(finding.ruleID)",
                fingerprint: ids[index], severity: Self.severity(finding.severity),
                location: Issue.Location(path: context.sarifBase.path(finding.path), lines: Issue.Lines(begin: max(1, finding.line))))
        }
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .low: "minor"
        case .medium: "major"
        case .high: "critical"
        case .critical: "blocker"
        }
    }
}

/// GitLab's secret detection report, schema 15.2.1 (`--format gitlab-secret-detection`;
/// `artifacts: reports: secret_detection`), read by the security widgets of GitLab Ultimate: the
/// scan (analyzer and scanner promptscan, times as `yyyy-mm-ddThh:mm:ss`, status) and one
/// vulnerability per active finding: a stable id, the rule's name, the message, the severity,
/// the rule's remediation as the solution, the rule id as identifier, and the location (file from
/// the repository root, lines, commit). The value is never written: the schema's
/// `raw_source_code_extract` is left out, and the description carries the redacted preview.
public struct GitLabSecretDetectionReporter: Reporter {
    public static let formatName = "gitlab-secret-detection"
    public static let schemaVersion = "15.2.1"

    public init() {}

    static let schemaURL =
        "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v\(schemaVersion)/dist/secret-detection-report-format.json"

    struct Tool: Encodable {
        struct Vendor: Encodable { let name = "promptscan" }
        let id = "promptscan"
        let name = "promptscan"
        let version: String
        let vendor = Vendor()
    }

    struct Scan: Encodable {
        let analyzer: Tool
        let scanner: Tool
        let type = "secret_detection"
        let start_time: String
        let end_time: String
        let status: String
        let messages: [Message]?
    }

    struct Message: Encodable {
        let level: String
        let value: String
    }

    struct Vulnerability: Encodable {
        struct Identifier: Encodable {
            let type = "promptscan_rule_id"
            let name: String
            let value: String
        }
        struct Commit: Encodable { let sha: String }
        struct Location: Encodable {
            let file: String
            let start_line: Int
            let end_line: Int
            let commit: Commit
        }
        let id: String
        let category = "secret_detection"
        let name: String
        let description: String
        let severity: String
        let solution: String?
        let identifiers: [Identifier]
        let location: Location
    }

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        let findings = report.findings.filter(\.isReported)
        let ids = GitLabReport.stableIDs(findings, context: context)
        let remediation = Dictionary(context.rules.map { ($0.id, $0.remediation) }, uniquingKeysWith: { first, _ in first })
        let messages = report.unreadable.map { Message(level: "warn", value: "\($0.path): \($0.message)") }
        let version = context.toolVersion.split(separator: " ").first.map(String.init) ?? context.toolVersion
        let scan = Scan(
            analyzer: Tool(version: version), scanner: Tool(version: version), start_time: Self.time(context.startTime),
            end_time: Self.time(context.endTime ?? context.startTime), status: "success", messages: messages.isEmpty ? nil : messages)
        // Streamed member by member in sorted key order (as JSONEncoder would write the whole
        // document), one vulnerability at a time.
        let json = JSONStream(output)
        json.openObject()
        json.member("scan", scan, indent: 2, first: true)
        json.member("schema", Self.schemaURL, indent: 2)
        json.member("version", Self.schemaVersion, indent: 2)
        json.arrayMember("vulnerabilities", count: findings.count, indent: 2) { index in
            let finding = findings[index]
            let id = ids[index]
            let uuid = [id.prefix(8), id.dropFirst(8).prefix(4), id.dropFirst(12).prefix(4), id.dropFirst(16).prefix(4), id.dropFirst(20).prefix(12)]
                .joined(separator: "-")
            let line = max(1, finding.line)
            let solution = remediation[finding.ruleID].flatMap { $0.isEmpty ? nil : String($0.prefix(7000)) }
            return Vulnerability(
                id: uuid, name: String(finding.ruleName.prefix(255)), description: GitLabReport.description(finding, context: context),
                severity: finding.severity.rawValue.prefix(1).uppercased() + finding.severity.rawValue.dropFirst(), solution: solution,
                identifiers: [.init(name: "promptscan rule \(finding.ruleID)", value: finding.ruleID)],
                location: .init(
                    file: context.sarifBase.path(finding.path), start_line: line, end_line: max(line, finding.endLine),
                    commit: .init(sha: finding.commit ?? context.revision ?? "0000000000000000000000000000000000000000")))
        }
        json.closeObject(indent: 0)
        output.append("\n")
    }

    /// An ISO 8601 time as the schema wants it: `yyyy-mm-ddThh:mm:ss`, UTC, no zone or fraction.
    static func time(_ iso: String?) -> String {
        guard let iso, iso.count >= 19 else { return "1970-01-01T00:00:00" }
        return String(iso.prefix(19))
    }
}

/// What the two GitLab reports share.
enum GitLabReport {
    /// The text GitLab shows: rule, severity, message and redacted value.
    static func description(_ finding: Finding, context: ReportContext) -> String {
        "\(finding.ruleID) (\(finding.severity.rawValue)): \(finding.message) [\(context.value(of: finding))]"
    }

    /// 32 hex digits per finding, unique in the report and the same in the next run while the
    /// finding stays: SHA-256 of its fingerprint, rule, path and rank among findings sharing those.
    static func stableIDs(_ findings: [Finding], context: ReportContext) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let key = "\(finding.fingerprint)\u{0}\(finding.ruleID)\u{0}\(context.sarifBase.path(finding.path))\u{0}\(finding.commit ?? "")"
            let rank = seen[key, default: 0]
            seen[key] = rank + 1
            let digest = SHA256.hash(data: Data("\(key)\u{0}\(rank)".utf8))
            return digest.prefix(16).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
        }
    }
}
