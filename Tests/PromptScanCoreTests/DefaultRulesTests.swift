import Foundation
import TestSupport
import Testing

@testable import PromptScanCore
@testable import PromptScanRuleSource

/// The rules compiled into the binary are exactly the files in Patterns/, parsed. When this fails
/// after a change to Patterns/, run `swift run generate-rules` and rebuild.
@Suite struct DefaultRulesTests {
    static func parsedPatterns() throws -> [Rule] { try parsedFiles().rules }

    /// The rules and known example entries of every file in Patterns/, in file order.
    static func parsedFiles() throws -> RuleLoader.File {
        let files = try RuleSourceEmitter.parsePatterns(packageRoot: TestPaths.packageRoot)
        return RuleLoader.File(rules: files.flatMap(\.rules), knownExamples: files.flatMap(\.knownExamples))
    }

    @Test func generatedFilesMatchPatternsFolder() throws {
        let expected = RuleSourceEmitter.render(try RuleSourceEmitter.parsePatterns(packageRoot: TestPaths.packageRoot))
        let folder = TestPaths.packageRoot.appendingPathComponent(RuleSourceEmitter.outputFolder)
        let present = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".generated.swift") }
        #expect(Set(present) == Set(expected.keys), "generated files differ from Patterns/: run swift run generate-rules")
        for (name, text) in expected {
            let actual = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(actual == text, "\(name) is stale: run swift run generate-rules")
        }
    }

    /// The generated code names enumeration cases and has no force unwraps.
    @Test func generatedCodeIsTyped() throws {
        let sources = RuleSourceEmitter.render(try RuleSourceEmitter.parsePatterns(packageRoot: TestPaths.packageRoot))
        for (name, text) in sources {
            #expect(!text.contains("rawValue:"), "\(name) builds a value from its raw value")
            // Outside string literals no `!` may appear: strip the literals, then look.
            let code = text.replacingOccurrences(of: #""(?:[^"\\\n]|\\.)*""#, with: "\"\"", options: .regularExpression)
            #expect(!code.contains("!"), "\(name) has a force unwrap")
        }
        #expect(sources.keys.contains("DefaultRules+Phi.generated.swift"))
        #expect(RuleSourceEmitter.typeName(of: "Patterns/agent-configs.yml") == "AgentConfigs")
        #expect(RuleSourceEmitter.member(Category.clientID) == ".clientID")
        #expect(RuleSourceEmitter.members([.env, .agentConfig]) == "[.agentConfig, .env]")
    }

    /// generate-rules' writer: rewrites what differs, leaves what is current, removes orphans.
    @Test func writerUpdatesOnlyWhatChanged() throws {
        let root = try TemporaryDirectory()
        let folder = root.url.appendingPathComponent(RuleSourceEmitter.outputFolder)
        #expect(try RuleSourceEmitter.write(["A.generated.swift": "a", "B.generated.swift": "b"], packageRoot: root.url).count == 2)
        try "old".write(to: folder.appendingPathComponent("Gone.generated.swift"), atomically: true, encoding: .utf8)
        let changes = try RuleSourceEmitter.write(["A.generated.swift": "a", "B.generated.swift": "b2"], packageRoot: root.url)
        #expect(
            changes == [
                "updated \(RuleSourceEmitter.outputFolder)/B.generated.swift",
                "removed \(RuleSourceEmitter.outputFolder)/Gone.generated.swift",
            ])
        #expect(try String(contentsOf: folder.appendingPathComponent("B.generated.swift"), encoding: .utf8) == "b2")
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

    /// Built-in rules compile their patterns on first use (`Rule.compiledAtBuild`): this is where
    /// every one of them is compiled at once, with the errors a user's rule file would get, and
    /// where the capture-group bound that sizes match data is checked against PCRE2's count.
    @Test func everyBuiltInPatternCompilesAndItsGroupBoundHolds() throws {
        let rules = try RuleCatalog.defaultRules()
        #expect(rules.allSatisfy { $0.compiledAtBuild })
        for var rule in rules {
            let deferred = try CompiledRule(rule)
            rule.compiledAtBuild = false
            let eager = try CompiledRule(rule)  // throws, naming the rule, if a pattern does not compile
            for (lazy, compiled) in zip([deferred.pattern] + deferred.allow, [eager.pattern] + eager.allow) {
                #expect(lazy.captureBound >= compiled.captureCount, "rule \(rule.id): group bound below the real count")
                #expect(lazy.captureCount == compiled.captureCount && lazy.secretGroup == compiled.secretGroup, "rule \(rule.id)")
            }
        }
        let set = try RuleSet(rules)
        let exact = set.rules.map { max($0.pattern.captureCount, $0.allow.map(\.captureCount).max() ?? 0) }.max() ?? 0
        #expect(set.maxGroups >= exact)
    }

    @Test func literalEscaping() {
        #expect(RuleSourceEmitter.literal("a\"b\\c\n\u{1}⟦") == "\"a\\\"b\\\\c\\n\\u{1}⟦\"")
    }
}
