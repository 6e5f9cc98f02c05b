import Foundation
import TestSupport
import Testing

/// `guard install` and `guard uninstall` for every agent: entries merged into the agent's settings
/// without touching anything else, idempotent, a dry run that writes nothing, a broken file refused.
@Suite struct GuardInstallTests {
    /// The settings file of each agent for each scope, relative to the home or project folder.
    static let files: [(agent: String, user: String, project: String, events: [String])] = [
        ("claude", ".claude/settings.json", ".claude/settings.json", ["UserPromptSubmit", "PreToolUse", "PostToolUse"]),
        ("codex", ".codex/hooks.json", ".codex/hooks.json", ["UserPromptSubmit", "PreToolUse", "PostToolUse"]),
        ("gemini", ".gemini/settings.json", ".gemini/settings.json", ["BeforeAgent", "BeforeTool", "AfterTool"]),
        (
            "cursor", ".cursor/hooks.json", ".cursor/hooks.json",
            ["beforeSubmitPrompt", "beforeReadFile", "beforeShellExecution", "beforeMCPExecution", "afterShellExecution", "afterMCPExecution"]
        ),
        (
            "windsurf", ".codeium/windsurf/hooks.json", ".windsurf/hooks.json",
            ["pre_user_prompt", "pre_read_code", "pre_write_code", "pre_run_command", "pre_mcp_tool_use", "post_run_command", "post_mcp_tool_use"]
        ),
        ("copilot", ".copilot/hooks/promptscan.json", ".github/hooks/promptscan.json", ["userPromptSubmitted", "preToolUse", "postToolUse"]),
        ("vscode", ".copilot/hooks/promptscan.json", ".github/hooks/promptscan.json", ["userPromptSubmitted", "preToolUse", "postToolUse"]),
    ]

