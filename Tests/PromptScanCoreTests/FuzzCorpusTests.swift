import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Replays the fuzzers' seed corpus and crash reproducers (`Fuzz/corpus/<target>/`) through the
/// same calls as the libFuzzer targets in `Fuzz/Sources/` (kept in step by hand), so that every
/// input that once crashed or hung stays a regression test in the normal `swift test`.
@Suite struct FuzzCorpusTests {
    static let corpus = TestPaths.packageRoot.appendingPathComponent("Fuzz/corpus")
    static let scanner = FileScanner(ruleSet: try! RuleSet(RuleCatalog.defaultRules()))

    static func inputs(_ target: String) -> [(String, [UInt8])] {
        let folder = corpus.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, Array($0)) }
        }
    }

    @Test func everyTargetHasASeedCorpus() {
        for target in ["FuzzRuleLoader", "FuzzMatcher", "FuzzDecoders", "FuzzConfig"] {
            #expect(Self.inputs(target).count >= 3, "\(target)")
        }
    }

    @Test func ruleLoaderCorpus() throws {
        var loaded = 0
        for (_, bytes) in Self.inputs("FuzzRuleLoader") {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let rules = try? RuleLoader.parse(yaml: text, path: "fuzz.yml"), !rules.isEmpty,
                let ruleSet = try? RuleSet(rules)
            else { continue }
            loaded += 1
            let scratch = MatchScratch(groups: ruleSet.maxGroups + 1)
            _ = FileScanner(ruleSet: ruleSet).scanContent(bytes, path: "fuzz.txt", fileClass: .other, scratch: scratch)
        }
        #expect(loaded >= 3)
    }

    @Test func matcherCorpus() {
        let paths = ["CLAUDE.md", "prompts/a.txt", "tests/fixtures/cassette.yaml", "n.ipynb", ".env", "a.swift", "README.md", "x.bin"]
        let scratch = MatchScratch(groups: Self.scanner.ruleSet.maxGroups + 1)
        var findings = 0
        for (name, input) in Self.inputs("FuzzMatcher") where !input.isEmpty {
            let selector = Int(input[0])
            let bytes = Array(input.dropFirst())
            let fileClass = FileClass.allCases[(selector / paths.count) % FileClass.allCases.count]
            let result = Self.scanner.scanContent(bytes, path: paths[selector % paths.count], fileClass: fileClass, scratch: scratch)
            for finding in result.findings {
                #expect(finding.line >= 1 && finding.column >= 1 && finding.endLine >= finding.line, "\(name)")
                #expect(finding.revealed == nil)
            }
            findings += result.findings.count
        }
        #expect(findings > 0)
    }

    @Test func decoderCorpus() {
        let paths = ["cassette.yaml", "nb.ipynb", "data.json", "recording.har", "notes.md", "x.txt"]
        var decodedAny = false
        for (name, input) in Self.inputs("FuzzDecoders") where !input.isEmpty {
            // (The fuzzer's layout: a selector byte, a budget byte, then the file.)
            let selector = Int(input[0])
            let budgetByte = Int(input.dropFirst().first ?? 0xFF)
            let budget: Int? = budgetByte == 0xFF ? nil : budgetByte << 10
            let bytes = Array(input.dropFirst(2))
            let fileClass = FileClass.allCases[(selector / paths.count) % FileClass.allCases.count]
            bytes.withUnsafeBytes { raw in
                let result = ContainerDecoder.decode(raw, path: paths[selector % paths.count], fileClass: fileClass, budget: budget)
                for mask in result.masks { #expect(mask.lowerBound >= 0 && mask.upperBound <= raw.count, "\(name)") }
                if let decoded = result.decoded {
                    decodedAny = true
                    #expect(decoded.bytes.count <= budget ?? .max, "\(name)")
                    #expect(decoded.offsets.allSatisfy { $0 >= 0 && $0 <= raw.count }, "\(name)")
                }
                _ = JSONStringDecoder.decode(raw, 0..<raw.count)
                _ = Base64Decoder.decode(raw, [0..<raw.count], kind: "base64")
            }
            if Gzip.isGzip(bytes) { _ = try? Gzip.inflate(bytes, limit: 1 << 20) }
        }
        #expect(decodedAny)
    }

    @Test func configCorpus() {
        var parsed = 0
        for (_, bytes) in Self.inputs("FuzzConfig") {
            let text = String(decoding: bytes, as: UTF8.self)
            if let config = try? ScanConfig.parse(yaml: text, path: ".promptscan.yml") {
                parsed += 1
                _ = config.isScanned("a/b/CLAUDE.md")
                _ = config.fileClass(for: "prompts/x.txt")
            }
            do throws(PromptScanError) {
                for named in try ScanConfig.parse(Data(bytes), path: "0123456789ab:.promptscan.yml").namedPaths {
                    if let relative = PathContainment.relative(named.value, under: "sub") {
                        #expect(!relative.hasPrefix("/") && !relative.split(separator: "/").contains(".."))
                    }
                }
            } catch {
                #expect(!error.description.contains("\n") && error.description.count < 600)
            }
            _ = ScanConfig.parseSize(text)
            _ = try? Baseline.parse(Data(bytes), path: "baseline.json")
            let ignore = IgnoreFile(contents: text, base: "")
            _ = ignore.match("src/a/b.txt", isDirectory: false)
            _ = GlobList(text.split(separator: "\n").map(String.init)).matches("a/b/c.md")
        }
        #expect(parsed >= 1)
    }
}
