/// What a file is for, which decides how strictly it is treated. Assigned from its path
/// (docs/detection.md, "File classes and severity"); `FileClassifier` adds user overrides in front.
public enum FileClass: String, Sendable, CaseIterable, Codable {
    case agentConfig = "agent-config"
    case prompt
    case fixture
    case notebook
    case env
    case code
    case doc
    case other

    /// Classifies a '/'-separated path relative to the scan root: the first glob of `table` that
    /// matches, else the extension (doc, code, config → code), else other.
    public static func classify(_ path: String) -> FileClass {
        classify(PathGlob.Subject(path))
    }

    /// Classifies a prepared (lower-cased) path.
    static func classify(_ subject: PathGlob.Subject) -> FileClass {
        if let index = table.firstMatch(subject) { return globs[index].1 }
        // The non-empty '/'-separated components: folders, then the file name.
        let components = subject.bytes.split(separator: UInt8(ascii: "/"))
        guard let nameBytes = components.last else { return .other }
        for folder in components.dropLast() where agentDirectoryBytes.contains(Array(folder)) { return .agentConfig }
        let name = String(decoding: nameBytes, as: UTF8.self)
        // The extension: the last non-empty '.'-separated piece (the whole name when it has no dot).
        let ext = nameBytes.split(separator: UInt8(ascii: ".")).last.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let dotted = nameBytes.contains(UInt8(ascii: "."))
        if dotted, docExtensions.contains(ext) { return .doc }
        if dotted, codeExtensions.contains(ext) { return .code }
        if configExtensions.contains(ext) || codeNames.contains(name) { return .code }
        return .other
    }

    /// Ordered: the first match wins. Globs are case-insensitive; without '/', a file name at any depth.
    static let table = GlobTable(globs.map { PathGlob($0.0) })

    static let globs: [(String, FileClass)] = [
        // Agent instructions.
        ("claude.md", .agentConfig), ("claude.local.md", .agentConfig), ("agents.md", .agentConfig),
        ("agents.override.md", .agentConfig), ("gemini.md", .agentConfig), (".cursorrules", .agentConfig),
        (".cursor/rules/**", .agentConfig), (".windsurfrules", .agentConfig), (".windsurf/rules/**", .agentConfig),
        (".github/copilot-instructions.md", .agentConfig), (".github/instructions/**/*.instructions.md", .agentConfig),
        (".github/prompts/**/*.prompt.md", .agentConfig), (".github/chatmodes/**/*.chatmode.md", .agentConfig),
        (".github/agents/**/*.agent.md", .agentConfig), (".clinerules", .agentConfig), (".clinerules/**", .agentConfig),
        (".roo/rules*/**", .agentConfig), (".roomodes", .agentConfig), (".kiro/steering/**", .agentConfig),
        (".amazonq/rules/**", .agentConfig), (".junie/guidelines.md", .agentConfig), (".rules", .agentConfig),
        (".goosehints", .agentConfig), ("conventions.md", .agentConfig), (".claude/commands/**/*.md", .agentConfig),
        (".claude/agents/**/*.md", .agentConfig), ("skills/**/skill.md", .agentConfig), (".gemini/commands/**/*.toml", .agentConfig),
        // Agent tools and MCP servers.
        (".mcp.json", .agentConfig), ("mcp.json", .agentConfig), ("claude_desktop_config.json", .agentConfig),
        (".claude/settings.json", .agentConfig), (".claude/settings.local.json", .agentConfig), (".claude.json", .agentConfig),
        (".gemini/settings.json", .agentConfig), (".codex/config.toml", .agentConfig), (".continue/config.{json,yaml,yml}", .agentConfig),
        (".continue/mcpservers/*.{yaml,yml,json}", .agentConfig), (".continue/rules/**", .agentConfig),
        (".aider.conf.yml", .agentConfig), (".aider.model.settings.yml", .agentConfig), (".aider.model.metadata.json", .agentConfig),
        ("opencode.json", .agentConfig), (".zed/settings.json", .agentConfig), (".roo/mcp.json", .agentConfig),
        (".kiro/settings/mcp.json", .agentConfig), (".amazonq/mcp.json", .agentConfig), ("cline_mcp_settings.json", .agentConfig),
        ("mcp_config.json", .agentConfig),
        // Agent credentials (never commit).
        (".claude/.credentials.json", .agentConfig), (".codex/auth.json", .agentConfig), (".config/goose/*.{yaml,yml}", .agentConfig),
        // LLM transcripts kept by agent tools.
        (".claude/projects/**/*.jsonl", .fixture), (".specstory/history/**", .fixture), (".aider.chat.history.md", .fixture),
        (".aider.input.history", .fixture),
        // Env files.
        (".env", .env), (".env.*", .env), (".envrc", .env), ("*.env", .env),
        // Notebooks.
        ("*.ipynb", .notebook),
        // HTTP recordings and transcripts.
        ("*.har", .fixture), ("*.{yaml,yml,json}.gz", .fixture), ("cassettes/**", .fixture), ("vcr_cassettes/**", .fixture),
        ("__recordings__/**", .fixture), ("recordings/**/*.{json,jsonl,yaml,yml,har,txt,csv,xml,gz,html,ndjson}", .fixture), ("nock*/**/*.json", .fixture),
        ("nockback/**", .fixture), ("wiremock/**", .fixture), ("mappings/*.json", .fixture), ("__files/**", .fixture),
        ("fixtures/**/*.{json,jsonl,yaml,yml,har,txt,csv,xml,gz,html,ndjson}", .fixture), ("evals/**", .fixture), ("*.jsonl", .fixture),
        ("conversations.json", .fixture),
        // Prompts.
        ("*.prompt", .prompt), ("*.prompty", .prompt), ("*.prompt.{yml,yaml,md,json,txt}", .prompt), ("prompts/**", .prompt),
        ("system_prompts/**", .prompt), ("skprompt.txt", .prompt), ("promptfooconfig.{yaml,yml,json}", .prompt),
    ]

