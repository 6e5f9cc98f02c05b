/// Plain text for people: one line per finding that matters (`path:line:col  severity  rule-id
/// [file-class]  message  value`), skipped files grouped by reason, for a long report a table
/// (category by severity, top rules, top files), and a closing summary that counts what fails the
/// run and, beside it, what was not listed.
///
/// Tidy by default (issue 17): low findings below `--fail-on` are counted by rule, not listed
/// (`--show-low`); a reason shared by more than `skippedShown` skipped files is one line naming the
/// first few (`--show-skipped`); a long message repeated by one rule is written in full once, with
/// its count, and shortened after that. `--verbose` lists everything; `--quiet` lists only the
/// findings that fail the run and the files that could not be read, with no summary.
public struct TextReporter: Reporter {
    public static let formatName = "text"
    /// How many files of one skip reason are named before the rest are counted.
    static let skippedShown = 3
    /// Messages at least this long are shortened when repeated.
    static let longMessage = 60
    /// How many rules the collapsed-low line names.
    static let lowRulesNamed = 5
    static let sameMessage = "(same message as above)"

    public init() {}

    /// What the text report does with a finding.
    enum Disposition {
        /// Fails the run: always listed.
        case failing
        /// Below the threshold but listed (medium under `--fail-on high`, lows with `--show-low`).
        case listedBelow
        /// A low finding counted, not listed.
        case hiddenLow
        case suppressed
        case baselined
        case allowedInline
    }

    static func disposition(of finding: Finding, _ context: ReportContext) -> Disposition {
        if finding.allowedInline { return .allowedInline }
        if finding.baselined { return .baselined }
        if finding.suppression != nil { return .suppressed }
        if finding.severity >= context.failOn { return .failing }
        if finding.severity == .low && !context.showLow { return .hiddenLow }
        return .listedBelow
    }

