/// A rule with its pattern compiled and its validator resolved, ready to share across threads.
public struct CompiledRule: Sendable {
    public let rule: Rule
    public let pattern: Pattern
    public let allow: [Pattern]
    public let validator: Validator?
    /// The co-occurrence pattern (`requires`), compiled.
    public let requires: Pattern?
    /// The `files` globs, compiled.
    public let files: [PathGlob]
    /// Anchored `known_test` patterns (pii/phi rules).
    public let knownTest: [Pattern]
    /// The rule's context words and keys (pii/phi rules).
    public let context: ContextMatcher
    /// Words that drop a match when they occur just before it.
    public let negativeContext: ContextMatcher

    /// Compiles `rule`, failing with an error that names the rule's file, line, id and the PCRE2 offset.
    public init(_ rule: Rule) throws(PromptScanError) {
        self.rule = rule
        do {
            pattern = try Pattern(rule.pattern)
        } catch {
            throw .ruleFile(
                path: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                message: "pattern does not compile at offset \(error.offset): \(error.message)")
        }
        var allow: [Pattern] = []
        for source in rule.allow {
            do {
                allow.append(try Pattern("^(?:" + source + ")$"))
            } catch {
                throw .ruleFile(
                    path: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                    message: "allow pattern '\(source)' does not compile at offset \(max(0, error.offset - 4)): \(error.message)")
            }
        }
        self.allow = allow
        if let source = rule.requires {
            do {
                requires = try Pattern(source)
            } catch {
                throw .ruleFile(
                    path: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                    message: "requires pattern '\(source)' does not compile at offset \(error.offset): \(error.message)")
            }
        } else {
            requires = nil
        }
        files = rule.files.map(PathGlob.init)
        var knownTest: [Pattern] = []
        for source in rule.knownTest {
            do {
                knownTest.append(try Pattern("^(?:" + source + ")$"))
            } catch {
                throw .ruleFile(
                    path: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                    message: "known_test pattern '\(source)' does not compile at offset \(max(0, error.offset - 4)): \(error.message)")
            }
        }
        self.knownTest = knownTest
        context = ContextMatcher(phrases: rule.context + rule.contextKeys)
        negativeContext = ContextMatcher(phrases: rule.negativeContext)
        if let name = rule.validator {
            guard let validator = Validators.named(name) else {
                throw .ruleFile(
                    path: rule.origin.file, line: rule.origin.line, ruleID: rule.id,
                    message: "unknown validator '\(name)' (known: \(Validators.all.keys.sorted().joined(separator: ", ")))")
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
}
