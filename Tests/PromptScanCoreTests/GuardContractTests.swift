import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// `promptscan guard` answers every agent in its own contract (`../shared/AGENT-HOOKS.md`): for
/// each agent and documented event, a clean payload is allowed (silently, or with the agent's
/// explicit allow), one holding a high-severity secret is blocked (or, where the event cannot
/// block, reported), and with `guard: {secrets: off}` the same payload is a warning. Payloads are
/// shaped as the reference shows them.
@Suite struct GuardContractTests {
    /// What a reply must look like.
    struct Expect {
        var status: Int32 = 0
        /// A key path into the stdout JSON and the string (or boolean) it must hold; nil: stdout is empty.
        var path: [String]? = nil
        var value: String? = nil
        /// The rule id must appear on stderr (else in stdout).
        var onStderr = false

        static let empty = Expect()
        static func json(_ path: [String], _ value: String, onStderr: Bool = false) -> Expect {
            Expect(path: path, value: value, onStderr: onStderr)
        }
        static let exit2 = Expect(status: 2, onStderr: true)
        static let stderrOnly = Expect(onStderr: true)
    }

    /// One agent event: its payload around `content`, and the replies expected for each outcome.
    /// (`@unchecked`: the payload closure captures nothing mutable; it only builds dictionaries.)
    struct Case: CustomTestStringConvertible, @unchecked Sendable {
        let agent: GuardAgent
        let event: String
        let label: String
        let payload: (_ content: String, _ dir: String) -> [String: Any]
        let allow: Expect
        let block: Expect
        let warn: Expect
        var testDescription: String { "\(agent.rawValue) \(event) \(label)" }
    }

    static func claudeBase(_ event: String, _ dir: String) -> [String: Any] {
        [
            "session_id": "abc123", "transcript_path": "/home/u/.claude/projects/p/abc123.jsonl", "cwd": dir, "permission_mode": "default",
            "hook_event_name": event,
        ]
    }
    static func codexBase(_ event: String, _ dir: String) -> [String: Any] {
        [
            "session_id": "0199", "transcript_path": "/home/u/.codex/sessions/2026/08/01/rollout-1.jsonl", "cwd": dir, "hook_event_name": event,
            "model": "gpt-5-codex", "permission_mode": "default", "turn_id": "t1",
        ]
    }
    static func vscodeBase(_ event: String, _ dir: String) -> [String: Any] {
        [
            "timestamp": "2026-08-01T10:00:00Z", "cwd": dir, "sessionId": "s1", "hookEventName": event,
            "transcript_path": "/home/u/.config/Code/User/workspaceStorage/x/GitHub.copilot-chat/transcripts/s1.jsonl",
        ]
    }
    static func copilotBase(_ dir: String) -> [String: Any] { ["sessionId": "s1", "timestamp": 1_754_000_000_000, "cwd": dir] }
    static func geminiBase(_ event: String, _ dir: String) -> [String: Any] {
        [
            "session_id": "g1", "transcript_path": "/home/u/.gemini/tmp/abc/chats/session.json", "cwd": dir, "hook_event_name": event,
            "timestamp": "2026-08-01T10:00:00Z",
        ]
    }
    static func cursorBase(_ event: String, _ dir: String) -> [String: Any] {
        [
            "conversation_id": "c1", "generation_id": "g1", "model": "claude-4", "hook_event_name": event, "cursor_version": "1.7.2",
            "workspace_roots": [dir], "user_email": NSNull(),
        ]
    }
    static func windsurfBase(_ event: String, _ info: [String: Any]) -> [String: Any] {
        [
            "agent_action_name": event, "trajectory_id": "t1", "execution_id": "e1", "timestamp": "2026-08-01T10:00:00Z", "model_name": "swe-1",
            "tool_info": info,
        ]
    }

    static func merged(_ base: [String: Any], _ extra: [String: Any]) -> [String: Any] {
        base.merging(extra) { _, new in new }
    }

    static var claudeLike: [(GuardAgent, (String, String) -> [String: Any])] { [(.claude, claudeBase), (.codex, codexBase)] }

