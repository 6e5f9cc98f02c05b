/// One confirmed finding: where it is, which rule found it, and a redacted view of the value.
/// The matched value itself is held only when the run was asked to show secrets.
public struct Finding: Sendable, Hashable {
    public let ruleID: String
    public let ruleName: String
    public let category: Category
    public let severity: Severity
    /// Path relative to the scan root, '/'-separated (the path as given for single files).
    public let path: String
    /// 1-based line and column (columns count Unicode code points) of the value's first character.
    public let line: Int
    public let column: Int
    /// 1-based line and column just past the value's last character.
    public let endLine: Int
    public let endColumn: Int
    /// Byte offsets of the value in the file.
    public let byteRange: Range<Int>
    public let fileClass: FileClass
    public let message: String
    /// The redacted shape of the value, e.g. `sk-ant-api03-…AA (108 chars)`.
    public let preview: String
    /// A keyed hash of rule id and value: stable across runs, lines and machines.
    public let fingerprint: String
    /// The name of the validator that confirmed the value, if any.
    public let validator: String?
    /// The raw value; nil unless `--show-secrets` was given.
    public let revealed: String?
    /// Set for well-known test values: reported as a suppressed note that never fails a run.
    public var suppression: Suppression? = nil
    /// The confidence of a pii/phi finding (DETECTION.md §0.3); nil for secrets.
    public var confidence: Double? = nil
    /// Whether a context word or key was found around a pii/phi finding.
    public var contextHit: Bool? = nil

    /// The order findings are reported in: path (bytewise), line, column, rule id.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        return a.ruleID < b.ruleID
    }
}
