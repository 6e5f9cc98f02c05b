import ArgumentParser
import Foundation
import PromptScanCore

struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install or remove the git pre-commit hook.", subcommands: [Install.self, Uninstall.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Install the pre-commit hook into this repository's hooks folder (honours core.hooksPath).",
            discussion: """
                The hook runs `promptscan pre-commit`, finding promptscan on PATH at each commit (or \
                $PROMPTSCAN, or --binary). Never overwrites a hook that is not promptscan's: without \
                --chain it refuses; with --chain the existing hook is kept as pre-commit.local and runs \
                first. With husky (core.hooksPath .husky/_) it adds one line to .husky/pre-commit, the \
                team's script that husky runs, and leaves husky's generated files alone; with lefthook \
                or the pre-commit framework it says what to add to their configuration. \
                `promptscan hook uninstall` undoes it.
                """)

        @Flag(name: .long, help: "Keep an existing pre-commit hook as pre-commit.local and run it first.")
        var chain = false

        @Option(name: .long, help: "The promptscan the hook runs (default: promptscan, looked up on PATH at each commit).")
        var binary: String?

        func run() throws {
            do {
                let layout = try HookLayout.detect()
                switch layout.manager {
                case let .configured(tool, advice):
                    throw PromptScanError.io(path: layout.hook, message: "\(tool) manages this repository's hooks, so no hook is written; \(advice)")
                case let .husky(script, legacy):
                    // An earlier `hook install --chain` moved husky's stub aside: put it back first.
                    _ = try HookFiles.restoreHook(layout)
                    Console.error(try HookFiles.addLine(HookScript.line(binary: binary, created: false), to: script, legacy: legacy))
                case .none:
                    Console.error(try HookFiles.installHook(layout, binary: binary ?? "promptscan", chain: chain))
                }
            } catch let error as PromptScanError {
                throw fail(error)
            }
            if binary == nil && ProcessInfo.processInfo.environment["PROMPTSCAN"] == nil && !HookFiles.isOnPath("promptscan") {
                Console.error(
                    "note: promptscan is not on PATH here; the hook looks for it there at each commit (or set PROMPTSCAN, or install with --binary PATH)")
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall",
            abstract: "Remove what `hook install` added, and put back the hook it kept aside.",
            discussion: """
                Removes promptscan's pre-commit hook (putting back a hook that --chain kept as \
                pre-commit.local) and the line it added to husky's .husky/pre-commit (and that file, \
                when hook install created it and nothing else was added). Anything that is not \
                promptscan's is left as it is.
                """)

        func run() throws {
            do {
                let layout = try HookLayout.detect()
                var messages: [String] = []
                if case let .husky(script, legacy) = layout.manager, let message = try HookFiles.removeLine(from: script, legacy: legacy) {
                    messages.append(message)
                }
                if let message = try HookFiles.restoreHook(layout) { messages.append(message) }
                if messages.isEmpty {
                    let other = FileManager.default.fileExists(atPath: layout.hook) || HookFiles.isLink(layout.hook)
                    messages.append(
                        other
                            ? "the pre-commit hook at \(layout.hook) is not promptscan's; left as it is"
                            : "no promptscan pre-commit hook to remove in \(layout.hooksDirectory)")
                }
                for message in messages { Console.error(message) }
            } catch {
                throw fail(error)
            }
        }
    }
}

/// The file work of `hook install` and `hook uninstall`. Each function returns the line to tell
/// the user, and throws a one-line error naming the file.
enum HookFiles {
    /// Writes promptscan's hook file, refreshing an earlier one, keeping another hook aside with
    /// `chain`, and refusing otherwise.
    static func installHook(_ layout: HookLayout, binary: String, chain: Bool) throws(PromptScanError) -> String {
        let hook = layout.hook
        let manager = FileManager.default
        var chained = false
        var message = "installed the promptscan pre-commit hook at \(hook)"
        if isLink(hook) || manager.fileExists(atPath: hook) {
            let current = manager.contents(atPath: hook).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if current.contains(HookScript.marker) {
                message = "updated the promptscan pre-commit hook at \(hook)"
                // (A hook from before `hook uninstall` existed did not mark the chaining: a kept hook beside it was chained.)
                chained =
                    current.contains(HookScript.chainedMarker)
                    || (!current.contains("hook uninstall") && (manager.fileExists(atPath: layout.chained) || isLink(layout.chained)))
            } else if chain {
                if manager.fileExists(atPath: layout.chained) || isLink(layout.chained) {
                    throw .io(path: hook, message: "a hook exists and so does \(layout.chained); merge them by hand, then run this again")
                }
                do {
                    try manager.moveItem(atPath: hook, toPath: layout.chained)
                } catch {
                    throw .io(path: hook, message: "cannot move the existing hook to \(layout.chained): \(error.localizedDescription)")
                }
                chained = true
                message += "; the hook that was there is kept as \(layout.chained) and runs first (hook uninstall puts it back)"
            } else {
                throw .io(
                    path: hook,
                    message: "a pre-commit hook that is not promptscan's is already here; not overwriting it. Re-run with --chain "
                        + "to keep it (as pre-commit.local, run first), or add the line 'promptscan pre-commit' to it")
            }
        }
        do {
            try manager.createDirectory(atPath: layout.hooksDirectory, withIntermediateDirectories: true)
            let temporary = hook + ".promptscan-tmp"
            try Data(HookScript.text(binary: binary, chained: chained).utf8).write(to: URL(fileURLWithPath: temporary))
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
            if manager.fileExists(atPath: hook) || isLink(hook) {
                try manager.removeItem(atPath: hook)  // promptscan's own hook (anything else was refused or moved)
            }
            try manager.moveItem(atPath: temporary, toPath: hook)
        } catch {
            throw .io(path: hook, message: "cannot write the hook: \(error.localizedDescription)")
        }
        return message
    }

