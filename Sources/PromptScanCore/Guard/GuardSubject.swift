import Foundation

/// One text an event is about to expose, to be scanned on its own: the prompt, a file the agent
/// reads, a command, a tool's arguments or output.
public struct GuardSubject: Sendable {
    public let place: GuardPlace
    /// The name it is scanned under, which decides its file class (`.env`, `src/app.py`, `prompt.prompt`).
    public let name: String
    /// How messages name it: `the prompt`, `file .env`, `the Bash command`.
    public let label: String
    public var bytes: [UInt8]
    /// The line of the file the bytes begin at (a read of a line range).
    public var firstLine = 1
    /// What was left unscanned, said as a warning (a part past the scan limit).
    public var note: String? = nil
}

extension HookPayload {
    /// The texts this payload's event is about to expose, files read from disk where the event
    /// names a file (only the line range read; at most `maxScanBytes`; binary files left out).
    public func subjects(maxScanBytes: Int) -> [GuardSubject] {
        guard let event else { return [] }
        let info = object["tool_info"] as? [String: Any] ?? [:]
        let input = toolInput
        let tool = toolName ?? eventName
        var out: [GuardSubject] = []
        switch event {
        case .prompt:
            let text = (object["prompt"] as? String) ?? (info["user_prompt"] as? String) ?? ""
            out.append(GuardSubject(place: .prompt, name: "prompt.prompt", label: "the prompt", bytes: Array(text.utf8)))
            var files = Self.mentionedFiles(in: text)
            for attachment in object["attachments"] as? [[String: Any]] ?? [] {
                if let path = (attachment["filePath"] as? String) ?? (attachment["file_path"] as? String) { files.append(path) }
            }
            var seen = Set<String>()
            for path in files.prefix(Self.maximumMentionedFiles) where seen.insert(path).inserted {
                // A mention that names no file (`@someone`) is not a file read.
                if let subject = readSubject(path, range: nil, place: .prompt, label: "file %@ (sent with the prompt)", maxScanBytes: maxScanBytes) {
                    out.append(subject)
                }
            }
        case .preTool:
            switch place {
            case .command:
                let command =
                    Self.commandText(object["command"]) ?? Self.commandText(input["command"]) ?? Self.commandText(input["cmd"])
                    ?? (info["command_line"] as? String) ?? ""
                out.append(bounded(GuardSubject(place: .command, name: "command.sh", label: "the \(tool) command", bytes: Array(command.utf8)), maxScanBytes))
                for path in Self.filesPrinted(by: command).prefix(Self.maximumMentionedFiles) {
                    if let subject = readSubject(path, range: nil, place: .read, label: "file %@ (printed by the command)", maxScanBytes: maxScanBytes) {
                        out.append(subject)
                    }
                }
            case .read:
                let path = Self.filePath(object) ?? Self.filePath(info) ?? Self.filePath(input)
                if let content = object["content"] as? String, let path {
                    // Cursor's beforeReadFile hands over the content itself.
                    let (name, shown) = names(path)
                    out.append(bounded(GuardSubject(place: .read, name: name, label: "file \(shown)", bytes: Array(content.utf8)), maxScanBytes))
                } else if let path, let subject = readSubject(path, range: readRange(input), place: .read, label: "file %@", maxScanBytes: maxScanBytes) {
                    out.append(subject)
                } else if path == nil, !input.isEmpty {
                    out.append(bounded(jsonSubject(input, place: .read, name: "tool-input.json", label: "the \(tool) arguments"), maxScanBytes))
                }
            case .write:
                let path = Self.filePath(input) ?? Self.filePath(info)
                var texts: [String] = []
                Self.strings(in: input, into: &texts, skipping: Self.notWrittenKeys)
                if let edits = info["edits"] { Self.strings(in: edits, into: &texts, skipping: Self.notWrittenKeys) }
                let (name, shown) = path.map(names) ?? ("written.txt", "")
                let label = path == nil ? "the \(tool) content" : "the content \(tool) writes to \(shown)"
                out.append(bounded(GuardSubject(place: .write, name: name, label: label, bytes: Array(texts.joined(separator: "\n").utf8)), maxScanBytes))
            case .fetch:
                var texts: [String] = []
                Self.strings(in: input, into: &texts, skipping: [])
                out.append(
                    bounded(
                        GuardSubject(place: .fetch, name: "fetch.url", label: "the \(tool) request", bytes: Array(texts.joined(separator: "\n").utf8)),
                        maxScanBytes))
            case .mcp:
                let arguments: Any = info["mcp_tool_arguments"] ?? input
                out.append(bounded(jsonSubject(arguments, place: .mcp, name: "mcp-arguments.json", label: "the arguments of \(tool)"), maxScanBytes))
            case .tool, .prompt, .output:
                out.append(bounded(jsonSubject(input, place: .tool, name: "tool-input.json", label: "the \(tool) arguments"), maxScanBytes))
            }
        case .postTool:
            let output: Any? =
                object["tool_response"] ?? object["tool_result"] ?? (object["toolResult"] as? [String: Any])?["textResultForLlm"]
                ?? object["toolResult"] ?? object["tool_output"] ?? object["output"] ?? object["result_json"] ?? info["mcp_result"]
                ?? info["output"]
            guard let output else { return [] }
            var texts: [String] = []
            if let text = output as? String, place == .mcp, let data = text.data(using: .utf8), let parsed = try? JSONSerialization.jsonObject(with: data) {
                Self.strings(in: parsed, into: &texts, skipping: [])  // Cursor's result_json
            } else {
                Self.strings(in: output, into: &texts, skipping: [])
            }
            // A file's content keeps the file's class; other output is plain text.
            let path = place == .read ? (Self.filePath(input) ?? Self.filePath(info)) : nil
            let (name, _) = path.map(names) ?? ("tool-output.txt", "")
            out.append(
                bounded(
                    GuardSubject(place: .output, name: name, label: "the output of \(tool)", bytes: Array(texts.joined(separator: "\n").utf8)), maxScanBytes))
        }
        return out.filter { !$0.bytes.isEmpty }
    }

