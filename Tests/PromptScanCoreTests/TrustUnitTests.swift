import Foundation
import Testing

@testable import PromptScanCore

/// The pieces of the trust model below the CLI: path containment, bounded brace expansion,
/// one-line errors.
@Suite struct TrustUnitTests {
    @Test func relativePathsCannotLeaveTheRoot() {
        #expect(PathContainment.relative("a/b.yml") == "a/b.yml")
        #expect(PathContainment.relative("./a/./b.yml") == "a/b.yml")
        #expect(PathContainment.relative("a/../b.yml") == "b.yml")
        #expect(PathContainment.relative("../b.yml", under: "sub") == "b.yml")
        #expect(PathContainment.relative(".") == "")
        #expect(PathContainment.relative("../b.yml") == nil)
        #expect(PathContainment.relative("a/../../b.yml") == nil)
        #expect(PathContainment.relative("../../b.yml", under: "sub") == nil)
        #expect(PathContainment.relative("/proc/self/environ") == nil)
        #expect(PathContainment.relative("") == nil)
    }

    @Test func braceExpansionIsBoundedAndKeepsItsOrder() {
        #expect(PathGlob.expandBraces("a.{json,yaml}") == ["a.json", "a.yaml"])
        #expect(PathGlob.expandBraces("{a,b}/{c,d}") == ["a/c", "a/d", "b/c", "b/d"])
        #expect(PathGlob.expandBraces("x{}y") == ["xy"])
        #expect(PathGlob.alternativeCount("{a,b}{c,d,e}") == 6)
        let hostile = String(repeating: "{a,b}", count: 28)
        let started = Date()
        #expect(PathGlob.alternativeCount(hostile) == nil)
        let glob = PathGlob(hostile)  // a glob built in code keeps its first expansions
        #expect(glob.matches(String(repeating: "a", count: 28)))
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(PathGlob.alternativeCount(String(repeating: "{a,b}", count: 10)) == 1024)
        #expect(PathGlob.alternativeCount(String(repeating: "{a,b}", count: 11)) == nil)
    }

    @Test func errorsAreOneShortLine() {
        let error = PromptScanError.configuration(path: "a\nb.yml", line: 3, message: "bad\r\u{1B}[2Jvalue " + String(repeating: "x", count: 5000))
        let text = error.description
        #expect(!text.contains("\n") && !text.contains("\r") && !text.contains("\u{1B}"))
        #expect(text.hasPrefix("error: a\\nb.yml:3: bad\\r\\u{1B}[2Jvalue xxx"))
        #expect(text.count < 450)
        #expect(text.hasSuffix("more characters)"))
    }

    @Test func unknownKeysAreSuggestedNotQuoted() {
        #expect(OneLine.unknownKeyHint("fial-on", known: ScanConfig.knownKeys) == " (did you mean 'fail-on'?)")
        #expect(OneLine.unknownKeyHint("sk-ant-api03-zzzzzzzzzzzz", known: ScanConfig.knownKeys).hasPrefix(" (known: enable, "))
    }

    @Test func aConfigNamesItsPathsWithTheirLines() throws {
        let config = try ScanConfig.parse(yaml: "fail-on: high\nrules: [a.yml, b/]\nterms: t.yaml\nbaseline: x.json\n", path: "c.yml")
        #expect(
            config.namedPaths == [
                .init(key: "rules", value: "a.yml", line: 2), .init(key: "rules", value: "b/", line: 2),
                .init(key: "terms", value: "t.yaml", line: 3), .init(key: "baseline", value: "x.json", line: 4),
            ])
    }
}
