/// A rule with its pattern compiled and its validator resolved, ready to share across threads.
/// (A class: the scanner looks rules up per file, and a reference costs one retain, not one per field.)
public final class CompiledRule: Sendable {
    public let rule: Rule
    /// The rule's record kind (`record_kind`, else its id), for the record rules, read per candidate.
    public let recordKind: String
    /// Whether a match's fate depends on other rules' matches in the same file: the record rule,
    /// a `record_only_in` rule, or a pii/phi date (`FileScanner.demoteDatesBesideKnownValues`).
    public let dependsOnOtherRules: Bool
    public let pattern: Pattern
    public let allow: [Pattern]
    public let validator: Validator?
    /// The co-occurrence pattern (`requires`), compiled.
    public let requires: Pattern?
    /// The `files` globs, compiled.
    public let files: [PathGlob]
    /// Published example values (known example entries and the rule's own `known_test` list).
    public var knownExamples: KnownExampleMatcher { matchers.value.knownExamples }
    /// The rule's context words and keys (pii/phi rules).
    public var context: ContextMatcher { matchers.value.context }
    /// Words that drop a match when they occur just before it.
    public var negativeContext: ContextMatcher { matchers.value.negativeContext }
    /// Words that mark a match as an organisation's (`Rule.organisationContext`).
    public var organisationContext: ContextMatcher { matchers.value.organisationContext }
    /// Words that mark a match as published metadata (`Rule.publicContext`).
    public var publicContext: ContextMatcher { matchers.value.publicContext }
    /// The word and example tables above. A built-in rule with built-in examples only (checked
    /// when the binary was built) makes them when a match first needs them: most rules never get
    /// a candidate on a short input, and making all of them was a tenth of a guard call.
    private let matchers: OnceValue<Matchers>

    struct Matchers: Sendable {
        let knownExamples: KnownExampleMatcher
        let context: ContextMatcher
        let negativeContext: ContextMatcher
        let organisationContext: ContextMatcher
        let publicContext: ContextMatcher

        init(_ rule: Rule, knownExamples: KnownExampleMatcher) {
            self.knownExamples = knownExamples
            context = ContextMatcher(phrases: rule.context + rule.contextKeys)
            negativeContext = ContextMatcher(phrases: rule.negativeContext)
            organisationContext = ContextMatcher(phrases: rule.organisationContext)
            publicContext = ContextMatcher(phrases: rule.publicContext)
        }
    }
    /// The `strong_key` regex of a generic rule, compiled.
    public let strongKey: Pattern?

    /// Compiles `rule`, failing with an error that names the rule's file, line, id and the PCRE2 offset.
    public init(_ rule: Rule) throws(PromptScanError) {
        self.rule = rule
        let kind = rule.recordKind ?? rule.id
        recordKind = kind
        dependsOnOtherRules = rule.record || !rule.recordOnlyIn.isEmpty || (rule.isPrivacy && PrivacyPolicy.sampleDateKinds.contains(kind))
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
        if rule.compiledAtBuild && rule.knownExamples.allSatisfy(\.compiledAtBuild) {
            // (`DefaultRulesTests` builds them all eagerly, so none of these can fail.)
            matchers = OnceValue { Matchers(rule, knownExamples: (try? KnownExampleMatcher(rule)) ?? KnownExampleMatcher()) }
        } else {
            matchers = OnceValue(value: Matchers(rule, knownExamples: try KnownExampleMatcher(rule)))
        }
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
    /// Whether the rule runs on a file at `path` of class `fileClass` (its `classes`, `record_only_in`
    /// and `files` limits).
    public func applies(toPath path: String, fileClass: FileClass) -> Bool {
        if !runs(in: fileClass) { return false }
        if !files.isEmpty, !files.contains(where: { $0.matches(path) }) { return false }
        return true
    }

    /// Whether the rule runs in files of `fileClass`: one of its `classes` (every class when it has
    /// none), or one of its `record_only_in` classes, where only person records are kept.
    func runs(in fileClass: FileClass) -> Bool {
        rule.classes?.contains(fileClass) != false || rule.recordOnlyIn.contains(fileClass)
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
