import Foundation
import TestSupport
import Testing

/// Hostile inputs from issue 19 that must stay bounded: a HAR of gzip bombs stays under 1 GB with
/// a notice (item 4).
@Suite(.serialized) struct BoundedWorkTests {
    @Test func harOfGzipBombsFinishesUnderOneGigabyteWithANotice() throws {
        let dir = try TemporaryDirectory("promptscan-bomb")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 1904)
        let key = fake.anthropicKey()
        // One body inflating to exactly 16 MiB (the per-body limit), gzip'd once and repeated 411 times.
        var body = Array("{\"api_key\": \"\(key)\"}\n".utf8)
        let line = Array((String(repeating: "x", count: 65535) + "\n").utf8)  // (compresses about 1000:1)
        while body.count + line.count <= 16 << 20 { body += line }
        body += [UInt8](repeating: UInt8(ascii: "y"), count: (16 << 20) - body.count)
        let raw = try dir.write("body.txt", Data(body))
        let gzipped = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["gzip", "-n", "-9", raw.path])
        #expect(gzipped.status == 0)
        let encoded = try Data(contentsOf: dir.url.appendingPathComponent("body.txt.gz")).base64EncodedString()
        try FileManager.default.removeItem(at: dir.url.appendingPathComponent("body.txt.gz"))
        let entry = "{\"response\": {\"content\": {\"mimeType\": \"application/json\", \"encoding\": \"base64\", \"text\": \"\(encoded)\"}}}"
        let har = "{\"log\": {\"entries\": [\n" + Array(repeating: entry, count: 411).joined(separator: ",\n") + "\n]}}\n"
        try dir.write("scan/bomb.har", har)
        #expect(har.utf8.count < 10 << 20)  // under the default --max-file-size
        let (result, _, rss) = try LongLineTests.measured(["scan", "--format", "json", "scan"], in: dir.url)
        #expect(result.status == 1, "\(result.stderr)")
        let object = try LongLineTests.json(result)
        let findings = object["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule_id"] as? String == "anthropic-api-key" })
        let notices = object["notices"] as? [[String: Any]] ?? []
        #expect(
            notices.contains {
                $0["kind"] as? String == "partially-decoded" && ($0["message"] as? String)?.contains("budget") == true
            })
        if let rss { #expect(rss < 1_000_000, "peak RSS \(rss) KiB") }
    }
}
