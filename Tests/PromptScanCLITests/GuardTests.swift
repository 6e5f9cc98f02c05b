import Foundation
import TestSupport
import Testing

/// `promptscan guard` run as the agents run it: the built binary, one payload on standard input.
/// What the issue asks to be blocked (a key, a patient note, a client name, a consumer endpoint,
/// `.env` read in range), what passes, the explicit failure paths, and no planted value in any
/// output.
@Suite struct GuardTests {
    static let termsKey = "guard-test-key-do-not-use"

    /// A Claude Code payload for `event` in `dir`.
    static func claude(_ event: String, _ dir: String, _ extra: [String: Any]) throws -> Data {
        var payload: [String: Any] = [
            "session_id": "abc123", "transcript_path": "/home/u/.claude/projects/p/abc123.jsonl", "cwd": dir, "permission_mode": "default",
            "hook_event_name": event,
        ]
        payload.merge(extra) { _, new in new }
        return try JSONSerialization.data(withJSONObject: payload)
    }

    func guardRun(_ input: Data, _ arguments: [String] = [], environment: [String: String]? = nil) throws -> ProcessResult {
        try promptscan(["guard"] + arguments, environment: environment, input: input)
    }

    /// The decision of a Claude reply: "block", "deny" or nil.
    func decision(_ stdout: String) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] else { return nil }
        if let decision = object["decision"] as? String { return decision }
        return (object["hookSpecificOutput"] as? [String: Any])?["permissionDecision"] as? String
    }

    @Test func promptsWithAKeyAPatientNoteOrAClientNameAreBlockedAndOthersPass() throws {
        let dir = try TemporaryDirectory("promptscan-guard-cli")
        defer { dir.remove() }
        try dir.write("clients.txt", "Northwind Traders\tC-0042\tcustomer\n")
        let environment = ["PROMPTSCAN_TERMS_KEY": Self.termsKey]
        let built = try promptscan(["terms", "build", "--input", dir.path + "/clients.txt", "--output", dir.path + "/terms.yaml"], environment: environment)
        #expect(built.status == 0, "\(built.stderr)")
        try FileManager.default.removeItem(atPath: dir.path + "/clients.txt")
        try dir.write(".promptscan.yml", "terms: terms.yaml\n")
        var fake = FakeSecrets(seed: 1617)
        let key = fake.anthropicKey()
        let cases: [(String, String?)] = [
            ("deploy with \(key) please", "anthropic-api-key"),
            ("Summarise: patient Jane Roe, MRN: 4829173, DOB: 03/14/1962, admitted with chest pain.", "medical-record-number"),
            ("Draft the renewal letter for Northwind Traders.", "client-term"),
            ("Refactor the parser into two functions and add tests.", nil),
        ]
        for (prompt, rule) in cases {
            let result = try guardRun(try Self.claude("UserPromptSubmit", dir.path, ["prompt": prompt]), environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            if let rule {
                #expect(decision(result.stdout) == "block", "\(prompt): \(result.stdout)")
                #expect(result.stdout.contains(rule), "\(result.stdout)")
                #expect(result.stdout.contains("transcript"))
            } else {
                #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(result.stdout) \(result.stderr)")
            }
            #expect(!result.stdout.contains(key) && !result.stdout.lowercased().contains("northwind") && !result.stdout.contains("4829173"))
        }
    }

    @Test func consumerEndpointsAreBlockedInFetchesAndCommands() throws {
        let dir = try TemporaryDirectory("promptscan-guard-cli")
        defer { dir.remove() }
        let fetch = try guardRun(
            try Self.claude("PreToolUse", dir.path, ["tool_name": "WebFetch", "tool_input": ["url": "https://chatgpt.com/c/6790", "prompt": "summarise"]]))
        #expect(decision(fetch.stdout) == "deny", "\(fetch.stdout)")
        #expect(fetch.stdout.contains("openai-consumer"))
        let command = try guardRun(
            try Self.claude("PreToolUse", dir.path, ["tool_name": "Bash", "tool_input": ["command": "curl -s https://claude.ai/api/organizations"]]))
        #expect(decision(command.stdout) == "deny", "\(command.stdout)")
        let api = try guardRun(
            try Self.claude(
                "PreToolUse", dir.path, ["tool_name": "WebFetch", "tool_input": ["url": "https://docs.anthropic.com/en/api/messages", "prompt": "x"]]))
        #expect(api.stdout.isEmpty, "\(api.stdout)")
    }

    @Test func readsAreScannedFromDiskInTheirLineRange() throws {
        let dir = try TemporaryDirectory("promptscan-guard-cli")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 1618)
        let key = fake.anthropicKey()
        let lines = (1...20).map { $0 == 15 ? "ANTHROPIC_API_KEY=\(key)" : "LINE_\($0)=ok" }
        try dir.write(".env", lines.joined(separator: "\n") + "\n")
        func read(_ input: [String: Any]) throws -> ProcessResult {
            try guardRun(try Self.claude("PreToolUse", dir.path, ["tool_name": "Read", "tool_input": input]))
        }
        let whole = try read(["file_path": dir.path + "/.env"])
        #expect(decision(whole.stdout) == "deny")
        #expect(whole.stdout.contains("file .env, line 15"), "\(whole.stdout)")
        let relative = try read(["file_path": ".env"])
        #expect(decision(relative.stdout) == "deny")
        let before = try read(["file_path": dir.path + "/.env", "offset": 1, "limit": 10])
        #expect(before.stdout.isEmpty, "\(before.stdout)")
        let inside = try read(["file_path": dir.path + "/.env", "offset": 12, "limit": 5])
        #expect(decision(inside.stdout) == "deny")
        #expect(inside.stdout.contains("line 15"), "\(inside.stdout)")
        // A binary file and a missing file are not the guard's to stop.
        var binary = Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0])
        binary.append(Data("ANTHROPIC_API_KEY=\(key)".utf8))
        try dir.write("image.png", binary)
        let image = try read(["file_path": dir.path + "/image.png"])
        #expect(image.status == 0 && image.stdout.isEmpty, "\(image.stdout)")
        let missing = try read(["file_path": dir.path + "/nothing-here"])
        #expect(missing.status == 0 && missing.stdout.isEmpty)
        // A file mentioned with @ in a prompt is read too (the agent expands it without a Read).
        let mention = try guardRun(try Self.claude("UserPromptSubmit", dir.path, ["prompt": "what is in @.env ?"]))
        #expect(decision(mention.stdout) == "block", "\(mention.stdout)")
        #expect(!mention.stdout.contains(key))
    }

    @Test func largeToolOutputIsScannedUpToTheLimitAndSaysSo() throws {
        let dir = try TemporaryDirectory("promptscan-guard-cli")
        defer { dir.remove() }
        try dir.write(".promptscan.yml", "guard:\n  max-scan-bytes: 64K\n")
        var fake = FakeSecrets(seed: 1619)
        let key = fake.anthropicKey()
        let output = String(repeating: "build step ok\n", count: 10_000) + "KEY=\(key)\n"
        let result = try guardRun(
            try Self.claude("PostToolUse", dir.path, ["tool_name": "Bash", "tool_input": ["command": "make"], "tool_response": ["stdout": output]]))
        #expect(result.status == 0)
        let message = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["systemMessage"] as? String ?? ""
        #expect(message.contains("scanned only the first 64 KiB"), "\(result.stdout)")
        #expect(!result.stdout.contains(key))
    }

    @Test func failuresAreExplicitOpenByDefaultClosedOnRequest() throws {
        let dir = try TemporaryDirectory("promptscan-guard-cli")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 1620)
        let key = fake.anthropicKey()
        // Not JSON, no agent to answer: exit 1 (never a block), one line on stderr, the payload not echoed.
        let garbage = try guardRun(Data("{\"prompt\": \"\(key)\"".utf8))
        #expect(garbage.status == 1 && garbage.stdout.isEmpty)
        #expect(garbage.stderr.contains("fail-open") && !garbage.stderr.contains(key))
        let closed = try guardRun(Data("{\"prompt\": \"\(key)\"".utf8), ["--fail-closed"])
        #expect(closed.status == 2 && closed.stderr.contains("fail-closed") && !closed.stderr.contains(key))
        // A settings file that does not parse: the agent's warning, and the prompt goes ahead.
        try dir.write(".promptscan.yml", "guard:\n  secrets: sometimes\n")
        let payload = try Self.claude("UserPromptSubmit", dir.path, ["prompt": "hello"])
        let open = try guardRun(payload)
        #expect(open.status == 0)
        #expect(open.stdout.contains("systemMessage") && open.stdout.contains(".promptscan.yml"), "\(open.stdout)")
        let shut = try guardRun(payload, ["--fail-closed"])
        #expect(shut.status == 2 && shut.stderr.contains(".promptscan.yml"), "\(shut.stderr)")
        // Events guard does not check are allowed silently.
        let stop = try guardRun(try Self.claude("Stop", dir.path, [:]))
        #expect(stop.status == 0 && stop.stdout.isEmpty && stop.stderr.isEmpty)
    }

    /// No output of any agent's reply (stdout, stderr, JSON) holds a planted value: blocks, warnings,
    /// post-tool reports, failures, and a file whose name is a key.
    @Test func noGuardOutputHoldsAPlantedValue() throws {
        let dir = try TemporaryDirectory("promptscan-guard-leak")
        defer { dir.remove() }
        var fake = FakeSecrets(seed: 1621)
        let planted = [fake.anthropicKey(), fake.openAIProjectKey(), fake.githubToken(), fake.slackBotToken(), fake.stripeLiveKey(), fake.awsKeyID()]
        let text = planted.enumerated().map { "VALUE_\($0.offset)=\($0.element)" }.joined(separator: "\n") + "\nMRN: 4829173 DOB: 03/14/1962\n"
        try dir.write("dump.txt", text)
        try dir.write("keys-\(planted[5]).txt", text)
        try dir.write("warn.yml", "guard:\n  secrets: off\n  block: {phi: none}\n")
        let payloads: [[String: Any]] = [
            ["session_id": "s", "cwd": dir.path, "hook_event_name": "UserPromptSubmit", "prompt": text + " see @keys-\(planted[5]).txt"],
            ["session_id": "s", "cwd": dir.path, "hook_event_name": "PreToolUse", "tool_name": "Read", "tool_input": ["file_path": "keys-\(planted[5]).txt"]],
            [
                "session_id": "s", "cwd": dir.path, "hook_event_name": "PostToolUse", "tool_name": "Bash", "tool_input": ["command": "cat dump.txt"],
                "tool_response": text,
            ],
            [
                "conversation_id": "c", "generation_id": "g", "cursor_version": "1.7", "hook_event_name": "beforeReadFile", "workspace_roots": [dir.path],
                "file_path": dir.path + "/dump.txt", "content": text,
            ],
            [
                "conversation_id": "c", "generation_id": "g", "cursor_version": "1.7", "hook_event_name": "afterShellExecution", "workspace_roots": [dir.path],
                "command": "env", "output": text,
            ],
            ["agent_action_name": "pre_run_command", "tool_info": ["command_line": "echo '\(text)'", "cwd": dir.path]],
            [
                "session_id": "g", "transcript_path": "/h/.gemini/tmp/x.json", "cwd": dir.path, "hook_event_name": "AfterTool", "tool_name": "read_file",
                "tool_response": ["llmContent": text],
            ],
            ["sessionId": "s", "timestamp": 1, "cwd": dir.path, "toolName": "bash", "toolArgs": "{\"command\": \"echo \(planted[0])\"}"],
        ]
        for payload in payloads {
            let data = try JSONSerialization.data(withJSONObject: payload)
            for arguments in [[], ["--config", dir.path + "/warn.yml"], ["--fail-closed"]] {
                let result = try guardRun(data, arguments)
                #expect(!result.stdout.isEmpty || !result.stderr.isEmpty, "\(payload["hook_event_name"] ?? payload) said nothing")
                for value in planted + ["4829173"] {
                    #expect(
                        !result.stdout.contains(value) && !result.stderr.contains(value),
                        "\(value.prefix(6))… leaked by \(payload["hook_event_name"] ?? "payload") \(arguments)")
                }
            }
        }
        // A payload that is cut off (not JSON) is never echoed.
        let cut = try guardRun(Data(String(text.prefix(200)).utf8))
        for value in planted { #expect(!cut.stderr.contains(value) && !cut.stdout.contains(value)) }
    }
}

extension GuardTests {
    /// A payload that names no folder (Windsurf's prompt event) takes the settings of the folder
    /// the agent runs the hook in.
    @Test func settingsComeFromTheHookFolderWhenThePayloadNamesNone() throws {
        let dir = try TemporaryDirectory("promptscan-guard-cli")
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/.git", withIntermediateDirectories: true)
        try dir.write(".promptscan.yml", "guard:\n  secrets: off\n")
        var fake = FakeSecrets(seed: 1624)
        let payload: [String: Any] = [
            "agent_action_name": "pre_user_prompt", "trajectory_id": "t", "execution_id": "e", "tool_info": ["user_prompt": "use \(fake.anthropicKey())"],
        ]
        let result = try promptscan(["guard"], in: dir.url, input: try JSONSerialization.data(withJSONObject: payload))
        #expect(result.status == 0, "a warning, not a block: \(result.stderr)")
        #expect(result.stderr.contains("promptscan warning"), "\(result.stderr)")
    }
}
