import Dispatch
import Synchronization
import Testing

@testable import PromptScanCore

/// A rule's word and example tables are made on first use (`CompiledRule`'s matchers): once,
/// whichever threads ask, and the same as made at once.
struct OnceValueTests {
    @Test func manyThreadsAskingFirstMakeTheValueOnce() {
        let made = Atomic<Int>(0)
        let once = OnceValue<[Int]> {
            made.add(1, ordering: .relaxed)
            return Array(0..<1000)
        }
        let sums = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            let sum = once.value.reduce(0, +)
            sums.withLock { $0.append(sum) }
        }
        #expect(made.load(ordering: .relaxed) == 1)
        #expect(sums.withLock { $0 } == Array(repeating: 499_500, count: 64))
    }

    @Test func aBuiltInRuleMakesItsTablesOnFirstUseAsALoadedRuleDoesAtOnce() throws {
        let rules = try RuleCatalog.defaultRules()
        let email = try #require(rules.first { $0.id == "email-address" })
        var loaded = email
        loaded.compiledAtBuild = false
        let lazy = try CompiledRule(email)
        let eager = try CompiledRule(loaded)
        let scratch = MatchScratch()
        for value in ["jane@example.com", "jane.okafor@gmail.com"] {
            #expect(lazy.knownExamples.source(of: Array(value.utf8), scratch: scratch) == eager.knownExamples.source(of: Array(value.utf8), scratch: scratch))
        }
        #expect(lazy.knownExamples.source(of: Array("jane@example.com".utf8), scratch: scratch) != nil)
        #expect(lazy.context.phrases == eager.context.phrases && !lazy.context.isEmpty)
        #expect(lazy.organisationContext.phrases == eager.organisationContext.phrases)
        #expect(lazy.publicContext.phrases == eager.publicContext.phrases)
    }
}
