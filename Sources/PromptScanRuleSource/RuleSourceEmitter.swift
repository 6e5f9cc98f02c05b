import Foundation
import PromptScanCore

/// Writes the rules of `Patterns/*.yml` as Swift source, so the binary carries the default rules as
/// values and parses no YAML at start-up: one file per pattern file
/// (`DefaultRules+<Name>.generated.swift`, an `add<Name>(to:)` that appends its rules and known
/// examples) and `DefaultRules.generated.swift`, which calls them in file order. Enumerations are
/// written as their cases (`.secret`, `.critical`), so the generated code has no force unwraps.
/// `generate-rules` writes the files; `DefaultRulesTests` checks that they are current and that they
/// round-trip to exactly the parsed rules.
public enum RuleSourceEmitter {
    /// The folder of the generated files, relative to the package root.
    public static let outputFolder = "Sources/PromptScanCore/Rules/Generated"

    /// One pattern file, parsed.
    public struct PatternFile: Sendable {
        /// The path relative to the package root (`Patterns/secrets.yml`).
        public var path: String
        public var rules: [Rule]
        public var knownExamples: [KnownExample]
    }

    /// Parses every `*.yml` in `Patterns/` under `packageRoot`, in file-name order.
    public static func parsePatterns(packageRoot: URL) throws -> [PatternFile] {
        let folder = packageRoot.appendingPathComponent("Patterns")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yml") }
            .sorted()
        return try names.map { name in
            let path = "Patterns/" + name
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let parsed = try RuleLoader.parseFile(yaml: text, path: path)
            return PatternFile(path: path, rules: parsed.rules, knownExamples: parsed.knownExamples)
        }
    }

    /// The generated sources, keyed by file name (inside `outputFolder`).
    public static func render(_ files: [PatternFile]) -> [String: String] {
        var sources: [String: String] = [:]
        var calls: [String] = []
        for file in files where !(file.rules.isEmpty && file.knownExamples.isEmpty) {
            let name = typeName(of: file.path)
            sources["DefaultRules+\(name).generated.swift"] = render(file, name: name)
            calls.append("        add\(name)(to: &file)")
        }
        let count = files.reduce(0) { $0 + $1.rules.count }
        sources["DefaultRules.generated.swift"] = """
            \(header)

            /// The default rules as values, compiled into the binary: it runs with nothing beside it and
            /// parses no YAML at start-up. One `add…(to:)` per file of `Patterns/`, in file-name order.
            enum DefaultRules {
                static var rules: [Rule] { contents.rules }

                /// The known example entries (`known_examples:` lists), attached to their rules by `RuleCatalog`.
                static var knownExamples: [KnownExample] { contents.knownExamples }

                private static let contents: RuleLoader.File = {
                    var file = RuleLoader.File(rules: [], knownExamples: [])
                    file.rules.reserveCapacity(\(count))
            \(calls.joined(separator: "\n"))
                    return file
                }()
            }

            """
        return sources
    }

    static let header = """
        // Generated from Patterns/*.yml by generate-rules; do not edit.
        // Regenerate: swift run generate-rules (DefaultRulesTests fails while a file is stale).
        // swift-format-ignore-file
        """

