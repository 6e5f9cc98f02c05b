import Foundation
import Testing
import TestSupport
@testable import PromptScanCore

/// The rules compiled into the binary are exactly the files in Patterns/. Set PROMPTSCAN_REGENERATE=1
/// to rewrite the generated file; the test then fails once so the change is noticed.
@Suite struct DefaultRulesTests {
    static func render(_ files: [(name: String, text: String)]) -> String {
        var out = "// Generated from Patterns/*.yml by DefaultRulesTests; do not edit.\n"
        out += "// Regenerate: PROMPTSCAN_REGENERATE=1 swift test --filter DefaultRulesTests (a test fails while it is stale).\n\n"
        out += "/// The default rule files, compiled into the binary so that it runs with nothing beside it.\n"
        out += "enum DefaultRules {\n    static let files: [(name: String, text: String)] = [\n"
        for file in files {
            out += "        (\n            name: \"\(file.name)\",\n            text: ####\"\"\"\n\(file.text)\n\"\"\"####\n        ),\n"
        }
        return out + "    ]\n}\n"
    }

    @Test func generatedFileMatchesPatternsFolder() throws {
        let patterns = TestPaths.packageRoot.appendingPathComponent("Patterns")
        let names = try FileManager.default.contentsOfDirectory(atPath: patterns.path).filter { $0.hasSuffix(".yml") }.sorted()
        let files = try names.map { (name: $0, text: try String(contentsOf: patterns.appendingPathComponent($0), encoding: .utf8)) }
        let expected = Self.render(files)
        let generated = TestPaths.packageRoot.appendingPathComponent("Sources/PromptScanCore/Rules/DefaultRules.generated.swift")
        let actual = try String(contentsOf: generated, encoding: .utf8)
        if actual != expected, ProcessInfo.processInfo.environment["PROMPTSCAN_REGENERATE"] == "1" {
            try expected.write(to: generated, atomically: true, encoding: .utf8)
            Issue.record("regenerated \(generated.path); rebuild and run the tests again")
            return
        }
        #expect(actual == expected, "DefaultRules.generated.swift is stale: run PROMPTSCAN_REGENERATE=1 swift test --filter DefaultRulesTests")
        #expect(DefaultRules.files.map(\.name) == names)
    }

    @Test func defaultRulesLoadAndCompile() throws {
        let rules = try RuleCatalog.defaultRules()
        let set = try RuleSet(rules)
        #expect(set.rules.count == rules.count)
        #expect(set.rules.allSatisfy { $0.pattern.isJIT })
        #expect(rules.allSatisfy { $0.origin.file.hasPrefix("Patterns/") })
    }
}
