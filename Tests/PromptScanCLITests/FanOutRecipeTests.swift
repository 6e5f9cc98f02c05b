import Foundation
import TestSupport
import Testing

/// The fan-out recipes in Hooks/fanout (issue 18): the GitHub workflow and GitLab pipeline pass
/// their published schemas (check-jsonschema's vendored copies), the Kubernetes Job is an Indexed
/// Job whose part count agrees with itself, and org-audit.sh, run as the Job's pods would run it,
/// gives for each repository the report one history run gives.
@Suite struct FanOutRecipeTests {
    static let folder = TestPaths.packageRoot.appendingPathComponent("Hooks/fanout")

    /// `python3 -m check_jsonschema`, when installed (.ci/run installs it from PyPI).
    static var checkJSONSchemaAvailable: Bool {
        (try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "check_jsonschema", "--version"]))?.status == 0
    }

    @Test(arguments: [("github-shards.yml", "vendor.github-workflows"), ("gitlab-shards.yml", "vendor.gitlab-ci")])
    func recipesPassTheirSchemas(_ recipe: (file: String, schema: String)) throws {
        guard Self.checkJSONSchemaAvailable else {
            print("skipped: check-jsonschema is not installed (python3 -m pip install check-jsonschema)")
            return
        }
        let result = try runProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-m", "check_jsonschema", "--builtin-schema", recipe.schema, Self.folder.appendingPathComponent(recipe.file).path])
        #expect(result.status == 0, "\(recipe.file): \(result.stdout) \(result.stderr)")
    }

    @Test func theKubernetesJobIsIndexedAndItsPartCountsAgree() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("k8s-indexed-job.yml"), encoding: .utf8)
        func value(_ key: String) -> String? {
            text.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix(key + ":") else { return nil }
                return trimmed.dropFirst(key.count + 1).split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
            }.first
        }
        #expect(value("kind") == "Job")
        #expect(value("completionMode") == "Indexed")
        let completions = try #require(value("completions"))
        #expect(value("parallelism") == completions)
        #expect(text.contains("- name: PARTS\n              value: \"\(completions)\""))
        #expect(text.contains("org-audit.sh\", \"scan\""))
    }

    @Test func orgAuditPartsMergeIntoEachRepositorysHistoryReport() throws {
        var fake = FakeSecrets(seed: 1820)
        let work = try TemporaryDirectory("promptscan-org-audit")
        defer { work.remove() }
        var repositories: [GitRepository] = []
        defer {
            for repository in repositories { repository.remove() }
        }
        for name in ["alpha", "beta"] {
            let repository = try GitRepository("promptscan-org-\(name)")
            for commit in 0..<9 {
                try repository.write("notes/\(name)\(commit % 4).md", "step \(commit): token \(fake.githubToken())\n")
                try repository.git("add", "-A")
                try repository.git("commit", "-q", "-m", "c\(commit)")
            }
            repositories.append(repository)
        }
        let list = repositories.map(\.path).joined(separator: "\n") + "\n# a comment\n"
        let reposFile = try work.write("repos.txt", list)
        let out = work.path + "/reports"
        let script = Self.folder.appendingPathComponent("org-audit.sh").path
        let binary = TestPaths.binary.path
        var environment = GitRepository.environment
        environment["PARTS"] = "3"
        environment["PROMPTSCAN"] = binary
        for index in 0..<3 {
            environment["JOB_COMPLETION_INDEX"] = String(index)
            let pod = try runProcess(URL(fileURLWithPath: "/bin/sh"), [script, "scan", reposFile.path, out], environment: environment)
            #expect(pod.status == 0, "pod \(index): \(pod.stderr)")
        }
        environment["JOB_COMPLETION_INDEX"] = nil
        let merged = try runProcess(URL(fileURLWithPath: "/bin/sh"), [script, "merge", reposFile.path, out], environment: environment)
        #expect(merged.status == 1, "findings fail the audit: \(merged.stderr)")
        for repository in repositories {
            let name = URL(fileURLWithPath: repository.path).lastPathComponent
            let whole = try repository.promptscan(["history", "--format", "json"])
            #expect(whole.status == 1)
            let report = try String(contentsOfFile: "\(out)/\(name).json", encoding: .utf8)
            #expect(report == whole.stdout, "\(name): merged parts differ from one history run")
        }
        // A lost pod's part: the merge refuses, exit 2.
        let name = URL(fileURLWithPath: repositories[0].path).lastPathComponent
        try FileManager.default.removeItem(atPath: "\(out)/\(name)/part-2.json")
        let incomplete = try runProcess(URL(fileURLWithPath: "/bin/sh"), [script, "merge", reposFile.path, out], environment: environment)
        #expect(incomplete.status == 2 && incomplete.stderr.contains("part 2 of 3 missing"), "\(incomplete.stderr)")
    }
}
