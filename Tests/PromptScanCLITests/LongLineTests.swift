import Foundation
import TestSupport
import Testing

/// Issue 19 item 5: many findings on one line cost what they cost on many lines (the work per
/// finding around it must not grow with the number of findings on its line or in its file).
@Suite(.serialized) struct LongLineTests {
    /// Runs the binary under `/usr/bin/time`; returns the result, the child's CPU seconds (user +
    /// system: unlike wall time, other processes on a shared machine barely move it) and peak RSS in
    /// KiB. Without `/usr/bin/time`: wall seconds and nil.
    static func measured(_ arguments: [String], in directory: URL) throws -> (ProcessResult, Double, Int?) {
        let started = Date()
        let time = URL(fileURLWithPath: "/usr/bin/time")
        guard FileManager.default.isExecutableFile(atPath: time.path) else {
            let result = try promptscan(arguments, in: directory)
            return (result, Date().timeIntervalSince(started), nil)
        }
        let rss = directory.appendingPathComponent(".rss")
        let result = try runProcess(time, ["-f", "%U %S %M", "-o", rss.path, TestPaths.binary.path] + arguments, in: directory)
        let wall = Date().timeIntervalSince(started)
        let text = (try? String(contentsOf: rss, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: rss)
        let fields = text.split(separator: "\n").last.map { $0.split(separator: " ").map(String.init) } ?? []
        guard fields.count == 3, let user = Double(fields[0]), let system = Double(fields[1]) else { return (result, wall, nil) }
        return (result, user + system, Int(fields[2]))
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// Scans the values laid out on one line and on one line each; returns both CPU times and
    /// finding counts. Each layout runs once; only when the one-line layout took twice as long or
    /// more are both run again and the faster times kept (other tests share the machine, and CPU
    /// time still moves a little with load).
    static func compareLayouts(_ values: [String], separator: String, path: String) throws -> (Double, Double, Int, Int) {
        let dir = try TemporaryDirectory("promptscan-longline")
        defer { dir.remove() }
        try dir.write("one/\(path)", values.joined(separator: separator) + "\n")
        try dir.write("many/\(path)", values.joined(separator: "\n") + "\n")
        // (No finding cap: every finding gets the per-finding work being measured.)
        let options = ["scan", "--format", "json", "--max-findings-per-rule", "0", "--max-findings-per-file", "0"]
        let (one, oneFirst, _) = try measured(options + ["one"], in: dir.url)
        let (many, manyFirst, _) = try measured(options + ["many"], in: dir.url)
        var oneSeconds = oneFirst
        var manySeconds = manyFirst
        if oneSeconds >= 2 * manySeconds {
            let (_, oneAgain, _) = try measured(options + ["one"], in: dir.url)
            let (_, manyAgain, _) = try measured(options + ["many"], in: dir.url)
            oneSeconds = min(oneSeconds, oneAgain)
            manySeconds = min(manySeconds, manyAgain)
        }
        let oneCount = (try json(one)["findings"] as? [[String: Any]])?.count ?? 0
        let manyCount = (try json(many)["findings"] as? [[String: Any]])?.count ?? 0
        return (oneSeconds, manySeconds, oneCount, manyCount)
    }

    /// The issue's case: 50,000 e-mail addresses on one line and on 50,000 lines. A walk to the
    /// line's start per finding would cost about 50,000 × 1 MB on the one line, thousands of times
    /// the work of the findings themselves.
    @Test func fiftyThousandEmailsOnOneLineCostWhatTheyCostOnFiftyThousandLines() throws {
        let emails = (0..<50_000).map { "contact jane.doe\($0)@stmarys-hospital.org" }
        let (one, many, oneCount, manyCount) = try Self.compareLayouts(emails, separator: ", ", path: "prompts/contacts.md")
        #expect(manyCount == 50_000)
        #expect(oneCount == 50_000)
        #expect(one < 2 * many, "one line \(one) s, many lines \(many) s")
    }

    @Test func thousandsOfSSNsAndPhonesOnOneLineCostWhatTheyCostOnManyLines() throws {
        var values: [String] = []
        for i in 0..<5_000 {
            let area = 100 + i % 500
            let group = 10 + i % 89
            let serial = 1000 + i % 8999
            values.append("ssn \(area)-\(group)-\(serial)")
            values.append("phone (646) 273-\(String(format: "%04d", 1000 + i % 8999))")
        }
        let (one, many, oneCount, manyCount) = try Self.compareLayouts(values, separator: "; ", path: "prompts/people.md")
        #expect(manyCount >= 10_000)
        #expect(oneCount >= 10_000)
        #expect(one < 2 * many, "one line \(one) s, many lines \(many) s")
    }
}
