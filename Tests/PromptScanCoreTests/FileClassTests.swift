import Foundation
import Testing

@testable import PromptScanCore

/// Every file class from its globs (docs/detection.md, "File classes and severity"), and user overrides.
@Suite struct FileClassTests {
    @Test(arguments: [
        ("CLAUDE.md", FileClass.agentConfig), ("sub/AGENTS.md", .agentConfig), ("GEMINI.md", .agentConfig), (".cursorrules", .agentConfig),
        (".cursor/rules/style.mdc", .agentConfig), (".windsurfrules", .agentConfig), (".github/copilot-instructions.md", .agentConfig),
        (".github/instructions/a.instructions.md", .agentConfig), (".github/prompts/fix.prompt.md", .agentConfig), (".clinerules", .agentConfig),
        (".roo/rules-code/a.md", .agentConfig), (".kiro/steering/p.md", .agentConfig), (".claude/settings.json", .agentConfig),
        (".claude/settings.local.json", .agentConfig), (".mcp.json", .agentConfig), (".vscode/mcp.json", .agentConfig),
        ("claude_desktop_config.json", .agentConfig), (".continue/config.yaml", .agentConfig), (".aider.conf.yml", .agentConfig),
        (".codex/config.toml", .agentConfig), (".codex/auth.json", .agentConfig), (".claude/.credentials.json", .agentConfig),
        ("templates/paper.tex", .doc), ("templates/fancyhdr.sty", .code), ("templates/natbib.bst", .code),
        ("x/skills/pdf/SKILL.md", .agentConfig), ("opencode.json", .agentConfig), ("cline_mcp_settings.json", .agentConfig),
        ("app/summarize.prompt", .prompt), ("a.prompty", .prompt), ("models/x.prompt.yml", .prompt), ("prompts/system.txt", .prompt),
        ("system_prompts/ops.txt", .prompt), ("skprompt.txt", .prompt), ("promptfooconfig.yaml", .prompt),
        ("tests/cassettes/test_chat.yaml", .fixture), ("tests/cassettes/test_chat.yaml.gz", .fixture), ("rec/__recordings__/a/b.har", .fixture),
        ("x.har", .fixture), ("test/fixtures/nock/openai.json", .fixture), ("evals/run.jsonl", .fixture), ("data/ft.jsonl", .fixture),
        ("conversations.json", .fixture), (".claude/projects/p/session.jsonl", .fixture), (".aider.chat.history.md", .fixture),
        ("tests/fixtures/helpers.py", .code),
        ("nb/analysis.ipynb", .notebook),
        (".env", .env), (".env.production", .env), (".env.example", .env), (".envrc", .env), ("deploy/prod.env", .env),
        ("src/main.swift", .code), ("app.py", .code), ("config/settings.yaml", .code), ("Dockerfile", .code), ("package.json", .code),
        ("README.md", .doc), ("docs/guide.rst", .doc),
        ("LICENSE", .other), ("logo.png", .other),
    ])
    func classifiesByGlob(path: String, expected: FileClass) {
        #expect(FileClass.classify(path) == expected, "\(path)")
    }

    /// The glob table's piece prefilter picks the same first glob as trying every glob in order,
    /// on paths made from each glob (wildcards filled in, in other folders, upper case) and on
    /// near misses.
    @Test func globTableAgreesWithTryingEveryGlob() {
        let globs = FileClass.globs.map { PathGlob($0.0) }
        var paths: [String] = []
        for (source, _) in FileClass.globs {
            var path = source.replacingOccurrences(of: "**", with: "q/r").replacingOccurrences(of: "*", with: "x")
            if let open = path.firstIndex(of: "{"), let close = path.firstIndex(of: "}") {
                let first = path[path.index(after: open)..<close].split(separator: ",").first ?? ""
                path = String(path[..<open]) + first + String(path[path.index(after: close)...])
            }
            paths += [path, "a/b/" + path, path.uppercased(), String(path.dropLast()), path + "z", "x" + path, path.replacingOccurrences(of: "/", with: "_")]
        }
        for path in paths {
            let subject = PathGlob.Subject(path)
            #expect(FileClass.table.firstMatch(subject) == globs.firstIndex { $0.matches(subject) }, "\(path)")
        }
        #expect(paths.count > 500 && paths.contains { FileClass.table.firstMatch(PathGlob.Subject($0)) == nil })
    }

    @Test func overridesComeFirstAndTheLastOneWins() {
        let classifier = FileClassifier(overrides: [("docs/**", .prompt), ("docs/internal/*.md", .agentConfig)])
        #expect(classifier.classify("docs/a.md") == .prompt)
        #expect(classifier.classify("docs/internal/b.md") == .agentConfig)
        #expect(classifier.classify("README.md") == .doc)
    }

    @Test func globsAreCaseInsensitiveAndExpandBraces() {
        #expect(PathGlob("*.{yaml,json}").matches("A/B.JSON"))
        #expect(PathGlob(".continue/config.{json,yaml}").matches("home/.continue/config.yaml"))
        #expect(!PathGlob(".continue/config.{json,yaml}").matches("home/continue/config.yaml"))
    }
}
