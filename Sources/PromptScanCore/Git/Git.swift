import Foundation

/// Runs `git` as a subprocess in one repository, always with `-c core.quotePath=false` (paths come
/// back as their bytes) and never through a shell. Every failure is a one-line `PromptScanError`.
public struct Git: Sendable {
    /// The directory git runs in (any directory inside the work tree).
    public let directory: String
    /// The `git` executable (`PROMPTSCAN_GIT` overrides the one found on PATH).
    public let executable: String

    public init(directory: String = ".", executable: String? = nil) {
        self.directory = directory
        self.executable = executable ?? ProcessInfo.processInfo.environment["PROMPTSCAN_GIT"] ?? Git.findOnPath("git")
    }

    /// What a finished git process left behind.
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: [UInt8]
        public let stderr: String
    }

    /// Options every invocation gets: byte-exact paths, no colour, and no program the repository's
    /// own configuration names: no pager, no fsmonitor hook (`core.fsmonitor` runs a command on
    /// every index read), no hooks, no transport (a partial clone would fetch a missing object
    /// through `core.sshCommand` or a `protocol` helper). Diffs add `--no-ext-diff --no-textconv`
    /// (`GitChanges.diffOptions`), and `cat-file --batch` without `--filters` runs no filter.
    static let baseOptions = [
        "-c", "core.quotePath=false", "-c", "color.ui=false", "-c", "diff.noprefix=false", "--no-pager",
        "-c", "core.fsmonitor=false",
        "-c", "protocol.allow=never", "-c", "core.sshCommand=false",
        "-c", "core.pager=cat", "-c", "credential.helper=",
    ]

    /// No hooks (none of the commands the scans run has one, but a later one might): left out
    /// only where the configured hooks folder is the question (`hook install`).
    static let noHooks = ["-c", "core.hooksPath=/dev/null"]
    /// Whether git sees the repository's own `core.hooksPath` (for `hook install`, which asks
    /// where hooks go); false for everything else.
    public var readsHooksPath = false

    /// Environment variables that would make git run a program or read another configuration,
    /// removed from the environment git gets.
    static let removedVariables = ["GIT_EXTERNAL_DIFF", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_PROXY_COMMAND"]

    /// Runs `git ARGS`, feeding `input` on stdin, and returns its status and output.
    public func run(_ arguments: [String], input: [UInt8]? = nil) throws(PromptScanError) -> Output {
        var environment = ProcessInfo.processInfo.environment
        for name in Git.removedVariables { environment[name] = nil }
        environment["GIT_PAGER"] = "cat"
        environment["PAGER"] = "cat"
        environment["GIT_NO_LAZY_FETCH"] = "1"  // git 2.45+: a missing object is an error, not a fetch
        environment["GIT_PROTOCOL_FROM_USER"] = "0"
        // Overrides every `protocol.<name>.allow` the repository sets (`protocol.allow=never` does not).
        environment["GIT_ALLOW_PROTOCOL"] = "none"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        environment["GIT_OPTIONAL_LOCKS"] = "0"  // a scan never writes the index (no refresh lock)
        do {
            let result = try Subprocess.run(
                executable, ["-C", directory] + Git.baseOptions + (readsHooksPath ? [] : Git.noHooks) + arguments,
                environment: environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }, input: input)
            return Output(status: result.status, stdout: result.stdout, stderr: String(decoding: result.stderr, as: UTF8.self))
        } catch {
            switch error {
            case let .spawn(reason): throw Git.error("cannot run \(executable): \(reason)")
            }
        }
    }

    /// Runs `git ARGS` and returns stdout, or throws git's first error line.
    public func checked(_ arguments: [String], input: [UInt8]? = nil) throws(PromptScanError) -> [UInt8] {
        let output = try run(arguments, input: input)
        guard output.status == 0 else {
            throw Git.error(Git.firstLine(output.stderr) ?? "git \(arguments.first ?? "") exited with status \(output.status)")
        }
        return output.stdout
    }

    /// stdout as text without the trailing newline.
    public func line(_ arguments: [String]) throws(PromptScanError) -> String {
        String(decoding: try checked(arguments), as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// The top of the work tree; fails with "not a git repository" outside one.
    public func topLevel() throws(PromptScanError) -> String {
        let output = try run(["rev-parse", "--show-toplevel"])
        guard output.status == 0 else {
            let message = Git.firstLine(output.stderr) ?? "not a git repository"
            if message.contains("not a git repository") {
                throw Git.error("\(directory) is not inside a git work tree")
            }
            throw Git.error(message)
        }
        let text = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !text.isEmpty else { throw Git.error("\(directory) is not inside a git work tree (a bare repository?)") }
        return text
    }

    /// Whether `revision` names a commit in this repository.
    public func commitExists(_ revision: String) throws(PromptScanError) -> Bool {
        try run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]).status == 0
    }

    /// The commit HEAD names; nil before the first commit.
    public func headCommit() throws(PromptScanError) -> String? {
        let output = try run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
        guard output.status == 0 else { return nil }
        return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether this is a shallow clone.
    public func isShallow() throws(PromptScanError) -> Bool {
        (try? line(["rev-parse", "--is-shallow-repository"])) == "true"
    }

    /// A git error as the library's error type: `error: git: MESSAGE`.
    public static func error(_ message: String) -> PromptScanError {
        .io(path: "git", message: message)
    }

    /// The first non-empty line of `text`, without git's `fatal: `/`error: ` prefix.
    static func firstLine(_ text: String) -> String? {
        guard var line = text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else { return nil }
        for prefix in ["fatal: ", "error: "] where line.hasPrefix(prefix) { line.removeFirst(prefix.count) }
        return line
    }

    static func findOnPath(_ name: String) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/\(name)"
    }
}