    /// At most this many files mentioned in a prompt or printed by a command are read.
    static let maximumMentionedFiles = 10

    /// Keys of a write tool's input that are not the content written.
    static let notWrittenKeys: Set<String> = [
        "file_path", "filePath", "path", "absolute_path", "target_file", "notebook_path", "old_string", "old_str", "oldString", "old_text",
        "replace_all", "expected_replacements", "cell_id", "edit_mode", "instructions", "description", "explanation",
    ]

    /// `subject` cut at `limit` bytes, saying so.
    func bounded(_ subject: GuardSubject, _ limit: Int) -> GuardSubject {
        guard subject.bytes.count > limit else { return subject }
        var cut = subject
        cut.bytes = Array(subject.bytes.prefix(limit))
        cut.note = "scanned only the first \(Self.size(limit)) of \(subject.label) (\(subject.bytes.count) bytes); raise guard.max-scan-bytes to scan more"
        return cut
    }

    /// `value` as compact JSON text (slashes unescaped, so URLs stay URLs).
    func jsonSubject(_ value: Any, place: GuardPlace, name: String, label: String) -> GuardSubject {
        let text: String
        if let string = value as? String {
            text = string
        } else if JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        {
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = ""
        }
        return GuardSubject(place: place, name: name, label: label, bytes: Array(text.utf8))
    }

    /// The name a file is scanned under (relative to the working directory when inside it, so
    /// that `allow-paths` and `file-classes` globs apply) and the name messages show.
    func names(_ path: String) -> (name: String, shown: String) {
        if let cwd = workingDirectory {
            let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
            if path.hasPrefix(prefix) {
                let relative = String(path.dropFirst(prefix.count))
                return (relative, relative)
            }
        }
        return (path, path)
    }

    /// The absolute path of `path` (relative ones against the working directory).
    func absolute(_ path: String) -> String {
        var path = path
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { path = home + path.dropFirst(1) }
        if path.hasPrefix("/") { return path }
        let base = workingDirectory ?? FileManager.default.currentDirectoryPath
        return (base.hasSuffix("/") ? base : base + "/") + path
    }

    /// Reads the file at `path` (only `range`, when given) as a subject; nil when there is no
    /// such regular file or it is binary. `label` holds `%@` for the file's name.
    func readSubject(_ path: String, range: LineRange?, place: GuardPlace, label: String, maxScanBytes: Int) -> GuardSubject? {
        let full = absolute(path)
        let (name, shown) = names(full)
        let text = label.replacingOccurrences(of: "%@", with: shown)
        // A line range further into a large file needs more than the scan limit read to find it.
        let readLimit = range.map { _ in max(maxScanBytes, 64 << 20) } ?? maxScanBytes
        guard let (prefix, size) = try? FileReader.readPrefix(full, limit: readLimit) else { return nil }
        var bytes = prefix
        var firstLine = 1
        if let range {
            (bytes, firstLine) = range.select(from: prefix)
        }
        if BinaryDetector.reasonToSkip(Array(bytes.prefix(BinaryDetector.window))) != nil { return nil }
        var subject = GuardSubject(place: place, name: name, label: text, bytes: Array(bytes.prefix(maxScanBytes)), firstLine: firstLine)
        if bytes.count > maxScanBytes || (range == nil && size > prefix.count) {
            subject.note =
                "scanned only the first \(Self.size(maxScanBytes)) of \(text) (\(range == nil ? size : bytes.count) bytes); raise guard.max-scan-bytes to scan more"
        }
        return subject
    }

