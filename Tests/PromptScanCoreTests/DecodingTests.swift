import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Decoders (docs/detection.md, "Decoding"): each finding in decoded content is located at the line of the
/// original file that holds the encoded text and says how it was decoded.
@Suite struct DecodingTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func scan(_ bytes: [UInt8], path: String) -> FileScanner.ContentResult {
        FileScanner(ruleSet: Self.rules, showSecrets: true)
            .scanContent(bytes, path: path, fileClass: FileClass.classify(path), scratch: MatchScratch(groups: Self.rules.maxGroups + 1))
    }

    func gzip(_ text: String) throws -> [UInt8] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("c.yaml", text)
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["gzip", "-n", file.path])
        #expect(result.status == 0)
        return Array(try Data(contentsOf: dir.url.appendingPathComponent("c.yaml.gz")))
    }

    @Test func gzipCassetteIsInflatedAndScanned() throws {
        var fake = FakeSecrets(seed: 61)
        let key = fake.anthropicKey()
        let cassette = "interactions:\n- request:\n    headers:\n      x-api-key:\n      - \(key)\n"
        let result = scan(try gzip(cassette), path: "tests/cassettes/test_messages.yaml.gz")
        let finding = try #require(result.findings.first { $0.ruleID == "anthropic-api-key" })
        #expect(finding.line == 5)
        #expect(finding.decodedFrom == "gzip")
        #expect(finding.revealed == key)
        // Corrupt gzip is a skipped file with a reason, not a crash.
        let broken = scan([0x1F, 0x8B, 0x08, 0, 1, 2, 3], path: "x.yaml.gz")
        #expect(broken.findings.isEmpty && broken.notices.first?.kind == .skipped)
    }

    @Test func harBase64BodyPointsAtItsLine() throws {
        var fake = FakeSecrets(seed: 62)
        let key = fake.openAIProjectKey()
        let body = Data("{\"api_key\": \"\(key)\"}".utf8).base64EncodedString()
        let har = """
            {"log": {"entries": [{
              "request": {"url": "https://example.com"},
              "response": {"content": {"mimeType": "application/json",
                "encoding": "base64",
                "text": "\(body)"}}
            }]}}
            """
        let finding = try #require(scan(Array(har.utf8), path: "rec.har").findings.first { $0.ruleID.hasPrefix("openai") })
        #expect(finding.line == 5)
        #expect(finding.decodedFrom == "har-base64")
        #expect(finding.revealed == key)
    }

    @Test func vcrBase64StringAndBinaryBlocks() throws {
        var fake = FakeSecrets(seed: 63)
        let key = fake.githubToken()
        let encoded = Data("Authorization: token \(key)\n".utf8).base64EncodedString()
        let half = encoded.index(encoded.startIndex, offsetBy: encoded.count / 2)
        let ruby = """
            http_interactions:
            - request:
                body:
                  encoding: UTF-8
                  base64_string: |
                    \(encoded[..<half])
                    \(encoded[half...])
            recorded_with: VCR 6.2.0
            """
        let finding = try #require(scan(Array(ruby.utf8), path: "spec/cassettes/gh.yml").findings.first)
        #expect(finding.ruleID == "github-personal-access-token")
        #expect(finding.decodedFrom == "vcr-base64")
        #expect((6...7).contains(finding.line))
        let vcrpy = "interactions:\n- request:\n    body: !!binary |\n      \(encoded)\n"
        let binary = try #require(scan(Array(vcrpy.utf8), path: "tests/cassettes/a.yaml").findings.first)
        #expect(binary.decodedFrom == "!!binary")
        #expect(binary.line == 4)
    }

    @Test func jsonEscapesInRecordedBodiesAreResolved() throws {
        // The generic rule cannot see through \" escapes; after decoding it can, and the finding
        // points at the line of the original file.
        let value = "9FJE6jdSXeJ-U7aTyPs1KPgUrms6eNpjbaX3"
        let recorded = "[{\"scope\": \"https://auth.example.com\",\n  \"body\": \"{\\\"client_secret\\\": \\\"\(value)\\\"}\"}]\n"
        #expect(
            FileScanner(ruleSet: Self.rules).scan(
                Array(recorded.utf8).withUnsafeBytes { $0 }, path: "x", fileClass: .fixture,
                scratch: MatchScratch(groups: Self.rules.maxGroups + 1)
            ).findings.isEmpty)
        let finding = try #require(scan(Array(recorded.utf8), path: "test/fixtures/nock/auth.json").findings.first)
        #expect(finding.line == 2)
        #expect(finding.decodedFrom == "json-string")
        #expect(finding.revealed == value)
    }

    @Test func notebookSourceIsScannedAndImagesAreSkipped() throws {
        var fake = FakeSecrets(seed: 64)
        let key = fake.anthropicKey()
        let value = "9FJE6jdSXeJ-U7aTyPs1KPgUrms6eNpjbaX3"
        // An image payload that happens to contain a key-shaped string must not be reported.
        let image = Data((0..<300).map { UInt8($0 % 256) }).base64EncodedString() + key
        let notebook = """
            {"cells": [{"cell_type": "code", "execution_count": 1,
              "source": ["client_secret = \\"\(value)\\"\\n"],
              "outputs": [{"output_type": "display_data", "data": {"image/png": "\(image)", "text/plain": ["<Figure>"]}}]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """
        let findings = scan(Array(notebook.utf8), path: "nb/a.ipynb").findings
        #expect(findings.map(\.ruleID) == ["generic-secret-assignment"])
        #expect(findings.first?.decodedFrom == "notebook-source")
        #expect(findings.first?.line == 2)
    }

    @Test func offsetMapsComposeThroughEscapesAndBase64() throws {
        let text = "\"a\\u00e9\\\"b\""
        let bytes = Array(text.utf8)
        let decoded = try #require(bytes.withUnsafeBytes { JSONStringDecoder.decode($0, 1..<(bytes.count - 1)) })
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == "aé\"b")
        #expect(decoded.offsets == [1, 2, 2, 8, 10, 11])
        let b64 = Array("aGVsbG8gd29ybGQh".utf8)
        let plain = try #require(b64.withUnsafeBytes { Base64Decoder.decode($0, [0..<b64.count], kind: "t") })
        #expect(String(decoding: plain.bytes, as: UTF8.self) == "hello world!")
        #expect(plain.originalRange(of: 6..<11) == 8..<14)  // "world": from the quad holding its first byte
    }

    // MARK: issue 19 items 4 and 8: budgets, offset maps, no silent partial decoding

    /// A HAR entry whose body is base64 of `body`.
    static func harEntry(_ body: String) -> String {
        let encoded = Data(body.utf8).base64EncodedString()
        return "{\"response\": {\"content\": {\"encoding\": \"base64\", \"text\": \"\(encoded)\"}}}"
    }

    @Test func harNestedDeeperThan256LevelsStillReportsItsKey() throws {
        var fake = FakeSecrets(seed: 191)
        let key = fake.anthropicKey()
        let deep = String(repeating: "[", count: 300) + "1" + String(repeating: "]", count: 300)
        let har = "{\"log\": {\"entries\": [\n\(Self.harEntry("{\"api_key\": \"\(key)\"}"))\n], \"extra\": \(deep)}}\n"
        let result = scan(Array(har.utf8), path: "rec.har")
        let finding = try #require(result.findings.first { $0.ruleID == "anthropic-api-key" })
        #expect(finding.decodedFrom == "har-base64")
        #expect(finding.line == 2)
        #expect(result.notices.isEmpty)
        // 100,000 levels: no recursion, so no crash; decoding goes on past them.
        let deeper = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let far = "{\"a\": \(deeper), \"log\": {\"entries\": [\(Self.harEntry("token=\(key)"))]}}"
        #expect(scan(Array(far.utf8), path: "rec.har").findings.contains { $0.decodedFrom == "har-base64" })
    }

    @Test func invalidHARSaysItCouldNotDecodeAndKeepsWhatCameBefore() throws {
        var fake = FakeSecrets(seed: 192)
        let key = fake.anthropicKey()
        // Cut short: not valid JSON. The body before the break is still decoded.
        let har = "{\"log\": {\"entries\": [\n\(Self.harEntry("{\"api_key\": \"\(key)\"}")),\n{\"response\": "
        let result = scan(Array(har.utf8), path: "rec.har")
        #expect(result.findings.contains { $0.ruleID == "anthropic-api-key" && $0.decodedFrom == "har-base64" })
        let notice = try #require(result.notices.first { $0.kind == .partiallyDecoded })
        #expect(notice.message.contains("not valid JSON at byte"))
        #expect(notice.line.hasPrefix("rec.har: partially-decoded: "))
        // A notebook that is not JSON at all says so too; a TOML fixture that starts with '[' does not.
        #expect(scan(Array("not json {".utf8), path: "nb/a.ipynb").notices.contains { $0.kind == .partiallyDecoded })
        #expect(scan(Array("[tool]\nname = 1\n".utf8), path: "cassettes/a.toml").notices.isEmpty)
    }

    @Test func jsonlLinesThatAreNotJSONAreCounted() throws {
        let lines = "{\"a\": \"x\\ny\"}\n{broken\n\n{\"b\": 1}\n"
        let result = scan(Array(lines.utf8), path: "logs/chat.jsonl")
        let notice = try #require(result.notices.first { $0.kind == .partiallyDecoded })
        #expect(notice.message.hasPrefix("1 of 3 lines are not valid JSON"))
    }

    @Test func decodingStopsAtTheFileBudgetWithANotice() throws {
        // Three base64+gzip bodies of 1 MiB each against a 1.5 MiB budget.
        var fake = FakeSecrets(seed: 193)
        let key = fake.anthropicKey()
        let body = "token=\(key)\n" + String(repeating: "recorded filler text\n", count: 1 << 20 / 21)
        let zipped = try gzip(body).base64Chunk()
        let entry = "{\"response\": {\"content\": {\"encoding\": \"base64\", \"text\": \"\(zipped)\"}}}"
        let har = "{\"log\": {\"entries\": [\(entry),\n\(entry),\n\(entry)]}}"
        let result = Array(har.utf8).withUnsafeBytes { ContainerDecoder.decode($0, path: "a.har", fileClass: .fixture, budget: 3 << 19) }
        let decoded = try #require(result.decoded)
        #expect(decoded.bytes.count <= 3 << 19)
        #expect(decoded.bytes.count > 1 << 20)
        #expect(result.incomplete.contains { $0.hasPrefix("decoding stopped at the budget of 1572864 decoded bytes") })
        // Whole, the same file decodes without a notice.
        let whole = Array(har.utf8).withUnsafeBytes { ContainerDecoder.decode($0, path: "a.har", fileClass: .fixture) }
        #expect(whole.incomplete.isEmpty && (whole.decoded?.bytes.count ?? 0) >= 3 * body.utf8.count)
        // The run's budget is shared: once spent, files say the run's budget stopped them.
        let engine = ScanEngine(scanner: FileScanner(ruleSet: Self.rules), options: .init(threads: 1, decodeBudget: 1 << 20))
        let report = engine.scan([ScanItem(path: "a.har", source: .bytes(Array(har.utf8))), ScanItem(path: "b.har", source: .bytes(Array(har.utf8)))])
        let notices = report.notices.filter { $0.kind == .partiallyDecoded }
        #expect(notices.count == 2)
        #expect(notices.allSatisfy { $0.message.contains("the run's budget of 1048576 decoded bytes is used up") })
        // (The first file scanned decodes the start of its first body, which holds the key.)
        #expect(report.findings.contains { $0.decodedFrom == "har-base64+gzip" })
    }

    @Test func offsetMapsCostFarLessThanEightBytesPerDecodedByte() throws {
        // About 300 KB of base64 wrapped at 76 columns inside a JSON string (\n escapes), and an inflated body.
        var random = FakeSecrets(seed: 194)
        let plain = (0..<4000).map { _ in "line of recorded text \(random.token(FakeSecrets.base62, 40))" }.joined(separator: "\n")
        let encoded = Data(plain.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let json = "{\"encoding\": \"base64\", \"text\": \"" + encoded.replacingOccurrences(of: "\n", with: "\\n") + "\"}"
        let result = Array(json.utf8).withUnsafeBytes { ContainerDecoder.decode($0, path: "x.har", fileClass: .fixture) }
        let decoded = try #require(result.decoded)
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == plain)
        #expect(decoded.map.footprint * 2 < decoded.bytes.count)  // under half a byte per decoded byte
        // Every byte still maps exactly: byte i comes from base64 character i * 4 / 3 (escapes and padding skipped).
        let bytes = Array(json.utf8)
        var origins: [Int] = []
        var position = Array("{\"encoding\": \"base64\", \"text\": \"".utf8).count
        while position < bytes.count - 2 {
            if bytes[position] == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if bytes[position] != UInt8(ascii: "=") { origins.append(position) }
            position += 1
        }
        let expected: [Int] = (0..<decoded.bytes.count).map { (i: Int) -> Int in origins[i * 4 / 3] }
        let mapped: [Int] = Array(decoded.offsets.dropLast())
        #expect(mapped == expected)
        let gz = try gzip(String(repeating: "a", count: 1 << 20)).base64Chunk()
        let inflated = Array("{\"encoding\": \"base64\", \"text\": \"\(gz)\"}".utf8).withUnsafeBytes {
            ContainerDecoder.decode($0, path: "x.har", fileClass: .fixture)
        }
        #expect(inflated.decoded?.bytes.count == 1 << 20)
        #expect((inflated.decoded?.map.footprint ?? .max) <= 64)
    }
}

extension [UInt8] {
    /// Base64 of the bytes, on one line.
    func base64Chunk() -> String { Data(self).base64EncodedString() }
}
