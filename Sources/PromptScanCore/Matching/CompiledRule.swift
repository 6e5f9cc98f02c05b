/// A rule with its pattern compiled and its validator resolved, ready to share across threads.
public struct CompiledRule: Sendable {
    public let rule: Rule
    public let pattern: Pattern
    public let allow: [Pattern]
    public let validator: Validator?

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
