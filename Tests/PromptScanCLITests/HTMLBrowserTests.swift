import Foundation
import TestSupport
import Testing

/// Headless Chromium, when installed (Debian `chromium`; `PROMPTSCAN_CHROMIUM` names another).
enum Chromium {
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["PROMPTSCAN_CHROMIUM"], !given.isEmpty { return given }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }()

    /// Runs headless Chromium on `url` with `arguments` (`--dump-dom`, `--screenshot=…`), with a
    /// profile of its own so runs in parallel do not share one.
    static func run(_ arguments: [String], url: String) throws -> ProcessResult {
        let profile = try TemporaryDirectory("promptscan-chromium")
        defer { profile.remove() }
        return try runProcess(
            URL(fileURLWithPath: path!),
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=\(profile.path)"]
                + arguments + [url])
    }
}

/// The HTML report in a real browser (issue 17): the page Chromium builds shows the JSON report's
/// counts, its filters (given in the URL fragment, applied by the page's script at load) change
/// which rows are visible, and it opens quickly with 5,000 findings. The DOM is read with
/// `--dump-dom`; a screenshot is taken. PROMPTSCAN_RECORD=1 rewrites docs/html-report.png from the
/// demo.
@Suite(
    .enabled(
        if: Chromium.path != nil,
        "chromium is not installed (apt-get install chromium, or PROMPTSCAN_CHROMIUM=PATH): the HTML report is not checked in a browser"))
struct HTMLBrowserTests {
    /// `data-count="name">N<` pairs of a page.
    static func counts(_ html: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        let pattern = try! NSRegularExpression(pattern: #"data-count="([a-z/-]+)">([0-9]+)<"#)
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            counts[String(html[Range(match.range(at: 1), in: html)!])] = Int(html[Range(match.range(at: 2), in: html)!])
        }
        return counts
    }

    /// The visible-row count the page shows (`data-visible`), and the rows without `hidden`.
    static func visible(_ dom: String) -> (shown: Int?, rows: Int) {
        let shown =
            dom.range(of: #"data-visible="([0-9]+)""#, options: .regularExpression).map {
                Int(dom[$0].dropFirst("data-visible=\"".count).dropLast())
            } ?? nil
        let rows = dom.components(separatedBy: "<tr class=\"finding\"").dropFirst().filter { row in
            !(row.prefix { $0 != ">" }.contains(" hidden"))
        }.count
        return (shown, rows)
    }

    /// The findings of a JSON report, and those the HTML page lists (not suppressed, allowed or baselined).
    static func listed(_ jsonPath: String) throws -> (summary: [String: Any], listed: [[String: Any]]) {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        let findings = json["findings"] as? [[String: Any]] ?? []
        let listed = findings.filter { $0["suppressed"] == nil && $0["suppression"] == nil && ($0["baseline_state"] as? String) != "unchanged" }
        return (json["summary"] as? [String: Any] ?? [:], listed)
    }

    /// The page's counts equal the JSON report's: totals, and category by severity of the listed.
    static func checkCounts(_ dom: String, jsonPath: String) throws {
        let (summary, listed) = try listed(jsonPath)
        let counts = counts(dom)
        for (page, json) in [
            ("findings", "findings"), ("failing", "failing"), ("files-scanned", "files_scanned"), ("skipped", "skipped"),
            ("unreadable", "unreadable"), ("ignored", "ignored"), ("bytes-scanned", "bytes_scanned"),
        ] {
            #expect(counts[page] != nil && counts[page] == summary[json] as? Int, "\(page): page \(counts[page] ?? -1), JSON \(summary[json] ?? "none")")
        }
        #expect(counts["listed"] == listed.count)
        for category in ["secret", "phi", "pii", "client-id", "consumer-endpoint"] {
            for severity in ["critical", "high", "medium", "low"] {
                let expected = listed.filter { $0["category"] as? String == category && $0["severity"] as? String == severity }.count
                #expect(counts["\(category)/\(severity)"] == expected, "\(category)/\(severity)")
            }
        }
        #expect(visible(dom).shown == listed.count && visible(dom).rows == listed.count, "every listed row is visible before filtering")
    }

    /// Scans `target` (run in `directory`) writing HTML and JSON reports into `out`.
    static func reports(_ target: String, in directory: URL, out: TemporaryDirectory) throws -> (html: String, json: String) {
        let html = out.path + "/report.html"
        let json = out.path + "/report.json"
        let run = try promptscan(["scan", target, "--output", "html=\(html)", "--output", "json=\(json)", "--quiet"], in: directory)
        #expect(run.status == 1, "\(run.stderr)")
        return (html, json)
    }

