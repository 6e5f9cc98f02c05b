/// GitHub Actions workflow commands (`--format github`): one `::error` annotation per finding that
/// fails the run and one `::warning` per active finding at medium or above that does not, each
/// naming the file (from the repository root, as code scanning does), line and columns, and
/// carrying the file, line, rule, severity, message and redacted value in its text, so that the
/// job log lists the findings and not just a count. Low findings and files that could not be read
/// are counted on the last line (unreadable files also get a warning each).
public struct GitHubReporter: Reporter {
    public static let formatName = "github"

    public init() {}

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        var lows = 0
        for finding in report.findings where finding.isReported {
            let fails = finding.severity >= context.failOn
            if !fails && finding.severity == .low {
                lows += 1
                continue
            }
            output.append(Self.annotation(finding, level: fails ? "error" : "warning", context: context))
        }
        for notice in report.unreadable {
            let path = context.sarifBase.path(notice.path)
            output.append(
                "::warning file=\(Self.property(path)),title=\(Self.property("promptscan: file not read"))::\(Self.data("\(path): \(notice.message)"))\n")
        }
        let failing = report.failingCount(at: context.failOn)
        var summary =
            failing == 0
            ? "promptscan: no finding at or above \(context.failOn.rawValue) in \(report.filesScanned) file(s)"
            : "promptscan: \(failing) finding(s) at or above \(context.failOn.rawValue) fail the run (\(report.filesScanned) file(s) scanned)"
        if lows > 0 { summary += "; \(lows) low finding(s) below the threshold not annotated" }
        if report.unreadableCount > 0 { summary += "; \(report.unreadableCount) file(s) could not be read" }
        output.append(summary + "\n")
    }

    /// One workflow command for `finding`.
    static func annotation(_ finding: Finding, level: String, context: ReportContext) -> String {
        let path = context.sarifBase.path(finding.path)
        var properties = ["file=\(property(path))"]
        let place: String
        if finding.inPath || finding.line == 0 {
            place = path
        } else {
            properties.append("line=\(finding.line)")
            properties.append("endLine=\(max(finding.line, finding.endLine))")
            if finding.endLine == finding.line {
                properties.append("col=\(finding.column)")
                properties.append("endColumn=\(max(finding.column, finding.endColumn))")
            }
            place = "\(path):\(finding.line)"
        }
        properties.append("title=\(property("promptscan \(finding.ruleID) (\(finding.severity.rawValue))"))")
        var text = "\(place): \(finding.ruleID) (\(finding.severity.rawValue)) \(finding.message) [\(context.value(of: finding))]"
        if let commit = finding.commit { text += " in commit \(commit.prefix(12))" }
        return "::\(level) \(properties.joined(separator: ","))::\(data(text))\n"
    }

    /// A command's message, escaped as the runner expects (`%`, CR and LF).
    static func data(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A command's property value: as `data`, and `:` and `,`, which separate properties.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
