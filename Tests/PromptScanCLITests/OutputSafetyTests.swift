import Foundation
import PromptScanCore
import TestSupport
import Testing

/// What reports may give away and what they may cost (issue 19, items 3, 6, 7 and 12): no
/// fingerprint that trying values inverts, file names that cannot forge lines, secrets in file
/// names reported and redacted, and memory bounded per finding.
@Suite struct OutputSafetyTests {
    /// The environment of a run with the public fingerprint key.
    static let publicKeyEnvironment = [Fingerprinter.keyVariable: ""]

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func findings(_ text: String) -> [[String: Any]] { json(text)["findings"] as? [[String: Any]] ?? [] }

    /// Every run of 16 hex digits in `text` (fingerprints, wherever they are written).
    static func hexTokens(_ text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).map { String(text[Range($0.range, in: text)!]) })
    }

    @Test func noFingerprintInAnyOutputGivesAnSSNBack() throws {
        let dir = try TemporaryDirectory("promptscan-fingerprint")
        defer { dir.remove() }
        try dir.write("prompts/intake.md", "Patient intake\nSSN: 284-61-9357\n")
        try dir.write("fixtures/patients.jsonl", "{\"id\": 7, \"ssn\": \"284-61-9357\"}\n")
        var outputs = ""
        var ruleIDs: Set<String> = []
        for format in ["json", "sarif"] {
            let run = try promptscan(["scan", dir.path, "--format", format], environment: Self.publicKeyEnvironment)
            #expect(run.status == 1, "\(run.stderr)")
            outputs += run.stdout
            if format == "json" { ruleIDs = Set(Self.findings(run.stdout).compactMap { $0["rule_id"] as? String }) }
        }
        let baseline = try promptscan(["baseline", "create", dir.path], environment: Self.publicKeyEnvironment)
        #expect(baseline.status == 0, "\(baseline.stderr)")
        outputs += baseline.stdout
        #expect(ruleIDs.contains("us-ssn"))
        let fingerprints = Self.hexTokens(outputs)
        #expect(!fingerprints.isEmpty)
        // An attacker with the public key tries the 100,000 values around the planted one.
        let publicKey = Fingerprinter(key: Fingerprinter.defaultKey)
        var matched: [String] = []
        for value in 284_569_357..<284_669_357 {
            let digits = String(value)
            let dashed = "\(digits.prefix(3))-\(digits.dropFirst(3).prefix(2))-\(digits.suffix(4))"
            for rule in ruleIDs {
                for form in [dashed, digits] where fingerprints.contains(publicKey.fingerprint(ruleID: rule, value: Array(form.utf8))) {
                    matched.append(form)
                }
            }
        }
        #expect(matched.isEmpty, "fingerprints give back \(matched.count) value(s)")
    }

    @Test func controlCharactersInFileNamesAreEscapedInTextOutput() throws {
        let dir = try TemporaryDirectory("promptscan-names")
        defer { dir.remove() }
        let names = [
            "a\n0 findings; 99 files scanned, 0 skipped, 0 unreadable\nb.md", "c\rd.md", "e\u{1B}[2Jf.md", "g\th.md", "i\u{7F}j.md",
            "k\u{9B}31ml.md", "m\u{202E}dm.txt", "n\u{07}o.md",
        ]
        var fake = FakeSecrets(seed: 77)
        for name in names { try dir.write(name, "key \(fake.anthropicKey())\n") }
        let run = try promptscan(["scan", dir.path, "--no-color"])
        #expect(run.status == 1, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == names.count + 1, "\(run.stdout)")
        // One summary line: the forged one inside a name is escaped onto its finding's line.
        #expect(lines.filter { $0.range(of: #"^[0-9]+ findings"#, options: .regularExpression) != nil }.count == 1)
        #expect(lines.last?.hasPrefix("\(names.count) findings") == true)
        let forbidden = run.stdout.unicodeScalars.filter { scalar in
            scalar != "\n" && TerminalTextProbe.needsEscape(scalar)
        }
        #expect(forbidden.isEmpty, "raw control characters: \(forbidden.map { String($0.value, radix: 16) })")
        #expect(run.stdout.contains("a\\n0 findings; 99 files scanned, 0 skipped, 0 unreadable\\nb.md:1:5  critical"))
        #expect(run.stdout.contains("c\\rd.md:1:5"))
        #expect(run.stdout.contains("e\\x1B[2Jf.md:1:5"))
        #expect(run.stdout.contains("g\\th.md:1:5"))
        #expect(run.stdout.contains("i\\x7Fj.md:1:5"))
        #expect(run.stdout.contains("k\\xC2\\x9B31ml.md:1:5"))
        #expect(run.stdout.contains("m\\u{202E}dm.txt:1:5"))
        #expect(run.stdout.contains("n\\x07o.md:1:5"))
    }

    @Test func aSecretInAFileNameIsReportedAndRedactedInEveryOutput() throws {
        let repo = try GitRepository("promptscan-path-secret")
        defer { repo.remove() }
        var fake = FakeSecrets(seed: 1912)
        let awsID = fake.awsKeyID()
        let token = fake.githubToken()
        _ = try repo.write("keys/\(awsID).txt", "nothing to see here\n")
        _ = try repo.write("backup/\(token)/notes.md", "plain notes\n")
        _ = try repo.write("README.md", "hello\n")
        try repo.git("add", "-A")
        let out = try TemporaryDirectory()
        defer { out.remove() }
        var everything = ""
        let text = try repo.promptscan(["scan", ".", "--no-color"])
        #expect(text.status == 1, "\(text.stderr)")
        #expect(
            text.stdout.contains("keys/[redacted aws-access-key-id].txt:0:0  critical  aws-access-key-id  [doc]  AWS access key ID found in the file name"),
            "\(text.stdout)")
        #expect(text.stdout.contains("backup/[redacted github-personal-access-token]/notes.md:0:0"), "\(text.stdout)")
        everything += text.stdout + text.stderr
        let json = try repo.promptscan(["scan", ".", "--format", "json"])
        everything += json.stdout + json.stderr
        let found = Self.findings(json.stdout)
        let inName = try #require(found.first { $0["rule_id"] as? String == "aws-access-key-id" })
        #expect(inName["location"] as? String == "path")
        #expect(inName["line"] as? Int == 0)
        let sarif = try repo.promptscan(["scan", ".", "--format", "sarif", "--output", out.path + "/scan.sarif"])
        #expect(sarif.status == 1, "\(sarif.stderr)")
        everything += sarif.stdout + sarif.stderr
        for arguments in [["staged"], ["staged", "--format", "json"], ["staged", "--format", "sarif"], ["baseline", "create"]] {
            let run = try repo.promptscan(arguments)
            everything += run.stdout + run.stderr
        }
        let staged = try repo.promptscan(["staged", "--no-color"])
        #expect(staged.stdout.contains("keys/[redacted aws-access-key-id].txt:0:0"), "\(staged.stdout)")
        everything += try String(contentsOfFile: out.path + "/scan.sarif", encoding: .utf8)
        #expect(!everything.contains(awsID))
        #expect(!everything.contains(token))
        #expect(!everything.contains(String(token.dropFirst(10).prefix(12))))
        if let shared = TestPaths.shared {
            // (Without --repo-root: the redacted name is, by design, no file of the checkout.)
            let check = try python3([shared.appendingPathComponent("tools/check-sarif").path, out.path + "/scan.sarif"])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
        let log = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.path + "/scan.sarif"))) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let pathResult = try #require(results.first { ($0["properties"] as? [String: Any])?["location"] as? String == "path" })
        let physical = ((pathResult["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 1)
        let shown = try repo.promptscan(["scan", ".", "--show-secrets", "--no-color"])
        #expect(shown.stdout.contains("keys/\(awsID).txt:0:0"))
    }

    /// Peak resident memory of a `promptscan` run, from its own VmHWM (PROMPTSCAN_PROFILE=1 prints it).
    static func peakKilobytes(_ arguments: [String], in directory: URL) throws -> (Int, ProcessResult) {
        let run = try promptscan(arguments, in: directory, environment: ["PROMPTSCAN_PROFILE": "1"])
        let line = run.stderr.split(separator: "\n").first { $0.hasPrefix("peak memory: ") }
        let kilobytes = line.flatMap { Int($0.dropFirst("peak memory: ".count).prefix { $0.isNumber }) } ?? -1
        return (kilobytes, run)
    }

    /// Two files of 20,000 findings each, with the caps off, against the same run on a handful:
    /// each extra finding may cost at most 1.5 KB of peak memory through a SARIF or JSON report.
    @Test func memoryPerFindingIsBounded() throws {
        let dir = try TemporaryDirectory("promptscan-many")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 6)
        let perFile = 20_000
        for name in ["big/a.txt", "big/b.txt"] {
            var text = ""
            for _ in 0..<perFile { text += "aws_access_key_id = \(fake.awsKeyID())\n" }
            try dir.write(name, text)
        }
        var small = ""
        for _ in 0..<10 { small += "aws_access_key_id = \(fake.awsKeyID())\n" }
        try dir.write("small/a.txt", small)
        for format in ["sarif", "json"] {
            let output = dir.path + "/report.\(format)"
            let free = ["--max-findings-per-rule", "0", "--max-findings-per-file", "0", "--threads", "2"]
            let (big, bigRun) = try Self.peakKilobytes(["scan", "big", "--format", format, "--output", output] + free, in: dir.url)
            #expect(bigRun.status == 1, "\(bigRun.stderr)")
            let written = try String(contentsOfFile: output, encoding: .utf8)
            // (A random key id now and then fails the rule's checks: nearly all are reported.)
            #expect(written.components(separatedBy: "\"aws-access-key-id\"").count > 2 * perFile - 20)
            let (base, baseRun) = try Self.peakKilobytes(["scan", "small", "--format", format, "--output", output] + free, in: dir.url)
            #expect(baseRun.status == 1)
            #expect(big > 0 && base > 0, "no peak memory line: \(bigRun.stderr.suffix(300))")
            let perFinding = Double(big - base) * 1024 / Double(2 * perFile)
            #expect(perFinding < 1536, "\(format): \(Int(perFinding)) bytes per finding (\(big) kB against \(base) kB)")
        }
        // With the default caps the same files report 1,000 findings each and say so.
        let capped = try promptscan(["scan", "big", "--format", "json"], in: dir.url)
        #expect(Self.findings(capped.stdout).count == 2000)
        let notices = Self.json(capped.stdout)["notices"] as? [[String: Any]] ?? []
        #expect(notices.filter { $0["kind"] as? String == "finding-limit" }.count == 2)
    }
}

/// The test's own copy of the characters text output must never print raw.
enum TerminalTextProbe {
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
