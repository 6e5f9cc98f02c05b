import Foundation
import Yams

/// Reads rule files (`rules:` lists of mappings) into `Rule` values, checking every key and value,
/// and reporting problems as one-line errors naming the file, line and rule id.
public enum RuleLoader {
    static let knownKeys: Set<String> = [
        "id", "name", "category", "severity", "description", "remediation", "keywords", "pattern", "entropy",
        "validator", "generic", "scope", "allow", "references", "examples", "negative_examples", "message", "requires", "requires_lines",
        "class_severity", "classes", "files", "strong_key", "expiry_parameters",
        // pii/phi rules (Patterns/README.md, "Privacy rules")
        "confidence", "context", "context_keys", "requires_context", "negative_context", "organisation_context", "organisation_lines", "public_context",
        "public_lines", "severity_without_context", "known_test", "known_test_source",
        "min_digit_run", "record_kind", "record", "record_only_in", "table_header_context",
    ]
    /// Plain scalars stay untyped (no regex-based tag resolution, which dominated start-up); the
    /// loader reads every value as text and converts `entropy` and `generic` itself.
    static let resolver = Resolver.basic
    static let requiredKeys = ["id", "name", "category", "severity", "description", "remediation", "pattern"]

    /// The contents of one rule file: rules, and known example entries (`known_examples:`).
    public struct File: Sendable {
        public var rules: [Rule]
        public var knownExamples: [KnownExample]
    }

    /// Parses the YAML text of one rule file; `path` is used in error messages and origins.
    /// (The rules only; `parseFile` also returns the file's known example entries.)
    public static func parse(yaml: String, path: String) throws(PromptScanError) -> [Rule] {
        try parseFile(yaml: yaml, path: path).rules
    }

