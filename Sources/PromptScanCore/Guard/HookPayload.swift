import Foundation

/// One hook payload as an agent sends it on standard input: who sent it, for which event, and
/// what that event is about to expose (`subjects`).
public struct HookPayload {
    /// The payload's top-level object.
    public let object: [String: Any]
    public let agent: GuardAgent
    /// The event name as the agent sent it (or as `--event` gave it).
    public let eventName: String
    /// The event it stands for; nil for an event guard does not check (allowed silently).
    public let event: GuardEvent?
    /// The tool a tool event is about, as the agent names it.
    public let toolName: String?
    /// Copilot CLI's camelCase dialect (`toolName`, `toolArgs`), which answers in its own fields.
    public let camelCase: Bool

    /// The largest payload read (ggshield caps at the same size).
    public static let maximumBytes = 10 << 20

    /// Parses `bytes`; `agent` and `event` (from `--agent` and `--event`) win over detection.
    public init(bytes: [UInt8], agent: GuardAgent? = nil, event: String? = nil) throws(GuardFailure) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw GuardFailure("the hook payload on standard input is not JSON")
        }
        guard let object = parsed as? [String: Any] else { throw GuardFailure("the hook payload on standard input is not a JSON object") }
        self.object = object
        let detected = agent ?? Self.detect(object)
        self.agent = detected
        camelCase =
            detected == .copilot && object["hook_event_name"] == nil
            && (object["toolName"] != nil || object["toolArgs"] != nil || object["sessionId"] != nil || object["toolResult"] != nil)
        var name =
            event ?? (object["hook_event_name"] as? String) ?? (object["hookEventName"] as? String)
            ?? (object["agent_action_name"] as? String)
        if name == nil, detected == .copilot {
            // The camelCase dialect names no event: the fields tell.
            name =
                object["toolResult"] != nil ? "postToolUse" : object["toolName"] != nil ? "preToolUse" : object["prompt"] != nil ? "userPromptSubmitted" : nil
        }
        eventName = name ?? ""
        self.event = GuardEvent.from(name: eventName)
        let info = object["tool_info"] as? [String: Any]
        toolName = (object["tool_name"] as? String) ?? (object["toolName"] as? String) ?? (info?["mcp_tool_name"] as? String)
    }

    /// The agent that sent `object`, by its shape (the order matters: Cursor also runs
    /// Claude-format hooks, VS Code reads Claude's settings).
    public static func detect(_ object: [String: Any]) -> GuardAgent {
        if object["agent_action_name"] != nil || object["tool_info"] != nil { return .windsurf }
        if object["cursor_version"] != nil || object["conversation_id"] != nil && object["generation_id"] != nil { return .cursor }
        let transcript = (object["transcript_path"] as? String) ?? ""
        if object["turn_id"] != nil || transcript.contains("/.codex/") { return .codex }
        if transcript.contains("github.copilot-chat") || object["hookEventName"] != nil { return .vscode }
        let name = (object["hook_event_name"] as? String) ?? ""
        if ["BeforeAgent", "AfterAgent", "BeforeTool", "AfterTool", "BeforeModel", "AfterModel", "BeforeToolSelection"].contains(name)
            || transcript.contains("/.gemini/")
        {
            return .gemini
        }
        if object["toolName"] != nil || object["toolArgs"] != nil || object["toolResult"] != nil || object["sessionId"] != nil { return .copilot }
        if !name.isEmpty, object["transcript_path"] == nil, object["timestamp"] != nil { return .copilot }
        return .claude
    }

    /// The folder relative paths in the payload are resolved against: `cwd`, else Cursor's first
    /// workspace root, else Windsurf's `tool_info.cwd`.
    public var workingDirectory: String? {
        if let cwd = object["cwd"] as? String, !cwd.isEmpty { return cwd }
        if let roots = object["workspace_roots"] as? [String], let first = roots.first { return first }
        if let cwd = (object["tool_info"] as? [String: Any])?["cwd"] as? String, !cwd.isEmpty { return cwd }
        return nil
    }

    /// The tool's input object (Cursor's MCP and Copilot's camelCase `toolArgs` come as JSON text).
    var toolInput: [String: Any] {
        for key in ["tool_input", "toolArgs", "toolInput"] {
            if let object = object[key] as? [String: Any] { return object }
            if let text = object[key] as? String, let data = text.data(using: .utf8),
                let parsed = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            {
                return parsed
            }
        }
        return [:]
    }

    /// What kind of tool `toolName` is, or the event says.
    public var place: GuardPlace {
        switch eventName.lowercased() {
        case "userpromptsubmit", "userpromptsubmitted", "beforesubmitprompt", "beforeagent", "pre_user_prompt": return .prompt
        case "beforeshellexecution", "aftershellexecution", "pre_run_command", "post_run_command": return .command
        case "beforemcpexecution", "aftermcpexecution", "pre_mcp_tool_use", "post_mcp_tool_use": return .mcp
        case "beforereadfile", "beforetabfileread", "pre_read_code", "post_read_code": return .read
        case "pre_write_code", "post_write_code": return .write
        default: break
        }
        guard let tool = toolName else { return .tool }
        return Self.place(ofTool: tool)
    }

    /// The kind of a tool by its name, across agents (`Bash`, `run_shell_command`, `view`, `mcp__s__t` …).
    public static func place(ofTool name: String) -> GuardPlace {
        let lower = name.lowercased()
        if lower.hasPrefix("mcp__") || lower.hasPrefix("mcp_") || lower.hasPrefix("mcp:") { return .mcp }
        switch lower {
        case "bash", "shell", "run_shell_command", "run_in_terminal", "runterminalcommand", "powershell", "git_bash", "terminal",
            "local_shell", "exec_command", "container.exec":
            return .command
        case "read", "read_file", "view", "readfile", "read_many_files", "notebookread":
            return .read
        case "write", "edit", "multiedit", "write_file", "replace", "create", "edit_file", "editfiles", "apply_patch", "notebookedit",
            "str_replace", "str_replace_editor", "insert_edit_into_file", "create_file", "search_replace", "delete_file":
            return .write
        case "webfetch", "web_fetch", "fetch", "fetch_webpage", "fetch_url", "browse":
            return .fetch
        default:
            // Copilot CLI names MCP tools `<server>-<tool>`; its own tools have no '-'.
            return lower.contains("-") ? .mcp : .tool
        }
    }
}

/// Why guard could not check an event: said as a warning (fail-open) or a block (fail-closed),
/// never holding payload text.
public struct GuardFailure: Error, Sendable, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}
