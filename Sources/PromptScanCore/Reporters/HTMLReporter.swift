import Foundation

/// One self-contained HTML page for people (issue 17): a report to hand a security reviewer or
/// attach to a ticket. Nothing is fetched (a Content-Security-Policy allows only the page's own
/// inline style and script), so it works from a `file://` URL and in an air-gapped CI artifact.
///
/// The page: an overview (what fails the run, counts by category and severity with an inline SVG
/// chart, the files with the most findings, findings by file class); the findings grouped by file
/// with line, rule, severity, the redacted preview (the JSON report's `preview`), the message and
/// how the value was decoded, and each rule's remediation once per file; then known test values and
/// inline allows, baselined findings, skipped files and other notices in their own sections, and
/// the rules found. Rows are written here, not by the script, so the page reads without
/// JavaScript; the script only filters them (by category, severity, file class and a search box)
/// by toggling `hidden`, and reads its filters from the URL fragment too
/// (`#severity=high,critical&category=secret&class=code&q=aws`).
///
/// Counts a program can check sit in `data-count` attributes (`findings`, `failing`, `listed`,
/// `secret/high`, `category/secret`, `severity/high` …); the number of rows shown is
/// `data-visible`; the JSON report's findings and summary are embedded in
/// `<script type="application/json" id="promptscan-data">` with `<`, `>` and `&` escaped. The
/// output is deterministic: no times, everything in a fixed order.
public struct HTMLReporter: Reporter {
    public static let formatName = "html"
    /// How many files the overview names.
    static let topFiles = 10

    public init() {}

    /// Where a finding goes on the page.
    enum Section {
        case listed
        case suppressed
        case baselined
    }

    static func section(of finding: Finding) -> Section {
        if finding.allowedInline || (finding.suppression != nil && !finding.baselined) { return .suppressed }
        if finding.baselined { return .baselined }
        return .listed
    }

    /// The counts the overview shows, of the listed findings (active, not known test values).
    struct Counts {
        var byCell: [String: Int] = [:]
        var byCategory: [Category: Int] = [:]
        var bySeverity: [Severity: Int] = [:]
        var byClass: [FileClass: Int] = [:]
        var byFile: [String: Int] = [:]
        var listed = 0
        var suppressed = 0
        var baselined = 0

        init(_ findings: [Finding]) {
            for finding in findings {
                switch HTMLReporter.section(of: finding) {
                case .suppressed: suppressed += 1
                case .baselined: baselined += 1
                case .listed:
                    listed += 1
                    byCell[finding.category.rawValue + "/" + finding.severity.rawValue, default: 0] += 1
                    byCategory[finding.category, default: 0] += 1
                    bySeverity[finding.severity, default: 0] += 1
                    byClass[finding.fileClass, default: 0] += 1
                    byFile[finding.path, default: 0] += 1
                }
            }
        }
    }

    /// The embedded data: the JSON report's findings and summary.
    struct Embedded: Encodable {
        let findings: [JSONReporter.FindingObject]
        let summary: JSONReporter.Summary
        let version: String
    }

    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        let counts = Counts(report.findings)
        let failing = report.failingCount(at: context.failOn)
        let skipped = report.notices.filter { $0.kind == .skipped }
        let rulesByID = Dictionary(context.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var out = Self.head
        out += "<body>\n<header><h1>promptscan report</h1>\n<p class=\"meta\">promptscan \(Self.escape(context.toolVersion))"
        if !context.displayRoot.isEmpty && context.displayRoot != "." { out += " · scanned <code>\(Self.escape(context.displayRoot))</code>" }
        out += " · fails at or above <b>\(context.failOn.rawValue)</b>"
        if context.showSecrets { out += " · <b class=\"warn\">shows secret values (--show-secrets): do not share</b>" }
        out += "</p></header>\n<main>\n"
        out += overview(report, counts: counts, failing: failing, skipped: skipped.count, context: context)
        output.append(out)
        writeFindings(report, counts: counts, rulesByID: rulesByID, context: context, to: output)
        out = otherFindings(report, section: .suppressed, context: context)
        out += otherFindings(report, section: .baselined, context: context)
        out += skippedSection(skipped, context: context)
        out += noticesSection(report.notices.filter { $0.kind != .skipped }, context: context)
        out += rulesSection(report, rulesByID: rulesByID)
        out += "</main>\n"
        output.append(out)
        output.append("<script type=\"application/json\" id=\"promptscan-data\">")
        output.append(Self.embeddedJSON(report, failing: failing, skipped: skipped.count, context: context))
        output.append("</script>\n<script>\n" + Self.script + "</script>\n</body>\n</html>\n")
    }

