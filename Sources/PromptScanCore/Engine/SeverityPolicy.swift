/// How a file's class changes a finding's severity (docs/detection.md,
/// "File classes and severity"): a rule's own `class_severity` first; then personal, health and
/// client data one level higher in agent configs and prompts (they are sent to a model), secrets
/// critical in env files (low ones, such as test-mode keys, stay low), and generic
/// (keyword = value) matches in `.env.example`-style templates only low.
public enum SeverityPolicy {
    /// Env files that are templates by convention: scanned, but generic matches there are low.
    static let templateEnvSuffixes = [".example", ".sample", ".template", ".dist", ".tmpl"]

    public static func severity(of rule: Rule, in fileClass: FileClass, path: String) -> Severity {
        if rule.category == .pii && isContactFile(path) { return .low }
        if let override = rule.classSeverity[fileClass] { return override }
        switch fileClass {
        case .agentConfig, .prompt:
            if rule.category == .pii || rule.category == .phi || rule.category == .clientID { return raised(rule.severity) }
        case .env:
            if rule.category == .secret {
                if isTemplateEnv(path) { return rule.generic ? .low : rule.severity }
                // Low stays low: test-mode keys and identifiers are not live secrets anywhere.
                return rule.severity == .low ? .low : .critical
            }
        default:
            break
        }
        return rule.severity
    }

    /// A generic (keyword = value) secret match: at medium at most outside env files and agent
    /// configs, unless its key names a credential without doubt or a validator confirmed the value.
    /// (A bare `token:` or `secret:` in code and docs is as often a design token or a fixture id.)
    public static func genericSeverity(_ severity: Severity, in fileClass: FileClass, strongKey: Bool) -> Severity {
        if strongKey || fileClass == .env || fileClass == .agentConfig { return severity }
        return min(severity, .medium)
    }

    /// Names (before the first '.', any case) of the files in which a project publishes how to reach
    /// its authors and maintainers: a copyright holder's address in `LICENSE`, the people in
    /// `AUTHORS` and `CODEOWNERS`, a paper's authors in `CITATION.cff`, the contact of a code of
    /// conduct or a security policy.
    static let contactFileNames: Set<String> = [
        "license", "licence", "copying", "notice", "authors", "contributors", "maintainers", "codeowners", "citation",
        "code_of_conduct", "code-of-conduct", "security",
    ]

    /// Extensions such a file may have: none, or a document's (`security.py` is code).
    static let contactFileExtensions: Set<String> = ["", "md", "markdown", "txt", "rst", "adoc", "cff", "org", "html"]

    /// Whether personal data in the file at `path` is a contact its project publishes on purpose
    /// (`LICENSE`, `LICENSE.md`, `.github/CODEOWNERS`, `CITATION.cff`): reported low.
    static func isContactFile(_ path: String) -> Bool {
        let parts = fileName(path).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let stem = parts.first, contactFileNames.contains(stem) else { return false }
        return contactFileExtensions.contains(parts.count > 1 ? parts[1] : "")
    }

    /// The last part of `path`, lower-cased.
    static func fileName(_ path: String) -> String {
        (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
    }

    /// `.env.example`, `config/.env.sample`, `app.env.template`.
    static func isTemplateEnv(_ path: String) -> Bool {
        let name = fileName(path)
        return templateEnvSuffixes.contains { name.hasSuffix($0) }
    }

    static func raised(_ severity: Severity) -> Severity {
        switch severity {
        case .low: .medium
        case .medium: .high
        case .high, .critical: .critical
        }
    }
}
