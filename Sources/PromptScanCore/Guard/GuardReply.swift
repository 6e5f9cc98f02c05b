import Foundation

/// What `promptscan guard` answers an agent: standard output (JSON or nothing), standard error
/// and exit status, in that agent's contract for that event (`../shared/AGENT-HOOKS.md` §0, §1–6).
/// A block is JSON on exit 0 where the agent reads it (Windsurf only knows exit 2); exit 1 is
/// never used to block.
public struct GuardReply: Sendable, Equatable {
    public var stdout = ""
    public var stderr = ""
    public var status: Int32 = 0

    /// What the reply says: nothing, a warning, or a block.
    public enum Kind: Sendable, Equatable {
        case allow
        case warn(String)
        case block(String)
    }

    /// The reply of `agent` to `payload`'s event for `kind`.
    public static func render(_ kind: Kind, agent: GuardAgent, event: GuardEvent?, eventName: String, camelCase: Bool) -> GuardReply {
        var reply = GuardReply()
        let name = eventName.lowercased()
        func json(_ object: [String: Any]) {
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            reply.stdout = String(decoding: data, as: UTF8.self) + "\n"
        }
        func deny(_ message: String) -> [String: Any] {
            [
                "hookSpecificOutput": [
                    "hookEventName": eventName.isEmpty ? "PreToolUse" : eventName, "permissionDecision": "deny", "permissionDecisionReason": message,
                ]
            ]
        }
        guard let event else { return reply }  // not an event guard checks: allowed, silently
        switch agent {
        case .claude, .codex:
            switch (kind, event) {
            case (.allow, _): break
            case let (.warn(message), _): json(["systemMessage": message])
            case let (.block(message), .preTool): json(deny(message))
            case let (.block(message), _): json(["decision": "block", "reason": message])
            }
        case .vscode:
            switch (kind, event) {
            case (.allow, _): break
            case let (.warn(message), _): json(["systemMessage": message])
            case let (.block(message), .prompt): json(["continue": false, "stopReason": message])
            case let (.block(message), .preTool): json(deny(message))
            case let (.block(message), .postTool): json(["decision": "block", "reason": message])
            }
        case .copilot:
            switch (kind, event) {
            case (.allow, _): break
            case let (.warn(message), _):
                reply.stderr = message  // Copilot CLI logs hook output; it has no warning field
            case let (.block(message), .preTool):
                json(camelCase ? ["permissionDecision": "deny", "permissionDecisionReason": message] : deny(message))
            case let (.block(message), _):
                json(["decision": "block", "reason": message])
                if event == .postTool { reply.stderr = message }
            }
        case .gemini:
            switch kind {
            case .allow: break
            case let .warn(message): json(["systemMessage": message])
            case let .block(message): json(["decision": "deny", "reason": message])  // AfterTool: the output is withheld
            }
        case .cursor:
            if event == .postTool {
                // After-events are observe only: the output is ignored, stderr goes to the Hooks channel.
                json([:])
                if case let .warn(message) = kind { reply.stderr = message }
                if case let .block(message) = kind { reply.stderr = message }
            } else if event == .prompt {
                switch kind {
                case .allow: json(["continue": true])
                case let .warn(message): json(["continue": true, "user_message": message])
                case let .block(message): json(["continue": false, "user_message": message])
                }
            } else if name == "beforereadfile" || name == "beforetabfileread" {
                // These take a permission only.
                switch kind {
                case .allow: json(["permission": "allow"])
                case let .warn(message):
                    json(["permission": "allow"])
                    reply.stderr = message
                case let .block(message):
                    json(["permission": "deny"])
                    reply.stderr = message
                }
            } else {
                switch kind {
                case .allow: json(["permission": "allow"])
                case let .warn(message): json(["permission": "allow", "user_message": message])
                case let .block(message): json(["permission": "deny", "user_message": message, "agent_message": message])
                }
            }
        case .windsurf:
            switch kind {
            case .allow: break
            case let .warn(message): reply.stderr = message
            case let .block(message):
                reply.stderr = message
                if event != .postTool { reply.status = 2 }  // Windsurf blocks on exit 2 only; post hooks cannot block
            }
        }
        if !reply.stderr.isEmpty && !reply.stderr.hasSuffix("\n") { reply.stderr += "\n" }
        return reply
    }

    /// The reply when guard could not check: `failClosed` blocks with exit 2 and the reason on
    /// stderr (every agent but Copilot CLI, which never blocks on a failed hook); otherwise the
    /// agent's warning, and the action goes ahead.
    public static func failure(
        _ reason: String, agent: GuardAgent?, event: GuardEvent?, eventName: String, camelCase: Bool, failClosed: Bool
    ) -> GuardReply {
        if failClosed {
            return GuardReply(stdout: "", stderr: "promptscan guard blocked this because it could not check it (fail-closed): \(reason)\n", status: 2)
        }
        let message = "promptscan guard could not check this, so it was allowed (fail-open; --fail-closed blocks instead): \(reason)"
        guard let agent, let event else {
            // Nobody to answer in a contract: a non-zero exit other than 2 is a visible, non-blocking hook error everywhere.
            return GuardReply(stdout: "", stderr: message + "\n", status: 1)
        }
        var reply = render(.warn(message), agent: agent, event: event, eventName: eventName, camelCase: camelCase)
        if reply.stderr.isEmpty { reply.stderr = message + "\n" }
        return reply
    }
}
