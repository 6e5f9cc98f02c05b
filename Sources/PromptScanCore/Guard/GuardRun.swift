import Foundation

/// One `promptscan guard` call, from the payload bytes to the reply: parse and detect, read the
/// settings, collect what the event exposes, scan it, apply the policy, answer in the agent's
/// contract. Every failure on the way becomes an explicit fail-open or fail-closed reply.
public struct GuardRun: Sendable {
    /// `--agent`: the agent, when detection from the payload is not wanted.
    public var agent: GuardAgent?
    /// `--event`: the event name, when the payload does not carry one.
    public var event: String?
    /// `--config`: the settings file (default: `.promptscan.yml` in the payload's working
    /// directory or the nearest folder above it, up to the repository root).
    public var configPath: String?
    /// `--fail-closed` (the config's `guard.fail-closed` also sets it).
    public var failClosed = false
    /// Keep the loaded rules until the process exits instead of freeing them when the reply is
    /// made (the CLI, which exits right after: freeing a few hundred compiled rules costs about a
    /// millisecond of every hook call).
    public var keepsRulesUntilExit = false

    /// The setups kept by `keepsRulesUntilExit` (only ever appended to, by one call per process).
    nonisolated(unsafe) static var kept: [RunSetup] = []

    public init() {}

    /// The reply to `bytes`, a payload read from standard input (nil: it was over the size limit).
    public func reply(to bytes: [UInt8]?) -> GuardReply {
        guard let bytes else {
            return GuardReply.failure(
                "the hook payload is over \(HookPayload.maximumBytes >> 20) MiB", agent: agent, event: nil, eventName: event ?? "", camelCase: false,
                failClosed: failClosed)
        }
        let payload: HookPayload
        do {
            payload = try HookPayload(bytes: bytes, agent: agent, event: event)
        } catch {
            return GuardReply.failure(error.reason, agent: agent, event: nil, eventName: event ?? "", camelCase: false, failClosed: failClosed)
        }
        func failure(_ reason: String, failClosed: Bool) -> GuardReply {
            GuardReply.failure(
                reason, agent: payload.agent, event: payload.event, eventName: payload.eventName, camelCase: payload.camelCase, failClosed: failClosed)
        }
        guard let event = payload.event else { return GuardReply() }  // an event guard does not check
        let setup: RunSetup
        do {
            setup = try RunSetup(
                root: nil, configPath: configPath ?? Self.findConfig(from: payload.workingDirectory), extraRules: [], failOn: nil, maxFileSize: nil,
                baselinePath: nil, loadBaseline: false)
        } catch {
            return failure(error.description.replacingOccurrences(of: "error: ", with: ""), failClosed: failClosed)
        }
        if keepsRulesUntilExit { Self.kept.append(setup) }
        let settings = setup.config.guardSettings
        let closed = failClosed || settings.failClosed
        let subjects = payload.subjects(maxScanBytes: settings.maxScanBytes)
        let verdict: GuardVerdict
        do {
            verdict = try GuardVerdict.check(subjects, setup: setup, settings: settings)
        } catch {
            return failure(error.description.replacingOccurrences(of: "error: ", with: ""), failClosed: closed)
        }
        var notes = verdict.notes
        if let notice = setup.termsNotice { notes.append(notice.message) }
        let kind = GuardMessage.kind(for: verdict, notes: notes, payload: payload, event: event)
        return GuardReply.render(kind, agent: payload.agent, event: event, eventName: payload.eventName, camelCase: payload.camelCase)
    }

    /// `.promptscan.yml` in `directory` (else `CLAUDE_PROJECT_DIR`, else the folder the agent
    /// started the hook in: Windsurf's prompt payload names none) or the nearest folder above it
    /// that has one, stopping at the repository root (a folder with `.git`).
    static func findConfig(from directory: String?) -> String? {
        let start = directory ?? ProcessInfo.processInfo.environment["CLAUDE_PROJECT_DIR"] ?? FileManager.default.currentDirectoryPath
        guard var folder = Optional(start), folder.hasPrefix("/") else { return nil }
        let manager = FileManager.default
        while true {
            let candidate = (folder as NSString).appendingPathComponent(ScanConfig.fileName)
            if manager.fileExists(atPath: candidate) { return candidate }
            if manager.fileExists(atPath: (folder as NSString).appendingPathComponent(".git")) || folder == "/" { return nil }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}

/// The texts guard shows: rule, place and redacted preview for each hit, what to do next.
enum GuardMessage {
    /// At most this many hits are named in one message.
    static let shownHits = 5

    static func kind(for verdict: GuardVerdict, notes: [String], payload: HookPayload, event: GuardEvent) -> GuardReply.Kind {
        let agent = payload.agent
        if !verdict.blocking.isEmpty {
            let hits = list(verdict.blocking)
            switch event {
            case .prompt:
                return .block(
                    "promptscan blocked this prompt: \(hits). Remove or redact the value (promptscan redact) and send it again. "
                        + "The prompt was not sent to the model, but \(agent.displayName) may still have written it to its local transcript"
                        + "\(transcript(agent)); delete it there if the value is real." + falsePositive)
            case .preTool:
                return .block(
                    "promptscan blocked this \(payload.toolName ?? payload.eventName) call: \(hits). It was not run, so nothing was sent to the model. "
                        + "Do not retry with the same value; leave it out or use a placeholder." + falsePositive)
            case .postTool:
                if agent == .gemini {
                    return .block(
                        "promptscan withheld the output of \(payload.toolName ?? "the tool") from the model: \(hits). "
                            + "Treat the value as exposed on this machine (it may be in the local transcript) and rotate it if it is real.")
                }
                return .block(
                    "promptscan found in the output of \(payload.toolName ?? "the tool"): \(hits). The output has already reached "
                        + "\(agent.displayName)'s context and its local transcript\(transcript(agent)): treat the value as exposed, rotate or remove it, "
                        + "and do not repeat it.")
            }
        }
        guard !verdict.warnings.isEmpty || !notes.isEmpty else { return .allow }
        var parts: [String] = []
        if !verdict.warnings.isEmpty { parts.append("promptscan warning (not blocked by policy): " + list(verdict.warnings) + ".") }
        parts += notes.map { "promptscan: " + $0 + "." }
        return .warn(parts.joined(separator: " "))
    }

    static let falsePositive = " A false positive: add promptscan:allow on its line, or change guard: in .promptscan.yml."

    static func list(_ hits: [GuardHit]) -> String {
        var text = hits.prefix(shownHits).map(\.description).joined(separator: "; ")
        if hits.count > shownHits { text += "; and \(hits.count - shownHits) more" }
        return text
    }

    /// Where the agent keeps its transcripts.
    static func transcript(_ agent: GuardAgent) -> String {
        switch agent {
        case .claude: " (~/.claude/projects)"
        case .codex: " (~/.codex/sessions)"
        case .copilot: " (~/.copilot/session-state)"
        case .cursor: " (its state.vscdb)"
        case .gemini: " (~/.gemini/tmp)"
        case .vscode, .windsurf: ""
        }
    }
}
