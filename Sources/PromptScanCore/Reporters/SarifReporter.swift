import Foundation

/// SARIF 2.1.0 for code-scanning dashboards: every loaded rule under `tool.driver.rules`, results
/// with root-relative URIs and code-point columns, content-based fingerprints, redacted messages,
/// and every file that was not scanned as a tool execution notification.
public struct SarifReporter: Reporter {
    public static let formatName = "sarif"
    static let fingerprintKey = "promptscan/v1"

    public init() {}

    /// The whole log as values (tests look inside it; `write` streams the same document).
    public func log(_ report: ScanReport, context: ReportContext) -> SarifLog {
        let indexByID = SarifReporter.ruleIndex(context)
        var run = SarifLog.Run(
            tool: tool(context), invocations: [invocation(report, context: context)],
            results: report.findings.map { result($0, indexByID: indexByID, context: context) },
            originalUriBaseIds: SarifReporter.uriBaseIDs(context), automationDetails: SarifReporter.automation(context))
        run.properties = report.shard.map { SarifLog.RunProperties(shard: $0) }
        return SarifLog(runs: [run])
    }

    /// Writes the log member by member, results one at a time: the same bytes as encoding `log`
    /// whole (the golden files check it), without holding every result as a value and as text.
    public func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput) {
        let indexByID = SarifReporter.ruleIndex(context)
        SarifReporter.writeRun(
            automation: SarifReporter.automation(context), invocation: invocation(report, context: context),
            baseIDs: SarifReporter.uriBaseIDs(context), properties: report.shard.map { SarifLog.RunProperties(shard: $0) },
            resultCount: report.findings.count, result: { result(report.findings[$0], indexByID: indexByID, context: context) },
            tool: tool(context), to: output)
    }

    /// The log's layout with one run, for a run's report and for a merge of a split run's parts:
    /// the run's members in sorted key order, as `SarifLog.Run` encodes them, results one at a time.
    static func writeRun(
        automation: SarifLog.AutomationDetails?, invocation: SarifLog.Invocation, baseIDs: [String: SarifLog.ArtifactLocation]?,
        properties: SarifLog.RunProperties?, resultCount: Int, result: (Int) -> SarifLog.Result, tool: SarifLog.Tool,
        to output: some ReportOutput
    ) {
        let json = JSONStream(output)
        let empty = SarifLog(runs: [])
        json.openObject()
        json.member("$schema", empty.schema, indent: 2, first: true)
        json.key("runs", indent: 2, first: false)
        output.append("[\n    ")
        json.openObject()
        if let automation {
            json.member("automationDetails", automation, indent: 6, first: true)
            json.member("columnKind", SarifLog.Run.defaultColumnKind, indent: 6)
        } else {
            json.member("columnKind", SarifLog.Run.defaultColumnKind, indent: 6, first: true)
        }
        json.member("invocations", [invocation], indent: 6)
        if let baseIDs { json.member("originalUriBaseIds", baseIDs, indent: 6) }
        if let properties { json.member("properties", properties, indent: 6) }
        json.arrayMember("results", count: resultCount, indent: 6, element: result)
        json.member("tool", tool, indent: 6)
        json.closeObject(indent: 4)
        output.append("\n  ]")
        json.member("version", empty.version, indent: 2)
        json.closeObject(indent: 0)
        output.append("\n")
    }

    /// `SRCROOT` as the absolute URI of the repository root, when the run knows it.
    static func uriBaseIDs(_ context: ReportContext) -> [String: SarifLog.ArtifactLocation]? {
        context.sarifBase.rootURI.map { ["SRCROOT": .init(uri: $0, uriBaseId: nil)] }
    }

    static func automation(_ context: ReportContext) -> SarifLog.AutomationDetails {
        .init(id: automationID(category: context.sarifCategory))
    }

    /// `automationDetails.id` for an analysis category: the category ending in '/', which SARIF
    /// reads as a category without a run id. GitHub's upload-sarif writes its `category:` input the
    /// same way, but only into a run that has no id yet, so the category must be set here.
    public static func automationID(category: String) -> String {
        category.hasSuffix("/") ? category : category + "/"
    }

    /// Why `category` cannot be an analysis category, or nil when it can: it must hold something
    /// besides slashes and spaces, and no control character.
    public static func categoryProblem(_ category: String) -> String? {
        if category.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "--sarif-category must not hold control characters"
        }
        if category.allSatisfy({ $0 == "/" || $0.isWhitespace }) {
            return "--sarif-category must name a category (e.g. promptscan/scan)"
        }
        return nil
    }

    static func ruleIndex(_ context: ReportContext) -> [String: Int] {
        var indexByID: [String: Int] = [:]
        for (index, rule) in context.rules.enumerated() { indexByID[rule.id] = index }
        return indexByID
    }

    func tool(_ context: ReportContext) -> SarifLog.Tool {
        let descriptors = context.rules.map { rule in
            SarifLog.ReportingDescriptor(
                id: rule.id,
                name: SarifReporter.pascalCase(rule.id),
                shortDescription: .init(text: rule.name),
                fullDescription: .init(text: rule.description.trimmingCharacters(in: .whitespacesAndNewlines)),
                help: .init(
                    text: rule.remediation.trimmingCharacters(in: .whitespacesAndNewlines),
                    markdown: SarifReporter.helpMarkdown(rule)),
                helpUri: rule.references.first,
                defaultConfiguration: .init(level: rule.severity.sarifLevel),
                properties: .init(
                    tags: SarifReporter.tags(for: rule.category),
                    securitySeverity: rule.severity.securitySeverity,
                    precision: rule.validator != nil ? "very-high" : (rule.generic ? "medium" : "high"),
                    category: rule.category.rawValue,
                    severity: rule.severity.rawValue))
        }
        return .init(
            driver: SarifLog.ToolComponent(
                name: "promptscan", version: context.toolVersion, semanticVersion: context.toolVersion,
                informationUri: "https://github.com/promptscan/promptscan", rules: descriptors))
    }

    func result(_ finding: Finding, indexByID: [String: Int], context: ReportContext) -> SarifLog.Result {
        SarifLog.Result(
            ruleId: finding.ruleID,
            ruleIndex: indexByID[finding.ruleID] ?? 0,
            level: finding.severity.sarifLevel,
            message: .init(
                text: "\(finding.message)\(finding.decodedFrom.map { " (decoded from \($0))" } ?? ""): \(context.value(of: finding))"
                    + (finding.commit.map { " (commit \($0))" } ?? "")),
            // (A value in the file's name points at the file's start: SARIF consumers want a line.)
            locations: [
                location(
                    finding.path, context: context,
                    region: finding.inPath
                        ? .init(startLine: 1, startColumn: 1, endLine: 1, endColumn: 1)
                        : .init(
                            startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn))
            ],
            partialFingerprints: [SarifReporter.fingerprintKey: "\(finding.ruleID):\(finding.fingerprint)"],
            properties: .init(
                category: finding.category.rawValue, severity: finding.severity.rawValue, fileClass: finding.fileClass.rawValue,
                redacted: finding.preview, validator: finding.validator, secret: context.showSecrets ? finding.revealed : nil,
                decodedFrom: finding.decodedFrom,
                commit: finding.commit,
                confidence: finding.confidence, contextHit: finding.contextHit, knownTestValue: finding.suppression.map { _ in true },
                location: finding.inPath ? "path" : nil),
            suppressions: SarifReporter.suppressions(of: finding),
            baselineState: context.baselineState(of: finding))
    }

    func invocation(_ report: ScanReport, context: ReportContext) -> SarifLog.Invocation {
        let notifications = report.notices.map { notice in
            SarifLog.Notification(
                level: notice.kind == .unreadable ? "error" : "warning",
                message: .init(text: "\(context.sarifBase.path(notice.path)): \(notice.kind.rawValue): \(notice.message)"),
                locations: [location(notice.path, context: context, region: nil)],
                descriptor: .init(id: notice.kind.rawValue),
                associatedRule: notice.ruleID.map { .init(id: $0) })
        }
        return SarifLog.Invocation(
            executionSuccessful: report.unreadableCount == 0,
            commandLine: context.commandLine,
            startTimeUtc: context.startTime,
            endTimeUtc: context.endTime,
            toolExecutionNotifications: notifications)
    }

    /// A location for a path of the report: relative to the repository root (`SRCROOT`).
    func location(_ path: String, context: ReportContext, region: SarifLog.Region?) -> SarifLog.Location {
        .init(
            physicalLocation: .init(
                artifactLocation: .init(uri: SarifReporter.uri(context.sarifBase.path(path)), uriBaseId: "SRCROOT"), region: region))
    }

    /// The `artifactLocation.uri` for a '/'-separated relative path: the path itself. Percent-encoding
    /// (`%23` for `#`, `%20` for a space) would be the stricter URI form, but code-scanning tools and
    /// the checkers used here join the URI to the checkout root as a plain path, so an encoded name
    /// would point at a file that does not exist. Only control characters are escaped.
    static func uri(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += String(format: "%%%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// SARIF suppressions: an inline `promptscan:allow` (`inSource`) and a known test value (`external`).
    static func suppressions(of finding: Finding) -> [SarifLog.Suppression]? {
        var list: [SarifLog.Suppression] = []
        if finding.allowedInline { list.append(.init(kind: "inSource", justification: "inline allow comment")) }
        if let suppression = finding.suppression { list.append(.init(kind: suppression.kind, justification: suppression.justification)) }
        return list.isEmpty ? nil : list
    }

    static func tags(for category: Category) -> [String] {
        switch category {
        case .secret: ["security", "secret"]
        case .phi: ["security", "privacy", "phi"]
        case .pii: ["security", "privacy", "pii"]
        case .clientID: ["security", "privacy", "client-id"]
        case .consumerEndpoint: ["security", "ai-policy", "consumer-endpoint"]
        }
    }

    static func helpMarkdown(_ rule: Rule) -> String {
        var text = "**\(rule.name)**\n\n\(rule.description.trimmingCharacters(in: .whitespacesAndNewlines))\n\n"
        text += "**Remediation:** \(rule.remediation.trimmingCharacters(in: .whitespacesAndNewlines))"
        if !rule.references.isEmpty {
            text += "\n\n" + rule.references.map { "- <\($0)>" }.joined(separator: "\n")
        }
        return text
    }

    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