    @Test func demoReportShowsTheJSONCountsAndFilters() throws {
        let out = try TemporaryDirectory("promptscan-html-demo")
        defer { out.remove() }
        let (html, json) = try Self.reports("demo", in: TestPaths.packageRoot, out: out)
        let page = "file://" + html
        let dom = try Chromium.run(["--dump-dom"], url: page)
        #expect(dom.status == 0, "\(dom.stderr)")
        try Self.checkCounts(dom.stdout, jsonPath: json)
        #expect(dom.stdout.contains("data-ready-ms="), "the page's script ran")
        #expect(!dom.stdout.contains("<form id=\"filters\" hidden"), "the script shows the filters")

        // Filters from the fragment, applied at load.
        let (_, listed) = try Self.listed(json)
        for (fragment, keep) in [
            ("severity=high", { (f: [String: Any]) in f["severity"] as? String == "high" }),
            (
                "severity=critical&class=agent-config",
                { (f: [String: Any]) in f["severity"] as? String == "critical" && f["file_class"] as? String == "agent-config" }
            ),
            (
                "q=anthropic",
                { (f: [String: Any]) in
                    ["path", "rule_id", "rule_name", "message", "preview"].contains { (f[$0] as? String ?? "").lowercased().contains("anthropic") }
                }
            ),
        ] {
            let expected = listed.filter(keep).count
            let filtered = try Chromium.run(["--dump-dom"], url: page + "#" + fragment)
            let seen = Self.visible(filtered.stdout)
            #expect(seen.shown == expected && seen.rows == expected, "#\(fragment): page shows \(seen), JSON has \(expected)")
            #expect(expected < listed.count && expected > 0, "#\(fragment) is a real filter on the demo")
        }

        let shot = out.path + "/demo.png"
        let screenshot = try Chromium.run(["--window-size=1280,1800", "--hide-scrollbars", "--screenshot=\(shot)"], url: page)
        #expect(screenshot.status == 0, "\(screenshot.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "a screenshot with something on it")
        if ProcessInfo.processInfo.environment["PROMPTSCAN_RECORD"] == "1" {
            try png.write(to: TestPaths.packageRoot.appendingPathComponent("docs/html-report.png"))
            Issue.record("recorded docs/html-report.png; run again without PROMPTSCAN_RECORD")
        }
    }

    /// The page's `data-ready-ms` (milliseconds from navigation start to a filtered page).
    static func readyMilliseconds(_ dom: String) -> Int? {
        guard let range = dom.range(of: #"data-ready-ms="[0-9]+""#, options: .regularExpression) else { return nil }
        return Int(dom[range].dropFirst("data-ready-ms=\"".count).dropLast())
    }

    /// 5,000 findings in 50 files of three classes: the page's counts and filters still hold, and
    /// it opens fast. Chromium's whole run is printed, with only a generous bound asserted (its
    /// start-up is not the page's); the page's own time to ready must stay under 2 s.
    @Test func fiveThousandFindingsOpenFast() throws {
        let tree = try TemporaryDirectory("promptscan-html-5000")
        defer { tree.remove() }
        var fake = FakeSecrets(seed: 5000)
        for file in 0..<50 {
            var text = ""
            for line in 0..<102 {
                switch line % 3 {
                case 0: text += "key_\(line) = \"\(fake.anthropicKey())\"\n"
                case 1: text += "token_\(line) = \"\(fake.githubToken())\"\n"
                default: text += "url_\(line) = \"postgres://app:Zr8\(fake.token(FakeSecrets.base62, 17))@db.internal:5432/app\"\n"
                }
            }
            let name = ["src/module_\(file).py", "prompts/prompt_\(file).md", "config/app_\(file).env"][file % 3]
            try tree.write(name, text)
        }
        let out = try TemporaryDirectory("promptscan-html-5000-out")
        defer { out.remove() }
        let (html, json) = try Self.reports(".", in: tree.url, out: out)
        let (_, listed) = try Self.listed(json)
        #expect(listed.count >= 5000, "\(listed.count) findings")
        let size = (try FileManager.default.attributesOfItem(atPath: html)[.size] as? Int) ?? 0

        let started = Date()
        let dom = try Chromium.run(["--dump-dom"], url: "file://\(html)#severity=high")
        let seconds = Date().timeIntervalSince(started)
        #expect(dom.status == 0, "\(dom.stderr)")
        var readyMs = Self.readyMilliseconds(dom.stdout)
        let ready = readyMs.map { #"data-ready-ms="\#($0)""# } ?? "none"
        print(
            "HTML report, \(listed.count) findings, \(size) bytes: Chromium opened, filtered and dumped it in \(String(format: "%.2f", seconds)) s (page \(ready))"
        )
        #expect(seconds < 20, "opening the 5,000-finding report took \(seconds) s")
        // The page itself is ready (parsed, rendered, filtered; its own clock from navigation
        // start, without Chromium's start-up) in under 2 s; up to four more tries when one was slower,
        // since other tests share the machine.
        for _ in 0..<4 where readyMs.map({ $0 >= 2000 }) ?? false {
            readyMs = [readyMs, Self.readyMilliseconds(try Chromium.run(["--dump-dom"], url: "file://\(html)#severity=high").stdout)].compactMap { $0 }.min()
        }
        #expect(readyMs.map { $0 < 2000 } ?? false, "the 5,000-finding page was ready after \(readyMs.map(String.init) ?? "no data-ready-ms") ms")
        let high = listed.filter { $0["severity"] as? String == "high" }.count
        let seen = Self.visible(dom.stdout)
        #expect(high > 0 && high < listed.count)
        #expect(seen.shown == high && seen.rows == high, "#severity=high: page shows \(seen), JSON has \(high)")

        let full = try Chromium.run(["--dump-dom"], url: "file://\(html)")
        try Self.checkCounts(full.stdout, jsonPath: json)
    }
}
