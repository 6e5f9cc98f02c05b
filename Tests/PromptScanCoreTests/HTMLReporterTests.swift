import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// The HTML report (issue 17): self-contained, redacted, escaped, deterministic, with counts a
/// program can read. Golden: Golden/tidy.html (PROMPTSCAN_RECORD=1 re-records). The page in a
/// browser is checked by HTMLBrowserTests (PromptScanCLITests).
@Suite struct HTMLReporterTests {
    static var context: ReportContext {
        ReportContext(rules: ReporterTests.rules.rules.map(\.rule), toolVersion: "0.0.0-test", displayRoot: "demo")
    }

    /// `data-count="name">N<` pairs of a page.
    static func counts(_ html: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        let pattern = try! NSRegularExpression(pattern: #"data-count="([a-z/-]+)">([0-9]+)<"#)
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 1), in: html)!])
            counts[name] = Int(html[Range(match.range(at: 2), in: html)!])
        }
        return counts
    }

    /// The embedded data of a page, parsed.
    static func embedded(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/json\" id=\"promptscan-data\">"
        let start = try #require(html.range(of: open))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func tidyReportMatchesGolden() throws {
        try ReporterTests().checkGolden("tidy.html", HTMLReporter().render(TidyTextTests.report, context: Self.context))
    }

    @Test func countsSectionsAndDataAgree() throws {
        let html = HTMLReporter().render(TidyTextTests.report, context: Self.context)
        #expect(html == HTMLReporter().render(TidyTextTests.report, context: Self.context), "deterministic")
        let counts = Self.counts(html)
        // 12 findings: 10 listed (5 failing at medium, 5 low), 1 known test value, 1 baselined.
        #expect(counts["findings"] == 12)
        #expect(counts["failing"] == 5)
        #expect(counts["listed"] == 10)
        #expect(counts["suppressed"] == 1 && counts["baselined"] == 1)
        #expect(counts["skipped"] == 6 && counts["unreadable"] == 1 && counts["files-scanned"] == 9)
        #expect(counts["secret/critical"] == 1 && counts["pii/low"] == 5 && counts["consumer-endpoint/medium"] == 3)
        #expect(counts["category/pii"] == 6 && counts["severity/low"] == 5 && counts["class/code"] == 10)
        #expect(html.contains(#"data-visible="10""#))
        #expect(html.components(separatedBy: "<tr class=\"finding\"").count - 1 == 10)
        // Each file once, with its findings; the rule's remediation under it; sections of their own.
        #expect(html.components(separatedBy: "<section class=\"file\"").count - 1 == 4)
        #expect(html.contains("<section id=\"suppressed\">") && html.contains("well-known public test value"))
        #expect(html.contains("<section id=\"baselined\">") && html.contains("demo/old.env"))
        #expect(html.contains("<section id=\"skipped\">") && html.contains("demo/assets/e.png"), "every skipped file is named")
        #expect(html.contains("<section id=\"notices\">") && html.contains("demo/locked.md"))
        let anthropic = try #require(ReporterTests.rules.rules.first { $0.rule.id == "anthropic-api-key" }?.rule)
        #expect(html.contains(HTMLReporter.escape(anthropic.remediation.trimmingCharacters(in: .whitespacesAndNewlines))))
        #expect(html.contains("<svg class=\"chart\""))
        // The embedded data is the JSON report's: same findings, same summary.
        let data = try Self.embedded(html)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONReporter().render(TidyTextTests.report, context: Self.context).utf8)) as? [String: Any])
        #expect((data["findings"] as? [Any])?.count == 12)
        #expect(NSDictionary(dictionary: data["summary"] as? [String: Any] ?? [:]).isEqual(to: json["summary"] as? [String: Any] ?? ["": 0]))
        #expect(NSArray(array: data["findings"] as? [Any] ?? []).isEqual(to: json["findings"] as? [Any] ?? [0]))
    }

    @Test func selfContained() {
        let html = HTMLReporter().render(TidyTextTests.report, context: Self.context)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        for fetch in [" src=", "url(", "@import", "<link", "<img", "<iframe", "fetch(", "XMLHttpRequest"] {
            #expect(!html.contains(fetch), "the page fetches something: \(fetch)")
        }
    }

    /// Text from the scanned tree cannot add markup or end the data element.
    @Test func hostileNamesAndMessagesAreEscaped() throws {
        var report = ScanReport()
        let path = "x/</script><script>alert(1)</script>\u{1B}[31m&\"'.md"
        var finding = TidyTextTests.finding("anthropic-api-key", .secret, .critical, path, line: 1, message: "<b>bold</b> & </script>")
        finding.decodedFrom = "<i>gzip</i>"
        report.findings = [finding]
        report.notices = [Notice(kind: .skipped, path: "<img src=x>.png", message: "binary <file>")]
        let html = HTMLReporter().render(report, context: Self.context)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>bold") && !html.contains("<i>gzip") && !html.contains("<img src=x>") && !html.contains("\u{1B}"))
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\x1B[31m&amp;&quot;&#39;.md"))
        // Only the page's own two script elements end.
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        let data = try Self.embedded(html)
        #expect(((data["findings"] as? [[String: Any]])?.first?["path"] as? String) == "demo/" + path)
    }

    @Test func previewsNotValuesUnlessShowSecrets() throws {
        let dir = try ReporterTests.fixture()
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 2026)
        let planted = [fake.anthropicKey(), fake.githubToken(), fake.awsKeyID(), fake.awsSecret()]
        let html = HTMLReporter().render(try ReporterTests.report(dir), context: Self.context)
        for secret in planted { #expect(!html.contains(secret), "the HTML report shows a secret") }
        #expect(html.contains("sk-ant-api03-…AA (108 chars)"))
    }

    @Test func anchorsAreDistinctAndSafe() {
        #expect(HTMLReporter.anchor("a/b c.md") == "f-a_2fb_20c.md")
        #expect(HTMLReporter.anchor("a_2f") != HTMLReporter.anchor("a/"))
        #expect(HTMLReporter.anchor("é") == "f-_c3_a9")
    }

    @Test func emptyReport() {
        let html = HTMLReporter().render(ScanReport(), context: Self.context)
        let counts = Self.counts(html)
        #expect(counts["findings"] == 0 && counts["failing"] == 0)
        #expect(html.contains("<p>No findings.</p>") && !html.contains("<svg class=\"chart\""))
    }
}
