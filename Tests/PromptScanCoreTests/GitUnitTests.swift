import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// The pieces under the git modes: diff parsing, added-line sets, inline allows, baseline, config.
@Suite struct GitUnitTests {
    @Test func diffParserReadsRawRecordsRenamesHunksAndBinary() throws {
        let zero = String(repeating: "0", count: 40)
        let blobA = String(repeating: "a", count: 40)
        let blobB = String(repeating: "b", count: 40)
        var bytes: [UInt8] = []
        bytes += Array(":000000 100644 \(zero) \(blobA) A".utf8) + [0] + Array("new file.txt".utf8) + [0]
        bytes += Array(":100644 100644 \(blobA) \(blobB) R087".utf8) + [0] + Array("old.md".utf8) + [0] + [0x63, 0x61, 0x66, 0xE9] + [0]
        bytes += Array(":100644 000000 \(blobA) \(zero) U".utf8) + [0] + Array("conflict.txt".utf8) + [0]
        bytes += Array(":000000 100644 \(zero) \(blobB) A".utf8) + [0] + Array("img.png".utf8) + [0]
        bytes += [0]
        bytes += Array(
            """
            diff --git a/new file.txt b/new file.txt
            new file mode 100644
            --- /dev/null
            +++ b/new file.txt
            @@ -0,0 +1,3 @@
            +diff --git looks like a header but is content
            +b
            +c
            diff --git a/old.md b/caf\u{E9}
            @@ -2,0 +3 @@ context
            +x
            @@ -9,2 +10,0 @@
            -gone
            -gone
            @@ -20 +20,2 @@
            +y
            +z
            * Unmerged path conflict.txt
            diff --git a/img.png b/img.png
            Binary files /dev/null and b/img.png differ

            """.utf8)
        let files = try DiffParser.parse(bytes)
        #expect(files.map(\.status) == ["A", "R", "U", "A"])
        #expect(files[0].path == "new file.txt")
        #expect(files[0].added == LineRanges([1...3]))
        #expect(files[1].path == "caf\\xE9" && files[1].oldPath == "old.md")
        #expect(files[1].added.ranges == [3...3, 20...21])
        #expect(files[2].added.isEmpty)
        #expect(files[3].binaryDiff && files[3].blob == blobB)
    }

    @Test func lineRangesMergeAndOverlap() {
        var set = LineRanges([10...12, 1...2])
        set.insert(3...4)
        #expect(set.ranges == [1...4, 10...12])
        #expect(set.overlaps(4...9) && set.overlaps(12...20) && !set.overlaps(5...9) && !set.overlaps(13...13))
    }

    @Test func inlineAllowCoversTheLineAndTheNextLineOnly() throws {
        func allowed(_ text: String, line: Int) -> Bool {
            let bytes = Array(text.utf8)
            var starts = [0]
            for (index, byte) in bytes.enumerated() where byte == 10 { starts.append(index + 1) }
            return bytes.withUnsafeBytes { InlineAllow.covers($0, lineStart: starts[line - 1]) }
        }
        #expect(allowed("a = 1 # promptscan:allow\n", line: 1))
        #expect(allowed("# promptscan:allow-next-line\nkey\n", line: 2))
        #expect(allowed("# promptscan:allow-next-line\r\nkey\r\n", line: 2))
        #expect(!allowed("# promptscan:allow-next-line\nkey\n", line: 1))
        #expect(!allowed("# promptscan:allow-next-line\n\nkey\n", line: 3))
        #expect(!allowed("# promptscan:allow\nkey\n", line: 2))
        #expect(!allowed("promptscan:allo\n", line: 1))
        // Other scanners' markers: a repository moving over keeps its reviewed exceptions.
        #expect(allowed("token = 'x'  # gitleaks:allow\n", line: 1))
        #expect(allowed("token = 'x'  // ggignore\n", line: 1))
        #expect(allowed("token = 'x'  # pragma: allowlist secret\n", line: 1))
        #expect(allowed("# pragma: allowlist nextline secret\ntoken = 'x'\n", line: 2))
        #expect(!allowed("# pragma: allowlist secret\ntoken = 'x'\n", line: 2))
        #expect(!allowed("# gitleaks:allow\ntoken = 'x'\n", line: 2))
        #expect(!allowed("# pragma: allowlist nextline secret\ntoken = 'x'\n", line: 1))
        #expect(!allowed("token = 'x'  # gitleaks:allo\n", line: 1))
    }

