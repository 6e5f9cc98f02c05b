import Yams

/// Where an agent is about to expose text to a model, as `promptscan guard` sees it. The policy
/// (`GuardSettings`) names places, per category of finding, where a finding blocks.
public enum GuardPlace: String, Sendable, CaseIterable, Comparable {
    /// The prompt the user submits (and the files it mentions or attaches).
    case prompt
    /// A file the agent is about to read.
    case read
    /// A shell command about to run.
    case command
    /// The arguments of an MCP tool call.
    case mcp
    /// A URL about to be fetched (and the fetch tool's other arguments).
    case fetch
    /// Content about to be written or edited into a file.
    case write
    /// The arguments of any other tool (search patterns, sub-agent prompts…).
    case tool
    /// What a tool returned, after it ran.
    case output

    public static func < (lhs: GuardPlace, rhs: GuardPlace) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The `guard:` settings of `.promptscan.yml`: what blocks, what warns, how much is scanned.
///
/// ```yaml
/// guard:
///   secrets: high              # secrets at or above this severity block (off: never)
///   block:                     # per category, the places where its findings block (all, none, or a list)
///     secret: all
///     phi: [prompt, read]
///     client-id: [prompt, read]
///     pii: none
///     consumer-endpoint: [fetch, command]
///   warn: medium               # findings at or above this that do not block are a warning (off: none)
///   max-scan-bytes: 1M         # a file read or tool output is scanned up to this; the rest is named unscanned
///   fail-closed: false         # true: block when promptscan cannot check (same as --fail-closed)
/// ```
public struct GuardSettings: Sendable, Equatable {
    /// Secrets at or above this block (in the places `block.secret` names); nil: secrets never block.
    public var secrets: Severity? = .high
    /// Per category, the places where its findings block. PHI, PII and client identifiers block
    /// at medium and up; consumer endpoints at any severity.
    public var block: [Category: Set<GuardPlace>] = GuardSettings.defaultBlock
    /// Findings at or above this that do not block are reported as a warning; nil: none are.
    public var warn: Severity? = .medium
    /// The most of one file read or tool output that is scanned.
    public var maxScanBytes = 1 << 20
    public var failClosed = false

    public static let defaultBlock: [Category: Set<GuardPlace>] = [
        .secret: Set(GuardPlace.allCases),
        .phi: [.prompt, .read],
        .clientID: [.prompt, .read],
        .pii: [],
        .consumerEndpoint: [.fetch, .command],
    ]

    public static let knownKeys = ["secrets", "block", "warn", "max-scan-bytes", "fail-closed"]

    public init() {}

    /// Parses the value of the `guard:` key; errors name `path` and the line.
    static func parse(_ node: Node, path: String) throws(PromptScanError) -> GuardSettings {
        func bad(_ node: Node, _ message: String) -> PromptScanError {
            .configuration(path: path, line: ScanConfig.line(node), message: message)
        }
        func level(_ node: Node, _ key: String) throws(PromptScanError) -> Severity? {
            guard let text = node.string else { throw bad(node, "'guard.\(key)' must be a severity (low, medium, high, critical) or off") }
            if text == "off" || text == "false" { return nil }
            guard let value = Severity(rawValue: text) else {
                throw bad(node, "'guard.\(key)' must be a severity (low, medium, high, critical) or off")
            }
            return value
        }
        var settings = GuardSettings()
        guard let mapping = node.mapping else {
            throw bad(node, "'guard' must be a mapping (\(knownKeys.joined(separator: ", ")))")
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, knownKeys.contains(key) else {
                throw bad(keyNode, "unknown key in 'guard'" + OneLine.unknownKeyHint(keyNode.string, known: knownKeys))
            }
            switch key {
            case "secrets":
                settings.secrets = try level(value, key)
            case "warn":
                settings.warn = try level(value, key)
            case "max-scan-bytes":
                guard let text = value.string, let size = ScanConfig.parseSize(text), size > 0 else {
                    throw bad(value, "'guard.max-scan-bytes' must be a number of bytes, optionally with K, M or G")
                }
                settings.maxScanBytes = size
            case "fail-closed":
                guard let text = value.string, let flag = ["true": true, "false": false][text] else {
                    throw bad(value, "'guard.fail-closed' must be true or false")
                }
                settings.failClosed = flag
            case "block":
                guard let entries = value.mapping else {
                    throw bad(value, "'guard.block' must be a mapping of category to places")
                }
                let categories = Category.allCases.map(\.rawValue)
                let places = GuardPlace.allCases.map(\.rawValue)
                for (categoryNode, placesNode) in entries {
                    guard let name = categoryNode.string, let category = Category(rawValue: name) else {
                        throw bad(categoryNode, "'guard.block' keys must be categories (\(categories.joined(separator: ", ")))")
                    }
                    var chosen = Set<GuardPlace>()
                    if let text = placesNode.scalar?.string, placesNode.sequence == nil {
                        switch text {
                        case "all": chosen = Set(GuardPlace.allCases)
                        case "none", "": chosen = []
                        default:
                            guard let place = GuardPlace(rawValue: text) else {
                                throw bad(placesNode, "'guard.block' places must be all, none or a list of \(places.joined(separator: ", "))")
                            }
                            chosen = [place]
                        }
                    } else if let sequence = placesNode.sequence {
                        for item in sequence {
                            guard let text = item.string, let place = GuardPlace(rawValue: text) else {
                                throw bad(item, "'guard.block' places must be all, none or a list of \(places.joined(separator: ", "))")
                            }
                            chosen.insert(place)
                        }
                    } else {
                        throw bad(placesNode, "'guard.block' places must be all, none or a list of \(places.joined(separator: ", "))")
                    }
                    settings.block[category] = chosen
                }
            default:
                break
            }
        }
        return settings
    }
}
