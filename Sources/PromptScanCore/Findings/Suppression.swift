/// Why a finding is reported but does not count: a well-known public test value (docs/detection.md,
/// "Known test values").
/// SARIF writes it as `suppressions: [{kind, justification}]`.
public struct Suppression: Sendable, Hashable, Codable {
    /// SARIF suppression kind: `external` (decided by promptscan's lists, not by the file).
    public let kind: String
    public let justification: String

    public init(kind: String = "external", justification: String) {
        self.kind = kind
        self.justification = justification
    }

    /// A well-known public test value from `source`.
    public static func knownTestValue(_ source: String) -> Suppression {
        Suppression(justification: "well-known public test value: \(source)")
    }
}
