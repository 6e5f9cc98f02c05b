import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

@Suite struct ScanEngineTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func engine(threads: Int) -> ScanEngine {
        ScanEngine(scanner: FileScanner(ruleSet: Self.rules), options: .init(threads: threads))
    }

    /// A folder of many files with secrets in some of them.
    func makeTree(_ dir: TemporaryDirectory, files: Int) throws {
        var fake = FakeSecrets(seed: 42)
        for index in 0..<files {
            var text = "# file \(index)\nnothing to see\n"
            if index % 3 == 0 { text += "ANTHROPIC_API_KEY=\(fake.anthropicKey())\n" }
            if index % 5 == 0 { text += "token: \(fake.githubToken())\n" }
            if index % 7 == 0 { text += String(repeating: "filler line\n", count: index * 10) + "slack=\(fake.slackBotToken())\n" }
            try dir.write("d\(index % 9)/f\(index).txt", text)
        }
    }

    @Test func resultsAreIdenticalWhateverTheThreadCount() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeTree(dir, files: 300)
        let items = try FileWalker().walk(root: dir.path).items
        let one = engine(threads: 1).scan(items)
        let context = ReportContext(rules: Self.rules.rules.map(\.rule))
        let reference = SarifReporter().render(one, context: context)
        #expect(one.findings.count == 100 + 60 + 43)
        for threads in [2, 4, 8] {
            for _ in 0..<3 {
                let shuffled = items.shuffled()
                let report = engine(threads: threads).scan(shuffled)
                #expect(SarifReporter().render(report, context: context) == reference)
            }
        }
    }

    /// Items handed over while a producer runs (as the directory walk does) give the same report
    /// as the same items in a list, whatever the thread count and however slowly they come.
    @Test func aStreamingProducerGivesTheSameReportAsAList() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeTree(dir, files: 200)
        let context = ReportContext(rules: Self.rules.rules.map(\.rule))
        let items = try FileWalker().walk(root: dir.path).items
        let reference = SarifReporter().render(engine(threads: 1).scan(items), context: context)
        for threads in [1, 2, 4] {
            let report = engine(threads: threads).scan { emit in
                try? FileWalker().walk(root: dir.path) { item in
                    if item.path.hasSuffix("0.txt") { usleep(500) }  // a slow walk: workers wait, then go on
                    emit(item)
                }
            }
            #expect(report.findings.count == 67 + 40 + 29)
            #expect(SarifReporter().render(report, context: context) == reference)
        }
        #expect(engine(threads: 2).scan { _ in }.findings.isEmpty)
    }

    /// Tasks of a megabyte or more are taken first; the others in order until the producer
    /// finishes, then largest first; and every worker is told when nothing is left.
    @Test func taskQueueOrder() {
        let queue = TaskQueue()
        func item(_ n: Int) -> ScanEngine.Task { .item(n, ScanItem(path: "\(n)", source: .bytes([]))) }
        func next() -> Int? {
            guard case let .item(n, _)? = queue.next() else { return nil }
            return n
        }
        queue.push(item(1), weight: 10)
        queue.push(item(2), weight: 30)
        queue.push(item(3), weight: 2 << 20)
        #expect(next() == 3)
        #expect(next() == 1)
        queue.push(item(4), weight: 5)
        queue.push(item(5), weight: 50)
        queue.finish(workers: 2)
        #expect(next() == 5)
        #expect(next() == 2)
        #expect(next() == 4)
        #expect(next() == nil)
        #expect(next() == nil)
    }

    @Test func binaryUTF16AndVanishedFilesAreReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("blob.bin", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]))
        try dir.write("utf16.txt", Data([0xFF, 0xFE, 0x41, 0x00]))
        try dir.write("empty.txt", Data())
        try dir.write("invalid-utf8.txt", Data([0xC3, 0x28, 0x0A] + Array("password = \"Xq7#pL9!vR2$\"\n".utf8)))
        let gone = try dir.write("gone.txt", "soon gone")
        let items = try FileWalker().walk(root: dir.path).items
        try FileManager.default.removeItem(at: gone)
        let report = engine(threads: 2).scan(items)
        let notices = Dictionary(uniqueKeysWithValues: report.notices.map { ($0.path, $0) })
        #expect(notices["blob.bin"]?.message.contains("binary file") == true)
        #expect(notices["utf16.txt"]?.message.contains("UTF-16") == true)
        #expect(notices["gone.txt"]?.kind == .unreadable)
        #expect(report.filesScanned == 2)
        #expect(report.findings.map(\.path) == ["invalid-utf8.txt"])
        #expect(report.findings.first?.line == 2)
    }

    @Test func inMemoryItemsScanLikeFiles() {
        var fake = FakeSecrets(seed: 9)
        let item = ScanItem(path: "staged/.env", source: .bytes(Array("KEY=\(fake.stripeLiveKey())\n".utf8)))
        let report = engine(threads: 1).scan([item])
        #expect(report.findings.map(\.ruleID) == ["stripe-live-secret-key"])
        #expect(report.findings.first?.fileClass == .env)
    }

    @Test func filesThatShrinkGrowOrVanishAfterTheWalkLoseNothingAndCrashNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 31)
        let key = fake.anthropicKey()
        // Large (windowed) and small files, each changed between the walk and the scan.
        let big = Data(repeating: 0x61, count: 40 << 20)
        try dir.write("shrinks-large.txt", big)
        try dir.write("vanishes-large.txt", big)
        try dir.write("grows-small.txt", "small\n")
        try dir.write("shrinks-small.txt", String(repeating: "filler\n", count: 1000))
        let items = try FileWalker(
            options: {
                var o = FileWalker.Options()
                o.maxFileSize = 1 << 30
                return o
            }()
        ).walk(root: dir.path).items
        #expect(items.count == 4)
        try dir.write("shrinks-large.txt", "ANTHROPIC_API_KEY=\(key)\n")
        try FileManager.default.removeItem(atPath: dir.path + "/vanishes-large.txt")
        try dir.write("grows-small.txt", Data(repeating: 0x62, count: 3 << 20) + Data("\nANTHROPIC_API_KEY=\(key)\n".utf8))
        try dir.write("shrinks-small.txt", "x=\(key)\n")
        let report = ScanEngine(scanner: FileScanner(ruleSet: Self.rules), options: .init(threads: 2, maxFileSize: 1 << 30)).scan(items)
        #expect(report.findings.map(\.path) == ["grows-small.txt", "shrinks-large.txt", "shrinks-small.txt"])
        #expect(report.findings.map(\.line) == [2, 1, 1])
        #expect(report.notices.map(\.path) == ["vanishes-large.txt"])
        #expect(report.notices.first?.kind == .unreadable)
        // Grown past the limit after the walk: skipped with the reason, not read whole.
        let limited = ScanEngine(scanner: FileScanner(ruleSet: Self.rules), options: .init(threads: 1, maxFileSize: 1 << 20))
            .scan(items.filter { $0.path == "grows-small.txt" })
        #expect(limited.notices.first?.message.contains("over the 1048576-byte limit") == true)
    }
}
