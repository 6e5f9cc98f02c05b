/// Where a run's rules come from: the default set compiled into the binary, plus rule files.
public enum RuleCatalog {
    /// The built-in rules: the `Patterns/*.yml` files, parsed when the package is built
    /// (`DefaultRules.generated.swift`), so start-up parses no YAML.
    public static func defaultRules() throws(PromptScanError) -> [Rule] {
        var rules = DefaultRules.rules
        for index in rules.indices { rules[index].compiledAtBuild = true }
        var knownExamples = DefaultRules.knownExamples
        for index in knownExamples.indices { knownExamples[index].compiledAtBuild = true }
        try KnownExample.attach(knownExamples, to: &rules)
        return rules
    }

    /// The default rules (unless `includeDefaults` is false) followed by the rules at `paths`
    /// (files or directories of `*.yml`).
    public static func load(extra paths: [String], includeDefaults: Bool = true) throws(PromptScanError) -> [Rule] {
        var rules = includeDefaults ? try defaultRules() : []
        var knownExamples: [KnownExample] = []
        for path in paths {
            for file in try RuleLoader.ruleFiles(at: path) {
                let loaded = try RuleLoader.loadFile(path: file)
                rules.append(contentsOf: loaded.rules)
                knownExamples.append(contentsOf: loaded.knownExamples)
            }
        }
        try KnownExample.attach(knownExamples, to: &rules)
        return rules
    }
}
