/// One confirmed finding: where it is, which rule found it, and a redacted view of the value.
/// The matched value itself is held only when the run was asked to show secrets.
public struct Finding: Sendable, Hashable {
    public let ruleID: String
    public let ruleName: String
    public let category: Category
    public internal(set) var severity: Severity
    /// Path relative to the scan root, '/'-separated (the path as given for single files).
    public internal(set) var path: String
    /// 1-based line and column (columns count Unicode code points) of the value's first character.
    public internal(set) var line: Int
    public internal(set) var column: Int
    /// 1-based line and column just past the value's last character.
    public internal(set) var endLine: Int
    public internal(set) var endColumn: Int
    /// Byte offsets of the value in the file.
    public internal(set) var byteRange: Range<Int>
    public let fileClass: FileClass
    public internal(set) var message: String
    /// The redacted shape of the value, e.g. `sk-ant-api03-…AA (108 chars)`.
    public let preview: String
    /// A keyed hash of rule id and value, or, for values with a small search space, of rule id,
    /// the text around the value and an ordinal (`Fingerprinter`): stable across runs, line moves
    /// and machines, and never invertible to the value.
    public internal(set) var fingerprint: String
    /// For a finding fingerprinted without its value: the hash of the text around it, from which
    /// `Fingerprinter.assignAnchored` computes the fingerprint once the file's findings are known.
    public internal(set) var fingerprintAnchor: UInt64? = nil
    /// The name of the validator that confirmed the value, if any.
    public let validator: String?
    /// The raw value; nil unless `--show-secrets` was given.
    public let revealed: String?
    /// Set when the value was found in decoded content (`gzip`, `har-base64`, `json-string`, …);
    /// the location is then the place in the original file that holds the encoded text.
    public var decodedFrom: String? = nil
    /// True when a `promptscan:allow` comment on the line (or `promptscan:allow-next-line` above it)
    /// covers the finding: still reported (SARIF `suppressions`), never failing a run.
    public var allowedInline = false
    /// True when the run's baseline lists the finding: still reported (SARIF `baselineState`), never failing.
    public var baselined = false
    /// The commit that added the line, for scans of git history (nil otherwise).
    public var commit: String? = nil
    /// The value is in the file's path, not its content (line and column 0; see `PathSecrets`).
    public internal(set) var inPath = false

    /// Whether the finding counts against `--fail-on`: not allowed inline, not in the baseline.
    public var isActive: Bool { !allowedInline && !baselined }
    /// Whether the finding is reported as a finding: active and not a known example's note (what
    /// `--fail-on` weighs and what the CI formats list).
    public var isReported: Bool { isActive && suppression == nil }
    /// Set for well-known test values: reported as a suppressed note that never fails a run.
    public var suppression: Suppression? = nil
    /// The confidence of a pii/phi finding (docs/detection.md, "Confidence model"); nil for secrets.
    public var confidence: Double? = nil
    /// Whether a context word or key was found around a pii/phi finding.
    public var contextHit: Bool? = nil
    /// For pii and phi: a preview that keeps just enough to judge the value (`PrivacyHint`), shown
    /// in text output only; JSON and SARIF keep `preview`.
    public var hint: String? = nil

    /// The message of a well-known test value's note.
    static func knownExampleMessage(_ ruleName: String) -> String { "\(ruleName) found (well-known test value)" }

    /// Turns the finding into a known example's note: low, suppressed with `source`.
    mutating func becomeKnownExample(_ source: String) {
        severity = .low
        suppression = .knownTestValue(source)
        message = Finding.knownExampleMessage(ruleName)
    }

    /// The order findings are reported in: path (bytewise), line, column, rule id.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        return a.ruleID < b.ruleID
    }
}