    /// Removes promptscan's hook file and puts back the hook `--chain` kept; nil when the hook
    /// there is not promptscan's (or there is none).
    static func restoreHook(_ layout: HookLayout) throws(PromptScanError) -> String? {
        let manager = FileManager.default
        guard !isLink(layout.hook), let data = manager.contents(atPath: layout.hook) else { return nil }
        let current = String(decoding: data, as: UTF8.self)
        guard current.contains(HookScript.marker) else { return nil }
        let chained =
            current.contains(HookScript.chainedMarker)
            || (!current.contains("hook uninstall") && (manager.fileExists(atPath: layout.chained) || isLink(layout.chained)))
        do {
            try manager.removeItem(atPath: layout.hook)
            if chained && (manager.fileExists(atPath: layout.chained) || isLink(layout.chained)) {
                try manager.moveItem(atPath: layout.chained, toPath: layout.hook)
                return "removed the promptscan pre-commit hook at \(layout.hook) and put back the hook it kept as \(layout.chained)"
            }
        } catch {
            throw .io(path: layout.hook, message: "cannot remove the hook: \(error.localizedDescription)")
        }
        return "removed the promptscan pre-commit hook at \(layout.hook)"
    }

    /// Appends `line` to a hook manager's script (creating it when missing), unless one of
    /// promptscan's lines is there already. The file keeps its mode, owner and every byte it had.
    static func addLine(_ line: String, to script: String, legacy: Bool) throws(PromptScanError) -> String {
        let manager = FileManager.default
        let shared = "husky runs it at each commit; commit the file to share it with the team"
        guard let data = manager.contents(atPath: script) else {
            guard !isLink(script) else { throw .io(path: script, message: "is a link to nothing; not writing through it") }
            let created = line.replacingOccurrences(of: HookScript.lineMarker, with: HookScript.createdLineMarker)
            do {
                try manager.createDirectory(atPath: (script as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(((legacy ? HookLayout.legacyHuskyHeader : "") + created + "\n").utf8).write(to: URL(fileURLWithPath: script))
                try manager.setAttributes([.posixPermissions: legacy ? 0o755 : 0o644], ofItemAtPath: script)
            } catch {
                throw .io(path: script, message: "cannot write: \(error.localizedDescription)")
            }
            return "created \(script) with the line 'promptscan pre-commit' (\(shared))"
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.split(separator: "\n").contains(where: { HookScript.isOwnLine($0).own }) {
            return "\(script) already runs promptscan pre-commit"
        }
        // A file without a final line break gets the line after one, and no break of its own, so
        // that removing the line restores the file byte for byte.
        let addition = text.isEmpty || text.hasSuffix("\n") ? line + "\n" : "\n" + line
        guard let handle = FileHandle(forWritingAtPath: script) else {
            throw .io(path: script, message: "cannot open for writing")
        }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(addition.utf8))
            try handle.close()
        } catch {
            throw .io(path: script, message: "cannot append: \(error.localizedDescription)")
        }
        return "added the line 'promptscan pre-commit' to \(script) (\(shared))"
    }

    /// Removes promptscan's lines from a hook manager's script (and the script, when `hook install`
    /// created it and nothing else is in it); nil when it has none.
    static func removeLine(from script: String, legacy: Bool) throws(PromptScanError) -> String? {
        let manager = FileManager.default
        guard let data = manager.contents(atPath: script) else { return nil }
        let (text, found, created) = withoutOwnLines(String(decoding: data, as: UTF8.self))
        guard found else { return nil }
        do {
            if created && (text.isEmpty || (legacy && text == HookLayout.legacyHuskyHeader)) {
                try manager.removeItem(atPath: script)
                return "removed \(script), which hook install had created"
            }
            guard let handle = FileHandle(forWritingAtPath: script) else { throw PromptScanError.io(path: script, message: "cannot open for writing") }
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            throw .io(path: script, message: "cannot rewrite: \(error.localizedDescription)")
        }
        return "removed the promptscan line from \(script)"
    }

    /// `text` without promptscan's lines, each with its own line break (or, for a last line
    /// without one, the break before it); whether there were some, and whether one was a creation's.
    static func withoutOwnLines(_ text: String) -> (text: String, found: Bool, created: Bool) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // (A text ending in "\n" splits into a last empty element, which stands for no line.)
        var found = false
        var created = false
        var index = 0
        while index < lines.count {
            let own = HookScript.isOwnLine(Substring(lines[index]))
            guard own.own else {
                index += 1
                continue
            }
            found = true
            created = created || own.created
            lines.remove(at: index)
        }
        guard found else { return (text, false, false) }
        return (lines.joined(separator: "\n"), true, created)
    }

    /// Whether `path` is a symbolic link (even a dangling one).
    static func isLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    /// Whether `name` is an executable in a folder of PATH.
    static func isOnPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains { folder in
            FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)")
        }
    }
}
