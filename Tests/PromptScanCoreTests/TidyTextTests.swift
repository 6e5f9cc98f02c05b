import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// The tidy text report (issue 17): what fails the run is listed, lows are counted by rule, skipped
/// files are counted by reason, repeated long messages are said once, and the headline counts what
/// fails with what was not listed beside it. `--verbose` lists everything. Golden:
/// Golden/tidy.txt (PROMPTSCAN_RECORD=1 re-records).
@Suite struct TidyTextTests {
    static let consumerMessage = "Link to a consumer AI chat share page: the conversation may hold client data and is public to anyone with the link"

    static func finding(
        _ rule: String, _ category: Category, _ severity: Severity, _ path: String, line: Int, message: String, preview: String = "… (20 chars)"
    ) -> Finding {
        Finding(
            ruleID: rule, ruleName: rule, category: category, severity: severity, path: path, line: line, column: 1, endLine: line,
            endColumn: 2, byteRange: 0..<1, fileClass: .code, message: message, preview: preview, fingerprint: "", validator: nil,
            revealed: nil)
    }

    /// A report with one of everything: a failing secret, a repeated long message, lows of two
    /// rules, a PII finding with a hint, a suppressed and a baselined finding, many binary files
    /// and one of another skip reason, one unreadable file.
    static var report: ScanReport {
        var report = ScanReport()
        report.findings.append(
            finding("anthropic-api-key", .secret, .critical, "CLAUDE.md", line: 3, message: "Anthropic API key found", preview: "sk-ant-api03-…AA (108 chars)"))
        for line in 1...3 {
            report.findings.append(
                finding(
                    "consumer-chat-share-link", .consumerEndpoint, .medium, "notes.md", line: line, message: consumerMessage,
                    preview: "https://chatgpt.com/share/…"))
        }
        var email = finding("email-address", .pii, .medium, "prompts/intake.md", line: 2, message: "e-mail address found")
        email.hint = "…@northwind-clinic.com (29 chars)"
        report.findings.append(email)
        for line in 1...4 { report.findings.append(finding("ip-address-v4", .pii, .low, "src/net.py", line: line, message: "IPv4 address found")) }
        report.findings.append(finding("us-zip-code", .pii, .low, "src/net.py", line: 9, message: "ZIP code found"))
        var known = finding("payment-card", .pii, .low, "tests/card.json", line: 1, message: "payment card number found")
        known.suppression = Suppression(justification: "well-known public test value")
        report.findings.append(known)
        var accepted = finding("github-personal-access-token", .secret, .critical, "old.env", line: 1, message: "GitHub token found")
        accepted.baselined = true
        report.findings.append(accepted)
        report.findings.sort(by: Finding.reportOrder)
        for name in ["a", "b", "c", "d", "e"] {
            report.notices.append(Notice(kind: .skipped, path: "assets/\(name).png", message: "binary file (NUL byte in the first 8 KiB)"))
        }
        report.notices.append(Notice(kind: .skipped, path: "link", message: "symbolic link not followed (use --follow-symlinks)"))
        report.notices.append(Notice(kind: .unreadable, path: "locked.md", message: "permission denied"))
        report.orderNotices()
        report.filesScanned = 9
        return report
    }

    static var context: ReportContext { ReportContext(rules: [], toolVersion: "0.0.0-test", displayRoot: "demo") }

    @Test func defaultLayoutMatchesGolden() throws {
        try ReporterTests().checkGolden("tidy.txt", TextReporter().render(Self.report, context: Self.context))
    }

