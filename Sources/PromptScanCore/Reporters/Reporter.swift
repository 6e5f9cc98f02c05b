/// What every reporter gets besides the findings: the rules of the run and how to present paths.
public struct ReportContext: Sendable {
    /// Every rule loaded for the run (SARIF lists them all, found or not).
    public var rules: [Rule]
    public var toolVersion: String
    /// Prefix shown before finding paths in text output (the scan root as the user typed it), or "".
    public var displayRoot: String
    /// Findings at or above this severity fail the run.
    public var failOn: Severity
    /// ANSI colour in text output (only on a terminal).
    public var color: Bool
    public var showSecrets: Bool
    /// Text output lists suppressed findings (known test values) too.
    public var showSuppressed = false
    /// Text output lists low findings below the threshold one by one (`--show-low`), instead of
    /// one line counting them by rule.
    public var showLow = false
    /// Text output names every skipped file (`--show-skipped`), instead of a count per reason.
    public var showAllSkipped = false
    /// Text output repeats long messages in full (`--verbose`), instead of once per rule.
    public var fullMessages = false
    /// Text output lists only the findings that fail the run and the files that could not be read:
    /// no low line, no skipped files, no summary (`--quiet`).
    public var quiet = false
    /// Start and end of the run (ISO 8601, UTC); nil in golden tests.
    public var startTime: String?
    public var endTime: String?
    /// The command line, for SARIF invocations.
    public var commandLine: String?
    /// A baseline was given: every finding gets a baseline state (`unchanged` or `new`).
    public var usedBaseline = false
    /// Where SARIF locations are anchored: the repository root, and the scanned folder below it.
    public var sarifBase = SarifBase()
    /// The SARIF analysis category (`automationDetails.id`, written ending in '/'): one per kind of
    /// upload, so that a diff upload and a full upload do not replace each other.
    public var sarifCategory = "promptscan"
    /// The commit scanned (HEAD of the repository), for reports that name one per finding (GitLab's
    /// secret detection report); a history finding names its own commit.
    public var revision: String?

    public init(
        rules: [Rule], toolVersion: String = PromptScanVersion.current, displayRoot: String = "", failOn: Severity = .medium,
        color: Bool = false, showSecrets: Bool = false, startTime: String? = nil, endTime: String? = nil, commandLine: String? = nil
    ) {
        self.rules = rules
        self.toolVersion = toolVersion
        self.displayRoot = displayRoot
        self.failOn = failOn
        self.color = color
        self.showSecrets = showSecrets
        self.startTime = startTime
        self.endTime = endTime
        self.commandLine = commandLine
    }

    /// The path to show a person for a root-relative path.
    func display(_ path: String) -> String { Self.join(displayRoot, path) }

    /// `path` shown from `root` as the user typed it: nothing before it for "" and ".", else the
    /// root and a '/' (one, whether or not the root ends with one).
    public static func join(_ root: String, _ path: String) -> String { displayPrefix(root) + path }

    /// What `join` puts before a path: "" for "" and ".", else `root` ending in '/'.
    public static func displayPrefix(_ root: String) -> String {
        root.isEmpty || root == "." ? "" : (root.hasSuffix("/") ? root : root + "/")
    }

    /// SARIF `baselineState` of a finding: nil unless the run used a baseline.
    func baselineState(of finding: Finding) -> String? {
        usedBaseline ? (finding.baselined ? "unchanged" : "new") : nil
    }

    /// The value to print for a finding: its redacted preview unless secrets are shown.
    func value(of finding: Finding) -> String {
        showSecrets ? (finding.revealed ?? finding.preview) : finding.preview
    }
}

/// Where a reporter writes: text appended in pieces, in order (a file or stdout through
/// `ReportSink`, or a string in tests).
public protocol ReportOutput: AnyObject {
    func append(_ text: String)
}

/// Collects a report in memory.
public final class StringOutput: ReportOutput {
    public private(set) var text = ""
    public init() {}
    public func append(_ text: String) { self.text += text }
}

/// Turns a scan report into the bytes of one output format. Reporters stream: they write each
/// finding as they reach it, so the output never exists twice in memory (once as a tree of
/// values, once as text) whatever the number of findings.
public protocol Reporter: Sendable {
    /// The format's name as given to `--format`.
    static var formatName: String { get }
    func write(_ report: ScanReport, context: ReportContext, to output: some ReportOutput)
}

extension Reporter {
    /// The whole report as one string.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        let output = StringOutput()
        write(report, context: context, to: output)
        return output.text
    }
}

/// Output formats by name.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case sarif
    case json
    case html
    case github
    case markdown
    case gitlabCodeQuality = "gitlab-codequality"
    case gitlabSecretDetection = "gitlab-secret-detection"

    public var reporter: any Reporter {
        switch self {
        case .text: TextReporter()
        case .sarif: SarifReporter()
        case .json: JSONReporter()
        case .html: HTMLReporter()
        case .github: GitHubReporter()
        case .markdown: MarkdownReporter()
        case .gitlabCodeQuality: GitLabCodeQualityReporter()
        case .gitlabSecretDetection: GitLabSecretDetectionReporter()
        }
    }

    /// Formats whose paths are written from the repository root, as the code host resolves them
    /// (SARIF, GitHub annotations and summaries, GitLab reports), whatever folder was scanned.
    public var pathsFromRepositoryRoot: Bool { self != .text && self != .json && self != .html }
}

/// The version the tool reports about itself.
public enum PromptScanVersion {
    public static let current = "0.1.0"
}
