import Dispatch
import Synchronization
import Testing

@testable import PromptScanCore

@Suite struct PatternTests {
    func matches(_ pattern: Pattern, _ text: [UInt8]) throws -> [Pattern.Match] {
        var found: [Pattern.Match] = []
        try text.withUnsafeBytes { raw in
            try pattern.forEachMatch(in: raw, scratch: MatchScratch(groups: 4)) { found.append($0) }
        }
        return found
    }

    /// The `secret` ranges that eight threads find at the same moment, each its first match run.
    func matchesFromEightThreadsAtOnce(_ pattern: Pattern) -> [[Range<Int>]] {
        let text = Array("a k123 b k456 c k7".utf8)
        let results = Mutex<[[Range<Int>]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let found = (try? self.matches(pattern, text).map(\.secret)) ?? []
            results.withLock { $0.append(found) }
        }
        return results.withLock { $0 }
    }

    /// The JIT compilation waits for the first match and runs once, even when many threads make
    /// their first match at the same moment; all of them see the same matches.
    @Test func jitCompilesOnFirstUseOnceAcrossThreads() throws {
        for _ in 0..<20 {
            let pattern = try Pattern("(?<secret>k[0-9]{3})")
            let all = matchesFromEightThreadsAtOnce(pattern)
            #expect(all.count == 8 && all.allSatisfy { $0 == [2..<6, 9..<13] })
            #expect(pattern.isJIT)
        }
    }

    /// A deferred pattern compiles on its first match, once, across threads, and matches as an
    /// eager one does; one that cannot compile reports the error from its matches, not in silence.
    @Test func deferredPatternsCompileOnFirstUseOnceAcrossThreads() throws {
        for _ in 0..<20 {
            let pattern = Pattern(deferred: "(?<secret>k[0-9]{3})")
            #expect(pattern.captureBound == 1)
            let all = matchesFromEightThreadsAtOnce(pattern)
            #expect(all.count == 8 && all.allSatisfy { $0 == [2..<6, 9..<13] })
            #expect(pattern.secretGroup == 1 && pattern.captureCount == 1)
        }
        let broken = Pattern(deferred: "ab[c")
        #expect(throws: MatchLimitError.self) { try self.matches(broken, Array("abc".utf8)) }
        #expect(!broken.matches("abc", scratch: MatchScratch(groups: 2)))
    }

    @Test func captureGroupBoundCountsEveryCapturingParenthesis() {
        let cases: [(String, Int)] = [
            ("abc", 0), ("(a)(b)", 2), ("(?:a)(?<secret>b)", 1), ("(?=a)(?!b)(?<=c)(?<!d)", 0), ("(?'n'x)(?P<m>y)", 2),
            (#"\(a\)[(]"#, 0), ("[](]x", 0), ("[^](](y)", 1), ("[[:alpha:](](z)", 1), (#"\Q(a)\E(b)"#, 1), ("(*UTF)(x)", 1),
            // Branch reset groups reuse numbers: the bound may be above PCRE2's count, never below.
            ("(?|(a)|(b))", 2),
        ]
        for (source, expected) in cases {
            #expect(Pattern.captureGroupBound(source) == expected, "\(source)")
            if let compiled = try? Pattern(source) { #expect(compiled.captureCount <= Pattern.captureGroupBound(source), "\(source)") }
        }
    }

    @Test func compileErrorsCarryOffsetAndMessage() {
        #expect(throws: PatternCompileError.self) { try Pattern("abc(") }
        do {
            _ = try Pattern("ab[c")
        } catch {
            #expect(error.offset == 4)
            #expect(error.message.contains("missing terminating ]"))
        }
    }

    @Test func secretGroupAndByteOffsets() throws {
        let pattern = try Pattern("key=(?<secret>[a-z]+)")
        #expect(pattern.secretGroup == 1)
        let text = Array("é key=abc key=de".utf8)  // é is two bytes
        let found = try matches(pattern, text)
        #expect(found.map(\.secret) == [7..<10, 15..<17])
        #expect(found.map(\.whole) == [3..<10, 11..<17])
    }

    @Test func withoutSecretGroupTheWholeMatchIsTheSecret() throws {
        let found = try matches(try Pattern("[0-9]{3}"), Array("a123b456".utf8))
        #expect(found.map(\.secret) == [1..<4, 5..<8])
    }

    @Test func invalidUTF8SubjectsStillMatch() throws {
        var text: [UInt8] = [0xFF, 0xFE, 0xC3]
        text += Array("token=abc".utf8)
        text += [0x80, 0xE2, 0x82]
        let found = try matches(try Pattern("token=(?<secret>[a-z]+)"), text)
        #expect(found.map(\.secret) == [9..<12])
    }

    @Test func emptyMatchesAdvance() throws {
        let found = try matches(try Pattern("x*"), Array("ab".utf8))
        #expect(found.count == 3)
    }

    @Test func catastrophicBacktrackingIsBoundedAndReported() throws {
        let pattern = try Pattern("^(a+)+$")
        var text = [UInt8](repeating: UInt8(ascii: "a"), count: 40)
        text.append(UInt8(ascii: "!"))
        let scratch = MatchScratch(groups: 4, matchLimit: 100_000)
        #expect(throws: MatchLimitError.self) {
            try text.withUnsafeBytes { raw in try pattern.forEachMatch(in: raw, scratch: scratch) { _ in } }
        }
    }

    @Test func sharedAcrossThreads() async throws {
        let pattern = try Pattern("(?<secret>ghp_[A-Za-z0-9]{36})")
        let text = Array(String(repeating: "x ghp_abcdefghijklmnopqrstuvwxyz0123456789 y\n", count: 200).utf8)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var count = 0
                    try? text.withUnsafeBytes { raw in
                        try pattern.forEachMatch(in: raw, scratch: MatchScratch(groups: 2)) { _ in count += 1 }
                    }
                    return count
                }
            }
            var all: [Int] = []
            for await count in group { all.append(count) }
            return all
        }
        #expect(counts == Array(repeating: 200, count: 8))
    }
}