    static var cases: [Case] {
        var cases: [Case] = []
        let promptBlock = Expect.json(["decision"], "block")
        let deny = Expect.json(["hookSpecificOutput", "permissionDecision"], "deny")
        let systemWarn = Expect.json(["systemMessage"], "*")
        // Claude Code and Codex CLI share the shape and the answers.
        for (agent, base) in claudeLike {
            cases.append(
                Case(
                    agent: agent, event: "UserPromptSubmit", label: "prompt", payload: { c, d in merged(base("UserPromptSubmit", d), ["prompt": c]) },
                    allow: .empty, block: promptBlock, warn: systemWarn))
            cases.append(
                Case(
                    agent: agent, event: "PreToolUse", label: "Bash",
                    payload: { c, d in
                        merged(
                            base("PreToolUse", d),
                            ["tool_name": "Bash", "tool_input": ["command": "echo '\(c)'", "description": "x"], "tool_use_id": "toolu_1"])
                    }, allow: .empty, block: deny, warn: systemWarn))
            cases.append(
                Case(
                    agent: agent, event: "PreToolUse", label: "MCP",
                    payload: { c, d in
                        merged(
                            base("PreToolUse", d),
                            ["tool_name": "mcp__github__create_issue", "tool_input": ["title": "t", "body": c], "tool_use_id": "toolu_2"])
                    }, allow: .empty, block: deny, warn: systemWarn))
            cases.append(
                Case(
                    agent: agent, event: "PostToolUse", label: "Bash output",
                    payload: { c, d in
                        merged(
                            base("PostToolUse", d),
                            ["tool_name": "Bash", "tool_input": ["command": "env"], "tool_response": ["stdout": c, "stderr": "", "interrupted": false]])
                    }, allow: .empty, block: promptBlock, warn: systemWarn))
        }
        cases.append(
            Case(
                agent: .claude, event: "PreToolUse", label: "Read",
                payload: { _, d in merged(claudeBase("PreToolUse", d), ["tool_name": "Read", "tool_input": ["file_path": d + "/notes.txt"]]) }, allow: .empty,
                block: deny, warn: systemWarn))
        cases.append(
            Case(
                agent: .claude, event: "PreToolUse", label: "Write",
                payload: { c, d in
                    merged(claudeBase("PreToolUse", d), ["tool_name": "Write", "tool_input": ["file_path": d + "/config.py", "content": "KEY = '\(c)'\n"]])
                }, allow: .empty, block: deny, warn: systemWarn))
        cases.append(
            Case(
                agent: .claude, event: "PreToolUse", label: "Edit",
                payload: { c, d in
                    merged(
                        claudeBase("PreToolUse", d), ["tool_name": "Edit", "tool_input": ["file_path": d + "/config.py", "old_string": "x", "new_string": c]])
                }, allow: .empty, block: deny, warn: systemWarn))
        cases.append(
            Case(
                agent: .codex, event: "PreToolUse", label: "apply_patch",
                payload: { c, d in
                    merged(
                        codexBase("PreToolUse", d),
                        ["tool_name": "apply_patch", "tool_input": ["command": "*** Begin Patch\n*** Add File: a.py\n+KEY = '\(c)'\n*** End Patch\n"]])
                }, allow: .empty, block: deny, warn: systemWarn))
        // VS Code agent hooks.
        cases.append(
            Case(
                agent: .vscode, event: "UserPromptSubmit", label: "prompt", payload: { c, d in merged(vscodeBase("UserPromptSubmit", d), ["prompt": c]) },
                allow: .empty, block: .json(["continue"], "false"), warn: systemWarn))
        cases.append(
            Case(
                agent: .vscode, event: "PreToolUse", label: "run_in_terminal",
                payload: { c, d in
                    merged(vscodeBase("PreToolUse", d), ["tool_name": "run_in_terminal", "tool_input": ["command": "echo '\(c)'"], "tool_use_id": "t1"])
                }, allow: .empty, block: deny, warn: systemWarn))
        cases.append(
            Case(
                agent: .vscode, event: "PreToolUse", label: "read_file",
                payload: { _, d in
                    merged(
                        vscodeBase("PreToolUse", d),
                        ["tool_name": "read_file", "tool_input": ["filePath": d + "/notes.txt", "startLine": 1, "endLine": 3], "tool_use_id": "t2"])
                }, allow: .empty, block: deny, warn: systemWarn))
        cases.append(
            Case(
                agent: .vscode, event: "PostToolUse", label: "output",
                payload: { c, d in merged(vscodeBase("PostToolUse", d), ["tool_name": "run_in_terminal", "tool_input": ["command": "env"], "tool_response": c])
                }, allow: .empty, block: promptBlock, warn: systemWarn))
        // Copilot CLI, camelCase dialect (and one PascalCase payload).
        cases.append(
            Case(
                agent: .copilot, event: "userPromptSubmitted", label: "prompt", payload: { c, d in merged(copilotBase(d), ["prompt": c]) }, allow: .empty,
                block: promptBlock, warn: .stderrOnly))
        cases.append(
            Case(
                agent: .copilot, event: "preToolUse", label: "bash",
                payload: { c, d in merged(copilotBase(d), ["toolName": "bash", "toolArgs": "{\"command\":\"echo '\(c)'\"}"]) }, allow: .empty,
                block: .json(["permissionDecision"], "deny"), warn: .stderrOnly))
        cases.append(
            Case(
                agent: .copilot, event: "preToolUse", label: "view",
                payload: { _, d in merged(copilotBase(d), ["toolName": "view", "toolArgs": ["path": d + "/notes.txt"]]) }, allow: .empty,
                block: .json(["permissionDecision"], "deny"), warn: .stderrOnly))
        cases.append(
            Case(
                agent: .copilot, event: "preToolUse", label: "MCP",
                payload: { c, d in merged(copilotBase(d), ["toolName": "github-create_issue", "toolArgs": ["body": c]]) }, allow: .empty,
                block: .json(["permissionDecision"], "deny"), warn: .stderrOnly))
        cases.append(
            Case(
                agent: .copilot, event: "postToolUse", label: "output",
                payload: { c, d in
                    merged(
                        copilotBase(d), ["toolName": "bash", "toolArgs": ["command": "env"], "toolResult": ["resultType": "success", "textResultForLlm": c]])
                }, allow: .empty, block: promptBlock, warn: .stderrOnly))
        cases.append(
            Case(
                agent: .copilot, event: "PreToolUse", label: "PascalCase bash",
                payload: { c, d in
                    [
                        "hook_event_name": "PreToolUse", "session_id": "s1", "timestamp": "2026-08-01T10:00:00Z", "cwd": d, "tool_name": "bash",
                        "tool_input": ["command": "echo '\(c)'"],
                    ]
                }, allow: .empty, block: deny, warn: .stderrOnly))
        // Gemini CLI.
        let geminiDeny = Expect.json(["decision"], "deny")
        cases.append(
            Case(
                agent: .gemini, event: "BeforeAgent", label: "prompt", payload: { c, d in merged(geminiBase("BeforeAgent", d), ["prompt": c]) }, allow: .empty,
                block: geminiDeny, warn: systemWarn))
        cases.append(
            Case(
                agent: .gemini, event: "BeforeTool", label: "run_shell_command",
                payload: { c, d in merged(geminiBase("BeforeTool", d), ["tool_name": "run_shell_command", "tool_input": ["command": "echo '\(c)'"]]) },
                allow: .empty, block: geminiDeny, warn: systemWarn))
        cases.append(
            Case(
                agent: .gemini, event: "BeforeTool", label: "read_file",
                payload: { _, d in merged(geminiBase("BeforeTool", d), ["tool_name": "read_file", "tool_input": ["file_path": "notes.txt"]]) }, allow: .empty,
                block: geminiDeny, warn: systemWarn))
        cases.append(
            Case(
                agent: .gemini, event: "BeforeTool", label: "write_file",
                payload: { c, d in merged(geminiBase("BeforeTool", d), ["tool_name": "write_file", "tool_input": ["file_path": "a.py", "content": c]]) },
                allow: .empty, block: geminiDeny, warn: systemWarn))
        cases.append(
            Case(
                agent: .gemini, event: "BeforeTool", label: "MCP",
                payload: { c, d in
                    merged(
                        geminiBase("BeforeTool", d),
                        ["tool_name": "mcp__github__create_issue", "tool_input": ["body": c], "mcp_context": ["server_name": "github"]])
                }, allow: .empty, block: geminiDeny, warn: systemWarn))
        cases.append(
            Case(
                agent: .gemini, event: "AfterTool", label: "output",
                payload: { c, d in
                    merged(
                        geminiBase("AfterTool", d),
                        ["tool_name": "run_shell_command", "tool_input": ["command": "env"], "tool_response": ["llmContent": c, "returnDisplay": c]])
                }, allow: .empty, block: geminiDeny, warn: systemWarn))
        // Cursor: per-event answers.
        let cursorAllow = Expect.json(["permission"], "allow")
        let cursorDeny = Expect.json(["permission"], "deny")
        let cursorWarn = Expect.json(["user_message"], "*")
        cases.append(
            Case(
                agent: .cursor, event: "beforeSubmitPrompt", label: "prompt",
                payload: { c, d in merged(cursorBase("beforeSubmitPrompt", d), ["prompt": c, "attachments": [[String: String]]()]) },
                allow: .json(["continue"], "true"), block: .json(["continue"], "false"), warn: cursorWarn))
        cases.append(
            Case(
                agent: .cursor, event: "beforeShellExecution", label: "command",
                payload: { c, d in merged(cursorBase("beforeShellExecution", d), ["command": "echo '\(c)'", "cwd": d]) }, allow: cursorAllow, block: cursorDeny,
                warn: cursorWarn))
        cases.append(
            Case(
                agent: .cursor, event: "beforeMCPExecution", label: "MCP",
                payload: { c, d in
                    merged(
                        cursorBase("beforeMCPExecution", d),
                        ["tool_name": "create_issue", "tool_input": "{\"body\":\"\(c)\"}", "url": "https://mcp.example.com"])
                }, allow: cursorAllow, block: cursorDeny, warn: cursorWarn))
        cases.append(
            Case(
                agent: .cursor, event: "beforeReadFile", label: "read",
                payload: { c, d in merged(cursorBase("beforeReadFile", d), ["file_path": d + "/notes.txt", "content": c, "attachments": [[String: String]]()])
                }, allow: cursorAllow, block: .json(["permission"], "deny", onStderr: true), warn: .json(["permission"], "allow", onStderr: true)))
        cases.append(
            Case(
                agent: .cursor, event: "preToolUse", label: "Shell",
                payload: { c, d in merged(cursorBase("preToolUse", d), ["tool_name": "Shell", "tool_input": ["command": "echo '\(c)'"]]) }, allow: cursorAllow,
                block: cursorDeny, warn: cursorWarn))
        for event in ["afterShellExecution", "afterMCPExecution", "postToolUse"] {
            cases.append(
                Case(
                    agent: .cursor, event: event, label: "output",
                    payload: { c, d in
                        merged(
                            cursorBase(event, d),
                            event == "afterMCPExecution"
                                ? ["tool_name": "x", "tool_input": "{}", "result_json": "{\"text\":\"\(c)\"}", "duration": 3]
                                : event == "postToolUse"
                                    ? ["tool_name": "Shell", "tool_input": ["command": "env"], "tool_output": c]
                                    : ["command": "env", "output": c, "duration": 3])
                    }, allow: .json([], ""), block: .json([], "", onStderr: true), warn: .json([], "", onStderr: true)))
        }
        // Windsurf: exit 2 blocks a pre-hook; post hooks only report.
        cases.append(
            Case(
                agent: .windsurf, event: "pre_user_prompt", label: "prompt", payload: { c, _ in windsurfBase("pre_user_prompt", ["user_prompt": c]) },
                allow: .empty, block: .exit2, warn: .stderrOnly))
        cases.append(
            Case(
                agent: .windsurf, event: "pre_run_command", label: "command",
                payload: { c, d in windsurfBase("pre_run_command", ["command_line": "echo '\(c)'", "cwd": d]) }, allow: .empty, block: .exit2, warn: .stderrOnly
            ))
        cases.append(
            Case(
                agent: .windsurf, event: "pre_mcp_tool_use", label: "MCP",
                payload: { c, _ in
                    windsurfBase("pre_mcp_tool_use", ["mcp_server_name": "github", "mcp_tool_name": "create_issue", "mcp_tool_arguments": ["body": c]])
                }, allow: .empty, block: .exit2, warn: .stderrOnly))
        cases.append(
            Case(
                agent: .windsurf, event: "pre_read_code", label: "read", payload: { _, d in windsurfBase("pre_read_code", ["file_path": d + "/notes.txt"]) },
                allow: .empty, block: .exit2, warn: .stderrOnly))
        cases.append(
            Case(
                agent: .windsurf, event: "pre_write_code", label: "write",
                payload: { c, d in windsurfBase("pre_write_code", ["file_path": d + "/a.py", "edits": [["old_string": "x", "new_string": c]]]) }, allow: .empty,
                block: .exit2, warn: .stderrOnly))
        cases.append(
            Case(
                agent: .windsurf, event: "post_mcp_tool_use", label: "output",
                payload: { c, _ in windsurfBase("post_mcp_tool_use", ["mcp_server_name": "github", "mcp_tool_name": "get_file", "mcp_result": c]) },
                allow: .empty, block: .stderrOnly, warn: .stderrOnly))
        return cases
    }

