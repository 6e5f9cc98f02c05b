import Foundation
import TestSupport
import Testing

/// Text that is not a file to walk: `scan -` (standard input, `--stdin-name`), a FIFO or
/// `/dev/stdin` named on the command line, and `redact`, the filter that replaces every finding.
@Suite struct TextInputTests {
    /// The binary as a shell word.
    var binary: String { "'" + TestPaths.binary.path + "'" }

    /// Runs `script` with `sh -c`.
    func sh(_ script: String, environment: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: environment)
    }

    /// The findings of a JSON report.
    func findings(_ json: String) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return document?["findings"] as? [[String: Any]] ?? []
    }

    @Test func standardInputIsScannedAndFindingsExitOne() throws {
        var fake = FakeSecrets(seed: 1601)
        let key = fake.anthropicKey()
        let piped = try sh("printf 'key %s' \"$KEY\" | \(binary) scan -", environment: ["KEY": key])
        #expect(piped.status == 1, "\(piped.stderr)")
        #expect(piped.stdout.contains("anthropic-api-key"))
        #expect(piped.stdout.contains("stdin"))
        #expect(!piped.stdout.contains(key) && !piped.stderr.contains(key))
        let json = try promptscan(["scan", "-", "--format", "json"], input: Data("key \(key)\n".utf8))
        #expect(json.status == 1)
        let found = try findings(json.stdout)
        #expect(found.count == 1)
        #expect(found.first?["path"] as? String == "stdin")
        #expect(found.first?["line"] as? Int == 1 && found.first?["column"] as? Int == 5)
        #expect(found.first?["file_class"] as? String == "other")
        let clean = try promptscan(["scan", "-"], input: Data("nothing to see\n".utf8))
        #expect(clean.status == 0)
    }

    @Test func stdinNameGivesAPathAndSoAClass() throws {
        var fake = FakeSecrets(seed: 1602)
        let input = Data("ANTHROPIC_API_KEY=\(fake.anthropicKey())\n".utf8)
        for (name, fileClass) in [(".env", "env"), ("CLAUDE.md", "agent-config"), ("config/app.py", "code")] {
            let result = try promptscan(["scan", "-", "--stdin-name", name, "--format", "json"], input: input)
            #expect(result.status == 1)
            let found = try findings(result.stdout)
            #expect(found.first?["path"] as? String == name)
            #expect(found.first?["file_class"] as? String == fileClass, "\(name)")
        }
        let dir = try TemporaryDirectory("promptscan-stdin")
        defer { dir.remove() }
        let misuse = try promptscan(["scan", dir.path, "--stdin-name", "x.env"])
        #expect(misuse.status == 64)
        #expect(misuse.stderr.hasPrefix("error: --stdin-name"))
    }

    @Test func aFIFOOrDevStdinNamedOnTheCommandLineIsRead() throws {
        let dir = try TemporaryDirectory("promptscan-fifo")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 1603)
        let key = fake.anthropicKey()
        let environment = ["KEY": key, "DIR": dir.path]
        let fifo = try sh(
            "mkfifo \"$DIR/notes.env\" && (printf 'A=%s\\n' \"$KEY\" > \"$DIR/notes.env\" &) && \(binary) scan \"$DIR/notes.env\" --format json",
            environment: environment)
        #expect(fifo.status == 1, "\(fifo.stderr)")
        let found = try findings(fifo.stdout)
        #expect(found.first?["path"] as? String == "notes.env")
        #expect(found.first?["file_class"] as? String == "env")
        let devStdin = try sh("printf 'key %s\\n' \"$KEY\" | \(binary) scan /dev/stdin", environment: environment)
        #expect(devStdin.status == 1, "\(devStdin.stderr)")
        #expect(devStdin.stdout.contains("anthropic-api-key"))
        #expect(!devStdin.stdout.contains(key) && !devStdin.stderr.contains(key))
        // Inside a walked folder a FIFO is still left alone, with a notice (never opened).
        let walked = try sh("mkfifo \"$DIR/inner.fifo\" && \(binary) scan \"$DIR\" --format json", environment: environment)
        #expect(walked.stdout.contains("inner.fifo"))
    }

    @Test func inputOverTheLimitIsOneErrorLineNamingStdin() throws {
        let result = try promptscan(["scan", "-", "--max-file-size", "100"], input: Data(String(repeating: "x", count: 1000).utf8))
        #expect(result.status == 2)
        #expect(result.stderr == "error: stdin: more than 100 bytes, over the limit (--max-file-size)\n")
        let redact = try promptscan(["redact", "--max-file-size", "100"], input: Data(String(repeating: "x", count: 1000).utf8))
        #expect(redact.status == 2)
        #expect(redact.stdout.isEmpty)
        #expect(redact.stderr.hasPrefix("error: stdin: more than 100 bytes"))
    }

    /// A PEM block with a random body (`lines` lines of 64 base64 characters).
    func pemKey(_ fake: inout FakeSecrets, lines: Int = 6) -> String {
        let body = (0..<lines).map { _ in fake.token(FakeSecrets.base62 + ["+", "/"], 64) }.joined(separator: "\n")
        return "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----"
    }

    /// An SSN in the valid ranges (area 100-599, group 10-99, serial 1000-9999).
    func ssn(_ fake: inout FakeSecrets) -> String {
        "\(100 + fake.next() % 500)-\(10 + fake.next() % 90)-\(1000 + fake.next() % 9000)"
    }

    @Test func redactReplacesValuesWithTypedNumberedPlaceholders() throws {
        var fake = FakeSecrets(seed: 1604)
        let key = fake.anthropicKey()
        let first = ssn(&fake)
        let second = ssn(&fake)
        let pem = pemKey(&fake)
        let text = "key \(key)\nSSN \(first)\nSSN \(second)\nagain SSN: \(first)\n\(pem)\ntail\n"
        let result = try promptscan(["redact"], input: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(lines[0] == "key [REDACTED:anthropic-api-key]")
        #expect(lines[1] == "SSN [REDACTED:us-ssn#1]")
        #expect(lines[2] == "SSN [REDACTED:us-ssn#2]")
        #expect(lines[3] == "again SSN: [REDACTED:us-ssn#1]")
        #expect(lines[4..<12].allSatisfy { $0 == "[REDACTED:private-key]" }, "\(lines[4..<12])")
        #expect(lines[12] == "tail")
        for value in [key, first, second] + pem.split(separator: "\n").dropFirst().dropLast().map(String.init) {
            #expect(!result.stdout.contains(value) && !result.stderr.contains(value))
        }
        // A file argument reads the same; a clean input comes back byte for byte.
        let dir = try TemporaryDirectory("promptscan-redact")
        defer { dir.remove() }
        let file = try dir.write("in.txt", text)
        #expect(try promptscan(["redact", file.path]).stdout == result.stdout)
        let plain = "nothing\r\nsecret here\n\n"
        let copied = try promptscan(["redact"], input: Data(plain.utf8))
        #expect(copied.status == 0 && copied.stdout == plain && copied.stderr.isEmpty)
        let missing = try promptscan(["redact", dir.path + "/missing.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: \(dir.path)/missing.txt: cannot read:"))
    }

    @Test func redactRoundTripsTenMegabytes() throws {
        var fake = FakeSecrets(seed: 1605)
        let people = (0..<20).map { _ in ssn(&fake) }
        var planted: Set<String> = Set(people)
        var text = ""
        text.reserveCapacity(10_200_000)
        var line = 0
        let words = ["alpha", "build", "cache", "delta", "event", "field", "group", "hover", "index", "join"]
        while text.utf8.count < 10_000_000 {
            line += 1
            switch line % 997 {
            case 0:
                let key = fake.anthropicKey()
                planted.insert(key)
                text += "export ANTHROPIC_API_KEY=\(key)\n"
            case 500:
                text += "employee SSN \(people[Int(fake.next() % UInt64(people.count))])\n"
            default:
                text += (0..<8).map { _ in words[Int(fake.next() % 10)] }.joined(separator: " ") + " \(line)\n"
            }
        }
        let dir = try TemporaryDirectory("promptscan-redact-big")
        defer { dir.remove() }
        let input = try dir.write("big.txt", text)
        let result = try sh("\(binary) redact < \"$IN\" > \"$OUT\"", environment: ["IN": input.path, "OUT": dir.path + "/out.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try String(contentsOfFile: dir.path + "/out.txt", encoding: .utf8)
        #expect(output.utf8.count(where: { $0 == 10 }) == text.utf8.count(where: { $0 == 10 }))
        for value in planted {
            #expect(!output.contains(value), "a planted value is left")
            #expect(!result.stderr.contains(value))
        }
        #expect(output.contains("[REDACTED:anthropic-api-key]"))
        // The same SSN always gets the same number.
        var numberOf: [String: Set<String>] = [:]
        for (original, redacted) in zip(text.split(separator: "\n"), output.split(separator: "\n")) where original.hasPrefix("employee SSN ") {
            numberOf[String(original.dropFirst(13)), default: []].insert(String(redacted.dropFirst(13)))
        }
        #expect(!numberOf.isEmpty && numberOf.values.allSatisfy { $0.count == 1 })
        #expect(Set(numberOf.values.map { $0.first! }).count == numberOf.count)
        let rescan = try promptscan(["scan", dir.path + "/out.txt", "--max-file-size", "64M", "--fail-on", "low", "--format", "json"])
        #expect(rescan.status == 0, "\(rescan.stdout.prefix(2000))")
        #expect(try findings(rescan.stdout).isEmpty)
    }
}