    /// The line range a read tool asks for: Claude's 1-based `offset` and `limit`, Gemini's
    /// 0-based `offset`, VS Code's `startLine`/`endLine`.
    func readRange(_ input: [String: Any]) -> LineRange? {
        func int(_ key: String) -> Int? {
            if let value = input[key] as? Int { return value }
            if let value = input[key] as? String { return Int(value) }
            return nil
        }
        if let start = int("startLine") ?? int("start_line") {
            let end = int("endLine") ?? int("end_line")
            return LineRange(first: max(1, start), count: end.map { max(0, $0 - max(1, start) + 1) })
        }
        let offset = int("offset")
        let limit = int("limit")
        guard offset != nil || limit != nil else { return nil }
        let first = agent == .gemini ? (offset ?? 0) + 1 : max(1, offset ?? 1)
        return LineRange(first: first, count: limit)
    }

    /// `file_path`, `filePath`, `path`, `absolute_path` … of a tool input.
    static func filePath(_ object: [String: Any]) -> String? {
        for key in ["file_path", "filePath", "absolute_path", "path", "target_file", "notebook_path", "file"] {
            if let value = object[key] as? String, !value.isEmpty { return value }
        }
        return nil
    }

    /// A command given as text or as an argument vector.
    static func commandText(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let words = value as? [String] { return words.joined(separator: " ") }
        return nil
    }

    /// Every string in `value` (depth first, object keys in sorted order), except under `skipping` keys.
    static func strings(in value: Any, into out: inout [String], skipping: Set<String>) {
        if let text = value as? String {
            out.append(text)
        } else if let object = value as? [String: Any] {
            for key in object.keys.sorted() where !skipping.contains(key) {
                strings(in: object[key]!, into: &out, skipping: skipping)
            }
        } else if let array = value as? [Any] {
            for item in array { strings(in: item, into: &out, skipping: skipping) }
        } else if let number = value as? NSNumber, !(value is Bool) {
            out.append(number.stringValue)
        }
    }

    /// The files a prompt mentions as `@path` or `@"path with spaces"` (Claude Code, Codex and
    /// Gemini expand them without a read event).
    static func mentionedFiles(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let at = rest.firstIndex(of: "@") {
            let before = at == rest.startIndex ? nil : rest[rest.index(before: at)]
            rest = rest[rest.index(after: at)...]
            guard before == nil || before!.isWhitespace || before == "(" else { continue }
            var path: Substring
            if rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") {
                path = rest[rest.index(after: rest.startIndex)..<close]
            } else {
                path = rest.prefix { !$0.isWhitespace && $0 != "," && $0 != ")" }
                while let last = path.last, ".;:!?'`".contains(last) { path = path.dropLast() }
            }
            if path.hasPrefix("file:") { path = path.dropFirst(5) }
            if !path.isEmpty { out.append(String(path)) }
        }
        return out
    }

    /// The files a simple `cat`/`head`/`tail`/`less`/`Get-Content` command prints.
    static func filesPrinted(by command: String) -> [String] {
        var files: [String] = []
        for part in command.split(whereSeparator: { "|;&\n".contains($0) }) {
            let words = part.split(separator: " ").map(String.init)
            guard let first = words.first, ["cat", "head", "tail", "less", "more", "bat", "get-content", "gc", "type", "nl"].contains(first.lowercased()) else {
                continue
            }
            for word in words.dropFirst() {
                if word.hasPrefix("-") || word.hasPrefix(">") || word.hasPrefix("<") || Int(word) != nil { continue }
                files.append(word.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
            }
        }
        return files
    }

    /// `1.5 MiB`, `812 KiB`, `120 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// A range of lines, 1-based: `count` nil means to the end.
public struct LineRange: Sendable, Equatable {
    public let first: Int
    public let count: Int?

    /// The bytes of these lines of `bytes`, and the line they begin at.
    func select(from bytes: [UInt8]) -> ([UInt8], Int) {
        var line = 1
        var start = bytes.count
        if first <= 1 { start = 0 }
        var index = 0
        while index < bytes.count, start == bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                if line == first { start = index + 1 }
            }
            index += 1
        }
        guard start < bytes.count else { return ([], first) }
        guard let count else { return (Array(bytes[start...]), first) }
        var end = start
        var seen = 0
        while end < bytes.count, seen < count {
            if bytes[end] == UInt8(ascii: "\n") { seen += 1 }
            end += 1
        }
        return (Array(bytes[start..<end]), first)
    }
}
