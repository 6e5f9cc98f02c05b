import ArgumentParser
import Foundation
import PromptScanCore

extension GuardAgent: ExpressibleByArgument {}
extension GuardInstaller.Scope: ExpressibleByArgument {}

/// `promptscan guard`: answers one coding-agent hook call (the payload on standard input) in that
/// agent's contract; `guard install` and `guard uninstall` register it with an agent.
struct Guard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "Check what a coding agent is about to send to its model (one hook payload on standard input).",
        discussion: """
            Reads one hook payload (JSON) from Claude Code, Cursor, Codex CLI, Copilot CLI, VS Code, Gemini CLI or \
            Windsurf on standard input, tells the agent and event from it, scans what the event exposes (the prompt \
            and files it mentions, a file about to be read, a command, MCP arguments, a URL about to be fetched, \
            content about to be written, a tool's output) and answers in that agent's contract: nothing when clean, \
            a block naming rule, place and redacted value, or a warning where the event cannot block. What blocks is \
            set under guard: in .promptscan.yml (README, "Guarding coding agents"). \
            Exit codes: 0 the answer is on stdout (blocks included); 2 a block for Windsurf, or --fail-closed when \
            promptscan could not check; 1 could not check and no agent to answer (allowed: exit 1 blocks nowhere); 64 usage.
            """,
        subcommands: [Check.self, Install.self, Uninstall.self], defaultSubcommand: Check.self)

    /// `promptscan guard [--agent NAME] …`, the hook itself (the default subcommand).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Answer one hook payload on standard input (the default: what `promptscan guard` runs).")

        @Option(
            name: .long,
            help: "The agent that sent the payload (default: told from the payload): \(GuardAgent.allCases.map(\.rawValue).joined(separator: ", ")).")
        var agent: GuardAgent?

        @Option(name: .long, help: "The hook event, when the payload does not name it (UserPromptSubmit, PreToolUse, beforeReadFile …).")
        var event: String?

        @Option(
            name: .long, help: "Settings file (default: .promptscan.yml in the payload's working directory or a folder above it, up to the repository root).")
        var config: String?

        @Flag(name: .long, help: "Block when promptscan cannot check (bad payload or settings) instead of allowing with a warning.")
        var failClosed = false

        func run() throws {
            Self.answer(agent: agent, event: event, config: config, failClosed: failClosed)
        }

        /// Reads the payload, writes the reply and exits with its status. `PromptScan.main` calls
        /// it directly for the installed command line, `promptscan guard`, with no options.
        static func answer(agent: GuardAgent?, event: String?, config: String?, failClosed: Bool) -> Never {
            var run = GuardRun()
            run.agent = agent
            run.event = event
            run.configPath = config
            run.failClosed = failClosed
            run.keepsRulesUntilExit = true
            let bytes = try? FileReader.readStandardInput(limit: HookPayload.maximumBytes)
            let reply = run.reply(to: bytes)
            if !reply.stdout.isEmpty { Console.out(reply.stdout) }
            if !reply.stderr.isEmpty { Console.error(reply.stderr) }
            Console.terminate(reply.status)
        }
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Register promptscan guard in an agent's hook settings.",
            discussion: """
                Merges promptscan's entries into the agent's settings file and leaves every other key as it is: \
                claude .claude/settings.json, codex .codex/hooks.json, gemini .gemini/settings.json, cursor \
                .cursor/hooks.json, windsurf .windsurf/hooks.json (user: ~/.codeium/windsurf/hooks.json), copilot and \
                vscode .github/hooks/promptscan.json (user: ~/.copilot/hooks/promptscan.json); under the home folder \
                with --scope user, under the current folder with --scope project. Running it again changes nothing \
                (or points an older entry at this promptscan). A file that does not parse is refused. \
                Exit codes: 0 done; 2 a file that does not parse or cannot be written; 64 usage.
                """)

        @Option(name: .long, help: "The agent: \(GuardAgent.allCases.map(\.rawValue).joined(separator: ", ")).")
        var agent: GuardAgent

        @Option(name: .long, help: "user (the home folder's settings) or project (the current folder's; the default).")
        var scope: GuardInstaller.Scope = .project

        @Flag(name: .long, help: "Print the change as a diff and write nothing.")
        var dryRun = false

        @Option(name: .long, help: "The promptscan the agent runs (default: this one, by its path on PATH when that is the same file).")
        var binary: String?

        func run() throws {
            let installer = GuardInstaller(
                agent: agent, scope: scope, command: GuardInstaller.command(binary: binary ?? GuardPaths.binary()), home: GuardPaths.home,
                project: FileManager.default.currentDirectoryPath)
            let old = try GuardPaths.read(installer.path)
            let result: (text: String, changes: [String])
            do {
                result = try installer.installed(into: old)
            } catch {
                throw fail(error)
            }
            if dryRun {
                Console.out(LineDiff.unified(old ?? "", result.text, oldName: old == nil ? "/dev/null" : installer.path, newName: installer.path))
                if result.changes.isEmpty {
                    Console.error("\(installer.path): promptscan guard is already installed for \(agent.displayName); nothing to change")
                }
                return
            }
            guard !result.changes.isEmpty else {
                Console.error("\(installer.path): promptscan guard is already installed for \(agent.displayName); nothing changed")
                return
            }
            try GuardPaths.write(result.text, to: installer.path)
            Console.error("\(installer.path): installed promptscan guard for \(agent.displayName) (\(result.changes.joined(separator: "; ")))")
            if agent == .cursor { Console.error("note: restart Cursor (or check Settings → Hooks) so it reads the new hooks") }
            if agent == .codex { Console.error("note: Codex asks you to review and trust new hooks before it runs them") }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall",
            abstract: "Remove promptscan guard's entries from an agent's hook settings.",
            discussion:
                "Removes only promptscan's entries (and groups and lists left empty by that). Exit codes: 0 done; 2 a file that does not parse or cannot be written; 64 usage."
        )

        @Option(name: .long, help: "The agent: \(GuardAgent.allCases.map(\.rawValue).joined(separator: ", ")).")
        var agent: GuardAgent

        @Option(name: .long, help: "user or project (the default).")
        var scope: GuardInstaller.Scope = .project

        @Flag(name: .long, help: "Print the change as a diff and write nothing.")
        var dryRun = false

        func run() throws {
            let installer = GuardInstaller(agent: agent, scope: scope, command: "", home: GuardPaths.home, project: FileManager.default.currentDirectoryPath)
            guard let old = try GuardPaths.read(installer.path) else {
                Console.error("\(installer.path): no such file; nothing to remove")
                return
            }
            let result: (text: String?, changes: [String])
            do {
                result = try installer.uninstalled(from: old)
            } catch {
                throw fail(error)
            }
            guard !result.changes.isEmpty else {
                Console.error("\(installer.path): holds no promptscan guard entries; nothing changed")
                return
            }
            if dryRun {
                Console.out(LineDiff.unified(old, result.text ?? "", oldName: installer.path, newName: result.text == nil ? "/dev/null" : installer.path))
                return
            }
            if let text = result.text {
                try GuardPaths.write(text, to: installer.path)
                Console.error("\(installer.path): removed promptscan guard (\(result.changes.joined(separator: "; ")))")
            } else {
                do {
                    try FileManager.default.removeItem(atPath: installer.path)
                } catch {
                    throw fail(.io(path: installer.path, message: "cannot remove: \(error.localizedDescription)"))
                }
                Console.error("\(installer.path): removed (it held only promptscan guard's entries)")
            }
        }
    }
}

