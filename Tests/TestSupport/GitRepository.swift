import Foundation

/// A real git repository in a temporary directory, isolated from the user's and system's git
/// configuration, with a local user name and e-mail so commits work.
public struct GitRepository: Sendable {
    public let dir: TemporaryDirectory
    public var path: String { dir.path }
    public var url: URL { dir.url }

    /// An empty global config (not /dev/null: a tool that renames a file over its target must not
    /// be able to break the device for the whole machine).
    public static let emptyConfig: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("promptscan-empty-gitconfig").path
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: Data()) }
        return path
    }()

    /// Environment for every git and promptscan process the tests start.
    public static let environment: [String: String] = [
        "GIT_CONFIG_GLOBAL": emptyConfig, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z", "GIT_TERMINAL_PROMPT": "0",
    ]

    /// `git init` (branch `main`) with a local identity.
    public init(_ label: String = "promptscan-git") throws {
        dir = try TemporaryDirectory(label)
        try git("init", "-q", "-b", "main")
        try git("config", "user.name", "Test")
        try git("config", "user.email", "test@example.com")
        try git("config", "commit.gpgsign", "false")
    }

    /// Wraps an existing directory (a clone).
    public init(existing dir: TemporaryDirectory) { self.dir = dir }

    /// Runs git; throws when it fails.
    @discardableResult
    public func git(_ arguments: String...) throws -> String {
        try gitArgs(arguments)
    }

    @discardableResult
    public func gitArgs(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: url, environment: Self.environment)
        if result.status != 0 && !allowFailure {
            throw GitFailure(message: "git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs `sh -c SCRIPT` in the repository.
    @discardableResult
    public func sh(_ script: String, environment: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: url,
            environment: Self.environment.merging(environment) { _, new in new })
    }

    /// Writes a file in the work tree.
    @discardableResult
    public func write(_ relativePath: String, _ content: String) throws -> URL { try dir.write(relativePath, content) }

    /// Writes, stages and commits `files` (skipping hooks).
    public func commit(_ message: String, _ files: [String: String] = [:]) throws {
        for (name, content) in files.sorted(by: { $0.key < $1.key }) {
            try write(name, content)
            try git("add", "--", name)
        }
        try git("commit", "-q", "--no-verify", "--allow-empty", "-m", message)
    }

    /// Runs the built promptscan in the repository.
    public func promptscan(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(TestPaths.binary, arguments, in: url, environment: Self.environment.merging(environment) { _, new in new })
    }

    public func remove() { dir.remove() }
}

public struct GitFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
