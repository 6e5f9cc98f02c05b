import Foundation

/// Where and how `promptscan guard install` registers the guard with an agent, and the merge
/// that does it: promptscan's entries are added to (or refreshed in, or removed from) the
/// agent's settings file; every other key keeps its value and its place.
public struct GuardInstaller: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case user
        case project
    }

    public let agent: GuardAgent
    public let scope: Scope
    /// The command the agent runs (`/usr/local/bin/promptscan guard`).
    public let command: String
    /// The settings file.
    public let path: String

    /// `home` is the user's home folder, `project` the project's root.
    public init(agent: GuardAgent, scope: Scope, command: String, home: String, project: String) {
        self.agent = agent
        self.scope = scope
        self.command = command
        let base = scope == .user ? home : project
        let relative: String
        switch (agent, scope) {
        case (.claude, _): relative = ".claude/settings.json"
        case (.codex, _): relative = ".codex/hooks.json"
        case (.gemini, _): relative = ".gemini/settings.json"
        case (.cursor, _): relative = ".cursor/hooks.json"
        case (.windsurf, .user): relative = ".codeium/windsurf/hooks.json"
        case (.windsurf, .project): relative = ".windsurf/hooks.json"
        case (.copilot, .user), (.vscode, .user): relative = ".copilot/hooks/promptscan.json"
        case (.copilot, .project), (.vscode, .project): relative = ".github/hooks/promptscan.json"
        }
        path = (base.hasSuffix("/") ? base : base + "/") + relative
    }

    /// The events registered: Claude-style groups (`matcher` + `hooks`) or flat entries.
    enum Layout {
        case grouped([(event: String, matcher: String?)])
        case flat([String], version: Bool)
    }

    var layout: Layout {
        switch agent {
        case .claude: .grouped([("UserPromptSubmit", nil), ("PreToolUse", "*"), ("PostToolUse", "*")])
        case .codex: .grouped([("UserPromptSubmit", nil), ("PreToolUse", ".*"), ("PostToolUse", ".*")])
        case .gemini: .grouped([("BeforeAgent", nil), ("BeforeTool", ".*"), ("AfterTool", ".*")])
        case .cursor:
            .flat(
                ["beforeSubmitPrompt", "beforeReadFile", "beforeShellExecution", "beforeMCPExecution", "afterShellExecution", "afterMCPExecution"],
                version: true)
        case .windsurf:
            .flat(
                ["pre_user_prompt", "pre_read_code", "pre_write_code", "pre_run_command", "pre_mcp_tool_use", "post_run_command", "post_mcp_tool_use"],
                version: false)
        case .copilot, .vscode: .flat(["userPromptSubmitted", "preToolUse", "postToolUse"], version: true)
        }
    }

    /// promptscan's entry for one event.
    var entry: OrderedJSON {
        switch agent {
        case .claude, .codex:
            .object([.init("type", .string("command")), .init("command", .string(command)), .init("timeout", .number("30"))])
        case .gemini:
            .object([
                .init("type", .string("command")), .init("command", .string(command)), .init("name", .string("promptscan")),
                .init("timeout", .number("10000")),
            ])
        case .cursor: .object([.init("command", .string(command))])
        case .windsurf: .object([.init("command", .string(command)), .init("show_output", .bool(true))])
        case .copilot, .vscode:
            // Copilot CLI runs `bash`; VS Code reads `command`.
            .object([
                .init("type", .string("command")), .init("bash", .string(command)), .init("command", .string(command)), .init("timeoutSec", .number("30")),
            ])
        }
    }

    /// Whether `entry` is one of promptscan guard's (its command runs `promptscan … guard`).
    static func isOwn(_ entry: OrderedJSON) -> Bool {
        ["command", "bash"].contains { key in
            guard let command = entry[key]?.stringValue else { return false }
            return command.contains("promptscan") && (command.hasSuffix(" guard") || command.contains(" guard "))
        }
    }

    /// An entry's command pointed at `command`'s binary, keeping the options a user added after
    /// `guard` (`--config FILE`); nil when it already runs that binary.
    static func refreshed(_ existing: String, with command: String) -> String? {
        if existing == command || existing.hasPrefix(command + " ") { return nil }
        guard let range = existing.range(of: " guard") else { return command }
        return String(command.dropLast(" guard".count)) + existing[range.lowerBound...]
    }

    /// The file's text with promptscan's entries in place, and what changed (empty: nothing).
    /// `text` nil: there is no file yet.
    public func installed(into text: String?) throws(PromptScanError) -> (text: String, changes: [String]) {
        var root = try parse(text)
        var hooks = root["hooks"] ?? .object([])
        guard hooks.isObject else { throw .io(path: path, message: "'hooks' is not a JSON object; fix or remove it, then run this again") }
        var changes: [String] = []
        switch layout {
        case let .grouped(events):
            for (event, matcher) in events {
                var groups = try list(hooks[event], event)
                var found = false
                for g in groups.indices {
                    guard var inner = groups[g]["hooks"]?.arrayValue else { continue }
                    for e in inner.indices where Self.isOwn(inner[e]) {
                        found = true
                        if let updated = Self.refreshed(inner[e]["command"]?.stringValue ?? "", with: command) {
                            inner[e]["command"] = .string(updated)
                            changes.append("\(event): updated the command to \(updated)")
                        }
                    }
                    groups[g]["hooks"] = .array(inner)
                }
                if !found {
                    if let g = groups.firstIndex(where: { $0.isObject && $0["matcher"]?.stringValue == matcher && $0["hooks"]?.arrayValue != nil }) {
                        groups[g]["hooks"] = .array(groups[g]["hooks"]!.arrayValue! + [entry])
                    } else {
                        var group = OrderedJSON.object([])
                        if let matcher { group["matcher"] = .string(matcher) }
                        group["hooks"] = .array([entry])
                        groups.append(group)
                    }
                    changes.append("\(event): added")
                }
                hooks[event] = .array(groups)
            }
        case let .flat(events, version):
            if version && root["version"] == nil { root["version"] = .number("1") }
            for event in events {
                var entries = try list(hooks[event], event)
                var found = false
                for e in entries.indices where Self.isOwn(entries[e]) {
                    found = true
                    for key in ["command", "bash"] {
                        guard let current = entries[e][key]?.stringValue, let updated = Self.refreshed(current, with: command) else { continue }
                        entries[e][key] = .string(updated)
                        changes.append("\(event): updated the command to \(updated)")
                    }
                }
                if !found {
                    entries.append(entry)
                    changes.append("\(event): added")
                }
                hooks[event] = .array(entries)
            }
        }
        root["hooks"] = hooks
        return (root.rendered(indent: OrderedJSON.indentation(of: text ?? "")), changes)
    }

    /// The file's text without promptscan's entries (nil: the file held nothing else and goes),
    /// and what changed (empty: there were none).
    public func uninstalled(from text: String) throws(PromptScanError) -> (text: String?, changes: [String]) {
        var root = try parse(text)
        guard var hooks = root["hooks"], case let .object(members) = hooks else { return (text, []) }
        var changes: [String] = []
        for member in members {
            guard var items = member.value.arrayValue else { continue }
            let before = items.count
            var removed = 0
            // Flat entries of promptscan's.
            items.removeAll { item in
                if Self.isOwn(item) {
                    removed += 1
                    return true
                }
                return false
            }
            // Entries inside groups; a group left empty goes too.
            for g in items.indices.reversed() {
                guard let inner = items[g]["hooks"]?.arrayValue else { continue }
                let kept = inner.filter { !Self.isOwn($0) }
                guard kept.count != inner.count else { continue }
                removed += inner.count - kept.count
                if kept.isEmpty { items.remove(at: g) } else { items[g]["hooks"] = .array(kept) }
            }
            guard removed > 0 else { continue }
            changes.append("\(member.key): removed")
            hooks[member.key] = items.isEmpty && before > 0 ? nil : .array(items)
        }
        guard !changes.isEmpty else { return (text, []) }
        if case let .object(rest) = hooks, rest.isEmpty { root["hooks"] = nil } else { root["hooks"] = hooks }
        // A file that holds nothing but what install wrote goes.
        if case let .object(rest) = root, rest.allSatisfy({ $0.key == "version" }) { return (nil, changes) }
        return (root.rendered(indent: OrderedJSON.indentation(of: text)), changes)
    }

    func parse(_ text: String?) throws(PromptScanError) -> OrderedJSON {
        guard let text else { return .object([]) }
        let root: OrderedJSON
        do {
            root = try OrderedJSON.parse(text)
        } catch {
            throw .io(path: path, message: "line \(error.line): does not parse as JSON (\(error.message)); fix or remove the file, then run this again")
        }
        guard root.isObject else { throw .io(path: path, message: "is not a JSON object; fix or remove the file, then run this again") }
        return root
    }

    func list(_ value: OrderedJSON?, _ event: String) throws(PromptScanError) -> [OrderedJSON] {
        guard let value else { return [] }
        guard let items = value.arrayValue else {
            throw .io(path: path, message: "'hooks.\(event)' is not a JSON list; fix or remove it, then run this again")
        }
        return items
    }

    /// The command an agent runs for `binary`: the path quoted for a shell when it needs it.
    public static func command(binary: String) -> String {
        let safe = binary.allSatisfy { $0.isLetter || $0.isNumber || "/._-+@".contains($0) }
        return (safe ? binary : "'" + binary.replacingOccurrences(of: "'", with: "'\\''") + "'") + " guard"
    }
}