    /// `agent-configs.yml` → `AgentConfigs`.
    static func typeName(of path: String) -> String {
        let base = (path as NSString).lastPathComponent.replacingOccurrences(of: ".yml", with: "")
        return base.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A case of an enumeration with raw values, as Swift source (`.clientID`).
    static func member<T: RawRepresentable>(_ value: T) -> String { ".\(value)" }

    static func render(_ file: PatternFile, name: String) -> String {
        var out = """
            \(header)

            extension DefaultRules {
                /// The rules and known examples of `\(file.path)`.
                static func add\(name)(to file: inout RuleLoader.File) {

            """
        for rule in file.rules {
            out += "        file.rules.append(\n            Rule(\n"
            var fields: [String] = [
                "id: \(literal(rule.id))",
                "name: \(literal(rule.name))",
                "category: \(member(rule.category))",
                "severity: \(member(rule.severity))",
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
                .map { "\(member($0.key)): \(member($0.value))" }
            fields.append("classSeverity: " + (severities.isEmpty ? "[:]" : "[" + severities.joined(separator: ", ") + "]"))
            fields.append("classes: " + (rule.classes.map(members) ?? "nil"))
            fields.append("files: \(list(rule.files))")
            fields.append("examples: \(examples(rule.examples))")
            fields.append("negativeExamples: \(examples(rule.negativeExamples))")
            fields.append("scope: \(member(rule.scope))")
            fields.append("origin: \(origin(rule.origin))")
            fields.append("confidence: \(rule.confidence.map { "\($0)" } ?? "nil")")
            fields.append("context: \(list(rule.context))")
            fields.append("contextKeys: \(list(rule.contextKeys))")
            fields.append("requiresContext: \(members(rule.requiresContext))")
            fields.append("negativeContext: \(list(rule.negativeContext))")
            fields.append("organisationContext: \(list(rule.organisationContext))")
            fields.append("organisationLines: \(rule.organisationLines)")
            fields.append("publicContext: \(list(rule.publicContext))")
            fields.append("publicLines: \(rule.publicLines)")
            if rule.tableHeaderContext { fields.append("tableHeaderContext: true") }
            fields.append("severityWithoutContext: \(rule.severityWithoutContext.map(member) ?? "nil")")
            fields.append("knownTest: \(list(rule.knownTest))")
            fields.append("knownTestSource: \(rule.knownTestSource.map(literal) ?? "nil")")
            fields.append("minDigitRun: \(rule.minDigitRun.map { "\($0)" } ?? "nil")")
            fields.append("recordKind: \(rule.recordKind.map(literal) ?? "nil")")
            if !rule.recordOnlyIn.isEmpty { fields.append("recordOnlyIn: \(members(rule.recordOnlyIn))") }
            fields.append("record: \(rule.record)")
            fields.append("strongKey: \(rule.strongKey.map(literal) ?? "nil")")
            fields.append("expiryParameters: \(list(rule.expiryParameters))")
            out += fields.map { "                \($0)" }.joined(separator: ",\n") + "\n            ))\n"
        }
        for entry in file.knownExamples {
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
            out += "        file.knownExamples.append(\n            KnownExample(\n"
            out += fields.map { "                \($0)" }.joined(separator: ",\n") + "\n            ))\n"
        }
        out += "    }\n}\n"
        return out
    }

    /// A set of file classes as a literal of cases, in raw-value order (`[.agentConfig, .env]`).
    static func members(_ classes: Set<FileClass>) -> String {
        "[" + classes.sorted { $0.rawValue < $1.rawValue }.map(member).joined(separator: ", ") + "]"
    }

    static func origin(_ origin: Rule.Origin) -> String {
        "Rule.Origin(file: \(literal(origin.file)), line: \(origin.line))"
    }

    static func examples(_ examples: [Rule.Example]) -> String {
        if examples.isEmpty { return "[]" }
        return "[\n"
            + examples.map {
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

extension RuleSourceEmitter {
    /// Writes `sources` into `outputFolder` under `packageRoot`: files whose content differs are
    /// rewritten, `*.generated.swift` files not in `sources` are removed. Returns one line per change.
    public static func write(_ sources: [String: String], packageRoot: URL) throws -> [String] {
        let folder = packageRoot.appendingPathComponent(outputFolder)
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        var changes: [String] = []
        for name in sources.keys.sorted() {
            let url = folder.appendingPathComponent(name)
            let text = sources[name] ?? ""
            if (try? String(contentsOf: url, encoding: .utf8)) == text { continue }
            let existed = manager.fileExists(atPath: url.path)
            try text.write(to: url, atomically: true, encoding: .utf8)
            changes.append("\(existed ? "updated" : "created") \(outputFolder)/\(name)")
        }
        for name in try manager.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasSuffix(".generated.swift") && sources[name] == nil {
            try manager.removeItem(at: folder.appendingPathComponent(name))
            changes.append("removed \(outputFolder)/\(name)")
        }
        return changes
    }
}
