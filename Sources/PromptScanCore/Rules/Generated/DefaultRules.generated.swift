// Generated from Patterns/*.yml by generate-rules; do not edit.
// Regenerate: swift run generate-rules (DefaultRulesTests fails while a file is stale).
// swift-format-ignore-file

/// The default rules as values, compiled into the binary: it runs with nothing beside it and
/// parses no YAML at start-up. One `add…(to:)` per file of `Patterns/`, in file-name order.
enum DefaultRules {
    static var rules: [Rule] { contents.rules }

    /// The known example entries (`known_examples:` lists), attached to their rules by `RuleCatalog`.
    static var knownExamples: [KnownExample] { contents.knownExamples }

    private static let contents: RuleLoader.File = {
        var file = RuleLoader.File(rules: [], knownExamples: [])
        file.rules.reserveCapacity(378)
        addAgentConfigs(to: &file)
        addAiVendors(to: &file)
        addCloud(to: &file)
        addCodeHosts(to: &file)
        addConsumerEndpoints(to: &file)
        addGeneric(to: &file)
        addKeysAndTokens(to: &file)
        addKnownExamples(to: &file)
        addPhi(to: &file)
        addPii(to: &file)
        addSaas(to: &file)
        return file
    }()
}
