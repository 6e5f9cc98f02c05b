import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Client identifiers as keyed hashes (docs/detection.md, "Client identifiers"): the normalisation
/// and HMAC test vector, build-time variants, n-gram matching with the gate, and findings that never name the term.
@Suite struct ClientTermsTests {
    static let key = "test-key-do-not-use"

    @Test func specTestVector() {
        #expect(TermNormalizer.tokens(of: "ＡＣＭＥ  Corp.") == ["acme", "corp"])
        let hasher = TermHasher(key: Self.key)
        #expect(TermHasher.hex(hasher.entryHash(["acme", "corp"])) == "6e31f526c8226704")
        #expect(TermHasher.hex(hasher.gateHash("acme")) == "b7d6cd22576384ab")
    }

    @Test func normalisation() {
        #expect(TermNormalizer.tokens(of: "AcmeCorp") == ["acme", "corp"])
        #expect(TermNormalizer.tokens(of: "acme_corp") == ["acme", "corp"])
        #expect(TermNormalizer.tokens(of: "ACME\u{200B} CORP") == ["acme", "corp"])
        #expect(TermNormalizer.tokens(of: "AC\u{200B}ME") == ["acme"])
        #expect(TermNormalizer.tokens(of: "project-bluebird") == ["project", "bluebird"])
        #expect(TermNormalizer.tokens(of: "Zürich Versicherungs-Gesellschaft AG") == ["zurich", "versicherungs", "gesellschaft", "ag"])
        #expect(TermNormalizer.tokens(of: "HTTPServer") == ["http", "server"])
        let text = "x = AcmeCorp"
        let tokens = Array(text.utf8).withUnsafeBytes { TermNormalizer.tokens(in: $0) }
        #expect(tokens.map(\.text) == ["x", "acme", "corp"])
        #expect(tokens[1].range == 4..<8 && tokens[2].range == 8..<12)
    }

    func matcher(_ list: String) throws -> TermsMatcher {
        let built = try TermsBuilder.build(list: list, key: Self.key)
        // Round trip through the YAML that is committed.
        let file = try YAMLDecoderRoundTrip.decode(built.file.yaml())
        return try TermsMatcher(file: file, key: Self.key)
    }

    func hits(_ matcher: TermsMatcher, _ text: String) -> [String] {
        Array(text.utf8).withUnsafeBytes { matcher.hits(in: $0, scratch: MatchScratch()).map(\.id) }
    }

    @Test func variantsMatch() throws {
        let m = try matcher("Acme Corp\tC-0042\tcustomer\nProject Bluebird\tP-0007\tcodename\nZürich Versicherungs-Gesellschaft AG\n")
        for text in ["acme_corp", "AcmeCorp rollout", "ACME\u{200B} CORP", "ask ACME Inc. about it", "acme corporation", "acmecorp"] {
            #expect(hits(m, text) == ["C-0042"], "\(text)")
        }
        #expect(hits(m, "the project-bluebird launch") == ["P-0007"])
        #expect(hits(m, "zurich versicherungs gesellschaft ag") == ["T-0003"])
        #expect(hits(m, "Zurich Versicherungs Gesellschaft") == ["T-0003"])
        // Without its legal suffix the name still matches ("Acme" for "Acme Corp"); parts of other names do not.
        #expect(hits(m, "ask acme") == ["C-0042"])
        for text in ["bluebird", "project plan", "acmes", "corporate", "nothing here"] { #expect(hits(m, text).isEmpty, "\(text)") }
    }

    @Test func suffixesWrittenWithACaseChangeOrAsDescriptorsAreOptional() throws {
        let m = try matcher("Ostwind Mobility GmbH\tC-1\nPemberton Ashby LLP\tC-2\nTollbridge Fleet Services\tC-3\nAldersey Group\tC-4\n")
        #expect(hits(m, "the Ostwind Mobility account") == ["C-1"])
        #expect(hits(m, "outline a pitch for Pemberton Ashby's team") == ["C-2"])
        #expect(hits(m, "machine gitlab.pemberton-ashby.com") == ["C-2"])
        #expect(hits(m, "Tollbridge Fleet: refer only HIGH") == ["C-3"])
        #expect(hits(m, "https://files.tollbridge-fleet.com/api/upload") == ["C-3"])
        // A descriptor is dropped only where two words remain: "Aldersey" alone is no variant.
        #expect(hits(m, "Aldersey Group") == ["C-4"])
        #expect(hits(m, "Aldersey #0412").isEmpty)
        #expect(hits(m, "the Tollbridge fleet depot").count == 1)
        #expect(hits(m, "Mobility GmbH").isEmpty)
    }

    @Test func termsFileHoldsOnlyHashes() throws {
        let built = try TermsBuilder.build(list: "Acme Corp\tC-0042\nregex: (?<![A-Z0-9])ACME-\\d{6}(?![0-9])\n# comment\n\nAB\n", key: Self.key)
        let yaml = built.file.yaml()
        #expect(!yaml.lowercased().contains("acme corp") && !yaml.lowercased().contains("acmecorp"))
        #expect(yaml.contains("6e31f526c8226704"))
        #expect(yaml.contains("b7d6cd22576384ab"))
        #expect(built.file.patterns?.count == 1)
        #expect(built.warnings.count == 1 && built.warnings[0].hasPrefix("line 5"))
        #expect(!built.warnings[0].contains("AB"))
        // A different key gives different hashes.
        let other = try TermsBuilder.build(list: "Acme Corp\n", key: "another-key")
        #expect(!other.file.yaml().contains("6e31f526c8226704"))
    }

    @Test func findingsNameTheIDNotTheTerm() throws {
        var scanner = FileScanner(ruleSet: try RuleSet([]))
        scanner.terms = try matcher("Acme Corp\tC-0042\tcustomer\nregex: (?<![A-Z0-9])ACME-\\d{6}(?![0-9])\n")
        let text = "Summarise the Acme Corp renewal for account ACME-123456."
        let findings = Array(text.utf8).withUnsafeBytes {
            scanner.scan($0, path: "p.prompt", fileClass: .prompt, scratch: MatchScratch()).findings
        }
        #expect(findings.map(\.ruleID) == ["client-term", "client-term"])
        #expect(findings[0].message == "client identifier C-0042 (customer) in prompt file")
        #expect(findings[0].severity == .critical)
        #expect(findings[1].message.contains("ACCT-0001"))
        for finding in findings {
            #expect(!finding.message.lowercased().contains("acme") && !finding.preview.lowercased().contains("acme"))
        }
        let log = SarifReporter().render(ScanReport(findings: findings), context: ReportContext(rules: [TermsMatcher.rule]))
        #expect(!log.lowercased().contains("acme"))
    }

    @Test func tenThousandTermsCostLittle() throws {
        var list = ""
        for i in 0..<10_000 { list += "Client\(i) Holdings\tC-\(i)\n" }
        let m = try matcher(list)
        let prose = String(repeating: "The quick brown fox jumps over the lazy dog while Client42 Holdings reviews the contract. ", count: 5_000)
        let clock = ContinuousClock()
        var found: [String] = []
        let elapsed = clock.measure { found = hits(m, prose) }
        #expect(found.count == 5_000 && Set(found) == ["C-42"])
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}

extension ScanReport {
    init(findings: [Finding]) {
        self.init()
        self.findings = findings
    }
}

/// Decodes terms YAML the way `TermsFile.load` does.
enum YAMLDecoderRoundTrip {
    static func decode(_ yaml: String) throws -> TermsFile {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("terms.yaml", yaml)
        return try TermsFile.load(path: url.path)
    }
}