    /// Folders whose files are agent configuration even when no specific glob names them.
    static let agentDirectories: Set<String> = [
        ".claude", ".cursor", ".continue", ".clinerules", ".roo", ".kiro", ".amazonq", ".gemini", ".codex", ".windsurf", ".junie",
    ]
    static let agentDirectoryBytes: Set<[UInt8]> = Set(agentDirectories.map { Array($0.utf8) })
    static let docExtensions: Set<String> = ["md", "markdown", "mdx", "rst", "txt", "adoc", "html", "htm", "org", "tex"]
    static let codeExtensions: Set<String> = [
        "swift", "py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "rs", "rb", "java", "kt", "kts", "scala", "c", "h", "cc",
        "cpp", "hpp", "m", "mm", "cs", "php", "sh", "bash", "zsh", "ps1", "pl", "lua", "r", "sql", "dart", "ex", "exs",
        "erl", "clj", "groovy", "tf", "hcl", "vue", "svelte",
        // TeX packages, classes and bibliography styles (their headers name their authors).
        "sty", "cls", "bst", "dtx",
    ]
    static let configExtensions: Set<String> = [
        "json", "yml", "yaml", "toml", "ini", "cfg", "conf", "xml", "properties", "gradle", "plist", "lock", "mod",
    ]
    static let codeNames: Set<String> = ["dockerfile", "makefile", "gemfile", "pipfile", "podfile", "rakefile", "procfile"]
}

/// Classifies paths: user overrides (glob → class, the last matching override wins, as in ignore
/// files) in front of `FileClass.classify`. Config files (issue 5) build one from their globs.
public struct FileClassifier: Sendable {
    public var overrides: [(glob: PathGlob, fileClass: FileClass)]
    /// Put before every path classified: the scanned folder's path from the repository root
    /// (`FileWalker.repositoryPrefix`), so a file's class does not depend on the folder scanned.
    public var pathPrefix = ""

    public init(overrides: [(glob: String, fileClass: FileClass)] = []) {
        self.overrides = overrides.map { (PathGlob($0.glob), $0.fileClass) }
    }

    public func classify(_ path: String) -> FileClass {
        let subject = PathGlob.Subject(pathPrefix.isEmpty ? path : pathPrefix + path)
        for override in overrides.reversed() where override.glob.matches(subject) { return override.fileClass }
        return FileClass.classify(subject)
    }
}