    @Test func defaultLayoutListsWhatFailsAndCountsTheRest() {
        let text = TextReporter().render(Self.report, context: Self.context)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("demo/") && ($0.contains("  critical  ") || $0.contains("  medium  ")) }.count == 5)
        #expect(!text.contains("ip-address-v4  ["), "lows are not listed")
        #expect(text.contains("5 low findings not shown (ip-address-v4 4, us-zip-code 1); --show-low lists them"))
        #expect(
            text.contains(
                "5 files skipped: binary file (NUL byte in the first 8 KiB): demo/assets/a.png, demo/assets/b.png, demo/assets/c.png and 2 more (--show-skipped lists them)"
            ))
        #expect(!text.contains("assets/d.png"))
        #expect(text.contains("demo/link: skipped: symbolic link not followed"), "a reason with few files keeps its lines")
        #expect(text.contains("demo/locked.md: unreadable: permission denied"), "errors are always listed")
        // The long message once, with its count; shortened after.
        #expect(text.components(separatedBy: Self.consumerMessage).count == 2)
        #expect(text.contains("(3 findings of consumer-chat-share-link with this message; shortened below, --verbose repeats it)"))
        #expect(text.components(separatedBy: TextReporter.sameMessage).count == 3)
        // The PII hint in text; the headline counts what fails, and says what is not listed.
        #expect(text.contains("…@northwind-clinic.com (29 chars)"))
        #expect(
            lines.last
                == "5 findings (secret 1, pii 1, consumer-endpoint 3) at or above medium; not listed: 5 low (--show-low), 1 known test value (--show-suppressed), 1 in the baseline; 9 files scanned, 6 skipped, 1 unreadable"
        )
    }

    @Test func verboseListsEverything() {
        var context = Self.context
        context.showLow = true
        context.showAllSkipped = true
        context.showSuppressed = true
        context.fullMessages = true
        let text = TextReporter().render(Self.report, context: context)
        #expect(text.contains("demo/src/net.py:4:1  low       ip-address-v4"))
        #expect(text.contains("demo/tests/card.json:1:1  low       payment-card"))
        for name in ["a", "b", "c", "d", "e"] { #expect(text.contains("demo/assets/\(name).png: skipped: binary file")) }
        #expect(text.components(separatedBy: Self.consumerMessage).count == 4)
        #expect(!text.contains(TextReporter.sameMessage) && !text.contains("low findings not shown"))
        #expect(
            text.hasSuffix(
                "5 findings (secret 1, pii 1, consumer-endpoint 3) at or above medium; also listed: 5 below medium, 1 known test value (suppressed); not listed: 1 in the baseline; 9 files scanned, 6 skipped, 1 unreadable\n"
            ))
    }

    /// A long report closes with a table of its active findings (suppressed and baselined left
    /// out): category by severity, top rules, top files; a short one does not.
    @Test func longReportsCloseWithATable() {
        let text = TextReporter().render(Self.report, context: Self.context)
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines.firstIndex { $0.hasSuffix("critical  high  medium  low  total") }
        #expect(header == lines.count - 8, "the table sits just above the summary line")
        #expect(lines.contains("pii                       0     0       1    5      6"))
        #expect(lines.contains("total                     1     0       4    5     10"))
        #expect(!lines.contains { $0.hasPrefix("phi ") }, "categories without findings are left out")
        #expect(lines.contains("top files: demo/src/net.py 5, demo/notes.md 3, demo/CLAUDE.md 1, demo/prompts/intake.md 1"))
        #expect(!text.contains("payment-card 1") && !text.contains("old.env 1"), "suppressed and baselined are not counted")
        var short = Self.report
        short.findings.removeAll { $0.ruleID == "ip-address-v4" }
        #expect(!TextReporter().render(short, context: Self.context).contains("top rules:"))
        var quiet = Self.context
        quiet.quiet = true
        #expect(!TextReporter().render(Self.report, context: quiet).contains("top rules:"))
    }

    /// `--quiet`: the findings that fail the run and the files that could not be read, nothing
    /// else (Golden/quiet.txt).
    @Test func quietListsOnlyWhatFails() throws {
        var context = Self.context
        context.quiet = true
        let text = TextReporter().render(Self.report, context: context)
        try ReporterTests().checkGolden("quiet.txt", text)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines.filter { $0.contains("  critical  ") || $0.contains("  medium  ") }.count == 5)
        #expect(lines.last == "demo/locked.md: unreadable: permission denied")
        for absent in ["low finding", "skipped", "scanned", "ip-address-v4", "payment-card", "github-personal-access-token"] {
            #expect(!text.contains(absent), "--quiet prints '\(absent)'")
        }
    }

    /// `--color auto` follows FORCE_COLOR, then NO_COLOR, then the terminal; `always` and `never`
    /// win over the environment.
    @Test func colorModes() {
        let cases: [(ColorMode, Bool, [String: String], Bool)] = [
            (.auto, true, [:], true),
            (.auto, false, [:], false),
            (.auto, true, ["NO_COLOR": "1"], false),
            (.auto, true, ["NO_COLOR": ""], true),
            (.auto, false, ["FORCE_COLOR": "1"], true),
            (.auto, false, ["FORCE_COLOR": "1", "NO_COLOR": "1"], true),
            (.auto, true, ["FORCE_COLOR": "0"], false),
            (.auto, false, ["FORCE_COLOR": ""], false),
            (.always, false, ["NO_COLOR": "1"], true),
            (.never, true, ["FORCE_COLOR": "1"], false),
        ]
        for (mode, terminal, environment, expected) in cases {
            #expect(mode.enabled(isTerminal: terminal, environment: environment) == expected, "\(mode) terminal=\(terminal) \(environment)")
        }
        var context = Self.context
        context.color = true
        let text = TextReporter().render(Self.report, context: context)
        #expect(text.contains("\u{1B}[1;31mcritical"))
        #expect(!TextReporter().render(Self.report, context: Self.context).contains("\u{1B}"))
    }

    @Test func lowsFailingTheRunAreListed() {
        var context = Self.context
        context.failOn = .low
        let text = TextReporter().render(Self.report, context: context)
        #expect(text.contains("demo/src/net.py:1:1  low       ip-address-v4"))
        #expect(!text.contains("low findings not shown"))
        #expect(text.contains("10 findings (secret 1, pii 6, consumer-endpoint 3) at or above low;"))
    }

    @Test func jsonAndSarifIgnoreTheHint() {
        let report = Self.report
        for reporter in [JSONReporter() as any Reporter, SarifReporter()] {
            let output = reporter.render(report, context: Self.context)
            #expect(!output.contains("northwind-clinic"))
        }
    }
}