    /// Runs the guard on `payload` in `dir` (with `config`, when given).
    static func reply(_ payload: [String: Any], config: String? = nil) throws -> GuardReply {
        let data = try JSONSerialization.data(withJSONObject: payload)
        var run = GuardRun()
        run.configPath = config
        return run.reply(to: Array(data))
    }

    /// The value at `path` in the stdout JSON, as text ("true"/"false" for booleans); "" for `[]` (the whole object is `{}`).
    static func value(_ stdout: String, _ path: [String]) -> String? {
        guard let data = stdout.data(using: .utf8), var node = try? JSONSerialization.jsonObject(with: data) else { return nil }
        if path.isEmpty { return (node as? [String: Any])?.isEmpty == true ? "" : nil }
        for key in path {
            guard let next = (node as? [String: Any])?[key] else { return nil }
            node = next
        }
        if let text = node as? String { return text }
        if let flag = node as? Bool { return flag ? "true" : "false" }
        return nil
    }

    static func check(_ reply: GuardReply, _ expect: Expect, rule: String?, planted: String, _ context: String) {
        #expect(reply.status == expect.status, "\(context): status \(reply.status), stderr \(reply.stderr)")
        if let path = expect.path {
            let found = value(reply.stdout, path)
            if expect.value == "*" {
                #expect(found != nil, "\(context): no \(path) in \(reply.stdout)")
            } else {
                #expect(found == expect.value, "\(context): \(path) is \(found ?? "missing") in \(reply.stdout)")
            }
        } else {
            #expect(reply.stdout.isEmpty, "\(context): stdout \(reply.stdout)")
        }
        if let rule {
            let channel = expect.onStderr ? reply.stderr : reply.stdout
            #expect(channel.contains(rule), "\(context): \(rule) not named on \(expect.onStderr ? "stderr" : "stdout"): \(reply.stdout) | \(reply.stderr)")
        } else {
            #expect(reply.stderr.isEmpty, "\(context): stderr \(reply.stderr)")
        }
        #expect(!reply.stdout.contains(planted) && !reply.stderr.contains(planted), "\(context): the value leaked")
    }

