import Foundation
import TestSupport
import Testing

/// SARIF from any folder: locations relative to the repository root whatever folder was scanned
/// and wherever from, `SRCROOT` the root's absolute URI, and an analysis category per command.
@Suite struct SarifLocationTests {
    /// A repository whose findings live in `demo/` (a folder name with a space below it too).
    static func repository() throws -> (GitRepository, String) {
        let repo = try GitRepository("promptscan sarif")
        var fake = FakeSecrets(seed: 4242)
        try repo.commit(
            "base",
            [
                "README.md": "top\n",
                "demo/CLAUDE.md": "# notes\n\nkey \(fake.anthropicKey())\n",
                "demo/deep dir/app.env": "GITHUB_TOKEN=\(fake.githubToken())\n",
            ])
        return (repo, URL(fileURLWithPath: repo.path).resolvingSymlinksInPath().path)
    }

    static func key(_ seed: UInt64) -> String {
        var fake = FakeSecrets(seed: seed)
        return fake.anthropicKey()
    }

    /// The one run of a SARIF file.
    static func run(_ path: String) throws -> [String: Any] {
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return try #require((log?["runs"] as? [[String: Any]])?.first)
    }

    static func uris(_ run: [String: Any]) -> [String] {
        ((run["results"] as? [[String: Any]]) ?? []).compactMap { result in
            (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                as? [String: Any])?["uri"] as? String
        }.sorted()
    }

    static func srcroot(_ run: [String: Any]) -> String? {
        ((run["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any])?["uri"] as? String
    }

    static func automationID(_ run: [String: Any]) -> String? {
        (run["automationDetails"] as? [String: Any])?["id"] as? String
    }

    static func checkSarif(_ file: String, root: String) throws {
        let shared = try #require(TestPaths.shared)
        let check = try python3([shared.appendingPathComponent("tools/check-sarif").path, file, "--repo-root", root])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func scanOfASubfolderPointsAtRepositoryFilesFromAnyDirectory() throws {
        let (repo, top) = try Self.repository()
        defer { repo.remove() }
        let expected = ["demo/CLAUDE.md", "demo/deep dir/app.env"]
        let rootURI = URL(fileURLWithPath: top, isDirectory: true).absoluteString
        #expect(rootURI.hasPrefix("file:///") && rootURI.hasSuffix("/") && rootURI.contains("promptscan%20sarif"))
        // From the root, naming the folder; from inside the folder; from elsewhere, by absolute path.
        let runs: [(arguments: [String], directory: URL)] = [
            (["scan", "demo"], repo.url),
            (["scan", "."], repo.url.appendingPathComponent("demo")),
            (["scan", repo.path + "/demo"], URL(fileURLWithPath: "/")),
        ]
        for (index, run) in runs.enumerated() {
            let out = repo.path + "/out\(index).sarif"
            let result = try promptscan(
                run.arguments + ["--format", "sarif", "--output", out], in: run.directory, environment: GitRepository.environment)
            #expect(result.status == 1, "\(result.stderr)")
            let sarif = try Self.run(out)
            #expect(Self.uris(sarif) == expected, "\(run.arguments) from \(run.directory.path)")
            #expect(Self.srcroot(sarif) == rootURI)
            #expect(Self.automationID(sarif) == "promptscan/scan/")
        }
        // One file of the folder.
        let single = repo.path + "/single.sarif"
        _ = try promptscan(["scan", "demo/CLAUDE.md", "--format", "sarif", "--output", single], in: repo.url, environment: GitRepository.environment)
        #expect(Self.uris(try Self.run(single)) == ["demo/CLAUDE.md"])
        #expect(Self.srcroot(try Self.run(single)) == rootURI)
    }

    @Test(.enabled(if: TestPaths.shared != nil, "../shared is not beside the project: check-sarif skipped"))
    func subfolderSarifPassesCheckSarifAgainstTheRepositoryRoot() throws {
        let (repo, top) = try Self.repository()
        defer { repo.remove() }
        let out = try TemporaryDirectory()
        defer { out.remove() }
        _ = try promptscan(["scan", "demo", "--format", "sarif", "--output", out.path + "/scan.sarif"], in: repo.url, environment: GitRepository.environment)
        try Self.checkSarif(out.path + "/scan.sarif", root: top)
        try repo.write("demo/deep dir/new.md", "key \(Self.key(99))\n")
        try repo.git("add", "-A")
        _ = try promptscan(
            ["staged", "--format", "sarif", "--output", out.path + "/staged.sarif"], in: repo.url.appendingPathComponent("demo"),
            environment: GitRepository.environment)
        try Self.checkSarif(out.path + "/staged.sarif", root: top)
    }

    @Test func outsideARepositoryTheScannedFolderIsTheRoot() throws {
        let dir = try TemporaryDirectory("promptscan-sarif-plain")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 4243)
        try dir.write("tree/a/CLAUDE.md", "key \(fake.anthropicKey())\n")
        let out = dir.path + "/out.sarif"
        _ = try promptscan(["scan", dir.path + "/tree", "--format", "sarif", "--output", out])
        let run = try Self.run(out)
        #expect(Self.uris(run) == ["a/CLAUDE.md"])
        let real = URL(fileURLWithPath: dir.path + "/tree").resolvingSymlinksInPath().path
        #expect(Self.srcroot(run) == URL(fileURLWithPath: real, isDirectory: true).absoluteString)
    }

    @Test func categoryPerCommandAndFromTheOption() throws {
        let (repo, _) = try Self.repository()
        defer { repo.remove() }
        try repo.git("branch", "base")
        try repo.commit("more", ["demo/more.md": "key \(Self.key(7))\n"])
        try repo.write("demo/staged.md", "key \(Self.key(8))\n")
        try repo.git("add", "-A")
        let cases: [([String], String)] = [
            (["scan", "demo"], "promptscan/scan/"),
            (["scan", "demo", "--sarif-category", "promptscan/full"], "promptscan/full/"),
            (["scan", "demo", "--sarif-category", "team/secrets/"], "team/secrets/"),
            (["diff", "--base", "base"], "promptscan/diff/"),
            (["diff", "--base", "base", "--sarif-category", "pr"], "pr/"),
            (["staged"], "promptscan/staged/"),
            (["history"], "promptscan/history/"),
        ]
        for (arguments, id) in cases {
            let out = repo.path + "/c.sarif"
            let result = try repo.promptscan(arguments + ["--format", "sarif", "--output", out])
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(Self.automationID(try Self.run(out)) == id, "\(arguments)")
        }
        for bad in ["", "/", "a\u{1}b"] {
            let result = try repo.promptscan(["scan", "demo", "--format", "sarif", "--sarif-category", bad])
            #expect(result.status == 64, "'\(bad)': \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: --sarif-category"))
        }
    }
}
