/// A Markdown summary (`--format markdown`), for a CI job's summary page (`$GITHUB_STEP_SUMMARY`)
/// or a merge-request comment: the verdict, counts by severity, a table of the findings that fail
/// the run (file, line, rule, severity, redacted value, message; the first `maxRows`), the active
/// findings below the threshold counted by rule, and what was suppressed, skipped or unreadable.
public struct MarkdownReporter: Reporter {
    public static let formatName = "markdown"

    /// Rows of the findings table; the rest are counted (a job summary holds at most 1 MiB).
    public static let maxRows = 200

    public init() {}

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        let active = report.findings.filter(\.isReported)
        let failing = active.filter { $0.severity >= context.failOn }
        let below = active.filter { $0.severity < context.failOn }
        if failing.isEmpty {
            output.append("## promptscan: passed\n\nNo finding at or above **\(context.failOn.rawValue)** in \(report.filesScanned) file(s).\n\n")
        } else {
            output.append(
                "## promptscan: \(failing.count) finding(s) fail the run\n\nFindings at or above **\(context.failOn.rawValue)** in \(report.filesScanned) file(s) scanned.\n\n"
            )
        }
        output.append("| severity | findings |\n|---|--:|\n")
        for severity in [Severity.critical, .high, .medium, .low] {
            output.append("| \(severity.rawValue) | \(active.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }) |\n")
        }
        output.append("\n")
        if !failing.isEmpty {
            output.append("### Findings that fail the run\n\n| file | line | rule | severity | value | message |\n|---|--:|---|---|---|---|\n")
            for finding in failing.prefix(Self.maxRows) {
                let line = finding.inPath ? "name" : String(finding.line)
                output.append(
                    "| \(Self.cell(context.sarifBase.path(finding.path))) | \(line) | \(Self.cell(finding.ruleID)) | \(finding.severity.rawValue) | <code>\(Self.cell(context.value(of: finding)))</code> | \(Self.cell(finding.message)) |\n"
                )
            }
            if failing.count > Self.maxRows {
                output.append("\n… and \(failing.count - Self.maxRows) more (see the job log or the SARIF report).\n")
            }
            output.append("\n")
        }
        if !below.isEmpty {
            var byRule: [String: Int] = [:]
            for finding in below { byRule[finding.ruleID, default: 0] += 1 }
            output.append("### Below the threshold (reported, not failing)\n\n| rule | findings |\n|---|--:|\n")
            for (rule, count) in byRule.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                output.append("| \(Self.cell(rule)) | \(count) |\n")
            }
            output.append("\n")
        }
        var notes: [String] = []
        let suppressed = report.findings.reduce(0) { $0 + ($1.isActive && $1.suppression != nil ? 1 : 0) }
        let allowed = report.findings.reduce(0) { $0 + ($1.isActive ? 0 : 1) }
        let skipped = report.notices.reduce(0) { $0 + ($1.kind == .skipped ? 1 : 0) }
        if suppressed > 0 { notes.append("\(suppressed) known example value(s) reported as notes") }
        if allowed > 0 { notes.append("\(allowed) finding(s) allowed inline or in the baseline") }
        if skipped > 0 { notes.append("\(skipped) file(s) skipped (binary, too large or excluded)") }
        if report.unreadableCount > 0 { notes.append("**\(report.unreadableCount) file(s) could not be read**") }
        if !notes.isEmpty { output.append(notes.map { "- \($0)\n" }.joined() + "\n") }
        output.append("<sub>promptscan \(Self.cell(context.toolVersion)); values are redacted.</sub>\n")
    }

    /// Text for a table cell: one line, with the characters Markdown or HTML would read escaped.
    static func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "`": out += "&#96;"
            case "\\": out += "\\\\"
            case "*", "_", "[", "]": out += "\\\(character)"
            case "\n", "\r", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
