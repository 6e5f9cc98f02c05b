import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// The progress line (issue 17): on stderr when it is a terminal, redrawn in place with `\r`;
/// never in a pipe, in CI or with `--no-progress`; `--progress` forces it. Runs under a real
/// pseudo-terminal (Python's `pty`), with PROMPTSCAN_PROGRESS_AFTER=0 so a short scan shows it.
@Suite struct ProgressTests {
    static let drawn = "\r\u{1B}[Kscanning: "

    /// Runs the binary with stdin, stdout and stderr on one pseudo-terminal; returns what the
    /// terminal showed and the exit status. `CI` is removed from the environment unless set in `environment`.
    static func underTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let script = """
            import os, pty, sys
            binary, count = sys.argv[1], int(sys.argv[2])
            assignments, args = sys.argv[3:3 + count], sys.argv[3 + count:]
            env = {k: v for k, v in os.environ.items() if k != "CI"}
            env.update(a.split("=", 1) for a in assignments)
            pid, fd = pty.fork()
            if pid == 0:
                os.execve(binary, [binary] + args, env)
            out = b""
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let assignments = environment.map { "\($0.key)=\($0.value)" }
        return try python3(["-c", script, TestPaths.binary.path, String(assignments.count)] + assignments + arguments)
    }

    static func tree() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory("promptscan-progress")
        var fake = FakeSecrets(seed: 17)
        let key = fake.anthropicKey()
        for index in 0..<40 { try dir.write("notes/n\(index).md", "nothing here \(index)\n") }
        try dir.write("CLAUDE.md", "key \(key)\n")
        return (dir, key)
    }

    @Test func shownOnATerminalAndErasedBeforeTheReport() throws {
        let (dir, key) = try Self.tree()
        defer { dir.remove() }
        let run = try Self.underTerminal(["scan", dir.path], environment: ["PROMPTSCAN_PROGRESS_AFTER": "0"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(Self.drawn), "\(run.stdout.debugDescription)")
        #expect(run.stdout.contains(" files"))
        #expect(run.stdout.contains("1 finding (secret 1) at or above medium"))
        #expect(!run.stdout.contains(key), "the progress line or the report shows the secret")
        // The line is erased (`\r`, erase) before the report is written.
        let lastDraw = try #require(run.stdout.range(of: Self.drawn, options: .backwards))
        let erase = try #require(run.stdout.range(of: "\r\u{1B}[K", range: lastDraw.upperBound..<run.stdout.endIndex))
        #expect(run.stdout[erase.upperBound...].contains("CLAUDE.md:1:5"))
    }

    @Test func neverInCIOrWithNoProgressOrOnAPipe() throws {
        let (dir, _) = try Self.tree()
        defer { dir.remove() }
        let ci = try Self.underTerminal(["scan", dir.path], environment: ["PROMPTSCAN_PROGRESS_AFTER": "0", "CI": "true"])
        #expect(ci.status == 1 && !ci.stdout.contains("scanning:"), "\(ci.stdout.debugDescription)")
        let off = try Self.underTerminal(["scan", dir.path, "--no-progress"], environment: ["PROMPTSCAN_PROGRESS_AFTER": "0"])
        #expect(off.status == 1 && !off.stdout.contains("scanning:"))
        let piped = try promptscan(["scan", dir.path], environment: ["PROMPTSCAN_PROGRESS_AFTER": "0"])
        #expect(piped.status == 1 && !piped.stderr.contains("scanning:") && !piped.stderr.contains("\r"))
        let forced = try promptscan(["scan", dir.path, "--progress", "--format", "json"], environment: ["PROMPTSCAN_PROGRESS_AFTER": "0"])
        #expect(forced.status == 1 && forced.stderr.contains(Self.drawn), "\(forced.stderr.debugDescription)")
        #expect(!forced.stdout.contains("scanning:"), "progress never goes to stdout")
    }

    @Test func theLineSaysFilesBytesRateAndTimeLeft() {
        var snapshot = ScanProgress.Snapshot(filesFound: 120, bytesFound: 3_500_000, filesDone: 30, bytesDone: 1_000_000, walkEnded: false)
        #expect(snapshot.line(seconds: 2) == "scanning: 30 files (120 found), 1.0 MB, 500.0 KB/s")
        snapshot.walkEnded = true
        #expect(snapshot.line(seconds: 2) == "scanning: 30/120 files, 1.0 MB/3.5 MB, 500.0 KB/s, about 5 s left")
        #expect(snapshot.line(seconds: 0) == "scanning: 30/120 files, 1.0 MB/3.5 MB")
        snapshot.bytesFound = 200_000_000
        #expect(snapshot.line(seconds: 2).hasSuffix("about 6 min 38 s left"))
        #expect(ScanProgress.Snapshot.size(999) == "999 B")
    }

    @Test func shownOnlyOnATerminalOutsideCIUnlessForced() {
        #expect(ScanProgress.shown(forced: nil, stderrIsTerminal: true, environment: [:]))
        #expect(!ScanProgress.shown(forced: nil, stderrIsTerminal: false, environment: [:]))
        #expect(!ScanProgress.shown(forced: nil, stderrIsTerminal: true, environment: ["CI": "true"]))
        #expect(ScanProgress.shown(forced: nil, stderrIsTerminal: true, environment: ["CI": ""]))
        #expect(ScanProgress.shown(forced: true, stderrIsTerminal: false, environment: ["CI": "1"]))
        #expect(!ScanProgress.shown(forced: false, stderrIsTerminal: true, environment: [:]))
    }

    /// The engine's counters add up to the scan's own totals.
    @Test func countersAddUpToTheReport() throws {
        let (dir, _) = try Self.tree()
        defer { dir.remove() }
        let progress = ScanProgress()
        let rules = try RuleSet(RuleCatalog.defaultRules())
        var options = ScanEngine.Options(threads: 2)
        options.progress = progress
        let items = try FileWalker().walk(root: dir.path).items
        let report = ScanEngine(scanner: FileScanner(ruleSet: rules), options: options).scan(items)
        let snapshot = progress.snapshot
        #expect(snapshot.walkEnded && snapshot.filesFound == 41 && snapshot.filesDone == 41)
        #expect(snapshot.bytesDone == snapshot.bytesFound && snapshot.bytesDone == report.bytesScanned)
    }
}