/// The file work of `guard install` and `guard uninstall`.
enum GuardPaths {
    static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    /// This promptscan's absolute path; the PATH entry's when it is the same file (a stable
    /// launcher such as /usr/local/bin/promptscan rather than a versioned folder it links to).
    static func binary() -> String {
        let own = URL(
            fileURLWithPath: CommandLine.arguments[0].contains("/") ? CommandLine.arguments[0] : (Bundle.main.executablePath ?? CommandLine.arguments[0])
        )
        .standardizedFileURL
        let resolved = own.resolvingSymlinksInPath().path
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where folder.hasPrefix("/") {
            let candidate = "\(folder)/promptscan"
            if FileManager.default.isExecutableFile(atPath: candidate), URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path == resolved {
                return candidate
            }
        }
        return own.path.hasPrefix("/") ? own.path : FileManager.default.currentDirectoryPath + "/" + own.path
    }

    /// The text of `path`; nil when there is no file. A file that is not UTF-8 is refused.
    static func read(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail(.io(path: path, message: "cannot read")) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw fail(.io(path: path, message: "is not UTF-8 text; fix or remove the file, then run this again"))
        }
        return text
    }

    /// Writes `text` to `path` atomically (creating its folder), keeping an existing file's mode.
    static func write(_ text: String, to path: String) throws {
        let manager = FileManager.default
        let mode = (try? manager.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
        do {
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let file = try AtomicFile(path: path)
            try file.write(Array(text.utf8))
            try file.commit(to: path)
            if let mode { try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: path) }
        } catch {
            throw fail(.io(path: path, message: "cannot write: \(error)"))
        }
    }
}