/// A unified diff of two texts by lines, for `--dry-run`.
public enum LineDiff {
    public static func unified(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty()
        let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty()
        // Longest common subsequence table (settings files are small).
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        enum Op {
            case same(String)
            case del(String)
            case add(String)
        }
        var ops: [Op] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append(.same(a[i]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                ops.append(.add(b[j]))
                j += 1
            } else {
                ops.append(.del(a[i]))
                i += 1
            }
        }
        var changed = [Bool](repeating: false, count: ops.count)
        for (index, op) in ops.enumerated() {
            if case .same = op { continue }
            for k in max(0, index - context)...min(ops.count - 1, index + context) { changed[k] = true }
        }
        guard changed.contains(true) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        var oldLine = 1
        var newLine = 1
        while index < ops.count {
            guard changed[index] else {
                if case .same = ops[index] {
                    oldLine += 1
                    newLine += 1
                }
                index += 1
                continue
            }
            var end = index
            while end < ops.count, changed[end] { end += 1 }
            var lines: [String] = []
            var oldCount = 0
            var newCount = 0
            for op in ops[index..<end] {
                switch op {
                case let .same(text):
                    lines.append(" " + text)
                    oldCount += 1
                    newCount += 1
                case let .del(text):
                    lines.append("-" + text)
                    oldCount += 1
                case let .add(text):
                    lines.append("+" + text)
                    newCount += 1
                }
            }
            out += "@@ -\(oldCount == 0 ? oldLine - 1 : oldLine),\(oldCount) +\(newCount == 0 ? newLine - 1 : newLine),\(newCount) @@\n"
            out += lines.joined(separator: "\n") + "\n"
            oldLine += oldCount
            newLine += newCount
            index = end
        }
        return out
    }
}

extension Array where Element == String {
    /// Without the empty last element a text ending in a line break splits into.
    fileprivate func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
