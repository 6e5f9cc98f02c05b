import Foundation
import TestSupport
import Testing
import Yams

/// The GitHub Action (`action.yml`, whose steps are `Hooks/github-action.sh`) and the GitLab job
/// (`Hooks/gitlab-ci.yml`), run here as the CI engines would run them: the Action's steps with a
/// simulated runner environment and a `file://` release tarball, the GitLab job's script in a
/// repository with a committed token; their reports checked against what GitHub and GitLab read.
@Suite struct CIIntegrationTests {
    static let root = TestPaths.packageRoot
    static let script = root.appendingPathComponent("Hooks/github-action.sh")

    /// A token with a valid checksum (critical), made at test time.
    static let token: String = {
        var fake = FakeSecrets(seed: 0xC1_AC7)
        return fake.githubToken()
    }()

    /// A release tarball laid out as `scripts/release.sh` lays it out, holding the built binary,
    /// with its SHA256SUMS beside it.
    struct Release {
        let dir: TemporaryDirectory
        let tarball: URL
        let sha256: String

        init() throws {
            dir = try TemporaryDirectory("promptscan-action-release")
            let name = "promptscan-0.1.0-linux-x86_64"
            let folder = dir.url.appendingPathComponent("stage/\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: TestPaths.binary, to: folder.appendingPathComponent("promptscan"))
            tarball = dir.url.appendingPathComponent("\(name).tar.gz")
            let tar = try runProcess(
                URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-czf", tarball.path, "-C", dir.url.appendingPathComponent("stage").path, name])
            #expect(tar.status == 0, "\(tar.stderr)")
            let sum = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", tarball.path])
            sha256 = String(sum.stdout.prefix(64))
            try "\(sha256)  \(name).tar.gz\n".write(to: dir.url.appendingPathComponent("SHA256SUMS"), atomically: true, encoding: .utf8)
        }
    }

    /// A simulated runner: its files (PATH additions, outputs, job summary) and tool cache.
    struct Runner {
        let dir: TemporaryDirectory
        var environment: [String: String]

        init() throws {
            dir = try TemporaryDirectory("promptscan-action-runner")
            for name in ["path", "output", "summary"] { _ = try dir.write(name, "") }
            environment = [
                "RUNNER_TOOL_CACHE": dir.url.appendingPathComponent("tool-cache").path, "RUNNER_TEMP": dir.path,
                "GITHUB_PATH": dir.url.appendingPathComponent("path").path, "GITHUB_OUTPUT": dir.url.appendingPathComponent("output").path,
                "GITHUB_STEP_SUMMARY": dir.url.appendingPathComponent("summary").path, "GITHUB_ACTIONS": "true",
            ]
        }

        func file(_ name: String) throws -> String { try String(contentsOf: dir.url.appendingPathComponent(name), encoding: .utf8) }

        /// Runs a step of the Action in `directory`, with `inputs` as INPUT_* variables and the
        /// folders the install step added to PATH (GITHUB_PATH) in front of PATH, as the runner does.
        func step(_ name: String, in directory: URL, inputs: [String: String] = [:], extra: [String: String] = [:]) throws -> ProcessResult {
            var environment = GitRepository.environment.merging(self.environment) { _, new in new }.merging(extra) { _, new in new }
            for (key, value) in inputs { environment["INPUT_" + key.uppercased().replacingOccurrences(of: "-", with: "_")] = value }
            let added = try file("path").split(separator: "\n").map(String.init).reversed()
            // PATH without the build folder, so the step can only find the installed binary.
            let path = ["/usr/local/bin", "/usr/bin", "/bin"]
            environment["PATH"] = (added + path).joined(separator: ":")
            return try runProcess(URL(fileURLWithPath: "/bin/bash"), [CIIntegrationTests.script.path, name], in: directory, environment: environment)
        }
    }

    /// The Action, the workflow using it and the GitLab job against the schemas GitHub and GitLab
    /// publish (check-jsonschema's vendored copies; .ci/run installs it from PyPI).
    @Test(arguments: [
        ("action.yml", "vendor.github-actions"), ("Hooks/github-actions.yml", "vendor.github-workflows"), ("Hooks/gitlab-ci.yml", "vendor.gitlab-ci"),
    ])
    func ciFilesPassTheirSchemas(_ file: String, _ schema: String) throws {
        guard FanOutRecipeTests.checkJSONSchemaAvailable else {
            print("skipped: check-jsonschema is not installed (python3 -m pip install check-jsonschema)")
            return
        }
        let result = try runProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-m", "check_jsonschema", "--builtin-schema", schema, Self.root.appendingPathComponent(file).path])
        #expect(result.status == 0, "\(file): \(result.stdout) \(result.stderr)")
    }

    @Test func actionDefinitionRunsTheScriptStepsWithEveryInput() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("action.yml"), encoding: .utf8)
        let action = try #require(try Yams.load(yaml: text) as? [String: Any])
        let inputs = try #require(action["inputs"] as? [String: Any])
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        let scriptSteps = steps.filter { ($0["run"] as? String)?.contains("Hooks/github-action.sh") == true }
        #expect(
            scriptSteps.map { ($0["run"] as? String)?.split(separator: " ").last.map { String($0).trimmingCharacters(in: .punctuationCharacters) } } == [
                "install", "run",
            ])
        // Every input reaches the script as INPUT_NAME, and the script reads each one.
        let source = try String(contentsOf: Self.script, encoding: .utf8)
        var passed: Set<String> = []
        for step in scriptSteps {
            for (key, value) in (step["env"] as? [String: String]) ?? [:] {
                passed.insert(key)
                #expect(value.hasPrefix("${{ inputs."), "\(key) = \(value)")
            }
        }
        for name in inputs.keys {
            let variable = "INPUT_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
            #expect(passed.contains(variable), "input \(name) never reaches the script")
            #expect(source.contains(variable), "the script ignores \(variable)")
        }
        #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("actions/cache@") == true })
    }

    @Test func installChecksTheChecksumAndPutsTheBinaryOnPath() throws {
        let release = try Release()
        defer { release.dir.remove() }
        let runner = try Runner()
        defer { runner.dir.remove() }
        let url = "file://" + release.tarball.path

        let wrong = try runner.step(
            "install", in: runner.dir.url, inputs: ["version": "0.1.0", "release-url": url, "sha256": String(repeating: "0", count: 64)])
        #expect(wrong.status == 2)
        #expect(wrong.stdout.contains("::error title=promptscan::checksum mismatch"), "\(wrong.stdout)")
        #expect(try runner.file("path").isEmpty)

        // With no sha256 input, the SHA256SUMS beside the tarball is the reference.
        let installed = try runner.step("install", in: runner.dir.url, inputs: ["version": "0.1.0", "release-url": url])
        #expect(installed.status == 0, "\(installed.stdout)\(installed.stderr)")
        let folder = try runner.file("path").trimmingCharacters(in: .newlines)
        #expect(folder.hasPrefix(runner.environment["RUNNER_TOOL_CACHE"]!))
        #expect(FileManager.default.isExecutableFile(atPath: folder + "/promptscan"))
        #expect(installed.stdout.contains("0.1.0"))

        // A second run finds the binary in the tool cache (restored by actions/cache on a new runner).
        let cached = try runner.step("install", in: runner.dir.url, inputs: ["version": "0.1.0", "release-url": "file:///nonexistent.tar.gz"])
        #expect(cached.status == 0, "\(cached.stdout)\(cached.stderr)")
        #expect(cached.stdout.contains("from the tool cache"))
    }

    @Test func runOnAPushScansAndWritesAnnotationsSummaryAndSarif() throws {
        let release = try Release()
        defer { release.dir.remove() }
        let runner = try Runner()
        defer { runner.dir.remove() }
        let repo = try GitRepository("promptscan-action-repo")
        defer { repo.remove() }
        try repo.commit("deploy", ["ops/deploy.sh": "#!/bin/sh\nexport GITHUB_TOKEN=\(Self.token)\n", "README.md": "hello\n"])
        #expect(try runner.step("install", in: repo.url, inputs: ["version": "0.1.0", "release-url": "file://" + release.tarball.path]).status == 0)

        let run = try runner.step("run", in: repo.url, extra: ["GITHUB_EVENT_NAME": "push"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let annotation = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("::error ") }.map(String.init), "\(run.stdout)")
        #expect(annotation.hasPrefix("::error file=ops/deploy.sh,line=2,endLine=2,col="), "\(annotation)")
        #expect(annotation.contains("title=promptscan github-personal-access-token (critical)::ops/deploy.sh:2: github-personal-access-token (critical)"))
        #expect(annotation.contains("[ghp_…"), "the redacted value is in the log line: \(annotation)")
        #expect(!(run.stdout + run.stderr).contains(Self.token), "the token leaked into the log")
        let summary = try runner.file("summary")
        #expect(summary.contains("## promptscan: 1 finding(s) fail the run"), "\(summary)")
        #expect(summary.contains("| ops/deploy.sh | 2 | github-personal-access-token | critical | <code>ghp\\_…"), "\(summary)")
        #expect(!summary.contains(Self.token))
        let outputs = try runner.file("output")
        #expect(outputs.contains("exit-code=1\n") && outputs.contains("sarif-file=promptscan.sarif\n"))
        let sarif = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: repo.url.appendingPathComponent("promptscan.sarif"))) as? [String: Any])
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect((runs.first?["automationDetails"] as? [String: Any])?["id"] as? String == "promptscan/scan/")
    }

    @Test func runOnAPullRequestReportsOnlyWhatItAdds() throws {
        let release = try Release()
        defer { release.dir.remove() }
        let runner = try Runner()
        defer { runner.dir.remove() }
        let origin = try TemporaryDirectory("promptscan-action-origin")
        defer { origin.remove() }
        _ = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q", "--bare", "-b", "main", origin.path], environment: GitRepository.environment)
        let repo = try GitRepository("promptscan-action-pr")
        defer { repo.remove() }
        // Already on main (a finding of its own, not this pull request's).
        try repo.commit("old", ["old.sh": "export GITHUB_TOKEN=\(Self.token)\n"])
        try repo.git("remote", "add", "origin", origin.path)
        try repo.git("push", "-q", "origin", "main")
        try repo.git("checkout", "-q", "-b", "feature")
        var fake = FakeSecrets(seed: 0xF00D)
        let added = fake.githubToken()
        try repo.commit("new", ["new.sh": "# notes\nexport GH_TOKEN=\(added)\n"])
        // A fresh CI clone knows no origin/main until the step fetches it.
        try repo.git("update-ref", "-d", "refs/remotes/origin/main")
        #expect(try runner.step("install", in: repo.url, inputs: ["version": "0.1.0", "release-url": "file://" + release.tarball.path]).status == 0)

        let run = try runner.step("run", in: repo.url, extra: ["GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let annotations = run.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") }
        #expect(!annotations.isEmpty && annotations.allSatisfy { $0.contains("file=new.sh,line=2") }, "\(run.stdout)")
        #expect(!run.stdout.contains("old.sh"))
        #expect(!(run.stdout + run.stderr).contains(added))
        let sarif = try String(contentsOf: repo.url.appendingPathComponent("promptscan.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"promptscan/diff/\""))
    }

    /// The GitLab job's `before_script` and `script`, as GitLab runs them (one shell, in order).
    static func gitLabJob() throws -> (job: [String: Any], script: String) {
        let text = try String(contentsOf: root.appendingPathComponent("Hooks/gitlab-ci.yml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let job = try #require(document["promptscan"] as? [String: Any])
        let lines = ((job["before_script"] as? [String]) ?? []) + ((job["script"] as? [String]) ?? [])
        return (job, "set -e\n" + lines.joined(separator: "\n"))
    }

    @Test func gitLabJobListsFindingsAndWritesBothReportsGitLabReads() throws {
        let (job, script) = try Self.gitLabJob()
        let artifacts = try #require(job["artifacts"] as? [String: Any])
        let reports = try #require(artifacts["reports"] as? [String: String])
        #expect(reports == ["codequality": "gl-code-quality-report.json", "secret_detection": "gl-secret-detection-report.json"])
        #expect(artifacts["when"] as? String == "always")

        let repo = try GitRepository("promptscan-gitlab-repo")
        defer { repo.remove() }
        try repo.commit(
            "deploy",
            [
                "ops/deploy.sh": "#!/bin/sh\nexport GITHUB_TOKEN=\(Self.token)\n",
                "prompts/support.md": "Customer: Dana Okafor, phone 646-273-8841, dana.okafor84@gmail.com\n",
            ])
        let bin = TestPaths.binary.deletingLastPathComponent().path
        let run = try repo.sh(
            script, environment: ["CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "PATH": "\(bin):/usr/local/bin:/usr/bin:/bin"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        // The log lists the findings (file, line, rule, redacted value), not a count.
        #expect(run.stdout.contains("ops/deploy.sh:2:"), "\(run.stdout)")
        #expect(run.stdout.contains("github-personal-access-token") && run.stdout.contains("ghp_…"))
        #expect(!(run.stdout + run.stderr).contains(Self.token))

        let quality = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: repo.url.appendingPathComponent("gl-code-quality-report.json"))) as? [[String: Any]])
        #expect(CodeQualityFormat.problems(quality) == [])
        #expect(quality.contains { ($0["location"] as? [String: Any])?["path"] as? String == "ops/deploy.sh" && $0["severity"] as? String == "blocker" })
        let secrets = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: repo.url.appendingPathComponent("gl-secret-detection-report.json"))) as? [String: Any])
        #expect(SecretDetectionFormat.problems(secrets) == [])
        let vulnerabilities = try #require(secrets["vulnerabilities"] as? [[String: Any]])
        let head = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(vulnerabilities.contains { ($0["location"] as? [String: Any])?["file"] as? String == "ops/deploy.sh" })
        #expect(vulnerabilities.allSatisfy { (($0["location"] as? [String: Any])?["commit"] as? [String: Any])?["sha"] as? String == head })
        let raw = try String(contentsOf: repo.url.appendingPathComponent("gl-secret-detection-report.json"), encoding: .utf8)
        #expect(!raw.contains(Self.token) && !raw.contains("646-273-8841"))
        // The checks below would catch a report that drifts from the format.
        #expect(SecretDetectionFormat.problems(["version": "15", "vulnerabilities": []]).count >= 2)
        #expect(CodeQualityFormat.problems([["description": "x", "severity": "fatal"]]).count >= 2)
    }
}