/// Previews of personal and health values that keep just enough to judge them (`PrivacyHint`).
@Suite struct PrivacyHintTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func hint(_ value: String, _ ruleID: String, _ category: Category = .pii) -> String? {
        PrivacyHint.hint(Array(value.utf8), ruleID: ruleID, category: category)
    }

    @Test func keepsTheDomainTheLastTwoDigitsOrTheInitials() {
        #expect(hint("user@test.com", "email-address") == "…@test.com (13 chars)")
        #expect(hint("Jane.Roe@Northwind-Clinic.COM", "email-address") == "…@northwind-clinic.com (29 chars)")
        #expect(hint("(415) 555-0172", "phone-number-nanp") == "…72 (14 chars)")
        #expect(hint("284-61-9357", "us-ssn") == "…57 (11 chars)")
        #expect(hint("4111 1111 1111 1111", "payment-card") == "…11 (19 chars)")
        #expect(hint("1EG4-TE5-MK73", "us-medicare-mbi", .phi) == "…73 (13 chars)")
        #expect(hint("John Smith", "patient-name", .phi) == "J.S. (10 chars)")
        #expect(hint("DOE^JANE^Q", "hl7v2-pid-name", .phi) == "D.J.Q. (10 chars)")
    }

    @Test func givesNothingWhereAHintWouldSayTooMuch() {
        // Secrets and other categories keep the redacted preview only.
        #expect(hint("admin@db.internal.example.com", "database-url", .secret) == nil)
        #expect(hint("acme", "client-term", .clientID) == nil)
        // Dates, ages, addresses, ZIP codes, IP addresses and short numbers: nothing.
        #expect(hint("1984-03-12", "date-of-birth", .phi) == nil)
        #expect(hint("94", "age-over-89", .phi) == nil)
        #expect(hint("1600 Pennsylvania Avenue", "street-address-us") == nil)
        #expect(hint("94103-1234", "us-zip-code") == nil)
        #expect(hint("10.20.30.40", "ip-address-v4") == nil)
        #expect(hint("12345678", "medical-record-number", .phi) == nil)
        // A domain too long to be only a domain, or not plainly one, is not shown.
        // A domain too long to be only a domain, or not plainly one, is not shown; nor is the local
        // part, which the redacted preview may begin with (`terraform@acme-…om`).
        #expect(hint("terraform@acme-platform-prod.iam.gserviceaccount.example.com", "email-address") == "…@… (60 chars)")
        #expect(hint("a@localhost", "email-address") == "…@… (11 chars)")
        #expect(hint("a@b@c.com", "email-address") == nil)
        #expect(hint("line\none@x.com", "email-address") == nil)
    }

    /// Scanned for real: the hint is set on pii findings only, and the preview JSON and SARIF print
    /// is the one it always was.
    @Test func theScannerSetsHintsOnPrivacyFindingsOnly() {
        let findings = scanText(
            "Contact: jane.roe@northwind-clinic.com\nSSN: 284-61-9357\n", rules: Self.rules, as: .prompt, path: "intake.md")
        let email = findings.first { $0.ruleID == "email-address" }
        #expect(email?.hint == "…@northwind-clinic.com (29 chars)")
        #expect(email?.preview == Redaction.preview(Array("jane.roe@northwind-clinic.com".utf8)))
        let ssn = findings.first { $0.ruleID == "us-ssn" }
        #expect(ssn?.hint == "…57 (11 chars)")
        var fake = FakeSecrets(seed: 7)
        let key = fake.anthropicKey()
        let secrets = scanText("key = \(key)\n", rules: Self.rules, as: .code, path: "a.py")
        #expect(!secrets.isEmpty && secrets.allSatisfy { $0.hint == nil })
    }
}