    static func isListed(_ finding: Finding, _ context: ReportContext) -> Bool {
        if context.quiet { return disposition(of: finding, context) == .failing }
        return switch disposition(of: finding, context) {
        case .failing, .listedBelow: true
        case .suppressed: context.showSuppressed
        case .hiddenLow, .baselined, .allowedInline: false
        }
    }

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        // Names and messages are escaped (TerminalText), so nothing from the scanned tree can start
        // a line of its own.
        var repeats: [MessageKey: Int] = [:]
        if !context.fullMessages {
            for finding in report.findings where finding.message.count >= Self.longMessage && Self.isListed(finding, context) {
                repeats[MessageKey(ruleID: finding.ruleID, message: finding.message), default: 0] += 1
            }
        }
        var said = Set<MessageKey>()
        var out = ""
        for finding in report.findings where Self.isListed(finding, context) {
            let severity = paint(finding.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), finding.severity, context)
            out += "\(TerminalText.escape(context.display(finding.path))):\(finding.line):\(finding.column)  \(severity)  "
            out += "\(finding.ruleID)  [\(finding.fileClass.rawValue)]  "
            var message = finding.message
            let key = MessageKey(ruleID: finding.ruleID, message: finding.message)
            if let count = repeats[key], count > 1 {
                if said.insert(key).inserted {
                    message += " (\(count) findings of \(finding.ruleID) with this message; shortened below, --verbose repeats it)"
                } else {
                    message = Self.sameMessage
                }
            }
            out += TerminalText.escape("\(message)\(finding.decodedFrom.map { " (decoded from \($0))" } ?? "")")
            out += "  \(context.showSecrets ? context.value(of: finding) : TerminalText.escape(finding.hint ?? finding.preview))"
            out += finding.commit.map { "  commit \($0.prefix(12))\n" } ?? "\n"
            if out.utf8.count >= 1 << 16 {
                output.append(out)
                out = ""
            }
        }
        if context.quiet {
            // Only what fails the run: the findings above, and the files that could not be read.
            for notice in report.notices where notice.kind == .unreadable { out += noticeLine(notice, context) }
            output.append(out)
            return
        }
        out += lowLine(report, context: context)
        var skippedGroups: [String: [Notice]] = [:]
        var groupOrder: [String] = []
        for notice in report.notices {
            if notice.kind == .skipped && !context.showAllSkipped {
                if skippedGroups[notice.message] == nil { groupOrder.append(notice.message) }
                skippedGroups[notice.message, default: []].append(notice)
                continue
            }
            out += noticeLine(notice, context)
            if out.utf8.count >= 1 << 16 {
                output.append(out)
                out = ""
            }
        }
        for reason in groupOrder {
            let group = skippedGroups[reason] ?? []
            if group.count <= Self.skippedShown {
                for notice in group { out += noticeLine(notice, context) }
                continue
            }
            let named = group.prefix(Self.skippedShown).map { TerminalText.escape(context.display($0.path)) }
            out += "\(group.count) files skipped: \(TerminalText.escape(reason)): \(named.joined(separator: ", ")) "
            out += "and \(group.count - named.count) more (--show-skipped lists them)\n"
        }
        out += summaryTable(report, context: context)
        out += summary(report, context: context)
        output.append(out)
    }

    /// A rule and a message it gave: repeated long messages are written in full once.
    struct MessageKey: Hashable {
        let ruleID: String
        let message: String
    }

    /// `path: kind: message`, escaped.
    func noticeLine(_ notice: Notice, _ context: ReportContext) -> String {
        "\(TerminalText.escape(context.display(notice.path))): \(notice.kind.rawValue): "
            + TerminalText.escape("\(notice.ruleID.map { "rule '\($0)': " } ?? "")\(notice.message)") + "\n"
    }

    /// The one line standing for the low findings not listed, counted by rule (most first), or "".
    func lowLine(_ report: ScanReport, context: ReportContext) -> String {
        var byRule: [String: Int] = [:]
        var total = 0
        for finding in report.findings where Self.disposition(of: finding, context) == .hiddenLow {
            byRule[finding.ruleID, default: 0] += 1
            total += 1
        }
        guard total > 0 else { return "" }
        let ranked = byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var named = ranked.prefix(Self.lowRulesNamed).map { "\($0.key) \($0.value)" }
        if ranked.count > Self.lowRulesNamed { named.append("\(ranked.count - Self.lowRulesNamed) more rules") }
        return "\(total) low finding\(total == 1 ? "" : "s") not shown (\(named.joined(separator: ", "))); --show-low lists them\n"
    }

    /// From this many active findings (not suppressed, baselined or allowed inline) on, the text
    /// report closes with a table before its summary line.
    static let tableFrom = 10
    /// How many rules and files the table names.
    static let tableTop = 5

    /// The closing table of a long report (issue 17): the active findings by category and
    /// severity (categories with findings, most severe first), then the rules and files with the
    /// most of them; "" below `tableFrom` active findings.
    public func summaryTable(_ report: ScanReport, context: ReportContext) -> String {
        var cells: [Category: [Severity: Int]] = [:]
        var byRule: [String: Int] = [:]
        var byFile: [String: Int] = [:]
        var active = 0
        for finding in report.findings {
            switch Self.disposition(of: finding, context) {
            case .failing, .listedBelow, .hiddenLow:
                active += 1
                cells[finding.category, default: [:]][finding.severity, default: 0] += 1
                byRule[finding.ruleID, default: 0] += 1
                byFile[finding.path, default: 0] += 1
            case .suppressed, .baselined, .allowedInline: break
            }
        }
        guard active >= Self.tableFrom else { return "" }
        let severities = Severity.allCases.sorted(by: >)
        let categories = Category.allCases.filter { cells[$0] != nil }
        let first = max(categories.map(\.rawValue.count).max() ?? 0, "total".count)
        let headers = severities.map(\.rawValue) + ["total"]
        func row(_ label: String, _ values: [Int]) -> String {
            var line = label.padding(toLength: first, withPad: " ", startingAt: 0)
            for (header, value) in zip(headers, values) {
                let text = String(value)
                line += "  " + String(repeating: " ", count: max(0, header.count - text.count)) + text
            }
            return line + "\n"
        }
        var out = String(repeating: " ", count: first) + headers.map { "  " + $0 }.joined() + "\n"
        for category in categories {
            let counts = severities.map { cells[category]?[$0] ?? 0 }
            out += row(category.rawValue, counts + [counts.reduce(0, +)])
        }
        let totals = severities.map { severity in categories.reduce(0) { $0 + (cells[$1]?[severity] ?? 0) } }
        out += row("total", totals + [active])
        func top(_ counts: [String: Int], _ show: (String) -> String) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
                .prefix(Self.tableTop).map { "\(show($0.key)) \($0.value)" }.joined(separator: ", ")
        }
        out += "top rules: " + top(byRule) { $0 } + "\n"
        out += "top files: " + top(byFile) { TerminalText.escape(context.display($0)) } + "\n"
        return out
    }

    /// The closing summary line: the findings that fail the run by category, what else was listed,
    /// what was not listed and why, then files scanned and skipped.
    public func summary(_ report: ScanReport, context: ReportContext) -> String {
        var counts: [Category: Int] = [:]
        var failing = 0
        var listedBelow = 0
        var hiddenLow = 0
        var suppressed = 0
        var baselined = 0
        var allowed = 0
        for finding in report.findings {
            switch Self.disposition(of: finding, context) {
            case .failing:
                failing += 1
                counts[finding.category, default: 0] += 1
            case .listedBelow: listedBelow += 1
            case .hiddenLow: hiddenLow += 1
            case .suppressed: suppressed += 1
            case .baselined: baselined += 1
            case .allowedInline: allowed += 1
            }
        }
        let byCategory = Category.allCases.compactMap { category in counts[category].map { "\(category.rawValue) \($0)" } }
        var line = "\(failing) finding\(failing == 1 ? "" : "s")"
        if !byCategory.isEmpty { line += " (\(byCategory.joined(separator: ", ")))" }
        line += " at or above \(context.failOn.rawValue)"
        var listed: [String] = []
        if listedBelow > 0 { listed.append("\(listedBelow) below \(context.failOn.rawValue)") }
        if suppressed > 0 && context.showSuppressed { listed.append(Self.plural(suppressed, "known test value") + " (suppressed)") }
        if !listed.isEmpty { line += "; also listed: " + listed.joined(separator: ", ") }
        var hidden: [String] = []
        if hiddenLow > 0 { hidden.append("\(hiddenLow) low (--show-low)") }
        if suppressed > 0 && !context.showSuppressed { hidden.append(Self.plural(suppressed, "known test value") + " (--show-suppressed)") }
        if baselined > 0 { hidden.append("\(baselined) in the baseline") }
        if allowed > 0 { hidden.append("\(allowed) allowed inline") }
        if !hidden.isEmpty { line += "; not listed: " + hidden.joined(separator: ", ") }
        let skipped = report.notices.reduce(0) { $0 + ($1.kind == .skipped ? 1 : 0) }
        line += "; \(report.filesScanned) file\(report.filesScanned == 1 ? "" : "s") scanned"
        line += ", \(skipped) skipped, \(report.unreadableCount) unreadable"
        if report.ignoredCount > 0 { line += ", \(report.ignoredCount) ignored by ignore files" }
        return line + "\n"
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

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
