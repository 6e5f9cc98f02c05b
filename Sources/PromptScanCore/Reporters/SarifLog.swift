/// The subset of SARIF 2.1.0 promptscan writes, as Codable types.
public struct SarifLog: Codable, Sendable {
    public var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public var version = "2.1.0"
    public var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    public struct Run: Codable, Sendable {
        public var tool: Tool
        public var invocations: [Invocation]
        public var results: [Result]
        public var columnKind = Run.defaultColumnKind
        static let defaultColumnKind = "unicodeCodePoints"
        public var originalUriBaseIds: [String: ArtifactLocation]?
        public var automationDetails: AutomationDetails?
        /// Only in the report of one part of a split run (`--shard K/N`).
        public var properties: RunProperties? = nil
    }

    public struct RunProperties: Codable, Sendable {
        public var shard: ShardInfo
    }

    public struct AutomationDetails: Codable, Sendable {
        public var id: String
    }

    public struct Tool: Codable, Sendable {
        public var driver: ToolComponent
    }

    public struct ToolComponent: Codable, Sendable {
        public var name: String
        public var version: String
        public var semanticVersion: String
        public var informationUri: String
        public var rules: [ReportingDescriptor]
    }

    public struct Message: Codable, Sendable {
        public var text: String
        public var markdown: String?
    }

    public struct ReportingDescriptor: Codable, Sendable {
        public var id: String
        public var name: String
        public var shortDescription: Message
        public var fullDescription: Message
        public var help: Message
        public var helpUri: String?
        public var defaultConfiguration: Configuration
        public var properties: RuleProperties
    }

    public struct Configuration: Codable, Sendable {
        public var level: String
    }

    public struct RuleProperties: Codable, Sendable {
        public var tags: [String]
        public var securitySeverity: String
        public var precision: String
        public var category: String
        public var severity: String

        enum CodingKeys: String, CodingKey {
            case tags
            case securitySeverity = "security-severity"
            case precision, category, severity
        }
    }

    public struct Result: Codable, Sendable {
        public var ruleId: String
        public var ruleIndex: Int
        public var level: String
        public var message: Message
        public var locations: [Location]
        public var partialFingerprints: [String: String]
        public var properties: ResultProperties
        /// `[{kind: inSource}]` for a finding allowed by a `promptscan:allow` comment; `kind: external`
        /// with a justification for known test values (docs/detection.md, "Known test values").
        public var suppressions: [Suppression]? = nil
        /// `unchanged` (in the baseline) or `new`, when the run used a baseline.
        public var baselineState: String? = nil
    }

    public struct Suppression: Codable, Sendable {
        public var kind: String
        public var justification: String?
    }

    public struct ResultProperties: Codable, Sendable {
        public var category: String
        public var severity: String
        public var fileClass: String
        public var redacted: String
        public var validator: String?
        public var secret: String?
        public var decodedFrom: String? = nil
        /// The commit that added the line (history scans).
        public var commit: String? = nil
        public var confidence: Double? = nil
        public var contextHit: Bool? = nil
        public var knownTestValue: Bool? = nil
        /// `path` when the value is in the file's name (the region is then the file's first character).
        public var location: String? = nil
    }

    public struct Location: Codable, Sendable {
        public var physicalLocation: PhysicalLocation
    }

    public struct PhysicalLocation: Codable, Sendable {
        public var artifactLocation: ArtifactLocation
        public var region: Region?
    }

    public struct ArtifactLocation: Codable, Sendable {
        public var uri: String
        public var uriBaseId: String?
    }

    public struct Region: Codable, Sendable {
        public var startLine: Int
        public var startColumn: Int
        public var endLine: Int
        public var endColumn: Int
    }

    public struct Invocation: Codable, Sendable {
        public var executionSuccessful: Bool
        public var commandLine: String?
        public var startTimeUtc: String?
        public var endTimeUtc: String?
        public var toolExecutionNotifications: [Notification]
    }

    public struct Notification: Codable, Sendable {
        public var level: String
        public var message: Message
        public var locations: [Location]
        public var descriptor: ReportingDescriptorReference?
        public var associatedRule: ReportingDescriptorReference?
    }

    public struct ReportingDescriptorReference: Codable, Sendable {
        public var id: String
    }
}