    @Test func scannerMarksInlineAllowedFindingsWhichNeverFail() throws {
        var fake = FakeSecrets(seed: 31)
        let text = "a = \(fake.anthropicKey()) # promptscan:allow\nb = \(fake.anthropicKey())\n"
        let engine = ScanEngine(scanner: FileScanner(ruleSet: try RuleSet(RuleCatalog.defaultRules())))
        let report = engine.scan([ScanItem(path: "x.md", source: .bytes(Array(text.utf8)))])
        #expect(report.findings.map(\.allowedInline) == [true, false])
        #expect(report.failing(at: .low).map(\.line) == [2])
    }

    @Test func baselineRendersSortedOneEntryPerLineAndRoundTrips() throws {
        let baseline = Baseline([
            .init(rule: "r2", path: "b.md", fingerprint: "22"), .init(rule: "r1", path: "b.md", fingerprint: "11"),
            .init(rule: "r1", path: "a \"q\".md", fingerprint: "33"), .init(rule: "r1", path: "b.md", fingerprint: "11"),
        ])
        let text = baseline.render()
        #expect(
            text == """
                {
                  "promptscan-baseline": 1,
                  "entries": [
                    {"rule": "r1", "path": "a \\"q\\".md", "fingerprint": "33"},
                    {"rule": "r1", "path": "b.md", "fingerprint": "11"},
                    {"rule": "r2", "path": "b.md", "fingerprint": "22"},
                    {}
                  ]
                }

                """)
        #expect(try Baseline.parse(Data(text.utf8), path: "b.json") == baseline)
        #expect(throws: PromptScanError.self) { try Baseline.parse(Data("{\"entries\": []}".utf8), path: "b.json") }
    }

    @Test func configParsesEveryKeyAndResolvesPathsAgainstItsFolder() throws {
        let config = try ScanConfig.parse(
            yaml: """
                enable: [anthropic-api-key, github-personal-access-token]
                disable: [github-personal-access-token]
                severity: {anthropic-api-key: low}
                fail-on: high
                allow-paths: ['vendor/', '*.lock']
                allow-values: ['sk-ant-api03-test.*']
                rules: [more]
                terms: terms.txt
                file-classes: {'docs/**': prompt}
                max-file-size: 2K
                baseline: base.json
                """, path: "/repo/.promptscan.yml")
        #expect(config.failOn == .high && config.maxFileSize == 2048)
        #expect(config.termsFile == "/repo/terms.txt" && config.baseline == "/repo/base.json" && config.ruleFiles == ["/repo/more"])
        #expect(!config.isScanned("vendor/x/y.md") && !config.isScanned("deep/Cargo.lock") && config.isScanned("src/a.md"))
        #expect(config.fileClass(for: "docs/a/b.txt") == .prompt && config.fileClass(for: "src/b.txt") == nil)
        var rulesOnly = config
        rulesOnly.ruleFiles = []
        let rules = try rulesOnly.rules(extra: [])
        #expect(rules.map(\.id) == ["anthropic-api-key"])
        #expect(rules[0].severity == .low && rules[0].allow.last == "sk-ant-api03-test.*")
        #expect(throws: PromptScanError.configuration(path: "c.yml", line: 2, message: "'fail-on' must be a severity (low, medium, high, critical)")) {
            try ScanConfig.parse(yaml: "# c\nfail-on: never\n", path: "c.yml")
        }
    }
}
