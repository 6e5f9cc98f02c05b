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
    /// keywords such as `key` or `token`), or those lines and the line after each (`line-and-next`:
    /// a label at the end of one line and its value at the start of the next).
    /// A pii/phi rule of either line scope that requires context in a file's class runs only on
    /// the lines where its context can be: a line holding a context word, and the line after it.
    /// A rule with a one-byte keyword (`@`, `.`) is not narrowed to its keyword lines.
    public enum Scope: String, Sendable, Equatable {
        case file
        case line
        case lineAndNext = "line-and-next"

        /// Whether the pattern runs on selected lines rather than on the whole file.
        public var isLines: Bool { self != .file }
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
    /// When above 0, `requires` must match within this many lines of the match (before or after
    /// it), not anywhere in the file: a long API reference that names a consumer host once does
    /// not make every session field in it a consumer app's.
    public var requiresLines: Int = 0
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

    // MARK: Privacy (pii/phi) rules: confidence model, context and known test values
    // (docs/detection.md, "Confidence model").

    /// Base confidence of a match (0…1). Set for pii/phi rules; nil means a secret rule (always 1).
    public var confidence: Double? = nil
    /// Context words and phrases (case-insensitive) looked for around a match: 64 bytes before and
    /// 32 after, on the same or the previous line; also matched as JSON/YAML keys in camelCase,
    /// snake_case and kebab-case spellings.
    public var context: [String] = []
    /// Structured keys (`"ssn"`, `birthDate`, `member_id`) that count as context when the value sits under them.
    public var contextKeys: [String] = []
    /// File classes in which a match is reported only with context (every class when `requires_context: true`).
    public var requiresContext: Set<FileClass> = []
    /// Words that, within 16 bytes before a match, drop it (`version 1.2.3.4`).
    public var negativeContext: [String] = []
    /// The rule is built in: its patterns compiled and its examples ran when the binary was built
    /// (`generate-rules`, `rules test`), so a run compiles them on first use instead of at start.
    public var compiledAtBuild = false
    /// Words that mark a match as an organisation's rather than a person's (a company's premises, a
    /// published contact mailbox) when they occur on the match's line or within `organisationLines`
    /// lines of it, and no word tying it to a person (`PrivacyPolicy.personWords`) is that close:
    /// the match is reported low.
    public var organisationContext: [String] = []
    /// Lines before and after the match searched for `organisationContext` and person words (0: its own line only).
    public var organisationLines: Int = 8
    /// Words that mark a match as published metadata (a package's author or maintainer, a
    /// copyright or sign-off line) when they occur on its line or up to `publicLines` lines before
    /// it: the match is reported low, whoever's mailbox it is.
    public var publicContext: [String] = []
    /// Lines before the match searched for `publicContext` (a folded YAML string spreads one
    /// `author_email` value over several lines).
    public var publicLines: Int = 0
    /// Whether the header of the HTML table column a match sits in counts as context
    /// (`ContextMatcher.htmlColumnHeaderHit`): a DataFrame a notebook printed as HTML.
    public var tableHeaderContext = false
    /// The severity of a match with none of `context` near it, when set: prose that names a date
    /// of birth or an age ("was born on 2 February 1989") is a biography's far more often than a
    /// patient's, unless a word about a patient or customer is close.
    public var severityWithoutContext: Severity? = nil
    /// Regexes over the normalised value (separators removed, upper case) of well-known public test
    /// values: reported as suppressed notes that never fail a run.
    public var knownTest: [String] = []
    /// Where the known test values come from (the suppression's justification).
    public var knownTestSource: String? = nil
    /// Cheap prefilter: the rule runs only on files holding a run of at least this many digits
    /// (single spaces, dashes, dots, slashes and parentheses between digits allowed).
    public var minDigitRun: Int? = nil
    /// What kind of identifier the rule finds, for the PHI record rule (default: the rule id).
    public var recordKind: String? = nil
    /// File classes in which the rule runs only as part of a person's record: a match there is
    /// reported only when matches of at least `PrivacyPolicy.personRecordKinds` distinct record kinds
    /// (its own included) lie within `PrivacyPolicy.personRecordLines` lines of it (a customer
    /// fixture in a test's source: name, e-mail and phone together), and dropped otherwise.
    public var recordOnlyIn: Set<FileClass> = []
    /// The PHI record rule: reported once per prompt/fixture/notebook holding two or more distinct
    /// identifier kinds within 20 lines (computed from the other pii/phi findings, not from `pattern`).
    public var record: Bool = false

    /// Published example values for this rule from `known_examples` entries (attached when rule
    /// files are loaded, see `KnownExample.attach`); a match that is one of them is a suppressed note.
    public var knownExamples: [KnownExample] = []
    /// Generic rules: a regex over the key (the matched text before the value) that names a
    /// credential without doubt (`access_token`, `client_secret`). Outside env files and agent
    /// configs a generic match is reported at medium at most unless its key matches this.
    public var strongKey: String? = nil
    /// Query parameters of a signed URL that give its expiry as an ISO 8601 time (`se`, `ske` of an
    /// Azure SAS). A match whose URL expired before the scan is reported low: it no longer grants
    /// access (recorded test traffic is full of them).
    public var expiryParameters: [String] = []

    /// A pii/phi rule scored with the confidence model.
    public var isPrivacy: Bool { category == .pii || category == .phi }

    /// Whether the rule finds passwords (its id says so: `generic-password-assignment`,
    /// `postgres-uri-password`): a person may choose words and numbers for one.
    public var namesPassword: Bool { id.contains("password") }

    /// Whether the rule finds the password of a connection URL or string (`postgres-uri-password`,
    /// `jdbc-connection-string-password`).
    public var namesConnectionPassword: Bool { namesPassword && (id.contains("uri") || id.contains("connection")) }
}
