import Foundation

/// The real Claude Code CLI for the end-to-end guard tests: the `claude-agent-sdk` wheel from PyPI
/// carries it (`claude_agent_sdk/_bundled/claude`). Taken from `PROMPTSCAN_CLAUDE_CLI` when set,
/// else downloaded once (pinned version, no dependencies) and unpacked under the system temporary
/// directory, reused by later runs. nil when it cannot be had (no python3 with pip, no network):
/// the tests that need it are skipped.
public enum ClaudeCodeCLI {
    /// The wheel's version: pinned, so a new release cannot change what the tests see.
    public static let sdkVersion = "0.2.184"

    /// The `claude` executable, or nil.
    public static let path: String? = locate()

    static func locate() -> String? {
        if let given = ProcessInfo.processInfo.environment["PROMPTSCAN_CLAUDE_CLI"], !given.isEmpty {
            return works(given) ? given : nil
        }
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("promptscan-claude-agent-sdk-\(sdkVersion)")
        let cli = folder.appendingPathComponent("claude_agent_sdk/_bundled/claude").path
        if works(cli) { return cli }
        // Download and unpack beside the final place, then rename into it.
        let staging = manager.temporaryDirectory.appendingPathComponent("promptscan-claude-agent-sdk-\(sdkVersion).tmp-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: staging) }
        guard
            let download = try? runProcess(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps", "--retries", "1", "--timeout", "60",
                    "--dest", staging.appendingPathComponent("wheel").path, "claude-agent-sdk==\(sdkVersion)",
                ]),
            download.status == 0,
            let wheel = try? manager.contentsOfDirectory(atPath: staging.appendingPathComponent("wheel").path).first(where: { $0.hasSuffix(".whl") })
        else { return nil }
        let unpacked = staging.appendingPathComponent("unpacked")
        guard
            let unzip = try? runProcess(
                URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "zipfile", "-e", staging.appendingPathComponent("wheel/" + wheel).path, unpacked.path]),
            unzip.status == 0
        else { return nil }
        try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: unpacked.appendingPathComponent("claude_agent_sdk/_bundled/claude").path)
        try? manager.moveItem(at: unpacked, to: folder)  // fails when another run got there first: use theirs
        return works(cli) ? cli : nil
    }

    static func works(_ cli: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: cli), let result = try? runProcess(URL(fileURLWithPath: cli), ["--version"]) else { return false }
        return result.status == 0 && result.stdout.contains("Claude Code")
    }
}