/// GitLab's Code Quality format, as GitLab documents it: an array of issues, each with a
/// `description`, a `check_name`, a `fingerprint` unique in the report, a `severity` among
/// info/minor/major/critical/blocker, and `location.path` with `location.lines.begin` (from 1).
enum CodeQualityFormat {
    static func problems(_ issues: [[String: Any]]) -> [String] {
        var problems: [String] = []
        var fingerprints: Set<String> = []
        for (index, issue) in issues.enumerated() {
            for key in ["description", "check_name", "fingerprint"] where ((issue[key] as? String) ?? "").isEmpty {
                problems.append("issue \(index): no \(key)")
            }
            if let fingerprint = issue["fingerprint"] as? String, !fingerprints.insert(fingerprint).inserted {
                problems.append("issue \(index): fingerprint repeated")
            }
            if !["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? "") {
                problems.append("issue \(index): severity \(issue["severity"] ?? "missing")")
            }
            let location = issue["location"] as? [String: Any]
            if ((location?["path"] as? String) ?? "").isEmpty { problems.append("issue \(index): no location.path") }
            if ((location?["lines"] as? [String: Any])?["begin"] as? Int ?? 0) < 1 { problems.append("issue \(index): no location.lines.begin") }
        }
        return problems
    }
}

/// The constraints of GitLab's secret detection report schema 15.2.1 (security-report-schemas,
/// `dist/secret-detection-report-format.json`) that a report written by a scanner can break:
/// required members, the version pattern, the scan's type, status and time format, the analyzer
/// and scanner objects, and each vulnerability's id, severity, identifiers and location.
enum SecretDetectionFormat {
    static func nonEmpty(_ value: Any?) -> Bool { !((value as? String) ?? "").isEmpty }

