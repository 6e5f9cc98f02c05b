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

    /// Why a generic (keyword = value) secret match with no validator is an example, or nil:
    /// - in documentation, where such assignments show a configuration or an API's payload (on
    ///   the real repositories judged by hand, none of them was a live secret; real keys pasted in
    ///   docs have a format of their own, which a specific rule reports at its severity);
    /// - in a test's file, when the value is one a person types and remembers (`Test123!`,
    ///   `CRM_Manager_2026`): a test account's password, where a random-looking value stays.
    ///   The value stays when its line names a real host (`curl -u smoke:Garnet-Quartz-2177
    ///   https://billing.internal…`): a smoke test's account on a deployed service is live.
    static func exampleAssignment(_ range: Range<Int>, in bytes: UnsafeRawBufferPointer, fileClass: FileClass, path: String) -> String? {
        if fileClass == .doc { return "documentation: keyword assignments there are examples" }
        guard isTestPath(path), isMemorable(Array(bytes[range])) else { return nil }
        // The value's line, at most 512 bytes either side (a minified file is one long line).
        var start = range.lowerBound
        while start > max(0, range.lowerBound - 512), bytes[start - 1] != 10 { start -= 1 }
        var end = range.upperBound
        while end < min(bytes.count, range.upperBound + 512), bytes[end] != 10 { end += 1 }
        if !namesARealHost(Array(bytes[start..<end])[...]) {
            return "a memorable value in a test's file: a test account's password"
        }
        return nil
    }

    /// Whether `line` holds a URL (`scheme://host`) whose host is not this machine, a
    /// documentation domain or a reserved test name (localhost, 127.x, example.com, `.test`, `.invalid`).
    static func namesARealHost(_ line: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        var rest = text[...]
        while let separator = rest.range(of: "://") {
            var host = rest[separator.upperBound...].prefix { !"/:?#\"' \t)>,;]".contains($0) }
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            let name = host.lowercased()
            let local =
                name.isEmpty || name == "localhost" || name.hasSuffix(".localhost") || name.hasPrefix("127.") || name == "0.0.0.0"
                || name.hasPrefix("[::1") || name == "example.com" || name.hasSuffix(".example.com") || name.hasPrefix("example.")
                || name.hasSuffix(".test") || name.hasSuffix(".invalid") || name.hasSuffix(".example")
            if !local && name.contains(".") { return true }
            rest = rest[separator.upperBound...]
        }
        return false
    }

    /// Folders and file names that hold tests, by the conventions of the common languages.
    static let testFolders: Set<String> = [
        "test", "tests", "__tests__", "spec", "specs", "e2e", "testing", "testdata", "test-data", "test_data", "test_resources", "test-resources",
        "testresources",
    ]

    /// Whether `path` is a test's file: under a test folder, or named as one (`test_x.py`,
    /// `x_test.go`, `x.test.ts`, `x.spec.js`, `XTest.java`, `XTests.cs`).
    static func isTestPath(_ path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/")
        if parts.dropLast().contains(where: { testFolders.contains(String($0)) }) { return true }
        guard let name = path.split(separator: "/").last.map(String.init) else { return false }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let lower = name.lowercased()
        return lower.hasPrefix("test_") || stem.lowercased().hasSuffix("_test") || lower.contains(".test.") || lower.contains(".spec.")
            || stem.hasSuffix("Test") || stem.hasSuffix("Tests") || stem.hasSuffix("Spec")
    }

    /// Whether `value` is made of a few parts a person remembers: words (`Manager`, `test`: 3 to
    /// 12 letters with a vowel), acronyms of up to four letters, digit groups and punctuation, at
    /// most six parts in all, with at least one word (`CRM_User1_2026`). A generated value alternates case, digits
    /// and letters far more often (`Sm3s8RE85rDcS36iMy8YjrpC` has 19 such parts).
    static func isMemorable(_ value: [UInt8]) -> Bool {
        guard (4...40).contains(value.count) else { return false }
        enum Kind { case upper, lower, digit, other }
        func kind(_ byte: UInt8) -> Kind {
            switch byte {
            case 65...90: .upper
            case 97...122: .lower
            case 48...57: .digit
            default: .other
            }
        }
        // A word: 3 to 12 letters with a vowel (a run of random letters is longer or has none).
        func isWord(_ letters: ArraySlice<UInt8>) -> Bool {
            (3...12).contains(letters.count) && letters.contains { "aeiouyAEIOUY".utf8.contains($0) }
        }
        var parts = 0
        var hasWord = false
        var index = 0
        while index < value.count {
            let start = index
            let first = kind(value[index])
            index += 1
            switch first {
            case .upper:
                // A capitalised word (`Manager`) or an acronym (`CRM`).
                if index < value.count, kind(value[index]) == .lower {
                    while index < value.count, kind(value[index]) == .lower { index += 1 }
                    guard isWord(value[start..<index]) else { return false }
                    hasWord = true
                } else {
                    while index < value.count, kind(value[index]) == .upper { index += 1 }
                    if index - start > 4 { return false }
                }
            case .lower:
                while index < value.count, kind(value[index]) == .lower { index += 1 }
                guard isWord(value[start..<index]) else { return false }
                hasWord = true
            case .digit, .other:
                while index < value.count, kind(value[index]) == first { index += 1 }
            }
            parts += 1
            if parts > 6 { return false }
        }
        return hasWord
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
