/// What a file is for, which decides how strictly it is treated. Assigned from its path.
public enum FileClass: String, Sendable, CaseIterable, Codable {
    case agentConfig = "agent-config"
    case prompt
    case fixture
    case notebook
    case env
    case code
    case doc
    case other

    /// Classifies a '/'-separated path relative to the scan root.
    public static func classify(_ path: String) -> FileClass {
        let components = path.split(separator: "/").map { $0.lowercased() }
        guard let name = components.last else { return .other }
        let directories = Set(components.dropLast())
        if agentNames.contains(name) || name.hasSuffix(".mdc") && directories.contains(".cursor")
            || directories.contains(".claude") || directories.contains(".cursor") || directories.contains(".continue")
            || directories.contains(".clinerules") || directories.contains(".roo") || directories.contains(".kiro")
            || directories.contains(".amazonq") || directories.contains(".gemini") || directories.contains(".codex")
            || path.hasSuffix(".github/copilot-instructions.md") || name.hasSuffix(".instructions.md")
            || name.hasSuffix(".chatmode.md") || name.hasSuffix(".agent.md") || name == "skill.md"
        {
            return .agentConfig
        }
        if name == ".env" || name.hasPrefix(".env.") || name == ".envrc" || name.hasSuffix(".env") { return .env }
        if name.hasSuffix(".ipynb") { return .notebook }
        if name.hasSuffix(".prompt") || name.hasSuffix(".prompty") || name.hasSuffix(".prompt.yml")
            || name.hasSuffix(".prompt.yaml") || name.hasSuffix(".prompt.md") || name == "skprompt.txt"
            || name.hasPrefix("promptfooconfig.") || directories.contains("prompts") || directories.contains("system_prompts")
        {
            return .prompt
        }
        if name.hasSuffix(".har") || name.hasSuffix(".yaml.gz") || name.hasSuffix(".jsonl")
            || directories.contains("cassettes") || directories.contains("vcr_cassettes") || directories.contains("__recordings__")
            || directories.contains("fixtures") || directories.contains("evals") || name == "conversations.json"
            || name.hasPrefix(".aider.chat.history") || directories.contains("recordings")
        {
            return .fixture
        }
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        if name.contains("."), docExtensions.contains(ext) { return .doc }
        if name.contains("."), codeExtensions.contains(ext) { return .code }
        if configExtensions.contains(ext) || name == "dockerfile" || name == "makefile" { return .code }
        return .other
    }

    static let agentNames: Set<String> = [
        "claude.md", "claude.local.md", "agents.md", "gemini.md", ".cursorrules", ".windsurfrules", ".clinerules",
        ".roomodes", ".goosehints", ".rules", "conventions.md", ".mcp.json", "mcp.json", "claude_desktop_config.json",
        ".claude.json", ".aider.conf.yml", ".aider.model.settings.yml", ".aider.model.metadata.json", "opencode.json",
        "cline_mcp_settings.json", "mcp_config.json",
    ]
    static let docExtensions: Set<String> = ["md", "markdown", "rst", "txt", "adoc", "html", "htm"]
    static let codeExtensions: Set<String> = [
        "swift", "py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "rs", "rb", "java", "kt", "kts", "scala", "c", "h", "cc",
        "cpp", "hpp", "m", "mm", "cs", "php", "sh", "bash", "zsh", "ps1", "pl", "lua", "r", "sql", "dart", "ex", "exs",
        "erl", "clj", "groovy", "tf", "hcl",
    ]
    static let configExtensions: Set<String> = ["json", "yml", "yaml", "toml", "ini", "cfg", "conf", "xml", "properties", "gradle", "plist"]
}
