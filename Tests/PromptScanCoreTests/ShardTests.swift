import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Split runs (issue 18): `--shard K/N` parts whose merge is the report one run writes.
@Suite struct ShardTests {
    @Test func partsParseAndOnlyValidOnesDo() {
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        for bad in ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3", "-1/2", "", "1/\(Shard.maximumCount + 1)"] {
            #expect(Shard(bad) == nil, "\(bad) is not a part")
        }
    }

    @Test func ciEnginesNameTheirPartsAndCountFromWhereTheyDo() throws {
        #expect(try Shard.fromEnvironment(["CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "4"])?.shard == Shard(index: 3, count: 4))
        #expect(try Shard.fromEnvironment(["BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "2"])?.shard == Shard(index: 1, count: 2))
        #expect(try Shard.fromEnvironment(["CIRCLE_NODE_INDEX": "4", "CIRCLE_NODE_TOTAL": "5"])?.shard == Shard(index: 5, count: 5))
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1"], total: 3)?.shard == Shard(index: 2, count: 3))
        #expect(try Shard.fromEnvironment(["PATH": "/bin"]) == nil)
        // Set but not a part: an error, never everything or nothing in silence.
        #expect(throws: PromptScanError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1"]) }
        #expect(throws: PromptScanError.self) { try Shard.fromEnvironment(["CI_NODE_INDEX": "5", "CI_NODE_TOTAL": "4"]) }
        #expect(throws: PromptScanError.self) { try Shard.fromEnvironment(["CIRCLE_NODE_INDEX": "x", "CIRCLE_NODE_TOTAL": "2"]) }
    }

    @Test func everyItemGoesToExactlyOnePartAndHeavyOnesSpread() {
        var generator = SeededGenerator(seed: 18)
        let keys = (0..<500).map { "dir\($0 % 17)/file\($0).txt" }
        var weights = keys.map { _ in Int.random(in: 1...4000, using: &generator) }
        // Eight heavy files whose hashes might all land in one part.
        for index in 0..<8 { weights[index * 60] = Shard.heavyBytes * (index + 1) }
        for count in 1...8 {
            let parts = Shard.assign(keys: keys, weights: weights, heavy: Shard.heavyBytes, count: count)
            #expect(parts == Shard.assign(keys: keys, weights: weights, heavy: Shard.heavyBytes, count: count))
            #expect(parts.allSatisfy { (0..<count).contains($0) })
            var load = [Int](repeating: 0, count: count)
            for (part, weight) in zip(parts, weights) { load[part] += weight }
            // Heaviest first to the lightest part: no part carries more than the average plus the
            // heaviest item.
            let total = weights.reduce(0, +)
            #expect(load.max()! <= total / count + weights.max()!, "loads \(load) for \(count) parts")
        }
    }

    // MARK: - Merges equal one run

    static let context: ReportContext = {
        var context = ReportContext(rules: try! RuleCatalog.defaultRules(), displayRoot: "", startTime: "2026-01-01T00:00:00Z", endTime: "2026-01-01T00:00:01Z")
        context.commandLine = "promptscan"
        return context
    }()

    /// The JSON and SARIF of a session's report.
    static func reports(_ session: ScanSession, context: ReportContext) throws -> (json: String, sarif: String) {
        let report = try session.run()
        var context = context
        context.rules = session.setup.rules
        context.failOn = session.setup.failOn
        let json = StringOutput()
        JSONReporter().write(report, context: context, to: json)
        let sarif = StringOutput()
        SarifReporter().write(report, context: context, to: sarif)
        return (json.text, sarif.text)
    }

    static func findingCount(_ json: String) throws -> Int {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["findings"] as? [Any]).count
    }

    /// Runs `source` whole and in 1…8 parts, and checks each merge of the parts equals the whole.
    static func expectMergesEqualOneRun(
        _ label: String, setup: RunSetup, source: ScanSession.Source, partCounts: [Int] = Array(1...8)
    ) throws {
        var options = ScanSession.Options()
        options.threads = 2
        let whole = try reports(ScanSession(setup: setup, source: source, options: options), context: context)
        #expect(try Self.findingCount(whole.json) >= 10, "\(label): too few findings to tell a merge from one run")
        for count in partCounts {
            var parts: [(json: String, sarif: String)] = []
            for index in 1...count {
                options.shard = Shard(index: index, count: count)
                parts.append(try reports(ScanSession(setup: setup, source: source, options: options), context: context))
            }
            // The parts split the findings between them: together all of them, none holding all.
            let counts = try parts.map { try Self.findingCount($0.json) }
            let total = try Self.findingCount(whole.json)
            #expect(counts.reduce(0, +) == total, "\(label): \(count) parts hold \(counts) findings, one run \(total)")
            if count > 1 { #expect(counts.max()! < total, "\(label): one of \(count) parts holds every finding") }
            let json = try ReportMerger().merge(parts.enumerated().map { ("part\($0.offset + 1).json", Data($0.element.json.utf8)) })
            let jsonText = StringOutput()
            json.write(to: jsonText)
            #expect(jsonText.text == whole.json, "\(label): the JSON merge of \(count) parts differs from one run")
            let sarif = try ReportMerger().merge(parts.enumerated().map { ("part\($0.offset + 1).sarif", Data($0.element.sarif.utf8)) })
            let sarifText = StringOutput()
            sarif.write(to: sarifText)
            #expect(sarifText.text == whole.sarif, "\(label): the SARIF merge of \(count) parts differs from one run")
        }
    }

    @Test(arguments: ["Tests/Fixtures/eval", "Tests/Fixtures/eval-phi", "demo"])
    func mergedPartsOfATreeEqualOneRun(_ folder: String) throws {
        let root = TestPaths.packageRoot.appendingPathComponent(folder).path
        let setup = try RunSetup(root: root, configPath: nil, extraRules: [], failOn: nil, maxFileSize: nil, baselinePath: nil)
        try Self.expectMergesEqualOneRun(folder, setup: setup, source: .tree(root))
    }

    @Test func mergedPartsOfAHistoryEqualOneRun() throws {
        var fake = FakeSecrets(seed: 1818)
        let repository = try GitRepository("promptscan-shard-history")
        defer { repository.remove() }
        let key = fake.anthropicKey()
        for commit in 0..<24 {
            try repository.write("notes/n\(commit % 5).md", "note \(commit)\ncontact: rosa.mendez\(commit % 3)@gmail.com\n")
            if commit % 4 == 0 {
                // The same line added again by later commits: equal places, different commits.
                try repository.write("CLAUDE.md", "Use \(key) for the agent.\n")
            } else if commit % 4 == 2 {
                try repository.write("CLAUDE.md", "no key\n")
            }
            if commit == 7 {
                // A heavy commit: many files at once.
                for file in 0..<80 { try repository.write("bulk/f\(file).env", "TOKEN=\(fake.githubToken())\n") }
            }
            try repository.git("add", "-A")
            try repository.git("commit", "-q", "-m", "c\(commit)")
        }
        let setup = try RunSetup(root: repository.path, configPath: nil, extraRules: [], failOn: nil, maxFileSize: nil, baselinePath: nil)
        try Self.expectMergesEqualOneRun("history", setup: setup, source: .history(Git(directory: repository.path), since: nil))
    }

    @Test func mergedPartsOfThisRepositorysHistoryEqualOneRun() throws {
        // Real history: 38 commits of this project (666 findings in its test corpora), in a clone
        // checked out at a fixed commit; skipped where that history is not at hand.
        let pinned = "f08607d"
        let source = Git(directory: TestPaths.packageRoot.path)
        guard let found = try? source.run(["rev-parse", "--verify", "--quiet", pinned + "~15^{commit}"]), found.status == 0 else {
            print("skipped: this checkout does not hold the history down to \(pinned)~15")
            return
        }
        let clone = try TemporaryDirectory("promptscan-shard-self")
        defer { clone.remove() }
        for arguments in [["clone", "-q", "--no-checkout", TestPaths.packageRoot.path, clone.path], ["-C", clone.path, "checkout", "-q", pinned]] {
            let result = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), arguments, environment: GitRepository.environment)
            try #require(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let setup = try RunSetup(root: clone.path, configPath: nil, extraRules: [], failOn: nil, maxFileSize: nil, baselinePath: nil)
        // (Four splits, not eight: each is a history walk of its own; the trees above try all eight.)
        try Self.expectMergesEqualOneRun(
            "this repository's history", setup: setup, source: .history(Git(directory: clone.path), since: pinned + "~15"),
            partCounts: [1, 2, 3, 8])
    }

    // MARK: - Refusals

    static func partReports(count: Int) throws -> [(path: String, data: Data)] {
        let root = TestPaths.packageRoot.appendingPathComponent("demo").path
        let setup = try RunSetup(root: root, configPath: nil, extraRules: [], failOn: nil, maxFileSize: nil, baselinePath: nil)
        var options = ScanSession.Options()
        options.threads = 2
        return try (1...count).map { index in
            options.shard = Shard(index: index, count: count)
            return ("p\(index).json", Data(try reports(ScanSession(setup: setup, source: .tree(root), options: options), context: context).json.utf8))
        }
    }

    static func refusal(_ reports: [(path: String, data: Data)]) -> String {
        do {
            _ = try ReportMerger().merge(reports)
            return ""
        } catch {
            return error.description
        }
    }

    @Test func aMissingRepeatedOrForeignPartIsRefused() throws {
        let parts = try Self.partReports(count: 3)
        #expect(Self.refusal(parts).isEmpty)
        #expect(Self.refusal([parts[0], parts[2]]).contains("part 2 of 3 missing"))
        #expect(Self.refusal([parts[0], parts[1], parts[1], parts[2]]).contains("given twice"))
        // A part of another commit.
        let foreign = String(decoding: parts[1].data, as: UTF8.self).replacingOccurrences(
            of: #""revision" : ""#, with: #""revision" : "0000000000"#)
        #expect(foreign != String(decoding: parts[1].data, as: UTF8.self))
        #expect(Self.refusal([parts[0], ("p2.json", Data(foreign.utf8)), parts[2]]).contains("of another run"))
        // Parts of another split.
        let other = try Self.partReports(count: 2)
        #expect(Self.refusal([parts[0], other[1], parts[2]]).contains("number of parts"))
        // A whole run's report is not a part.
        let whole = String(decoding: parts[0].data, as: UTF8.self).components(separatedBy: "\n  \"shard\"")[0]
        #expect(Self.refusal([("whole.json", Data((whole + "\n}").utf8))]).contains("not"))
        #expect(Self.refusal([("x.json", Data("[]".utf8))]).contains("not a JSON or SARIF report"))
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
