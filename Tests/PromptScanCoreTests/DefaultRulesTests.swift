import Foundation
import Testing
import TestSupport
@testable import PromptScanCore

/// The rules compiled into the binary are exactly the files in Patterns/, parsed. Set
/// PROMPTSCAN_REGENERATE=1 to rewrite the generated file; the test then fails once so the change is noticed.
@Suite struct DefaultRulesTests {
    static func parsedPatterns() throws -> [Rule] { try parsedFiles().rules }

    /// The rules and known example entries of every file in Patterns/, in file order.
    static func parsedFiles() throws -> RuleLoader.File {
        let patterns = TestPaths.packageRoot.appendingPathComponent("Patterns")
        let names = try FileManager.default.contentsOfDirectory(atPath: patterns.path).filter { $0.hasSuffix(".yml") }.sorted()
        var all = RuleLoader.File(rules: [], knownExamples: [])
        for name in names {
            let text = try String(contentsOf: patterns.appendingPathComponent(name), encoding: .utf8)
            let file = try RuleLoader.parseFile(yaml: text, path: "Patterns/" + name)
            all.rules += file.rules
            all.knownExamples += file.knownExamples
        }
        return all
    }

    @Test func generatedFileMatchesPatternsFolder() throws {
        let parsed = try Self.parsedFiles()
        let expected = RuleSourceEmitter.render(parsed.rules, knownExamples: parsed.knownExamples)
        let generated = TestPaths.packageRoot.appendingPathComponent("Sources/PromptScanCore/Rules/DefaultRules.generated.swift")
        let actual = try String(contentsOf: generated, encoding: .utf8)
        if actual != expected, ProcessInfo.processInfo.environment["PROMPTSCAN_REGENERATE"] == "1" {
            try expected.write(to: generated, atomically: true, encoding: .utf8)
            Issue.record("regenerated \(generated.path); rebuild and run the tests again")
            return
        }
        #expect(actual == expected, "DefaultRules.generated.swift is stale: run PROMPTSCAN_REGENERATE=1 swift test --filter DefaultRulesTests")
    }

    /// Every field of every rule survives the trip through generated Swift source.
    @Test func compiledInRulesEqualTheParsedFiles() throws {
        let parsed = try Self.parsedPatterns()
        #expect(DefaultRules.rules.count == parsed.count)
        for (builtIn, fromFile) in zip(DefaultRules.rules, parsed) {
            #expect(builtIn == fromFile, "rule \(fromFile.id) differs from its YAML")
        }
        #expect(DefaultRules.knownExamples == (try Self.parsedFiles().knownExamples))
    }

    @Test func defaultRulesLoadAndCompile() throws {
        let rules = try RuleCatalog.defaultRules()
        let set = try RuleSet(rules)
        #expect(set.rules.count == rules.count)
        #expect(set.rules.allSatisfy { $0.pattern.isJIT })
        #expect(rules.allSatisfy { $0.origin.file.hasPrefix("Patterns/") })
    }

    @Test func literalEscaping() {
        #expect(RuleSourceEmitter.literal("a\"b\\c\n\u{1}⟦") == "\"a\\\"b\\\\c\\n\\u{1}⟦\"")
    }
}
