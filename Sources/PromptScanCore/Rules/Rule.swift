/// A detection rule as written in a `Patterns/*.yml` file: data only, no compiled state.
public struct Rule: Sendable, Equatable {
    /// Where a rule or an example was written, so a failure can point at itself.
    public struct Origin: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public var description: String { "\(file):\(line)" }
    }

    /// An example text; `expectedSecret` is the part marked with ⟦ ⟧, when marked.
    public struct Example: Sendable, Equatable {
        public let text: String
        public let expectedSecret: String?
        public let origin: Origin

        /// An example whose markers are already split out (the generated default rules).
        init(text: String, expectedSecret: String?, origin: Origin) {
            self.text = text
            self.expectedSecret = expectedSecret
            self.origin = origin
        }

        /// Splits the ⟦ ⟧ markers out of `raw`.
        public init(raw: String, origin: Origin) {
            self.origin = origin
            // Standard-library searches: Foundation's range(of:) was a large part of start-up.
            if let open = raw.firstIndex(of: "⟦"), let close = raw[raw.index(after: open)...].firstIndex(of: "⟧") {
                expectedSecret = String(raw[raw.index(after: open)..<close])
                text = raw.filter { $0 != "⟦" && $0 != "⟧" }
            } else {
                expectedSecret = nil
                text = raw
            }
        }
    }

    /// Where a rule's pattern runs: the whole file, or only the lines holding one of its keywords
    /// (every match of a `line` rule lies on one line that holds a keyword; much faster for common
    /// keywords such as `key` or `token`).
    public enum Scope: String, Sendable, Equatable {
        case file
        case line
    }

    public var id: String
    public var name: String
    public var category: Category
    public var severity: Severity
    public var description: String
    public var remediation: String
    public var keywords: [String]
    public var pattern: String
    /// Minimum Shannon entropy (bits per character) of the secret, when set.
    public var entropy: Double?
    /// Name of a confirming check in `Validators`, when set.
    public var validator: String?
    /// A keyword = value style rule: stricter placeholder filter, loses to specific rules on a shared span.
    public var generic: Bool
    /// Regexes; a secret that one of them matches entirely is not reported.
    public var allow: [String]
    public var references: [String]
    /// The finding message, when set (e.g. naming the API alternative); otherwise "<name> found".
    public var message: String? = nil
    /// A regex that must match somewhere in the same file for the rule to report (e.g. a vendor host
    /// beside a generic cookie name).
    public var requires: String? = nil
    /// Severity by file class, overriding `severity` (e.g. `doc: low` for a link in prose).
    public var classSeverity: [FileClass: Severity] = [:]
    /// When set, the rule only runs on files of these classes.
    public var classes: Set<FileClass>? = nil
    /// When non-empty, the rule only runs on files whose name (or path, for globs with a '/') matches
    /// one of these case-insensitive globs (e.g. `requirements*.txt`).
    public var files: [String] = []
    public var examples: [Example]
    public var negativeExamples: [Example]
    public var scope: Scope = .file
    public var origin: Origin
}
