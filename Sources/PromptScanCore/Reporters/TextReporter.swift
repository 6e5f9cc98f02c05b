/// Plain text for people: one line per finding (`path:line:col  severity  rule-id  [file-class]  message  value`),
/// one line per file that was not scanned, and a summary by category.
public struct TextReporter: Reporter {
    public static let formatName = "text"

    public init() {}

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        // Findings allowed inline or in the baseline are counted in the summary, not listed; suppressed
        // test values are listed only with --show-suppressed. Names and messages are escaped
        // (TerminalText), so nothing from the scanned tree can start a line of its own.
        var out = ""
        for finding in report.findings where finding.isActive && (finding.suppression == nil || context.showSuppressed) {
            let severity = paint(finding.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), finding.severity, context)
            out += "\(TerminalText.escape(context.display(finding.path))):\(finding.line):\(finding.column)  \(severity)  "
            out += "\(finding.ruleID)  [\(finding.fileClass.rawValue)]  "
            out += TerminalText.escape("\(finding.message)\(finding.decodedFrom.map { " (decoded from \($0))" } ?? "")")
            out += "  \(context.showSecrets ? context.value(of: finding) : TerminalText.escape(finding.preview))"
            out += finding.commit.map { "  commit \($0.prefix(12))\n" } ?? "\n"
            if out.utf8.count >= 1 << 16 {
                output.append(out)
                out = ""
            }
        }
        for notice in report.notices {
            out += "\(TerminalText.escape(context.display(notice.path))): \(notice.kind.rawValue): "
            out += TerminalText.escape("\(notice.ruleID.map { "rule '\($0)': " } ?? "")\(notice.message)") + "\n"
            if out.utf8.count >= 1 << 16 {
                output.append(out)
                out = ""
            }
        }
        out += summary(report, context: context)
        output.append(out)
    }

    /// The closing summary line: counts by category, failing findings, files scanned and skipped.
    public func summary(_ report: ScanReport, context: ReportContext) -> String {
        var counts: [Category: Int] = [:]
        var activeCount = 0
        var allowed = 0
        var baselined = 0
        var suppressed = 0
        for finding in report.findings {
            if finding.isActive {
                activeCount += 1
                counts[finding.category, default: 0] += 1
            }
            if finding.allowedInline { allowed += 1 } else if finding.baselined { baselined += 1 }
            if finding.suppression != nil { suppressed += 1 }
        }
        let byCategory = Category.allCases.compactMap { category in counts[category].map { "\(category.rawValue) \($0)" } }
        let skipped = report.notices.filter { $0.kind == .skipped }.count
        let unreadable = report.unreadableCount
        let failing = report.failingCount(at: context.failOn)
        var line = "\(activeCount) finding\(activeCount == 1 ? "" : "s")"
        if !byCategory.isEmpty { line += " (\(byCategory.joined(separator: ", ")))" }
        if allowed > 0 { line += ", \(allowed) allowed inline" }
        if baselined > 0 { line += ", \(baselined) in the baseline" }
        line += ", \(failing) at or above \(context.failOn.rawValue)"
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
