import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Faults (issue 7): unwritable output, signals mid-run, a closed pipe, git failing mid-run; and
/// nothing lost: identical findings whatever the thread count, every unscanned file listed.
@Suite struct FaultTests {
    /// A tree with `count` files holding planted keys, and the keys.
    static func tree(files count: Int, seed: UInt64 = 70) throws -> (TemporaryDirectory, [String]) {
        let dir = try TemporaryDirectory("promptscan-fault")
        var fake = FakeSecrets(seed: seed)
        var secrets: [String] = []
        for index in 0..<count {
            let key = fake.anthropicKey()
            let token = fake.githubToken()
            secrets += [key, token]
            try dir.write("d\(index % 7)/f\(index).md", "# \(index)\nANTHROPIC_API_KEY=\(key)\ntoken: \(token)\n")
        }
        return (dir, secrets)
    }

    @Test func outputToADirectoryOrMissingFolderFailsBeforeScanning() throws {
        let (dir, _) = try Self.tree(files: 3)
        defer { dir.remove() }
        for output in [dir.path + "/d0", dir.path + "/missing/x.sarif"] {
            let result = try promptscan(["scan", dir.path, "--format", "sarif", "--output", output])
            #expect(result.status == 2, "\(output)")
            #expect(result.stderr.hasPrefix("error: \(output): cannot write report:"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    /// Starts a long scan writing to `report`, sends `signal` once the temporary file exists, and
    /// checks that the old report is untouched and no temporary file is left.
    func interrupt(with signal: Int32) throws {
        let dir = try TemporaryDirectory("promptscan-signal")
        defer { dir.remove() }
        // A 60 MB file keeps the scan busy for a while, whatever the machine.
        let line = Array("const x = 'nothing secret here, just filler to scan';\n".utf8)
        var data = Data(capacity: 60 << 20)
        while data.count < 60 << 20 { data.append(contentsOf: line) }
        try dir.write("tree/big.js", data)
        let out = dir.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let report = out + "/report.sarif"
        try Data("previous report\n".utf8).write(to: URL(fileURLWithPath: report))
        // The test runner's threads block some signals and a spawned child inherits the mask;
        // a shell does not, so the binary is started through python3 with an empty mask.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
            TestPaths.binary.path, "scan", dir.path + "/tree", "--format", "sarif", "--output", report, "--max-file-size", "1G", "--threads", "1",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var sawTemporary = false
        while Date() < deadline && process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            if names.contains(where: { $0.hasPrefix(".report.sarif.tmp-") }) {
                sawTemporary = true
                break
            }
            usleep(5_000)
        }
        usleep(200_000)  // well into the scan
        let stillRunning = process.isRunning
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(sawTemporary)
        #expect(stillRunning, "the scan ended before the signal; the test proves nothing")
        #expect(process.terminationReason == .uncaughtSignal, "status \(process.terminationStatus)")
        #expect(process.terminationStatus == signal)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "previous report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["report.sarif"])
    }

    @Test func sigintLeavesNoTruncatedReportAndNoTemporaryFile() throws { try interrupt(with: SIGINT) }

    @Test func sigtermLeavesNoTruncatedReportAndNoTemporaryFile() throws { try interrupt(with: SIGTERM) }

    @Test func closedPipeEndsTheRunQuietly() throws {
        // Far more than a pipe buffer of findings, so the write hits the closed pipe.
        let (dir, _) = try Self.tree(files: 1500)
        defer { dir.remove() }
        let script = "set -o pipefail; '\(TestPaths.binary.path)' scan '\(dir.path)' | head -1; echo \"status=$?\""
        let result = try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", script])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("anthropic-api-key") == true || lines.first?.contains("github") == true)
        // Not killed by SIGPIPE (141): the run ends with a normal exit status.
        #expect(lines.last == "status=0" || lines.last == "status=1", "\(lines.last ?? "")")
    }

    @Test func gitFailingMidHistoryIsOneLineExitTwo() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.commit("one", ["a.md": "first\n"])
        try repo.commit("two", ["b.md": "second file that will be corrupted\n"])
        try repo.commit("three", ["c.md": "third\n"])
        let blob = try repo.git("rev-parse", "HEAD~1:b.md").trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repo.path + "/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object)
        try Data("garbage, not zlib".utf8).write(to: URL(fileURLWithPath: object))
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let result = try repo.promptscan(["history", "--format", "sarif", "--output", out.path + "/h.sarif"])
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)  // no report, no temporary file
        // A diff against a base that does not exist.
        let missing = try repo.promptscan(["diff", "--base", "0123456789abcdef0123456789abcdef01234567"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: "), "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
    }

    /// SARIF with the volatile parts (times, command line) removed.
    static func stable(_ sarif: String) -> String {
        sarif.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"startTimeUtc\"") && !$0.contains("\"endTimeUtc\"") && !$0.contains("\"commandLine\"") }
            .joined(separator: "\n")
    }

    @Test func sarifIsByteIdenticalWhateverTheThreadsAndAcrossRuns() throws {
        let (dir, _) = try Self.tree(files: 120)
        defer { dir.remove() }
        try dir.write("bin.dat", Data([0, 1, 2]))
        try dir.write("utf16.txt", Data([0xFF, 0xFE, 0x41, 0]))
        symlink("d0", dir.path + "/link")
        var outputs: [String] = []
        for threads in ["1", "2", "8", "1", "8"] {
            let result = try promptscan(["scan", dir.path, "--format", "sarif", "--threads", threads])
            #expect(result.status == 1)
            outputs.append(Self.stable(result.stdout))
        }
        #expect(outputs[0].contains("\"ruleId\" : \"anthropic-api-key\"") || outputs[0].contains("\"ruleId\":\"anthropic-api-key\""))
        #expect(outputs[0].contains("toolExecutionNotifications"))
        for output in outputs.dropFirst() { #expect(output == outputs[0]) }
        let json = try JSONSerialization.jsonObject(with: Data(outputs[0].utf8)) as? [String: Any]
        let results = ((json?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 240)
    }

    @Test func everyUnscannedFileIsInTheSummaryAndInSarifNotifications() throws {
        let dir = try TemporaryDirectory("promptscan-fault")
        defer { dir.remove() }
        try dir.write("ok.md", "fine\n")
        try dir.write("bin.dat", Data([0, 1, 2]))
        try dir.write("utf16.txt", Data([0xFF, 0xFE, 0x41, 0]))
        try dir.write("big.txt", Data(repeating: 0x41, count: 2048))
        symlink("ok.md", dir.path + "/link.md")
        mkfifo(dir.path + "/pipe", 0o644)
        let expected = ["bin.dat", "utf16.txt", "big.txt", "link.md", "pipe"]
        let text = try promptscan(["scan", dir.path, "--max-file-size", "1K"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("1 file scanned, 5 skipped, 0 unreadable"), "\(text.stdout)")
        let sarif = try promptscan(["scan", dir.path, "--max-file-size", "1K", "--format", "sarif"])
        let json = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let invocation = ((json?["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first
        let notifications = invocation?["toolExecutionNotifications"] as? [[String: Any]] ?? []
        let described = notifications.map { String(describing: $0) }
        for name in expected {
            #expect(text.stdout.contains(name), "\(name) missing from the text report")
            #expect(described.contains { $0.contains(name) }, "\(name) missing from SARIF notifications")
        }
        #expect(notifications.count == expected.count)
        #expect(notifications.allSatisfy { (($0["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
    }
}
