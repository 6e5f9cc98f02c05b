/// Something the run wants the user to know that is not a finding: a file that was not scanned,
/// or a rule that gave up on a file. Reported in the summary and in SARIF notifications.
public struct Notice: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A file that was not scanned because of what it is (binary, too large, not a regular file).
        case skipped
        /// A file or directory that could not be read: an error (exit 2 unless allowed).
        case unreadable
        /// A rule stopped early on a file (PCRE2 match limit): the rest of the file was still scanned by other rules.
        case ruleLimit = "rule-limit"
        /// A file had more findings than `--max-findings-per-rule` or `--max-findings-per-file`: the first are reported.
        case findingLimit = "finding-limit"
        /// Decoding of a recording or notebook gave up part of the way (not valid JSON, nested too
        /// deep, over the decoding budget): the file was still scanned as text, but some of what it
        /// encodes was not decoded.
        case partiallyDecoded = "partially-decoded"
        /// How the run's policy was decided: settings not taken from the work tree, or a
        /// suppression an untrusted run does not honour.
        case policy
    }

    public let kind: Kind
    public let path: String
    public let message: String
    public let ruleID: String?

    public init(kind: Kind, path: String, message: String, ruleID: String? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.ruleID = ruleID
    }

    /// One line for people: `path: skipped: binary file (NUL byte in the first 8 KiB)`.
    public var line: String {
        "\(path): \(kind.rawValue): \(ruleID.map { "rule '\($0)': " } ?? "")\(message)"
    }

    public static func order(_ a: Notice, _ b: Notice) -> Bool {
        if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        if (a.ruleID ?? "") != (b.ruleID ?? "") { return (a.ruleID ?? "") < (b.ruleID ?? "") }
        // (Then the message, so that two notices about one file have one order whatever made them
        // first: a merge of split parts orders them the same way.)
        return a.message < b.message
    }
}