    /// Settings a user already has: other keys, another tool's hook on one of our events.
    static func existing(_ event: String) -> String {
        """
        {
            "model": "opus",
            "permissions": {"allow": ["Bash(ls)"], "deny": []},
            "ratio": 1.50,
            "hooks": {
                "\(event)": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "other-tool check"}]}],
                "Notification": [{"hooks": [{"type": "command", "command": "notify-send hi"}]}]
            },
            "unicode": "caf\\u00e9 ☕"
        }

        """
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    /// Every command string in a settings object's hooks that runs promptscan guard.
    func guardCommands(_ object: [String: Any]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (event, value) in object["hooks"] as? [String: Any] ?? [:] {
            for item in value as? [[String: Any]] ?? [] {
                let entries = (item["hooks"] as? [[String: Any]]) ?? [item]
                for entry in entries where ((entry["command"] as? String) ?? (entry["bash"] as? String) ?? "").hasSuffix("promptscan guard") {
                    counts[event, default: 0] += 1
                }
            }
        }
        return counts
    }

    @Test(arguments: ["claude", "codex", "gemini", "cursor", "windsurf", "copilot", "vscode"])
    func installMergesIsIdempotentAndUninstallRestores(_ agent: String) throws {
        let home = try TemporaryDirectory("promptscan-guard-home")
        let project = try TemporaryDirectory("promptscan-guard-project")
        defer {
            home.remove()
            project.remove()
        }
        let spec = Self.files.first { $0.agent == agent }!
        let environment = ["HOME": home.path]
        for (scope, base, relative) in [("project", project, spec.project), ("user", home, spec.user)] {
            let path = base.path + "/" + relative
            let original = Self.existing(spec.events[1])
            try base.write(relative, original)
            // A dry run prints a diff and writes nothing.
            let dry = try promptscan(["guard", "install", "--agent", agent, "--scope", scope, "--dry-run"], in: project.url, environment: environment)
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.hasPrefix("--- \(path)\n+++ \(path)\n"), "\(dry.stdout)")
            #expect(dry.stdout.contains("+") && dry.stdout.contains("promptscan guard"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
            // Install: every event gets one entry; everything else is kept, keys in their order.
            let first = try promptscan(["guard", "install", "--agent", agent, "--scope", scope], in: project.url, environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stderr.contains("installed promptscan guard"))
            let installed = try json(path)
            #expect(guardCommands(installed) == Dictionary(uniqueKeysWithValues: spec.events.map { ($0, 1) }), "\(installed)")
            #expect(installed["model"] as? String == "opus" && installed["unicode"] as? String == "café ☕")
            #expect((installed["permissions"] as? [String: Any])?["allow"] as? [String] == ["Bash(ls)"])
            let hooks = installed["hooks"] as? [String: Any] ?? [:]
            #expect(hooks["Notification"] != nil)
            let ours = hooks[spec.events[1]] as? [[String: Any]] ?? []
            #expect(ours.contains { ($0["hooks"] as? [[String: Any]])?.first?["command"] as? String == "other-tool check" })
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\"ratio\": 1.50"), "numbers are kept as written")
            let order = ["\"model\"", "\"permissions\"", "\"ratio\"", "\"hooks\"", "\"unicode\""].map { text.range(of: $0)!.lowerBound }
            #expect(order == order.sorted())
            // The command is absolute.
            let command = text.components(separatedBy: "\"").first { $0.hasSuffix("promptscan guard") } ?? ""
            #expect(command.hasPrefix("/"), "\(command)")
            // Again: nothing changes, byte for byte.
            let second = try promptscan(["guard", "install", "--agent", agent, "--scope", scope], in: project.url, environment: environment)
            #expect(second.status == 0 && second.stderr.contains("already installed"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
            // Uninstall: only promptscan's entries go; the rest is as before (as JSON).
            let removed = try promptscan(["guard", "uninstall", "--agent", agent, "--scope", scope], in: project.url, environment: environment)
            #expect(removed.status == 0, "\(removed.stderr)")
            var after = try json(path)
            // (`version: 1`, which hook files of Cursor and Copilot need, is left in place.)
            if spec.events.contains("beforeSubmitPrompt") || spec.events.contains("userPromptSubmitted") { after["version"] = nil }
            let before = try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any] ?? [:]
            #expect(NSDictionary(dictionary: after).isEqual(to: before), "\(after)")
            #expect(guardCommands(after).isEmpty)
            let again = try promptscan(["guard", "uninstall", "--agent", agent, "--scope", scope], in: project.url, environment: environment)
            #expect(again.status == 0 && again.stderr.contains("nothing changed"))
        }
    }

    @Test func aNewFileIsCreatedAndRemovedWhenItHoldsOnlyOurs() throws {
        let project = try TemporaryDirectory("promptscan-guard-project")
        defer { project.remove() }
        let path = project.path + "/.github/hooks/promptscan.json"
        let install = try promptscan(["guard", "install", "--agent", "copilot"], in: project.url)
        #expect(install.status == 0)
        let object = try json(path)
        #expect(object["version"] as? Int == 1)
        let entry = ((object["hooks"] as? [String: Any])?["preToolUse"] as? [[String: Any]])?.first
        #expect((entry?["bash"] as? String)?.hasSuffix("promptscan guard") == true)
        let uninstall = try promptscan(["guard", "uninstall", "--agent", "copilot"], in: project.url)
        #expect(uninstall.status == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileThatDoesNotParseIsRefusedInOneLine() throws {
        let project = try TemporaryDirectory("promptscan-guard-project")
        defer { project.remove() }
        for (agent, relative) in [("claude", ".claude/settings.json"), ("cursor", ".cursor/hooks.json"), ("gemini", ".gemini/settings.json")] {
            for broken in ["{\"hooks\": {", "{\n  // a comment\n  \"a\": 1\n}\n", "[1, 2]", "{\"hooks\": []}"] {
                try project.write(relative, broken)
                for command in ["install", "uninstall"] {
                    let result = try promptscan(["guard", command, "--agent", agent], in: project.url)
                    if command == "uninstall" && broken == "{\"hooks\": []}" {
                        #expect(result.status == 0)  // nothing of ours in it
                        continue
                    }
                    #expect(result.status == 2, "\(agent) \(command) \(broken): \(result.stderr)")
                    #expect(result.stderr.hasPrefix("error: \(project.path)/\(relative): "), "\(result.stderr)")
                    #expect(result.stderr.split(separator: "\n").count == 1)
                    #expect(try String(contentsOfFile: project.path + "/" + relative, encoding: .utf8) == broken)
                }
            }
        }
        let usage = try promptscan(["guard", "install", "--agent", "notepad"], in: project.url)
        #expect(usage.status == 64)
    }

    @Test func installedCommandRunsTheGuard() throws {
        let project = try TemporaryDirectory("promptscan-guard-project")
        defer { project.remove() }
        #expect(try promptscan(["guard", "install", "--agent", "claude"], in: project.url).status == 0)
        let object = try json(project.path + "/.claude/settings.json")
        let group = ((object["hooks"] as? [String: Any])?["PreToolUse"] as? [[String: Any]])?.first
        let command = ((group?["hooks"] as? [[String: Any]])?.first?["command"] as? String) ?? ""
        #expect(command == TestPaths.binary.standardizedFileURL.path + " guard" || command.hasSuffix("/promptscan guard"))
        var fake = FakeSecrets(seed: 1622)
        let payload = "{\"session_id\":\"s\",\"cwd\":\"\(project.path)\",\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"\(fake.anthropicKey())\"}"
        let result = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", command], input: Data(payload.utf8))
        #expect(result.status == 0 && result.stdout.contains("\"decision\":\"block\""), "\(result.stdout) \(result.stderr)")
    }
}

extension GuardInstallTests {
    /// Reinstalling points an older entry at this binary and keeps the options a user added.
    @Test func reinstallRepointsTheBinaryAndKeepsAddedOptions() throws {
        let project = try TemporaryDirectory("promptscan-guard-project")
        defer { project.remove() }
        try project.write(
            ".cursor/hooks.json",
            "{\"version\": 1, \"hooks\": {\"beforeSubmitPrompt\": [{\"command\": \"/old/place/promptscan guard --config /etc/guard.yml\"}]}}\n")
        let result = try promptscan(["guard", "install", "--agent", "cursor", "--binary", "/opt/tools/promptscan"], in: project.url)
        #expect(result.status == 0, "\(result.stderr)")
        let hooks = try json(project.path + "/.cursor/hooks.json")["hooks"] as? [String: Any] ?? [:]
        let prompt = (hooks["beforeSubmitPrompt"] as? [[String: Any]] ?? []).compactMap { $0["command"] as? String }
        #expect(prompt == ["/opt/tools/promptscan guard --config /etc/guard.yml"], "\(prompt)")
        let read = (hooks["beforeReadFile"] as? [[String: Any]] ?? []).compactMap { $0["command"] as? String }
        #expect(read == ["/opt/tools/promptscan guard"])
        let again = try promptscan(["guard", "install", "--agent", "cursor", "--binary", "/opt/tools/promptscan"], in: project.url)
        #expect(again.stderr.contains("already installed"), "\(again.stderr)")
    }
}
