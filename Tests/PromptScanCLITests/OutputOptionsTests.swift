import Foundation
import TestSupport
import Testing

/// Issue 17, the command line: `--output FORMAT=PATH` (repeatable, `-` for stdout) writing every
/// format from the same findings, `--quiet`, `--color`, and `scan A B C`.
@Suite struct OutputOptionsTests {
    /// `rule|path|line|column` of each finding in a text report (`path:line:col  severity  rule  […]`),
    /// sorted (`paths` gives the paths in the report's order).
    static func textFindings(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"^(.+):([0-9]+):([0-9]+)  [a-z]+ +([a-z0-9.-]+)  \["#, options: .anchorsMatchLines)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            let group = { (index: Int) in String(text[Range(match.range(at: index), in: text)!]) }
            return "\(group(4))|\(group(1))|\(group(2))|\(group(3))"
        }.sorted()
    }

    /// The paths of a text report's finding lines, in its order.
    static func paths(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"^(.+):[0-9]+:[0-9]+  [a-z]+ +[a-z0-9.-]+  \["#, options: .anchorsMatchLines)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    static func jsonFindings(_ data: Data) throws -> [String] {
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (json["findings"] as? [[String: Any]] ?? []).map { finding in
            "\(finding["rule_id"] ?? "")|\(finding["path"] ?? "")|\(finding["line"] ?? "")|\(finding["column"] ?? "")"
        }.sorted()
    }

    static func sarifFindings(_ data: Data) throws -> [String] {
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        return (run["results"] as? [[String: Any]] ?? []).map { result in
            let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let uri = (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String ?? ""
            let region = physical?["region"] as? [String: Any]
            return "\(result["ruleId"] ?? "")|\(uri)|\(region?["startLine"] ?? "")|\(region?["startColumn"] ?? "")"
        }.sorted()
    }

    /// A tree with failing secrets in three files.
    static func tree(_ label: String) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(label)
        var fake = FakeSecrets(seed: 1701)
        try dir.write("CLAUDE.md", "# notes\n\nUse \(fake.anthropicKey()) here.\n")
        try dir.write("src/app.py", "import os\ntoken = '\(fake.githubToken())'\n")
        try dir.write("config/prod.env", "STRIPE_KEY=\(fake.stripeLiveKey())\n")
        try dir.write("assets/logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00]))
        return dir
    }

    /// The issue's example: sarif, json and text (on stdout) from one run hold the same findings,
    /// and the HTML report embeds the same JSON findings.
    @Test func everyFormatHoldsTheSameFindings() throws {
        let dir = try Self.tree("promptscan-output")
        defer { dir.remove() }
        // (Reports go beside the tree, not into it, so a later run does not scan them.)
        let out = try TemporaryDirectory("promptscan-output-files")
        defer { out.remove() }
        let o = out.path + "/"
        let run = try promptscan(
            ["scan", ".", "--output", "sarif=\(o)a.sarif", "--output", "json=\(o)b.json", "--output", "text=-", "--output", "html=\(o)c.html"], in: dir.url)
        #expect(run.status == 1, "\(run.stderr)")
        let text = Self.textFindings(run.stdout)
        #expect(text.count == 3, "\(run.stdout)")
        let json = try Self.jsonFindings(Data(contentsOf: out.url.appendingPathComponent("b.json")))
        let sarif = try Self.sarifFindings(Data(contentsOf: out.url.appendingPathComponent("a.sarif")))
        #expect(json == text)
        #expect(sarif == text)
        let html = try String(contentsOf: out.url.appendingPathComponent("c.html"), encoding: .utf8)
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"promptscan-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        #expect(try Self.jsonFindings(Data(html[start.upperBound..<end.lowerBound].utf8)) == json)
        // Text on stdout: no summary line on stderr; the same text as a plain run.
        #expect(run.stdout == (try promptscan(["scan", "."], in: dir.url)).stdout)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        // `--format html` on stdout is the same page as `--output html=FILE`.
        #expect(try promptscan(["scan", ".", "--format", "html"], in: dir.url).stdout == html)
        // The old forms still work: a plain --output FILE in --format, and --report.
        let plain = try promptscan(["scan", ".", "--format", "json", "--output", o + "plain.json", "--report", "sarif=\(o)r.sarif"], in: dir.url)
        #expect(plain.status == 1 && plain.stdout.isEmpty)
        #expect(plain.stderr.contains("3 findings"), "a one-line summary when no text goes to stdout")
        #expect(try Self.jsonFindings(Data(contentsOf: out.url.appendingPathComponent("plain.json"))) == json)
        // FORMAT=- replaces the --format report on stdout.
        let sarifOut = try promptscan(["scan", ".", "--output", "sarif=-", "--output", "text=\(o)t.txt"], in: dir.url)
        #expect(try Self.sarifFindings(Data(sarifOut.stdout.utf8)) == sarif)
        #expect(Self.textFindings(try String(contentsOf: out.url.appendingPathComponent("t.txt"), encoding: .utf8)) == text)
    }

    @Test func badOutputsAreUsageErrors() throws {
        let dir = try Self.tree("promptscan-output-bad")
        defer { dir.remove() }
        for arguments in [
            ["--output", "text=-", "--output", "json=-"],
            ["--output", "-", "--output", "json=-"],
            ["--format", "json", "--output", "text=-"],
            ["--output", "a.txt", "--output", "b.txt"],
            ["--output", "json=x.json", "--report", "sarif=x.json"],
            ["--output", "json="],
            ["--report", "pdf=x.pdf"],
            ["--quiet", "--verbose"],
            ["--color", "sometimes"],
            ["--no-color", "--color", "always"],
        ] {
            let run = try promptscan(["scan", "."] + arguments, in: dir.url)
            #expect(run.status == 64, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.hasPrefix("error: ") && run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
        }
    }

    /// `--quiet`: only the findings that fail, nothing on stderr, no summary, no progress even
    /// when asked for; the exit code is the run's; files written beside it are complete.
    @Test func quietPrintsOnlyWhatFails() throws {
        let dir = try Self.tree("promptscan-quiet")
        defer { dir.remove() }
        let run = try promptscan(
            ["scan", ".", "--quiet", "--progress", "--output", "text=full.txt"], in: dir.url, environment: ["PROMPTSCAN_PROGRESS_AFTER": "0"])
        #expect(run.status == 1)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines.allSatisfy { $0.contains("  critical  ") }, "\(run.stdout)")
        #expect(!run.stdout.contains("scanned") && !run.stdout.contains("logo.png"))
        let full = try String(contentsOf: dir.url.appendingPathComponent("full.txt"), encoding: .utf8)
        #expect(full.contains("3 findings (secret 3) at or above medium") && full.contains("1 skipped"))
        let machine = try promptscan(["scan", ".", "-q", "--format", "json"], in: dir.url)
        let machineFindings = try Self.jsonFindings(Data(machine.stdout.utf8))
        #expect(machine.stderr.isEmpty && machineFindings.count == 3)
        // Clean: nothing at all.
        let clean = try TemporaryDirectory("promptscan-quiet-clean")
        defer { clean.remove() }
        try clean.write("a.md", "nothing here\n")
        let quiet = try promptscan(["scan", ".", "--quiet"], in: clean.url)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
    }

    /// `--color` against NO_COLOR and FORCE_COLOR, with stdout a pipe.
    @Test func colorFollowsTheFlagThenTheEnvironment() throws {
        let dir = try Self.tree("promptscan-color")
        defer { dir.remove() }
        let unset = ["NO_COLOR": "", "FORCE_COLOR": ""]
        let escape = "\u{1B}["
        func colored(_ arguments: [String], _ environment: [String: String]) throws -> Bool {
            let run = try promptscan(["scan", "."] + arguments, in: dir.url, environment: unset.merging(environment) { _, new in new })
            #expect(run.status == 1, "\(run.stderr)")
            #expect(!run.stderr.contains(escape))
            return run.stdout.contains(escape)
        }
        #expect(try !colored([], [:]), "a pipe is not coloured")
        #expect(try colored(["--color", "always"], [:]))
        #expect(try colored(["--color", "always"], ["NO_COLOR": "1"]), "the flag wins over NO_COLOR")
        #expect(try colored([], ["FORCE_COLOR": "1"]))
        #expect(try !colored([], ["FORCE_COLOR": "0"]))
        #expect(try !colored(["--color", "never"], ["FORCE_COLOR": "1"]))
        #expect(try !colored(["--no-color"], ["FORCE_COLOR": "1"]))
        // Files are never coloured, whatever is asked.
        _ = try colored(["--color", "always", "--report", "text=out.txt"], [:])
        #expect(!(try String(contentsOf: dir.url.appendingPathComponent("out.txt"), encoding: .utf8)).contains(escape))
    }

    /// `scan A B`: findings of both, each path shown from the path as given, in report order
    /// whatever the order of the arguments; SARIF from the repository root holding them.
    @Test func severalPathsInOneRun() throws {
        let repo = try GitRepository("promptscan-paths")
        defer { repo.remove() }
        var fake = FakeSecrets(seed: 31)
        try repo.write("src/app.py", "token = '\(fake.githubToken())'\n")
        try repo.write("docs/setup.md", "Use \(fake.anthropicKey()) for the agent.\n")
        try repo.write("other/prod.env", "STRIPE_KEY=\(fake.stripeLiveKey())\n")
        try repo.write("single.env", "OPENAI_API_KEY=\(fake.openAIProjectKey())\n")
        let both = try repo.promptscan(["scan", "src", "docs", "single.env"])
        #expect(both.status == 1, "\(both.stderr)")
        #expect(Self.paths(both.stdout) == ["docs/setup.md", "single.env", "src/app.py"], "\(both.stdout)")
        #expect(both.stdout.contains("3 findings (secret 3) at or above medium; 3 files scanned"))
        #expect(try repo.promptscan(["scan", "single.env", "docs", "src", "docs"]).stdout == both.stdout, "order and repeats do not matter")
        let json = try repo.promptscan(["scan", "src", "docs", "--format", "json"])
        #expect(try Self.jsonFindings(Data(json.stdout.utf8)).map { $0.split(separator: "|")[1] } == ["docs/setup.md", "src/app.py"])

        // SARIF: uris from the repository root, SRCROOT the root; a folder below it too.
        let sarif = try repo.promptscan(["scan", "src", "docs/", "--output", "sarif=-"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let root = URL(fileURLWithPath: repo.path).resolvingSymlinksInPath().path
        #expect(((run["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any])?["uri"] as? String == "file://\(root)/")
        #expect(try Self.sarifFindings(Data(sarif.stdout.utf8)).map { $0.split(separator: "|")[1] } == ["docs/setup.md", "src/app.py"])
        let below = try promptscan(["scan", "app.py", "../docs", "--format", "sarif"], in: URL(fileURLWithPath: repo.path + "/src"))
        #expect(try Self.sarifFindings(Data(below.stdout.utf8)).map { $0.split(separator: "|")[1] } == ["docs/setup.md", "src/app.py"])
        if let shared = TestPaths.shared {
            let file = repo.path + "/paths.sarif"
            try Data(sarif.stdout.utf8).write(to: URL(fileURLWithPath: file))
            let check = try python3([shared.appendingPathComponent("tools/check-sarif").path, file, "--repo-root", repo.path])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }

        // Paths in different places: SRCROOT is the file system's root.
        let outside = try TemporaryDirectory("promptscan-paths-outside")
        defer { outside.remove() }
        try outside.write("keys.env", "STRIPE_KEY=\(fake.stripeLiveKey())\n")
        let apart = try repo.promptscan(["scan", "src", outside.path, "--format", "sarif"])
        let apartRun = try #require(
            ((try JSONSerialization.jsonObject(with: Data(apart.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        #expect(((apartRun["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any])?["uri"] as? String == "file:///")
        let outsideReal = URL(fileURLWithPath: outside.path).resolvingSymlinksInPath().path
        #expect(
            try Self.sarifFindings(Data(apart.stdout.utf8)).map { String($0.split(separator: "|")[1]) }.sorted()
                == [String(root.dropFirst()) + "/src/app.py", String(outsideReal.dropFirst()) + "/keys.env"].sorted())

        // A path inside another one given is walked once, as part of it, and the run says so.
        let nested = try repo.promptscan(["scan", ".", "src", "docs/setup.md"])
        #expect(nested.status == 1, "\(nested.stderr)")
        #expect(Self.paths(nested.stdout) == Self.paths(try repo.promptscan(["scan", "."]).stdout), "\(nested.stdout)")
        #expect(Self.paths(nested.stdout).filter { $0 == "src/app.py" }.count == 1, "\(nested.stdout)")
        #expect(nested.stdout.contains("inside ., also given: scanned once"), "\(nested.stdout)")

        // A symbolic link to a folder, named on the command line, is shown like the folder: its
        // files under the link's name.
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/linked", withDestinationPath: repo.path + "/src")
        let linked = try repo.promptscan(["scan", "linked"])
        #expect(Self.paths(linked.stdout) == ["linked/app.py"], "\(linked.stdout)")
        try FileManager.default.removeItem(atPath: repo.path + "/linked")

        // Standard input is scanned alone.
        let mixed = try repo.promptscan(["scan", "-", "src"])
        #expect(mixed.status == 64 && mixed.stderr.contains("scanned alone"), "\(mixed.stderr)")
    }
}
