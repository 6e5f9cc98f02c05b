import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Recall and precision on the labelled corpus in Tests/Fixtures/eval (format: ../shared/eval/README.md).
/// Scored here in Swift, always, and with ../shared/eval/score.py when it is present.
@Suite struct EvalCorpusTests {
    static let root = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/eval")

    struct Label {
        let path: String
        let line: Int
        let expected: String
    }

    static func labels() throws -> [Label] {
        let text = try String(contentsOf: root.appendingPathComponent("LABELS.tsv"), encoding: .utf8)
        var rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let header = rows.removeFirst().map(String.init)
        let path = header.firstIndex(of: "path")!
        let line = header.firstIndex(of: "line")!
        let expected = header.firstIndex(of: "expected")!
        return rows.map { Label(path: String($0[path]), line: Int($0[line])!, expected: String($0[expected])) }
    }

    static func scan() throws -> ScanReport {
        let rules = try RuleSet(RuleCatalog.defaultRules())
        // The corpus stands for a repository of its own: classes from its root, not from this package's.
        var options = FileWalker.Options()
        options.classifyFromRepositoryRoot = false
        let walked = try FileWalker(options: options).walk(root: root.appendingPathComponent("corpus").path)
        return ScanEngine(scanner: FileScanner(ruleSet: rules)).scan(walked.items)
    }

    @Test func secretRecallAndPrecision() throws {
        let labels = try Self.labels()
        let report = try Self.scan()
        let flagged = Set(report.findings.filter { $0.severity > .low }.map { "\($0.path):\($0.line)" })
        let detect = labels.filter { $0.expected == "detect" }
        let hits = detect.filter { flagged.contains("\($0.path):\($0.line)") }.count
        let detectLines = Set(detect.map { "\($0.path):\($0.line)" })
        let falsePositives = flagged.subtracting(detectLines).count
        let recall = Double(hits) / Double(detect.count)
        let precision = Double(hits) / Double(hits + falsePositives)
        #expect(detect.count >= 200)
        #expect(recall >= 0.90, "recall \(recall)")
        #expect(precision >= 0.95, "precision \(precision)")
    }

    @Test(.enabled(if: TestPaths.shared != nil, "../shared is not beside the project: score.py skipped"))
    func scorePyAgrees() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let rules = try RuleCatalog.defaultRules()
        let sarif = try out.write("eval.sarif", SarifReporter().render(try Self.scan(), context: ReportContext(rules: rules)))
        let score = try #require(try scoreWithSharedEval(sarif: sarif, corpusRoot: Self.root))
        #expect(score.result.status == 0, "\(score.result.stderr)")
        #expect((score.metrics["recall"] ?? 0) >= 0.90, "\(score.summary)")
        #expect((score.metrics["precision"] ?? 0) >= 0.95, "\(score.summary)")
    }
}