    /// Parses the YAML text of one rule file: a `rules` list, a `known_examples` list, or both.
    public static func parseFile(yaml: String, path: String) throws(PromptScanError) -> File {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, RuleLoader.resolver)
        } catch let error as YamlError {
            throw .ruleFile(path: path, line: Self.line(of: error), ruleID: nil, message: "invalid YAML: \(Self.summary(of: error))")
        } catch {
            throw .ruleFile(path: path, line: nil, ruleID: nil, message: "invalid YAML")
        }
        guard let root, let mapping = root.mapping else {
            throw .ruleFile(path: path, line: 1, ruleID: nil, message: "expected a mapping with a 'rules' list")
        }
        for (key, _) in mapping where key.string != "rules" && key.string != "known_examples" {
            throw .ruleFile(path: path, line: line(key), ruleID: nil, message: "unknown top-level key (expected 'rules' or 'known_examples')")
        }
        let rulesNode = mapping["rules"]
        let examplesNode = mapping["known_examples"]
        guard rulesNode != nil || examplesNode != nil else {
            throw .ruleFile(path: path, line: 1, ruleID: nil, message: "missing 'rules' list")
        }
        var file = File(rules: [], knownExamples: [])
        if let rulesNode {
            guard let list = rulesNode.sequence else {
                throw .ruleFile(path: path, line: line(rulesNode), ruleID: nil, message: "'rules' must be a list")
            }
            guard list.count <= limits.rules else {
                throw .ruleFile(path: path, line: line(rulesNode), ruleID: nil, message: "more than \(limits.rules) rules in one file")
            }
            var keywords = 0
            for node in list {
                let rule = try parseRule(node, path: path)
                keywords += rule.keywords.count + rule.context.count + rule.contextKeys.count
                guard keywords <= limits.keywords else {
                    throw .ruleFile(
                        path: path, line: line(node), ruleID: rule.id,
                        message: "more than \(limits.keywords) keywords and context words in one file")
                }
                file.rules.append(rule)
            }
        }
        if let examplesNode {
            guard let list = examplesNode.sequence else {
                throw .ruleFile(path: path, line: line(examplesNode), ruleID: nil, message: "'known_examples' must be a list")
            }
            guard list.count <= limits.rules else {
                throw .ruleFile(path: path, line: line(examplesNode), ruleID: nil, message: "more than \(limits.rules) known examples in one file")
            }
            var seen: Set<String> = []
            for node in list {
                let entry = try parseKnownExample(node, path: path)
                guard seen.insert(entry.id).inserted else {
                    throw .ruleFile(path: path, line: line(node), ruleID: nil, message: "duplicate known example id '\(entry.id)'")
                }
                file.knownExamples.append(entry)
            }
        }
        return file
    }

    /// Reads and parses the rule file at `path` (its rules only; `loadFile` also returns its known examples).
    public static func load(path: String) throws(PromptScanError) -> [Rule] {
        try loadFile(path: path).rules
    }

    /// Bounds on one rule file, so a rule file a repository names cannot exhaust memory or time:
    /// bytes, rules, keywords (and context words) in all, `{…}` alternatives per `files:` glob.
    public struct Limits: Sendable {
        public var bytes = 1 << 20
        public var rules = 2_000
        public var keywords = 10_000
        public var globAlternatives = PathGlob.maximumAlternatives
    }

    public static let limits = Limits()

    /// Reads and parses the rule file at `path`.
    public static func loadFile(path: String) throws(PromptScanError) -> File {
        let text: String
        do {
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.bytes {
                throw PromptScanError.ruleFile(path: path, line: nil, ruleID: nil, message: "rule file is over \(limits.bytes >> 20) MiB")
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= limits.bytes else {
                throw PromptScanError.ruleFile(path: path, line: nil, ruleID: nil, message: "rule file is over \(limits.bytes >> 20) MiB")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw PromptScanError.ruleFile(path: path, line: nil, ruleID: nil, message: "not valid UTF-8")
            }
            text = decoded
        } catch let error as PromptScanError {
            throw error
        } catch {
            throw .io(path: path, message: "cannot read rule file: \(Self.reason(error))")
        }
        return try parseFile(yaml: text, path: path)
    }

    /// The rule files named by `path`: the file itself, or every `*.yml`/`*.yaml` file in a directory, sorted.
    public static func ruleFiles(at path: String) throws(PromptScanError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .io(path: path, message: "no such rule file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .io(path: path, message: "cannot list rule directory: \(Self.reason(error))")
        }
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }

    private static func parseRule(_ node: Node, path: String) throws(PromptScanError) -> Rule {
        guard let mapping = node.mapping else {
            throw .ruleFile(path: path, line: line(node), ruleID: nil, message: "each rule must be a mapping")
        }
        // One pass over the mapping: Node.Mapping's subscript is a linear search that builds a Node per lookup.
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.string { values[name] = values[name] ?? value }
        }
        let id = values["id"]?.string
        func fail(_ at: Node?, _ message: String) -> PromptScanError {
            .ruleFile(path: path, line: at.map(line) ?? line(node), ruleID: id, message: message)
        }
        for (key, _) in mapping {
            guard let name = key.string, knownKeys.contains(name) else {
                throw fail(key, "unknown key" + OneLine.unknownKeyHint(key.string, known: knownKeys.sorted()))
            }
        }
        for key in requiredKeys where values[key] == nil {
            throw fail(node, "missing required key '\(key)'")
        }
        func string(_ key: String) throws(PromptScanError) -> String? {
            guard let value = values[key] else { return nil }
            guard value.scalar != nil, let text = value.string else { throw fail(value, "'\(key)' must be a string") }
            return text
        }
        func strings(_ key: String) throws(PromptScanError) -> [(String, Int)] {
            guard let value = values[key] else { return [] }
            return try stringList(value, key, nonEmpty: false, fail: fail)
        }
        guard let ruleID = id, !ruleID.isEmpty else { throw fail(values["id"], "'id' must be a non-empty string") }
        guard ruleID.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 || $0 == 95 })
        else {
            throw fail(values["id"], "id must be lowercase letters, digits, '-', '.' or '_'")
        }
        let categoryText = try string("category") ?? ""
        guard let category = Category(rawValue: categoryText) else {
            throw fail(values["category"], "unknown category (expected \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let severityText = try string("severity") ?? ""
        guard let severity = Severity(rawValue: severityText) else {
            throw fail(values["severity"], "unknown severity (expected critical, high, medium or low)")
        }
        var entropy: Double?
        if let node = values["entropy"] {
            guard let value = node.float, value >= 0, value <= 8 else { throw fail(node, "'entropy' must be a number from 0 to 8") }
            entropy = value
        }
        var generic = false
        if let node = values["generic"] {
            guard let value = node.bool else { throw fail(node, "'generic' must be true or false") }
            generic = value
        }
        var scope = Rule.Scope.file
        if let node = mapping["scope"] {
            guard let text = node.string, let value = Rule.Scope(rawValue: text) else {
                throw fail(node, "'scope' must be 'file', 'line' or 'line-and-next'")
            }
            scope = value
        }
        let pattern = try string("pattern") ?? ""
        guard !pattern.isEmpty else { throw fail(values["pattern"], "'pattern' is empty") }
        let keywords = try strings("keywords").map(\.0)
        if keywords.contains(where: \.isEmpty) {
            throw fail(values["keywords"], "empty keyword")
        }
        var classSeverity: [FileClass: Severity] = [:]
        if let node = mapping["class_severity"] {
            guard let pairs = node.mapping else { throw fail(node, "'class_severity' must map file classes to severities") }
            for (key, value) in pairs {
                guard let name = key.string, let fileClass = FileClass(rawValue: name) else {
                    throw fail(key, "unknown file class (expected \(FileClass.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard let text = value.string, let level = Severity(rawValue: text) else {
                    throw fail(value, "unknown severity (expected critical, high, medium or low)")
                }
                classSeverity[fileClass] = level
            }
        }
        var classes: Set<FileClass>?
        if mapping["classes"] != nil {
            var set = Set<FileClass>()
            for (name, _) in try strings("classes") {
                guard let fileClass = FileClass(rawValue: name) else {
                    throw fail(mapping["classes"], "unknown file class (expected \(FileClass.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                set.insert(fileClass)
            }
            classes = set
        }
        let files = try strings("files").map(\.0)
        if files.contains(where: { $0.isEmpty }) {
            throw fail(mapping["files"], "empty file glob")
        }
        if files.contains(where: { PathGlob.alternativeCount($0, limit: limits.globAlternatives) == nil }) {
            throw fail(mapping["files"], "a 'files' glob has more than \(limits.globAlternatives) {…} alternatives")
        }
        let requires = try string("requires")
        if let requires, requires.isEmpty { throw fail(mapping["requires"], "'requires' is empty") }
        var requiresLines = 0
        if let node = mapping["requires_lines"] {
            guard let value = node.int, value >= 1, value <= 1000 else { throw fail(node, "'requires_lines' must be a whole number from 1 to 1000") }
            guard requires != nil else { throw fail(node, "'requires_lines' needs 'requires'") }
            requiresLines = value
        }
        var rule = Rule(
            id: ruleID,
            name: try string("name") ?? "",
            category: category,
            severity: severity,
            description: try string("description") ?? "",
            remediation: try string("remediation") ?? "",
            keywords: keywords,
            pattern: pattern,
            entropy: entropy,
            validator: try string("validator"),
            generic: generic,
            allow: try strings("allow").map(\.0),
            references: try strings("references").map(\.0),
            message: try string("message"),
            requires: requires,
            classSeverity: classSeverity,
            classes: classes,
            files: files,
            examples: try strings("examples").map { Rule.Example(raw: $0.0, origin: .init(file: path, line: $0.1)) },
            negativeExamples: try strings("negative_examples").map {
                Rule.Example(raw: $0.0, origin: .init(file: path, line: $0.1))
            },
            scope: scope,
            origin: .init(file: path, line: line(node))
        )
        rule.requiresLines = requiresLines
        if let strongKey = try string("strong_key") {
            guard !strongKey.isEmpty else { throw fail(mapping["strong_key"], "'strong_key' is empty") }
            guard generic else { throw fail(mapping["strong_key"], "'strong_key' is only for generic rules") }
            rule.strongKey = strongKey
        }
        rule.expiryParameters = try strings("expiry_parameters").map(\.0)
        if let bad = rule.expiryParameters.first(where: { $0.isEmpty || !$0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }) {
            throw fail(mapping["expiry_parameters"], "'expiry_parameters' holds '\(bad)', not a query parameter name")
        }
        try parsePrivacyFields(into: &rule, mapping: mapping, strings: strings, fail: fail)
        return rule
    }

    static let knownExampleKeys: Set<String> = [
        "id", "rules", "source", "references", "values", "patterns", "domains", "networks", "examples", "negative_examples",
    ]

    /// A string, or a list of strings, under `key`, each with its line; `fail` builds the error
    /// (naming the rule or entry) for a node of the wrong shape.
    private static func stringList(
        _ value: Node, _ key: String, nonEmpty: Bool, fail: (Node?, String) -> PromptScanError
    ) throws(PromptScanError) -> [(String, Int)] {
        if value.scalar != nil, let text = value.string { return [(text, line(value))] }
        guard let items = value.sequence else { throw fail(value, "'\(key)' must be a list of strings") }
        var result: [(String, Int)] = []
        for item in items {
            guard item.scalar != nil, let text = item.string, !(nonEmpty && text.isEmpty) else {
                throw fail(item, nonEmpty ? "'\(key)' must be a list of non-empty strings" : "'\(key)' must be a list of strings")
            }
            result.append((text, line(item)))
        }
        return result
    }

    /// One `known_examples` entry: an id, the rules it applies to, a source, at least one of
    /// values, patterns, domains or networks, and examples.
    private static func parseKnownExample(_ node: Node, path: String) throws(PromptScanError) -> KnownExample {
        guard let mapping = node.mapping else {
            throw .ruleFile(path: path, line: line(node), ruleID: nil, message: "each known example must be a mapping")
        }
        // Errors name the entry by its id only when it is id-shaped, and never quote an unknown key:
        // a rule file can come from the repository under review, and errors quote no file content.
        let idText = mapping["id"]?.string.flatMap { id in
            id.count <= 64 && id.utf8.allSatisfy { $0 == 0x2D || $0 == 0x2E || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) } ? id : nil
        }
        func fail(_ at: Node?, _ message: String) -> PromptScanError {
            .ruleFile(path: path, line: at.map(line) ?? line(node), ruleID: nil, message: "known example '\(idText ?? "?")': \(message)")
        }
        for (key, _) in mapping {
            guard let name = key.string, knownExampleKeys.contains(name) else {
                throw fail(key, "unknown key (known: \(knownExampleKeys.sorted().joined(separator: ", ")))")
            }
        }
        func strings(_ key: String) throws(PromptScanError) -> [(String, Int)] {
            guard let value = mapping[key] else { return [] }
            return try stringList(value, key, nonEmpty: true, fail: fail)
        }
        guard let id = idText, !id.isEmpty, id.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 }) else {
            throw fail(mapping["id"], "'id' must be lowercase letters, digits, '-' or '.'")
        }
        guard let source = mapping["source"]?.string, !source.isEmpty else { throw fail(mapping["source"], "'source' (who publishes the values) is required") }
        let rules = try strings("rules").map(\.0)
        guard !rules.isEmpty else { throw fail(mapping["rules"], "'rules' must name at least one rule") }
        let entry = KnownExample(
            id: id, rules: rules, source: source, references: try strings("references").map(\.0), values: try strings("values").map(\.0),
            patterns: try strings("patterns").map(\.0), domains: try strings("domains").map(\.0), networks: try strings("networks").map(\.0),
            examples: try strings("examples").map { Rule.Example(raw: $0.0, origin: .init(file: path, line: $0.1)) },
            negativeExamples: try strings("negative_examples").map { Rule.Example(raw: $0.0, origin: .init(file: path, line: $0.1)) },
            origin: .init(file: path, line: line(node)))
        guard !(entry.values.isEmpty && entry.patterns.isEmpty && entry.domains.isEmpty && entry.networks.isEmpty) else {
            throw fail(node, "needs 'values', 'patterns', 'domains' or 'networks'")
        }
        return entry
    }

    /// The optional confidence-model keys of pii/phi rules.
    private static func parsePrivacyFields(
        into rule: inout Rule, mapping: Node.Mapping, strings: (String) throws(PromptScanError) -> [(String, Int)],
        fail: (Node?, String) -> PromptScanError
    ) throws(PromptScanError) {
        func classList(_ key: String) throws(PromptScanError) -> Set<FileClass> {
            var result: Set<FileClass> = []
            for (name, _) in try strings(key) {
                guard let fileClass = FileClass(rawValue: name) else {
                    throw fail(mapping[key], "unknown file class in '\(key)' (expected \(FileClass.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                result.insert(fileClass)
            }
            return result
        }
        if let node = mapping["confidence"] {
            guard let value = node.float, value >= 0, value <= 1 else { throw fail(node, "'confidence' must be a number from 0 to 1") }
            rule.confidence = value
        } else if rule.isPrivacy {
            rule.confidence = 0.5
        }
        rule.context = try strings("context").map(\.0)
        rule.contextKeys = try strings("context_keys").map(\.0)
        if let node = mapping["requires_context"] {
            if let flag = node.bool {
                rule.requiresContext = flag ? Set(FileClass.allCases) : []
            } else {
                rule.requiresContext = try classList("requires_context")
            }
            if !rule.requiresContext.isEmpty && rule.context.isEmpty && rule.contextKeys.isEmpty {
                throw fail(node, "'requires_context' needs 'context' or 'context_keys'")
            }
        }
        rule.negativeContext = try strings("negative_context").map(\.0)
        rule.organisationContext = try strings("organisation_context").map(\.0)
        if let node = mapping["organisation_lines"] {
            guard let value = node.int, value >= 0, value <= 20 else { throw fail(node, "'organisation_lines' must be a whole number from 0 to 20") }
            rule.organisationLines = value
        }
        rule.publicContext = try strings("public_context").map(\.0)
        if let node = mapping["public_lines"] {
            guard let value = node.int, value >= 0, value <= 20 else { throw fail(node, "'public_lines' must be a whole number from 0 to 20") }
            rule.publicLines = value
        }
        if let node = mapping["severity_without_context"] {
            guard let text = node.string, let level = Severity(rawValue: text) else {
                throw fail(node, "'severity_without_context' must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !rule.isPrivacy || !rule.context.isEmpty || !rule.contextKeys.isEmpty else {
                throw fail(node, "'severity_without_context' needs 'context' or 'context_keys'")
            }
            rule.severityWithoutContext = level
        }
        rule.knownTest = try strings("known_test").map(\.0)
        if let node = mapping["known_test_source"] {
            guard node.scalar != nil, let text = node.string else { throw fail(node, "'known_test_source' must be a string") }
            rule.knownTestSource = text
        }
        if let node = mapping["min_digit_run"] {
            guard let value = node.int, value >= 1, value <= 64 else { throw fail(node, "'min_digit_run' must be a whole number from 1 to 64") }
            rule.minDigitRun = value
        }
        if let node = mapping["record_kind"] {
            guard node.scalar != nil, let text = node.string, !text.isEmpty else { throw fail(node, "'record_kind' must be a string") }
            rule.recordKind = text
        }
        if let node = mapping["record"] {
            guard let value = node.bool else { throw fail(node, "'record' must be true or false") }
            rule.record = value
        }
        if let node = mapping["table_header_context"] {
            guard let value = node.bool else { throw fail(node, "'table_header_context' must be true or false") }
            rule.tableHeaderContext = value
        }
        if mapping["classes"] != nil { rule.classes = try classList("classes") }
        if let node = mapping["record_only_in"] {
            rule.recordOnlyIn = try classList("record_only_in")
            guard let classes = rule.classes else { throw fail(node, "'record_only_in' needs 'classes' (the classes where every match is reported)") }
            if let both = rule.recordOnlyIn.intersection(classes).sorted(by: { $0.rawValue < $1.rawValue }).first {
                throw fail(node, "'record_only_in' lists \(both.rawValue), which 'classes' already reports in full")
            }
        }
        let privacyKeys = [
            "confidence", "context", "context_keys", "requires_context", "negative_context", "organisation_context", "organisation_lines", "public_context",
            "public_lines", "severity_without_context", "known_test", "min_digit_run", "record", "record_kind",
            "record_only_in", "table_header_context",
        ]
        if !rule.isPrivacy, let key = privacyKeys.first(where: { mapping[$0] != nil }) {
            throw fail(mapping[key], "'\(key)' is only for pii and phi rules")
        }
    }

    private static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }  // Yams marks are 1-based

    private static func line(of error: YamlError) -> Int? { ScanConfig.yamlLine(error) }

    private static func summary(of error: YamlError) -> String { ScanConfig.yamlSummary(error) }
}
