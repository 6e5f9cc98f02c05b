import Foundation
import TestSupport
import Testing

/// End to end with the real Claude Code CLI (pinned `claude-agent-sdk` wheel, ../shared/AGENT-HOOKS.md
/// §10): after `guard install --agent claude`, prompts holding a fake key, a patient note or a client
/// name are blocked before any request; a plain prompt goes through; and when a loopback stand-in
/// for the Messages API asks for `Read` of `.env` and `WebFetch` of a consumer host, both calls are
/// denied and the key never reaches the stand-in. No traffic leaves the machine.
@Suite(.enabled(if: ClaudeCodeCLI.path != nil, "the claude-agent-sdk wheel (PyPI) could not be installed: Claude Code end-to-end tests skipped"))
struct GuardClaudeCodeTests {
    static let termsKey = "guard-e2e-key-do-not-use"

    /// The stand-in, running; its port and the log of request bodies.
    final class StandIn {
        let process = Process()
        /// Its standard input: closing it ends the stand-in.
        let input = Pipe()
        let port: Int
        let log: String

        init(folder: String, readPath: String) throws {
            log = folder + "/requests.jsonl"
            let portFile = folder + "/port"
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", TestPaths.packageRoot.appendingPathComponent("Tests/E2E/messages_standin.py").path, portFile, log, "150"]
            process.environment = ProcessInfo.processInfo.environment.merging(["STANDIN_READ_PATH": readPath]) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = input
            try process.run()
            var port = 0
            for _ in 0..<100 where port == 0 {
                if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(text) { port = value } else { usleep(100_000) }
            }
            self.port = port
        }

        /// The request bodies so far.
        var requests: [String] {
            guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["body"] as? String
            }
        }

        func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// Runs `claude -p PROMPT` in `project` against the stand-in; the parsed JSON result.
    func claude(_ prompt: String, project: String, home: String, port: Int, extra: [String] = []) throws -> [String: Any] {
        let environment = [
            "HOME": home, "ANTHROPIC_API_KEY": "dummy-not-a-key", "ANTHROPIC_BASE_URL": "http://127.0.0.1:\(port)",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1", "DISABLE_AUTOUPDATER": "1", "PROMPTSCAN_TERMS_KEY": Self.termsKey,
        ]
        let result = try runProcess(
            URL(fileURLWithPath: "/usr/bin/env"), ["timeout", "120", ClaudeCodeCLI.path!, "-p", prompt, "--output-format", "json"] + extra,
            in: URL(fileURLWithPath: project), environment: environment)
        #expect(result.status == 0, "claude exited \(result.status): \(result.stderr.prefix(500))")
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    @Test func promptsAndToolCallsAreBlockedInARealClaudeCodeRun() throws {
        let root = try TemporaryDirectory("promptscan-guard-e2e")
        defer { root.remove() }
        let home = root.path + "/home"
        let project = root.path + "/project"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: project + "/.git", withIntermediateDirectories: true)
        var fake = FakeSecrets(seed: 1623)
        let key = fake.anthropicKey()
        try Data("ANTHROPIC_API_KEY=\(fake.anthropicKey())\n".utf8).write(to: URL(fileURLWithPath: project + "/.env"))
        let envKey = try String(contentsOfFile: project + "/.env", encoding: .utf8).dropFirst("ANTHROPIC_API_KEY=".count).trimmingCharacters(
            in: .whitespacesAndNewlines)
        // Client names, kept as keyed hashes only.
        try Data("Northwind Traders\tC-0042\tcustomer\n".utf8).write(to: URL(fileURLWithPath: root.path + "/clients.txt"))
        let terms = try promptscan(
            ["terms", "build", "--input", root.path + "/clients.txt", "--output", project + "/terms.yaml"], environment: ["PROMPTSCAN_TERMS_KEY": Self.termsKey]
        )
        #expect(terms.status == 0, "\(terms.stderr)")
        try Data("terms: terms.yaml\n".utf8).write(to: URL(fileURLWithPath: project + "/.promptscan.yml"))
        let install = try promptscan(["guard", "install", "--agent", "claude"], in: URL(fileURLWithPath: project), environment: ["HOME": home])
        #expect(install.status == 0, "\(install.stderr)")

        let standIn = try StandIn(folder: root.path, readPath: project + "/.env")
        defer { standIn.stop() }
        try #require(standIn.port > 0, "the Messages API stand-in did not start")

        // Blocked before any request: the stand-in sees nothing.
        let blocked: [(String, String)] = [
            ("deploy the service with \(key)", "anthropic-api-key"),
            ("Summarise this note: patient Jane Roe, MRN: 4829173, DOB: 03/14/1962, admitted with chest pain.", "medical-record-number"),
            ("Draft the renewal letter for Northwind Traders.", "client-term"),
        ]
        for (prompt, rule) in blocked {
            let before = standIn.requests.count
            let result = try claude(prompt, project: project, home: home, port: standIn.port)
            let text = result["result"] as? String ?? ""
            #expect(text.contains("blocked by hook") && text.contains("promptscan blocked this prompt") && text.contains(rule), "\(text.prefix(400))")
            #expect(result["duration_api_ms"] as? Int == 0)
            #expect(standIn.requests.count == before, "a request reached the stand-in for a blocked prompt")
        }

        // A plain prompt goes through; the stand-in then asks for Read of .env and WebFetch of a
        // consumer host, and both are denied by the hook.
        let before = standIn.requests.count
        let result = try claude(
            "Check the project configuration.", project: project, home: home, port: standIn.port, extra: ["--allowedTools", "Read WebFetch"])
        #expect(!(result["result"] as? String ?? "").contains("UserPromptSubmit operation blocked"))
        let requests = Array(standIn.requests.dropFirst(before))
        #expect(requests.count >= 3, "\(requests.count) requests")
        let denied = (result["permission_denials"] as? [[String: Any]] ?? []).compactMap { $0["tool_name"] as? String }
        #expect(denied.contains("Read") && denied.contains("WebFetch"), "\(denied)")
        let last = requests.last ?? ""
        #expect(last.contains("promptscan blocked this Read call") && last.contains("anthropic-api-key"))
        #expect(last.contains("promptscan blocked this WebFetch call") && last.contains("openai-consumer"))
        // Nothing of .env, nor the prompt's key, ever reached the stand-in.
        for body in standIn.requests {
            #expect(!body.contains(envKey) && !body.contains(key), "a key reached the Messages API stand-in")
        }
    }
}
