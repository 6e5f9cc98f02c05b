/// A rule with its pattern compiled and its validator resolved, ready to share across threads.
/// (A class: the scanner looks rules up per file, and a reference costs one retain, not one per field.)
public final class CompiledRule: Sendable {
    public let rule: Rule
    public let pattern: Pattern
    public let allow: [Pattern]
    public let validator: Validator?
    /// The co-occurrence pattern (`requires`), compiled.
    public let requires: Pattern?
    /// The `files` globs, compiled.
    public let files: [PathGlob]
    /// Published example values (known example entries and the rule's own `known_test` list).
    public let knownExamples: KnownExampleMatcher
    /// The rule's context words and keys (pii/phi rules).
    public let context: ContextMatcher
    /// Words that drop a match when they occur just before it.
    public let negativeContext: ContextMatcher
    /// Words that mark a match as an organisation's (`Rule.organisationContext`).
    public let organisationContext: ContextMatcher
    /// Words that mark a match as published metadata (`Rule.publicContext`).
    public let publicContext: ContextMatcher
    /// The `strong_key` regex of a generic rule, compiled.
    public let strongKey: Pattern?

    /// Compiles `rule`, failing with an error that names the rule's file, line, id and the PCRE2 offset.
    public init(_ rule: Rule) throws(PromptScanError) {
        self.rule = rule
        pattern = try Self.compile(rule.pattern, anchored: false, what: "pattern", of: rule)
        allow = try rule.allow.enumerated().map { index, source throws(PromptScanError) in
            try Self.compile(source, anchored: true, what: "allow pattern \(index + 1)", of: rule)
        }
        requires = try rule.requires.map { source throws(PromptScanError) in
            try Self.compile(source, anchored: false, what: "requires pattern", of: rule)
        }
        files = rule.files.map(PathGlob.init)
        if !rule.compiledAtBuild {
            // Checked here for the error's sake: `KnownExampleMatcher` compiles them again.
            _ = try rule.knownTest.enumerated().map { index, source throws(PromptScanError) in
                try Self.compile(source, anchored: true, what: "known_test pattern \(index + 1)", of: rule)
            }
        }
        knownExamples = try KnownExampleMatcher(rule)
        context = ContextMatcher(phrases: rule.context + rule.contextKeys)
        negativeContext = ContextMatcher(phrases: rule.negativeContext)
        organisationContext = ContextMatcher(phrases: rule.organisationContext)
        publicContext = ContextMatcher(phrases: rule.publicContext)
        strongKey = try rule.strongKey.map { source throws(PromptScanError) in
            try Self.compile(source, anchored: false, what: "strong_key pattern '\(source)'", of: rule)
        }
        if let name = rule.validator {
            guard let validator = Validators.named(name) else {
                throw .ruleFile(
                    path: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                    message: "unknown validator (known: \(Validators.all.keys.sorted().joined(separator: ", ")))")
            }
            self.validator = validator
        } else {
            validator = nil
        }
    }
}

extension CompiledRule {
    /// Whether the rule runs on a file at `path` of class `fileClass` (its `classes` and `files` limits).
    public func applies(toPath path: String, fileClass: FileClass) -> Bool {
        if let classes = rule.classes, !classes.contains(fileClass) { return false }
        if !files.isEmpty, !files.contains(where: { $0.matches(path) }) { return false }
        return true
    }

    /// The severity of a finding of this rule in a file of class `fileClass` at `path`.
    public func severity(in fileClass: FileClass, path: String) -> Severity {
        SeverityPolicy.severity(of: rule, in: fileClass, path: path)
    }

    /// Compiles one of `rule`'s patterns; `anchored` wraps it in `^(?:…)$` (offsets in the error
    /// stay those of the text as written). The error names the rule's file, line and id.
    static func compile(_ source: String, anchored: Bool, what: String, of rule: Rule) throws(PromptScanError) -> Pattern {
        // A built-in rule's patterns compiled when the binary was built: compile on first use.
        if rule.compiledAtBuild { return Pattern(deferred: anchored ? "^(?:" + source + ")$" : source) }
        do {
            return try Pattern(anchored ? "^(?:" + source + ")$" : source)
        } catch {
            throw .ruleFile(
                path: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                message: "\(what) does not compile at offset \(anchored ? max(0, error.offset - 4) : error.offset): \(error.message)")
        }
    }
}
