import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Golden files for every format (Tests/PromptScanCoreTests/Golden), re-recorded with
/// PROMPTSCAN_RECORD=1 (the test then fails once), and SARIF validated with ../shared/tools/check-sarif.
@Suite struct ReporterTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())
    static let goldenDirectory = TestPaths.packageRoot.appendingPathComponent("Tests/PromptScanCoreTests/Golden")

    /// A small tree with deterministic fake secrets, one skipped file and one clean file.
    static func fixture() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory("promptscan-golden")
        var fake = FakeSecrets(seed: 2026)
        try dir.write("CLAUDE.md", "# Agent notes\n\nUse key \(fake.anthropicKey()) for the eval run.\n")
        try dir.write(".mcp.json", "{\n  \"mcpServers\": {\n    \"github\": {\n      \"env\": {\"GITHUB_TOKEN\": \"\(fake.githubToken())\"}\n    }\n  }\n}\n")
        try dir.write("prompts/few shot ✓.md", "Example:\n  aws_access_key_id = \(fake.awsKeyID())\n  aws_secret_access_key = \(fake.awsSecret())\n")
        try dir.write("src/clean.py", "import os\nkey = os.environ[\"OPENAI_API_KEY\"]\n")
        try dir.write("assets/logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00]))
        return dir
    }

    static func report(_ dir: TemporaryDirectory) throws -> ScanReport {
        let walked = try FileWalker().walk(root: dir.path)
        var report = ScanEngine(scanner: FileScanner(ruleSet: rules), options: .init(threads: 2)).scan(walked.items)
        report.notices += walked.notices
        report.notices.sort(by: Notice.order)
        return report
    }

    static var context: ReportContext {
        ReportContext(rules: rules.rules.map(\.rule), toolVersion: "0.0.0-test", displayRoot: "demo")
    }

    func checkGolden(_ name: String, _ actual: String) throws {
        let file = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PROMPTSCAN_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); run again without PROMPTSCAN_RECORD")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file (PROMPTSCAN_RECORD=1 re-records)")
    }

    /// The streamed writer is byte for byte what `JSONEncoder` writes for the whole document,
    /// nested arrays and objects, empty ones and non-ASCII text included.
    @Test func streamedJSONEqualsTheEncoderWholeDocument() throws {
        struct Entry: Encodable, Equatable {
            let name: String
            let tags: [String]
            let extra: [String: [Int]]
        }
        struct Document: Encodable {
            let entries: [Entry]
            let empty: [Entry]
            let title: String
        }
        let entries = [
            Entry(name: "a/b ✓", tags: ["x", "y\nz"], extra: ["k": [1, 2], "e": []]),
            Entry(name: "", tags: [], extra: [:]),
        ]
        let document = Document(entries: entries, empty: [], title: "t\"q")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let whole = String(decoding: try encoder.encode(document), as: UTF8.self)
        let output = StringOutput()
        let stream = JSONStream(output)
        stream.openObject()
        stream.arrayMember("empty", count: 0, indent: 2, first: true) { _ in entries[0] }
        stream.arrayMember("entries", count: entries.count, indent: 2) { entries[$0] }
        stream.member("title", document.title, indent: 2)
        stream.closeObject(indent: 0)
        #expect(output.text == whole)
    }

    @Test func textMatchesGolden() throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        try checkGolden("scan.txt", TextReporter().render(try Self.report(dir), context: Self.context))
    }

    @Test func jsonMatchesGolden() throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        try checkGolden("scan.json", JSONReporter().render(try Self.report(dir), context: Self.context))
    }

    /// The SARIF golden lists one rule only, to keep the file readable; the full rule list is checked
    /// below. It is the log of a scan of `demo/` in a repository: locations from the repository's root.
    @Test func sarifMatchesGolden() throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        let report = try Self.report(dir)
        var context = Self.context
        context.sarifBase = SarifBase(root: "/home/dev/project", prefix: "demo/")
        context.sarifCategory = "promptscan/scan"
        let used = Set(report.findings.map(\.ruleID))
        context.rules = context.rules.filter { used.contains($0.id) }
        try checkGolden("scan.sarif", SarifReporter().render(report, context: context))
    }

    /// The CI formats of a scan of `demo/` in a repository: paths from the repository's root, as
    /// GitHub and GitLab resolve them.
    @Test(arguments: [
        ("scan.github.txt", ReportFormat.github), ("scan.summary.md", .markdown), ("scan.codequality.json", .gitlabCodeQuality),
        ("scan.secret-detection.json", .gitlabSecretDetection),
    ])
    func ciFormatsMatchGolden(_ name: String, _ format: ReportFormat) throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        var context = Self.context
        context.sarifBase = SarifBase(root: "/home/dev/project", prefix: "demo/")
        try checkGolden(name, format.reporter.render(try Self.report(dir), context: context))
    }

    @Test func ciFormatsEscapeWhatTheirReadersInterpret() {
        // Workflow commands: '%', CR and LF in the message; also ':' and ',' in properties.
        #expect(GitHubReporter.data("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubReporter.property("a:b,c%") == "a%3Ab%2Cc%25")
        // Markdown table cells: pipes, HTML, emphasis and line breaks.
        #expect(MarkdownReporter.cell("a|b <i>*x*</i>\nc") == "a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; c")
        #expect(GitLabSecretDetectionReporter.time("2026-12-06T23:30:45Z") == "2026-12-06T23:30:45")
        #expect(GitLabSecretDetectionReporter.time(nil) == "1970-01-01T00:00:00")
    }

    @Test func noFormatShowsASecretUnlessAsked() throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 2026)
        let planted = [fake.anthropicKey(), fake.githubToken(), fake.awsKeyID(), fake.awsSecret()]
        let report = try Self.report(dir)
        #expect(report.findings.count == 4)
        for format in ReportFormat.allCases {
            let output = format.reporter.render(report, context: Self.context)
            for secret in planted { #expect(!output.contains(secret), "\(format) leaks a secret") }
        }
        let revealing = ScanEngine(scanner: FileScanner(ruleSet: Self.rules, showSecrets: true)).scan(
            try FileWalker().walk(root: dir.path).items)
        var context = Self.context
        context.showSecrets = true
        let shown = TextReporter().render(revealing, context: context)
        for secret in planted { #expect(shown.contains(secret)) }
    }

    @Test func sarifStructure() throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        let log = SarifReporter().log(try Self.report(dir), context: Self.context)
        let run = try #require(log.runs.first)
        #expect(run.tool.driver.rules.count == Self.rules.rules.count)
        #expect(run.columnKind == "unicodeCodePoints")
        for rule in run.tool.driver.rules {
            #expect(rule.properties.tags.contains("security"))
            #expect(rule.properties.tags.contains(rule.properties.category))
            #expect(Double(rule.properties.securitySeverity) != nil)
        }
        for result in run.results {
            #expect(run.tool.driver.rules[result.ruleIndex].id == result.ruleId)
            #expect(result.partialFingerprints["promptscan/v1"]?.hasPrefix(result.ruleId + ":") == true)
            #expect(!(result.locations[0].physicalLocation.artifactLocation.uri.hasPrefix("/")))
        }
        #expect(run.results.contains { $0.locations[0].physicalLocation.artifactLocation.uri == "prompts/few shot ✓.md" })
        #expect(SarifReporter.uri("a b/100%#1?.md") == "a b/100%#1?.md")
        #expect(
            run.invocations[0].toolExecutionNotifications.map(\.message.text) == [
                "assets/logo.png: skipped: binary file (NUL byte in the first 8 KiB)"
            ])
    }

    @Test func sarifLocationsStartAtTheRepositoryRoot() throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        var context = Self.context
        context.sarifBase = SarifBase(root: "/srv/a b/repo", prefix: "demo/")
        let run = try #require(SarifReporter().log(try Self.report(dir), context: context).runs.first)
        #expect(run.originalUriBaseIds?["SRCROOT"]?.uri == "file:///srv/a%20b/repo/")
        #expect(run.results.allSatisfy { $0.locations[0].physicalLocation.artifactLocation.uri.hasPrefix("demo/") })
        #expect(
            run.invocations[0].toolExecutionNotifications.map(\.message.text) == [
                "demo/assets/logo.png: skipped: binary file (NUL byte in the first 8 KiB)"
            ])
        #expect(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri == "demo/assets/logo.png")
        // Without a known root, SRCROOT is left to the consumer rather than written as "./".
        #expect(SarifReporter().log(try Self.report(dir), context: Self.context).runs[0].originalUriBaseIds == nil)
        #expect(!SarifReporter().render(try Self.report(dir), context: Self.context).contains("originalUriBaseIds"))
    }

    @Test func sarifCategoryIsTheAutomationID() throws {
        #expect(SarifReporter.automationID(category: "promptscan/scan") == "promptscan/scan/")
        #expect(SarifReporter.automationID(category: "promptscan/diff/") == "promptscan/diff/")
        #expect(SarifReporter.categoryProblem("team/secrets") == nil)
        #expect(SarifReporter.categoryProblem("") != nil)
        #expect(SarifReporter.categoryProblem(" / ") != nil)
        #expect(SarifReporter.categoryProblem("a\nb") != nil)
        var context = Self.context
        context.sarifCategory = "promptscan/full"
        let run = SarifReporter().log(ScanReport(), context: context).runs[0]
        #expect(run.automationDetails?.id == "promptscan/full/")
    }

    @Test func sarifBaseOfAScanIsTheGitTopLevelOrTheFolder() throws {
        let repo = try GitRepository("promptscan sarif base")
        defer { repo.remove() }
        try repo.write("demo/sub/x.md", "x\n")
        let top = try #require(PathContainment.realPath(repo.path))
        let below = SarifBase.forScan(of: repo.path + "/demo/sub")
        #expect(below == SarifBase(root: top, prefix: "demo/sub/"))
        #expect(below.rootURI?.hasPrefix("file:///") == true && below.rootURI?.hasSuffix("/") == true)
        #expect(below.rootURI?.contains("promptscan%20sarif%20base") == true)
        #expect(SarifBase.forScan(of: repo.path) == SarifBase(root: top, prefix: ""))
        let plain = try TemporaryDirectory("promptscan-no-git")
        defer { plain.remove() }
        try plain.write("a/x.md", "x\n")
        #expect(SarifBase.forScan(of: plain.path + "/a") == SarifBase(root: try #require(PathContainment.realPath(plain.path + "/a"))))
    }

    @Test(.enabled(if: TestPaths.shared != nil, "../shared is not beside the project: check-sarif skipped"))
    func sarifPassesCheckSarif() throws {
        let dir = try Self.fixture()
        defer { dir.remove() }
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let file = try out.write("scan.sarif", SarifReporter().render(try Self.report(dir), context: Self.context))
        let check = try python3([TestPaths.shared!.appendingPathComponent("tools/check-sarif").path, file.path, "--repo-root", dir.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
