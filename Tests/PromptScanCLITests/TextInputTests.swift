import Foundation
import Testing
import TestSupport

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
        let fifo = try sh("mkfifo \"$DIR/notes.env\" && (printf 'A=%s\\n' \"$KEY\" > \"$DIR/notes.env\" &) && \(binary) scan \"$DIR/notes.env\" --format json", environment: environment)
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
    }
}