    @Test(arguments: cases) func allowBlockWarn(_ c: Case) throws {
        let dir = try TemporaryDirectory("promptscan-guard")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 1616)
        let key = fake.anthropicKey()
        let secret = "ANTHROPIC_API_KEY=\(key)"
        try dir.write(".promptscan-warn.yml", "guard:\n  secrets: off\n")
        // Allow: nothing sensitive (read events read notes.txt from disk).
        try dir.write("notes.txt", "just some notes\nand more\n")
        let clean = try Self.reply(c.payload("please list the files", dir.path))
        Self.check(clean, c.allow, rule: nil, planted: key, "\(c.testDescription) allow")
        #expect(
            HookPayload.detect(try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: c.payload("x", dir.path))) as! [String: Any])
                == c.agent, "\(c.testDescription): detection")
        // Block: a high-severity secret.
        try dir.write("notes.txt", "line one\n\(secret)\n")
        let blocked = try Self.reply(c.payload(secret, dir.path))
        Self.check(blocked, c.block, rule: "anthropic-api-key", planted: key, "\(c.testDescription) block")
        // Warn: the same secret where the policy does not block secrets.
        let warned = try Self.reply(c.payload(secret, dir.path), config: dir.path + "/.promptscan-warn.yml")
        Self.check(warned, c.warn, rule: "anthropic-api-key", planted: key, "\(c.testDescription) warn")
    }
}
