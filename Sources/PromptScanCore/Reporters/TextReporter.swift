/// Plain text for people: one line per finding (`path:line:col  severity  rule-id  [file-class]  message  value`),
/// one line per file that was not scanned, and a summary by category.
public struct TextReporter: Reporter {
    public static let formatName = "text"

    public init() {}

    public func render(_ report: ScanReport, context: ReportContext) -> String {
        var out = ""
        // Findings allowed inline or in the baseline are counted in the summary, not listed; suppressed
        // test values are listed only with --show-suppressed.
        for finding in report.findings where finding.isActive && (finding.suppression == nil || context.showSuppressed) {
            let severity = paint(finding.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), finding.severity, context)
            out += "\(context.display(finding.path)):\(finding.line):\(finding.column)  \(severity)  \(finding.ruleID)  [\(finding.fileClass.rawValue)]  "
            out += "\(finding.message)\(finding.decodedFrom.map { " (decoded from \($0))" } ?? "")  \(context.value(of: finding))"
            out += finding.commit.map { "  commit \($0.prefix(12))\n" } ?? "\n"
        }
        for notice in report.notices {
            out += "\(context.display(notice.path)): \(notice.kind.rawValue): \(notice.ruleID.map { "rule '\($0)': " } ?? "")\(notice.message)\n"
        }
        out += summary(report, context: context)
        return out
    }

    /// The closing summary line: counts by category, failing findings, files scanned and skipped.
    public func summary(_ report: ScanReport, context: ReportContext) -> String {
        var counts: [Category: Int] = [:]
        let active = report.findings.filter(\.isActive)
        for finding in active { counts[finding.category, default: 0] += 1 }
        let byCategory = Category.allCases.compactMap { category in counts[category].map { "\(category.rawValue) \($0)" } }
        let skipped = report.notices.filter { $0.kind == .skipped }.count
        let unreadable = report.unreadable.count
        let failing = report.failing(at: context.failOn).count
        var line = "\(active.count) finding\(active.count == 1 ? "" : "s")"
        if !byCategory.isEmpty { line += " (\(byCategory.joined(separator: ", ")))" }
        let allowed = report.findings.filter(\.allowedInline).count
        let baselined = report.findings.filter { $0.baselined && !$0.allowedInline }.count
        if allowed > 0 { line += ", \(allowed) allowed inline" }
        if baselined > 0 { line += ", \(baselined) in the baseline" }
        line += ", \(failing) at or above \(context.failOn.rawValue)"
        let suppressed = report.findings.filter { $0.suppression != nil }.count
        if suppressed > 0 {
            line += ", \(suppressed) known test value\(suppressed == 1 ? "" : "s") suppressed\(context.showSuppressed ? "" : " (--show-suppressed)")"
        }
        line += "; \(report.filesScanned) file\(report.filesScanned == 1 ? "" : "s") scanned"
        line += ", \(skipped) skipped, \(unreadable) unreadable"
        if report.ignoredCount > 0 { line += ", \(report.ignoredCount) ignored by ignore files" }
        return line + "\n"
    }

    func paint(_ text: String, _ severity: Severity, _ context: ReportContext) -> String {
        guard context.color else { return text }
        let code: String
        switch severity {
        case .critical: code = "1;31"
        case .high: code = "31"
        case .medium: code = "33"
        case .low: code = "36"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