    // MARK: Overview

    func overview(_ report: ScanReport, counts: Counts, failing: Int, skipped: Int, context: ReportContext) -> String {
        var out = "<section id=\"overview\">\n<h2>Overview</h2>\n<p class=\"headline\">"
        out += "<span class=\"big\" data-count=\"failing\">\(failing)</span> \(failing == 1 ? "finding fails" : "findings fail") the run"
        out += " (at or above \(context.failOn.rawValue)) · <span data-count=\"listed\">\(counts.listed)</span> listed below"
        out += " · <span data-count=\"findings\">\(report.findings.count)</span> in all</p>\n<ul class=\"facts\">"
        out += "<li><span data-count=\"suppressed\">\(counts.suppressed)</span> known test values or allowed inline</li>"
        out += "<li><span data-count=\"baselined\">\(counts.baselined)</span> in the baseline</li>"
        out += "<li><span data-count=\"files-scanned\">\(report.filesScanned)</span> files scanned"
        out += " (<span data-count=\"bytes-scanned\">\(report.bytesScanned)</span> bytes)</li>"
        out += "<li><span data-count=\"skipped\">\(skipped)</span> skipped</li>"
        out += "<li><span data-count=\"unreadable\">\(report.unreadableCount)</span> unreadable</li>"
        out += "<li><span data-count=\"ignored\">\(report.ignoredCount)</span> ignored by ignore files</li></ul>\n"
        out += "<div class=\"cols\">\n<div>\n<h3>By category and severity</h3>\n" + matrix(counts) + chart(counts) + "</div>\n"
        // The files with the most listed findings, most first, then by path.
        let top = counts.byFile.sorted {
            $0.value != $1.value ? $0.value > $1.value : Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8))
        }.prefix(Self.topFiles)
        out += "<div>\n<h3>Files with the most findings</h3>\n"
        if top.isEmpty {
            out += "<p>None.</p>\n"
        } else {
            out += "<table class=\"top\">\n"
            for (path, count) in top {
                out += "<tr><td><a href=\"#\(Self.anchor(path))\">\(Self.escape(context.display(path)))</a></td><td class=\"n\">\(count)</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "<h3>By file class</h3>\n"
        let classes = FileClass.allCases.filter { counts.byClass[$0] != nil }
        if classes.isEmpty {
            out += "<p>None.</p>\n"
        } else {
            out += "<table class=\"top\">\n"
            for fileClass in classes {
                out +=
                    "<tr><td>\(fileClass.rawValue)</td><td class=\"n\" data-count=\"class/\(fileClass.rawValue)\">\(counts.byClass[fileClass] ?? 0)</td></tr>\n"
            }
            out += "</table>\n"
        }
        return out + "</div>\n</div>\n</section>\n"
    }

    /// Severities from the most severe.
    static let severities: [Severity] = Severity.allCases.sorted(by: >)

    /// Category by severity, with totals, of the listed findings.
    func matrix(_ counts: Counts) -> String {
        var out = "<table class=\"matrix\">\n<tr><th></th>"
        for severity in Self.severities { out += "<th><span class=\"sev \(severity.rawValue)\">\(severity.rawValue)</span></th>" }
        out += "<th>total</th></tr>\n"
        for category in Category.allCases {
            out += "<tr><th>\(category.rawValue)</th>"
            for severity in Self.severities {
                let key = category.rawValue + "/" + severity.rawValue
                out += "<td class=\"n\" data-count=\"\(key)\">\(counts.byCell[key] ?? 0)</td>"
            }
            out += "<td class=\"n\" data-count=\"category/\(category.rawValue)\">\(counts.byCategory[category] ?? 0)</td></tr>\n"
        }
        out += "<tr><th>total</th>"
        for severity in Self.severities {
            out += "<td class=\"n\" data-count=\"severity/\(severity.rawValue)\">\(counts.bySeverity[severity] ?? 0)</td>"
        }
        return out + "<td class=\"n\">\(counts.listed)</td></tr>\n</table>\n"
    }

    /// A stacked bar per category, one segment per severity, scaled to the largest category.
    func chart(_ counts: Counts) -> String {
        let categories = Category.allCases.filter { counts.byCategory[$0] != nil }
        guard let largest = categories.compactMap({ counts.byCategory[$0] }).max(), largest > 0 else { return "" }
        let label = 150
        let width = 300
        let row = 26
        let height = row * categories.count + 26
        var out = "<svg class=\"chart\" role=\"img\" aria-label=\"Findings by category and severity\" width=\"\(label + width + 60)\" "
        out += "height=\"\(height)\" viewBox=\"0 0 \(label + width + 60) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (index, category) in categories.enumerated() {
            let y = index * row
            out += "<text x=\"\(label - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(category.rawValue)</text>"
            var x = label
            for severity in Self.severities {
                let count = counts.byCell[category.rawValue + "/" + severity.rawValue] ?? 0
                guard count > 0 else { continue }
                let length = max(2, count * width / largest)
                out += "<rect class=\"\(severity.rawValue)\" x=\"\(x)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"18\">"
                out += "<title>\(category.rawValue), \(severity.rawValue): \(count)</title></rect>"
                x += length
            }
            out += "<text x=\"\(x + 6)\" y=\"\(y + 17)\">\(counts.byCategory[category] ?? 0)</text>\n"
        }
        var x = label
        let legendY = row * categories.count + 8
        for severity in Self.severities {
            out += "<rect class=\"\(severity.rawValue)\" x=\"\(x)\" y=\"\(legendY)\" width=\"12\" height=\"12\"/>"
            out += "<text x=\"\(x + 16)\" y=\"\(legendY + 11)\">\(severity.rawValue)</text>"
            x += 75
        }
        return out + "\n</svg>\n"
    }

    // MARK: Findings

    /// The listed findings grouped by file (in report order), with the filters above them.
    func writeFindings(
        _ report: ScanReport, counts: Counts, rulesByID: [String: Rule], context: ReportContext, to output: some ReportOutput
    ) {
        var out = "<section id=\"findings\">\n<h2>Findings</h2>\n"
        // Filters: hidden until the script shows them (without it every row is shown, and no
        // control pretends to work).
        out += "<form id=\"filters\" hidden>\n"
        out += filterSet("severity", "Severity", Self.severities.filter { counts.bySeverity[$0] != nil }.map { ($0.rawValue, counts.bySeverity[$0] ?? 0) })
        out += filterSet("category", "Category", Category.allCases.filter { counts.byCategory[$0] != nil }.map { ($0.rawValue, counts.byCategory[$0] ?? 0) })
        out += filterSet("class", "File class", FileClass.allCases.filter { counts.byClass[$0] != nil }.map { ($0.rawValue, counts.byClass[$0] ?? 0) })
        out += "<label class=\"search\">Search <input type=\"search\" id=\"q\" placeholder=\"path, rule, message\"></label>\n"
        out += "</form>\n<p class=\"shown\">Showing <b id=\"visible\" data-visible=\"\(counts.listed)\">\(counts.listed)</b> of \(counts.listed)</p>\n"
        if counts.listed == 0 { out += "<p>No findings.</p>\n" }
        // Findings grouped by path, files in the order of their first finding (report order).
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (index, finding) in report.findings.enumerated() where Self.section(of: finding) == .listed {
            if groups[finding.path] == nil { order.append(finding.path) }
            groups[finding.path, default: []].append(index)
        }
        for (group, path) in order.enumerated() {
            let indices = groups[path] ?? []
            let first = report.findings[indices[0]]
            out += "<section class=\"file\" id=\"\(Self.anchor(path))\">\n<h3><code>\(Self.escape(context.display(path)))</code>"
            out += " <span class=\"tag\">\(first.fileClass.rawValue)</span> <span class=\"count\">\(indices.count)</span></h3>\n"
            out += "<table class=\"rows\">\n<thead><tr><th>line</th><th>severity</th><th>rule</th><th>value</th><th>message</th></tr></thead>\n<tbody>\n"
            var rulesHere: [String] = []
            for index in indices {
                let finding = report.findings[index]
                if !rulesHere.contains(finding.ruleID) { rulesHere.append(finding.ruleID) }
                out += "<tr class=\"finding\" data-i=\"\(index)\" data-g=\"\(group)\" data-severity=\"\(finding.severity.rawValue)\" "
                out += "data-category=\"\(finding.category.rawValue)\" data-class=\"\(finding.fileClass.rawValue)\">"
                out +=
                    "<td class=\"n\">\(Self.location(finding))</td><td><span class=\"sev \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span></td>"
                out +=
                    "<td><a href=\"#rule-\(Self.anchor(finding.ruleID))\">\(Self.escape(finding.ruleID))</a><br><small>\(finding.category.rawValue)</small></td>"
                out += "<td><code>\(Self.escape(context.value(of: finding)))</code></td><td>\(Self.escape(finding.message))"
                if let decoded = finding.decodedFrom { out += "<br><small>decoded from \(Self.escape(decoded))</small>" }
                if let commit = finding.commit { out += "<br><small>commit \(Self.escape(String(commit.prefix(12))))</small>" }
                out += "</td></tr>\n"
                if out.utf8.count >= 1 << 16 {
                    output.append(out)
                    out = ""
                }
            }
            out += "</tbody>\n</table>\n"
            let fixes = rulesHere.compactMap { rulesByID[$0] }.filter { !$0.remediation.isEmpty }
            if !fixes.isEmpty {
                out += "<dl class=\"fix\">"
                for rule in fixes {
                    out += "<dt>\(Self.escape(rule.name))</dt><dd>\(Self.escape(rule.remediation.trimmingCharacters(in: .whitespacesAndNewlines)))</dd>"
                }
                out += "</dl>\n"
            }
            out += "</section>\n"
        }
        output.append(out + "</section>\n")
    }

    func filterSet(_ name: String, _ legend: String, _ values: [(String, Int)]) -> String {
        guard !values.isEmpty else { return "" }
        var out = "<fieldset><legend>\(legend)</legend>"
        for (value, count) in values {
            out += "<label><input type=\"checkbox\" name=\"\(name)\" value=\"\(value)\" checked> \(value) <small>\(count)</small></label>"
        }
        return out + "</fieldset>\n"
    }

    /// `line:column`, or `name` for a value in the file's name.
    static func location(_ finding: Finding) -> String {
        finding.inPath ? "name" : "\(finding.line):\(finding.column)"
    }

    /// Known test values and inline allows, or baselined findings: a table of their own.
    func otherFindings(_ report: ScanReport, section: Section, context: ReportContext) -> String {
        let findings = report.findings.filter { Self.section(of: $0) == section }
        let (id, title, none) =
            section == .suppressed
            ? ("suppressed", "Suppressed: known test values and inline allows", "No suppressed findings.")
            : ("baselined", "In the baseline", "No findings in the baseline.")
        var out = "<section id=\"\(id)\">\n<h2>\(title) <span class=\"count\">\(findings.count)</span></h2>\n"
        guard !findings.isEmpty else { return out + "<p>\(none)</p>\n</section>\n" }
        out += "<table class=\"rows\">\n<thead><tr><th>where</th><th>severity</th><th>rule</th><th>value</th><th>why</th></tr></thead>\n<tbody>\n"
        for finding in findings {
            let why =
                section == .baselined
                ? "accepted in the baseline"
                : finding.allowedInline ? "inline allow comment" : (finding.suppression?.justification ?? "")
            out += "<tr><td><code>\(Self.escape(context.display(finding.path)))</code>:\(Self.location(finding))</td>"
            out += "<td><span class=\"sev \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span></td>"
            out += "<td><a href=\"#rule-\(Self.anchor(finding.ruleID))\">\(Self.escape(finding.ruleID))</a></td>"
            out += "<td><code>\(Self.escape(context.value(of: finding)))</code></td><td>\(Self.escape(why))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// Skipped files by reason, every name listed (folded under the reason).
    func skippedSection(_ notices: [Notice], context: ReportContext) -> String {
        var out = "<section id=\"skipped\">\n<h2>Skipped files <span class=\"count\">\(notices.count)</span></h2>\n"
        guard !notices.isEmpty else { return out + "<p>No files skipped.</p>\n</section>\n" }
        var order: [String] = []
        var byReason: [String: [Notice]] = [:]
        for notice in notices {
            if byReason[notice.message] == nil { order.append(notice.message) }
            byReason[notice.message, default: []].append(notice)
        }
        for reason in order {
            let group = byReason[reason] ?? []
            out += "<details><summary>\(Self.escape(reason)) <span class=\"count\">\(group.count)</span></summary><ul>"
            for notice in group { out += "<li><code>\(Self.escape(context.display(notice.path)))</code></li>" }
            out += "</ul></details>\n"
        }
        return out + "</section>\n"
    }

    /// Unreadable files, rule and finding limits, partial decoding, policy.
    func noticesSection(_ notices: [Notice], context: ReportContext) -> String {
        var out = "<section id=\"notices\">\n<h2>Other notices <span class=\"count\">\(notices.count)</span></h2>\n"
        guard !notices.isEmpty else { return out + "<p>None.</p>\n</section>\n" }
        out += "<table class=\"rows\">\n<thead><tr><th>path</th><th>kind</th><th>message</th></tr></thead>\n<tbody>\n"
        for notice in notices {
            out +=
                "<tr class=\"notice \(notice.kind.rawValue)\"><td><code>\(Self.escape(context.display(notice.path)))</code></td><td>\(notice.kind.rawValue)</td>"
            out += "<td>\(Self.escape((notice.ruleID.map { "rule '\($0)': " } ?? "") + notice.message))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// The rules that found something, in id order: what they look for and what to do.
    func rulesSection(_ report: ScanReport, rulesByID: [String: Rule]) -> String {
        let ids = Set(report.findings.map(\.ruleID)).sorted()
        var out = "<section id=\"rules\">\n<h2>Rules found</h2>\n"
        guard !ids.isEmpty else { return out + "<p>None.</p>\n</section>\n" }
        for id in ids {
            out += "<div class=\"rule\" id=\"rule-\(Self.anchor(id))\"><h3><code>\(Self.escape(id))</code>"
            guard let rule = rulesByID[id] else {
                out += "</h3></div>\n"
                continue
            }
            out += " \(Self.escape(rule.name)) <span class=\"tag\">\(rule.category.rawValue)</span>"
            out += " <span class=\"sev \(rule.severity.rawValue)\">\(rule.severity.rawValue)</span></h3>\n"
            out += "<p>\(Self.escape(rule.description.trimmingCharacters(in: .whitespacesAndNewlines)))</p>\n"
            out += "<p><b>Remediation:</b> \(Self.escape(rule.remediation.trimmingCharacters(in: .whitespacesAndNewlines)))</p>\n"
            if !rule.references.isEmpty {
                out += "<ul class=\"refs\">"
                for reference in rule.references {
                    // Links a person may follow; the page itself fetches nothing.
                    let target = reference.hasPrefix("https://") || reference.hasPrefix("http://") ? reference : "#"
                    out += "<li><a href=\"\(Self.escape(target))\" rel=\"noreferrer noopener\">\(Self.escape(reference))</a></li>"
                }
                out += "</ul>\n"
            }
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    // MARK: Data and escaping

    /// The JSON report's findings and summary as one line of JSON, safe inside a `<script>`
    /// element: `<`, `>` and `&` written as `\u003c`, `\u003e` and `\u0026`, so no text can
    /// close the element.
    static func embeddedJSON(_ report: ScanReport, failing: Int, skipped: Int, context: ReportContext) -> String {
        let data = Embedded(
            findings: report.findings.map { JSONReporter.object($0, context: context) },
            summary: JSONReporter.Summary(
                findings: report.findings.count, failing: failing, fail_on: context.failOn.rawValue, files_scanned: report.filesScanned,
                bytes_scanned: report.bytesScanned, skipped: skipped, unreadable: report.unreadableCount, ignored: report.ignoredCount),
            version: context.toolVersion)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: (try? encoder.encode(data)) ?? Data("{}".utf8), as: UTF8.self)
        var out = ""
        out.reserveCapacity(text.utf8.count + 64)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for an element or an attribute value: control and bidirectional characters escaped as
    /// in the terminal (`TerminalText`), then `&`, `<`, `>`, `"` and `'` as entities.
    static func escape(_ text: String) -> String {
        let safe = TerminalText.escape(text)
        guard safe.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return safe }
        var out = ""
        out.reserveCapacity(safe.utf8.count + 16)
        for character in safe {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// An element id for a path or rule id: `f-` and its bytes, letters and digits kept, others
    /// as `_` and two hex digits, so every path gets its own id whatever it holds.
    static func anchor(_ text: String) -> String {
        var out = "f-"
        let hex = Array("0123456789abcdef")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "_" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }

    // MARK: Page

    static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>promptscan report</title>
        <style>
        :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--critical:#8b1a1a;--high:#d1242f;--medium:#bf8700;--low:#0969da}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
        header{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--soft)}
        header h1{margin:0;font-size:20px}
        main{padding:0 24px 48px;max-width:1280px}
        h2{margin:28px 0 8px;font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px}
        h3{font-size:14px;margin:16px 0 6px}
        code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
        .meta{margin:4px 0 0;color:var(--muted)}
        .warn{color:var(--high)}
        .headline{font-size:16px}
        .big{font-size:28px;font-weight:700}
        .facts{display:flex;flex-wrap:wrap;gap:4px 20px;padding:0;list-style:none;color:var(--muted)}
        .cols{display:flex;flex-wrap:wrap;gap:32px}
        table{border-collapse:collapse}
        th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        table.rows{width:100%}
        table.rows td:first-child{white-space:nowrap}
        .sev{display:inline-block;padding:0 6px;border-radius:10px;color:#fff;font-size:12px}
        .sev.critical,rect.critical{background:var(--critical);fill:var(--critical)}
        .sev.high,rect.high{background:var(--high);fill:var(--high)}
        .sev.medium,rect.medium{background:var(--medium);fill:var(--medium)}
        .sev.low,rect.low{background:var(--low);fill:var(--low)}
        svg.chart{display:block;margin-top:12px;font-size:12px}
        svg.chart text{fill:var(--fg)}
        .tag{display:inline-block;padding:0 6px;border:1px solid var(--line);border-radius:10px;font-size:12px;font-weight:400;color:var(--muted)}
        .count{font-weight:400;color:var(--muted)}
        .count::before{content:"("}.count::after{content:")"}
        form#filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end;padding:8px 0}
        fieldset{border:1px solid var(--line);border-radius:6px;padding:4px 10px}
        fieldset label{margin-right:10px;white-space:nowrap}
        .search input{width:16em}
        .shown{color:var(--muted)}
        section.file{margin-top:18px;content-visibility:auto;contain-intrinsic-size:auto 240px}
        dl.fix{margin:6px 0 0;padding:6px 10px;background:var(--soft);border-radius:6px}
        dl.fix dt{font-weight:600}dl.fix dd{margin:0 0 4px}
        small{color:var(--muted)}
        details{margin:4px 0}
        [hidden]{display:none !important}
        </style>
        </head>

        """

    /// Filters the rows: reads the filters from the URL fragment at load, writes them back when
    /// they change, and keeps the visible count in `#visible` (text and `data-visible`). Rows and
    /// their search text are collected once; a filter pass only sets `hidden`.
    static let script = """
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("promptscan-data").textContent);
          var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
          var groups = Array.prototype.slice.call(document.querySelectorAll("section.file"));
          var keys = rows.map(function (row) {
            var f = data.findings[+row.getAttribute("data-i")] || {};
            return [f.path, f.rule_id, f.rule_name, f.category, f.severity, f.file_class, f.message, f.preview, f.decoded_from || "", f.commit || ""]
              .join("\\n").toLowerCase();
          });
          var form = document.getElementById("filters");
          var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
          var search = document.getElementById("q");
          var shown = document.getElementById("visible");
          var names = ["severity", "category", "class"];
          function picked(name) {
            var set = {};
            boxes.forEach(function (box) { if (box.name === name && box.checked) { set[box.value] = true; } });
            return set;
          }
          function apply() {
            var sets = names.map(picked);
            var term = search.value.trim().toLowerCase();
            var perGroup = groups.map(function () { return 0; });
            var count = 0;
            for (var i = 0; i < rows.length; i++) {
              var row = rows[i];
              var visible = sets[0][row.getAttribute("data-severity")] === true && sets[1][row.getAttribute("data-category")] === true &&
                sets[2][row.getAttribute("data-class")] === true && (term === "" || keys[i].indexOf(term) !== -1);
              if (row.hidden === visible) { row.hidden = !visible; }
              if (visible) { count++; perGroup[+row.getAttribute("data-g")]++; }
            }
            groups.forEach(function (group, index) { group.hidden = perGroup[index] === 0; });
            shown.textContent = String(count);
            shown.setAttribute("data-visible", String(count));
          }
          function fromFragment() {
            var params = new URLSearchParams(location.hash.replace(/^#/, ""));
            names.forEach(function (name) {
              if (!params.has(name)) { return; }
              var wanted = params.get(name).toLowerCase().split(",");
              boxes.forEach(function (box) { if (box.name === name) { box.checked = wanted.indexOf(box.value) !== -1; } });
            });
            search.value = params.get("q") || "";
          }
          function toFragment() {
            var parts = [];
            names.forEach(function (name) {
              var all = boxes.filter(function (box) { return box.name === name; });
              var on = all.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
              if (on.length !== all.length) { parts.push(name + "=" + on.join(",")); }
            });
            if (search.value.trim() !== "") { parts.push("q=" + encodeURIComponent(search.value.trim())); }
            try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search); } catch (e) { }
          }
          form.addEventListener("change", function () { apply(); toFragment(); });
          form.addEventListener("submit", function (event) { event.preventDefault(); });
          search.addEventListener("input", function () { apply(); toFragment(); });
          window.addEventListener("hashchange", function () { fromFragment(); apply(); });
          fromFragment();
          apply();
          form.hidden = false;
          document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
        })();

        """
}
