import Foundation
import Testing
import TestSupport
@testable import PromptScanCore

/// Decoders (DETECTION.md §4.3–4.4): each finding in decoded content is located at the line of the
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
        #expect(FileScanner(ruleSet: Self.rules).scan(Array(recorded.utf8).withUnsafeBytes { $0 }, path: "x", fileClass: .fixture,
                                                        scratch: MatchScratch(groups: Self.rules.maxGroups + 1)).findings.isEmpty)
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
}
