import ArgumentParser
import Foundation
import PromptScanCore

struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install the git pre-commit hook.", subcommands: [Install.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the pre-commit hook into this repository's hooks folder (honours core.hooksPath).",
            discussion: """
                Never overwrites a hook that is not promptscan's: without --chain it refuses; with --chain \
                the existing hook is kept as pre-commit.local and runs before promptscan.
                """)

        @Flag(name: .long, help: "Keep an existing pre-commit hook as pre-commit.local and run it first.")
        var chain = false

        @Option(name: .long, help: "The promptscan command the hook runs (default: this executable's path).")
        var binary: String?

        func run() throws {
            do {
                try install()
            } catch {
                throw fail(error)
            }
        }

        func install() throws(PromptScanError) {
            var git = Git(directory: ".")
            git.readsHooksPath = true
            _ = try git.topLevel()
            // `--git-path hooks` follows core.hooksPath (relative to the top when relative) and worktrees.
            let hooksDirectory = try git.line(["rev-parse", "--path-format=absolute", "--git-path", "hooks"])
            let hook = (hooksDirectory as NSString).appendingPathComponent("pre-commit")
            let chained = hook + ".local"
            let manager = FileManager.default
            let text = HookScript.text(binary: binary ?? Install.executablePath())
            var message = "installed the promptscan pre-commit hook at \(hook)"
            let isSymlink = (try? manager.destinationOfSymbolicLink(atPath: hook)) != nil  // even a dangling one
            if isSymlink || manager.fileExists(atPath: hook) {
                let current = manager.contents(atPath: hook).map { String(decoding: $0, as: UTF8.self) } ?? ""
                if current.contains(HookScript.marker) {
                    message = "updated the promptscan pre-commit hook at \(hook)"
                } else if chain {
                    if manager.fileExists(atPath: chained) || (try? manager.destinationOfSymbolicLink(atPath: chained)) != nil {
                        throw .io(path: hook, message: "a hook exists and so does \(chained); merge them by hand, then run this again")
                    }
                    do {
                        try manager.moveItem(atPath: hook, toPath: chained)
                    } catch {
                        throw .io(path: hook, message: "cannot move the existing hook to \(chained): \(error.localizedDescription)")
                    }
                    message += "; the hook that was there is kept as \(chained) and runs first"
                } else {
                    throw .io(
                        path: hook,
                        message: "a pre-commit hook that is not promptscan's already exists; not overwriting it. "
                            + "Re-run with --chain to keep it (as pre-commit.local, run first), or add 'promptscan staged' to it")
                }
            }
            do {
                try manager.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
                let temporary = hook + ".promptscan-tmp"
                try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
                if manager.fileExists(atPath: hook) || (try? manager.destinationOfSymbolicLink(atPath: hook)) != nil {
                    try manager.removeItem(atPath: hook)  // promptscan's own hook (anything else was refused or moved)
                }
                try manager.moveItem(atPath: temporary, toPath: hook)
            } catch {
                throw .io(path: hook, message: "cannot write the hook: \(error.localizedDescription)")
            }
            Console.error(message)
        }

        /// The absolute path of the running executable.
        static func executablePath() -> String {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        }
    }
}
