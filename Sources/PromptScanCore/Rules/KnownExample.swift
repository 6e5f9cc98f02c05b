/// A value that a vendor or a standard publishes for documentation and tests (Stripe's test cards,
/// AWS's example key id, RFC 2606 domains, RFC 5737 address ranges …): a match of one of `rules`
/// that is one of these is reported as a suppressed note that never fails a run.
/// Written in `Patterns/known-examples.yml` (top-level `known_examples:`), one entry per published list.
public struct KnownExample: Sendable, Equatable {
    /// Stable lowercase id of the entry.
    public var id: String
    /// The rules whose matches the entry recognises.
    public var rules: [String]
    /// Who publishes the values (the suppression's justification).
    public var source: String
    public var references: [String]
    /// Exact values. For pii/phi rules both sides are compared normalised (upper case, separators
    /// removed: `4000 0000 0000 3155` = `4000-0000-0000-3155`); for secret rules byte for byte.
    public var values: [String]
    /// Documented patterns (regexes over the whole value, normalised like `values`), for lists that
    /// a publisher defines by a rule (`555-0100` … `555-0199`).
    public var patterns: [String]
    /// Host names: an address or URL whose host is one of them or a subdomain of one.
    public var domains: [String]
    /// Address ranges in CIDR form (`192.0.2.0/24`, `2001:db8::/32`, `8.8.8.8/32`).
    public var networks: [String]
    /// Texts in which one of `rules` must report a value that this entry suppresses.
    public var examples: [Rule.Example]
    /// Texts in which one of `rules` must report a value that is not suppressed (near misses that
    /// show the entry is not broader than its list).
    public var negativeExamples: [Rule.Example]
    public var origin: Rule.Origin
    /// A built-in entry, checked when the binary was built (`Rule.compiledAtBuild`).
    public var compiledAtBuild = false

    public init(
        id: String, rules: [String], source: String, references: [String] = [], values: [String] = [], patterns: [String] = [],
        domains: [String] = [], networks: [String] = [], examples: [Rule.Example] = [], negativeExamples: [Rule.Example] = [],
        origin: Rule.Origin
    ) {
        self.id = id
        self.rules = rules
        self.source = source
        self.references = references
        self.values = values
        self.patterns = patterns
        self.domains = domains
        self.networks = networks
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.origin = origin
    }

    /// Adds each entry to the rules it names (`Rule.knownExamples`); an entry naming a rule that is
    /// not loaded is a configuration error that points at the entry.
    public static func attach(_ entries: [KnownExample], to rules: inout [Rule]) throws(PromptScanError) {
        guard !entries.isEmpty else { return }
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() where index[rule.id] == nil { index[rule.id] = position }
        for entry in entries {
            for id in entry.rules {
                guard let position = index[id] else {
                    throw .ruleFile(
                        path: entry.origin.file, line: entry.origin.line, ruleID: nil,
                        message: "known example '\(entry.id)' names rule '\(id)', which is not loaded")
                }
                rules[position].knownExamples.append(entry)
            }
        }
    }

    /// A rule's own `known_test` regexes as an entry (the older, per-rule form of the same list).
    static func ownKnownTest(of rule: Rule) -> KnownExample? {
        guard !rule.knownTest.isEmpty else { return nil }
        return KnownExample(
            id: rule.id + ".known_test", rules: [rule.id],
            source: rule.knownTestSource ?? "published \(rule.name.lowercased()) test values", patterns: rule.knownTest,
            origin: rule.origin)
    }
}
