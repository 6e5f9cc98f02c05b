import PromptScanCore

/// Writes parsed rules as Swift source (`DefaultRules.generated.swift`), so the binary carries the
/// default rules as values and parses no YAML at start-up. `DefaultRulesTests` checks that the
/// generated file is current and that it round-trips to exactly the parsed rules.
public enum RuleSourceEmitter {
    public static func render(_ rules: [Rule], knownExamples: [KnownExample] = []) -> String {
        var out = """
            // Generated from Patterns/*.yml by DefaultRulesTests; do not edit.
            // Regenerate: PROMPTSCAN_REGENERATE=1 swift test --filter DefaultRulesTests (a test fails while it is stale).
            // swift-format-ignore-file

            /// The default rules as values, compiled into the binary: it runs with nothing beside it and
            /// parses no YAML at start-up.
            enum DefaultRules {
                static let rules: [Rule] = {
                    var rules: [Rule] = []
                    rules.reserveCapacity(\(rules.count))

            """
        for rule in rules {
            out += "        rules.append(\n            Rule(\n"
            var fields: [String] = [
                "id: \(literal(rule.id))",
                "name: \(literal(rule.name))",
                "category: Category(rawValue: \(literal(rule.category.rawValue)))!",
                "severity: Severity(rawValue: \(literal(rule.severity.rawValue)))!",
                "description: \(literal(rule.description))",
                "remediation: \(literal(rule.remediation))",
                "keywords: \(list(rule.keywords))",
                "pattern: \(literal(rule.pattern))",
                "entropy: \(rule.entropy.map { "\($0)" } ?? "nil")",
                "validator: \(rule.validator.map(literal) ?? "nil")",
                "generic: \(rule.generic)",
                "allow: \(list(rule.allow))",
                "references: \(list(rule.references))",
                "message: \(rule.message.map(literal) ?? "nil")",
                "requires: \(rule.requires.map(literal) ?? "nil")",
                "requiresLines: \(rule.requiresLines)",
            ]
            let severities = rule.classSeverity.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "FileClass(rawValue: \(literal($0.key.rawValue)))!: Severity(rawValue: \(literal($0.value.rawValue)))!" }
            fields.append("classSeverity: " + (severities.isEmpty ? "[:]" : "[" + severities.joined(separator: ", ") + "]"))
            if let classes = rule.classes {
                fields.append("classes: Set(\(list(classes.map(\.rawValue).sorted())).map { FileClass(rawValue: $0)! })")
            } else {
                fields.append("classes: nil")
            }
            fields.append("files: \(list(rule.files))")
            fields.append("examples: \(examples(rule.examples))")
            fields.append("negativeExamples: \(examples(rule.negativeExamples))")
            fields.append("scope: Rule.Scope(rawValue: \(literal(rule.scope.rawValue)))!")
            fields.append("origin: \(origin(rule.origin))")
            fields.append("confidence: \(rule.confidence.map { "\($0)" } ?? "nil")")
            fields.append("context: \(list(rule.context))")
            fields.append("contextKeys: \(list(rule.contextKeys))")
            fields.append("requiresContext: Set(\(list(rule.requiresContext.map(\.rawValue).sorted())).map { FileClass(rawValue: $0)! })")
            fields.append("negativeContext: \(list(rule.negativeContext))")
            fields.append("organisationContext: \(list(rule.organisationContext))")
            fields.append("organisationLines: \(rule.organisationLines)")
            fields.append("publicContext: \(list(rule.publicContext))")
            fields.append("publicLines: \(rule.publicLines)")
            fields.append("severityWithoutContext: \(rule.severityWithoutContext.map { "Severity(rawValue: \(literal($0.rawValue)))!" } ?? "nil")")
            fields.append("knownTest: \(list(rule.knownTest))")
            fields.append("knownTestSource: \(rule.knownTestSource.map(literal) ?? "nil")")
            fields.append("minDigitRun: \(rule.minDigitRun.map { "\($0)" } ?? "nil")")
            fields.append("recordKind: \(rule.recordKind.map(literal) ?? "nil")")
            fields.append("record: \(rule.record)")
            fields.append("strongKey: \(rule.strongKey.map(literal) ?? "nil")")
            fields.append("expiryParameters: \(list(rule.expiryParameters))")
            out += fields.map { "                \($0)" }.joined(separator: ",\n") + "\n            ))\n"
        }
        out += "        return rules\n    }()\n"
        out += "\n    /// The known example entries (Patterns/known-examples.yml), attached to their rules by `RuleCatalog`.\n"
        out += "    static let knownExamples: [KnownExample] = [\n"
        for entry in knownExamples {
            let fields = [
                "id: \(literal(entry.id))",
                "rules: \(list(entry.rules))",
                "source: \(literal(entry.source))",
                "references: \(list(entry.references))",
                "values: \(list(entry.values))",
                "patterns: \(list(entry.patterns))",
                "domains: \(list(entry.domains))",
                "networks: \(list(entry.networks))",
                "examples: \(examples(entry.examples))",
                "negativeExamples: \(examples(entry.negativeExamples))",
                "origin: \(origin(entry.origin))",
            ]
            out += "        KnownExample(\n" + fields.map { "                \($0)" }.joined(separator: ",\n") + "\n        ),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    static func origin(_ origin: Rule.Origin) -> String {
        "Rule.Origin(file: \(literal(origin.file)), line: \(origin.line))"
    }

    static func examples(_ examples: [Rule.Example]) -> String {
        if examples.isEmpty { return "[]" }
        return "[\n" + examples.map {
            "                    Rule.Example(text: \(literal($0.text)), expectedSecret: \($0.expectedSecret.map(literal) ?? "nil"), origin: \(origin($0.origin)))"
        }.joined(separator: ",\n") + ",\n                ]"
    }

    static func list(_ strings: [String]) -> String {
        "[" + strings.map(literal).joined(separator: ", ") + "]"
    }

    /// A Swift string literal for `text`.
    public static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
