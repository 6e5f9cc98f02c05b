/// A rule with its pattern compiled and its validator resolved, ready to share across threads.
public struct CompiledRule: Sendable {
    public let rule: Rule
    public let pattern: Pattern
    public let allow: [Pattern]
    public let validator: Validator?
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
