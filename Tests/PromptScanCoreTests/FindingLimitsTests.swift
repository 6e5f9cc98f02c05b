import TestSupport
import Testing

@testable import PromptScanCore

/// Caps on findings per rule and per file (issue 19, item 6): the first findings are kept and each
/// cap reached is a `finding-limit` notice.
@Suite struct FindingLimitsTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    /// `count` distinct AWS key ids, one per line, and `count` GitHub tokens.
    static func content(_ count: Int) -> [UInt8] {
        var fake = FakeSecrets(seed: 61)
        var text = ""
        for _ in 0..<count { text += "aws_access_key_id = \(fake.awsKeyID())\ntoken: \(fake.githubToken())\n" }
        return Array(text.utf8)
    }

    func scan(_ bytes: [UInt8], limits: FindingLimits) -> ScanReport {
        var scanner = FileScanner(ruleSet: Self.rules)
        scanner.limits = limits
        return ScanEngine(scanner: scanner, options: .init(threads: 2)).scan([ScanItem(path: "keys.txt", fileClass: .other, source: .bytes(bytes))])
    }

    @Test func perRuleCapKeepsTheFirstAndSaysSo() throws {
        let report = scan(Self.content(30), limits: FindingLimits(perRule: 10, perFile: 0))
        let aws = report.findings.filter { $0.ruleID == "aws-access-key-id" }
        let github = report.findings.filter { $0.ruleID == "github-personal-access-token" }
        #expect(aws.count == 10)
        #expect(github.count == 10)
        #expect(aws.map(\.line) == Array(stride(from: 1, through: 19, by: 2)))  // the first ten
        let notices = report.notices.filter { $0.kind == .findingLimit }
        #expect(Set(notices.compactMap(\.ruleID)) == ["aws-access-key-id", "github-personal-access-token"])
        #expect(notices.allSatisfy { $0.message.contains("--max-findings-per-rule") })
    }

    @Test func perFileCapKeepsTheFirstAndSaysSo() throws {
        let report = scan(Self.content(30), limits: FindingLimits(perRule: 0, perFile: 25))
        #expect(report.findings.count == 25)
        #expect(report.findings.last?.line == 25)
        let notices = report.notices.filter { $0.kind == .findingLimit }
        #expect(notices.count == 1)
        #expect(notices.first?.ruleID == nil)
        #expect(notices.first?.message.contains("--max-findings-per-file") == true)
    }

    @Test func underTheCapsNothingChanges() throws {
        let capped = scan(Self.content(30), limits: FindingLimits())
        let free = scan(Self.content(30), limits: .unlimited)
        #expect(capped.findings == free.findings)
        #expect(capped.findings.count == 60)
        #expect(!capped.notices.contains { $0.kind == .findingLimit })
    }

    @Test func textReporterListsTheNotice() throws {
        let report = scan(Self.content(3), limits: FindingLimits(perRule: 2, perFile: 0))
        let text = TextReporter().render(report, context: ReportContext(rules: Self.rules.rules.map(\.rule)))
        #expect(text.contains("keys.txt: finding-limit: rule 'aws-access-key-id': more than 2 findings of this rule"))
    }
}
