/// The coding agents whose hooks `promptscan guard` answers (`../shared/AGENT-HOOKS.md`).
public enum GuardAgent: String, Sendable, CaseIterable {
    case claude
    case cursor
    case codex
    case copilot
    case vscode
    case gemini
    case windsurf

    /// The agent's name as users know it.
    public var displayName: String {
        switch self {
        case .claude: "Claude Code"
        case .cursor: "Cursor"
        case .codex: "Codex CLI"
        case .copilot: "Copilot CLI"
        case .vscode: "VS Code (Copilot agent)"
        case .gemini: "Gemini CLI"
        case .windsurf: "Windsurf"
        }
    }
}

/// The moment a hook event stands for.
public enum GuardEvent: String, Sendable {
    /// Before a prompt reaches the model.
    case prompt
    /// Before a tool runs (it can still be stopped).
    case preTool = "pre-tool"
    /// After a tool ran (its output is on its way to the model, or already there).
    case postTool = "post-tool"

    /// The event an agent's event name stands for; nil for events guard does not check.
    public static func from(name: String) -> GuardEvent? {
        switch name.lowercased() {
        case "userpromptsubmit", "userpromptsubmitted", "beforesubmitprompt", "beforeagent", "pre_user_prompt":
            .prompt
        case "pretooluse", "beforetool", "beforeshellexecution", "beforemcpexecution", "beforereadfile", "beforetabfileread",
            "pre_read_code", "pre_write_code", "pre_run_command", "pre_mcp_tool_use":
            .preTool
        case "posttooluse", "aftertool", "aftershellexecution", "aftermcpexecution", "post_read_code", "post_write_code",
            "post_run_command", "post_mcp_tool_use":
            .postTool
        default:
            nil
        }
    }
}