    static func matches(_ value: Any?, _ pattern: String) -> Bool {
        guard let text = value as? String else { return false }
        return text.range(of: pattern, options: .regularExpression) != nil
    }

    static func problems(_ report: [String: Any]) -> [String] {
        var problems: [String] = []
        if !matches(report["version"], #"^[0-9]+\.[0-9]+\.[0-9]+$"#) { problems.append("version") }
        if let schema = report["schema"], !matches(schema, #"^https?://.+"#) { problems.append("schema") }
        guard let scan = report["scan"] as? [String: Any] else { return problems + ["scan missing"] }
        if scan["type"] as? String != "secret_detection" { problems.append("scan.type") }
        if !["success", "failure"].contains(scan["status"] as? String ?? "") { problems.append("scan.status") }
        for key in ["start_time", "end_time"] where !matches(scan[key], #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"#) {
            problems.append("scan.\(key)")
        }
        for key in ["analyzer", "scanner"] {
            let tool = scan[key] as? [String: Any]
            for field in ["id", "name", "version"] where !nonEmpty(tool?[field]) { problems.append("scan.\(key).\(field)") }
            if !nonEmpty((tool?["vendor"] as? [String: Any])?["name"]) { problems.append("scan.\(key).vendor.name") }
        }
        for message in (scan["messages"] as? [[String: Any]]) ?? [] {
            if !["info", "warn", "fatal"].contains(message["level"] as? String ?? "") || !nonEmpty(message["value"]) { problems.append("scan.messages") }
        }
        guard let vulnerabilities = report["vulnerabilities"] as? [[String: Any]] else { return problems + ["vulnerabilities missing"] }
        for (index, vulnerability) in vulnerabilities.enumerated() {
            if !nonEmpty(vulnerability["id"]) { problems.append("vulnerability \(index): id") }
            if let severity = vulnerability["severity"], !["Info", "Unknown", "Low", "Medium", "High", "Critical"].contains(severity as? String ?? "") {
                problems.append("vulnerability \(index): severity")
            }
            if ((vulnerability["name"] as? String)?.count ?? 0) > 255 { problems.append("vulnerability \(index): name too long") }
            if ((vulnerability["solution"] as? String)?.count ?? 0) > 7000 { problems.append("vulnerability \(index): solution too long") }
            let identifiers = (vulnerability["identifiers"] as? [[String: Any]]) ?? []
            if identifiers.isEmpty { problems.append("vulnerability \(index): identifiers") }
            for identifier in identifiers where !(nonEmpty(identifier["type"]) && nonEmpty(identifier["name"]) && nonEmpty(identifier["value"])) {
                problems.append("vulnerability \(index): identifier")
            }
            let location = vulnerability["location"] as? [String: Any]
            if !nonEmpty((location?["commit"] as? [String: Any])?["sha"]) { problems.append("vulnerability \(index): location.commit.sha") }
            for key in ["start_line", "end_line"] where location?[key] != nil && !(location?[key] is NSNumber) {
                problems.append("vulnerability \(index): location.\(key)")
            }
        }
        return problems
    }
}
