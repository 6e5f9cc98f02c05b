import Foundation
import Yams

/// The settings of `.promptscan.yml` (at the repository root, or named by `--config`). Every key
/// is optional; an unknown key or a bad value is an error naming the file and line.
///
/// ```yaml
/// enable: [anthropic-api-key]        # only these rules (default: every rule)
/// disable: [generic-password]        # never these rules
/// severity: {generic-api-key: low}   # per-rule severity overrides
/// fail-on: high                      # low | medium | high | critical (the --fail-on flag wins)
/// allow-paths: ['tests/fixtures/**'] # gitignore-style globs of paths never scanned
/// allow-values: ['sk-test-[0-9a-f]+']  # regexes; a value one of them matches entirely is ignored
/// rules: [security/rules.yml]        # extra rule files or folders (relative to this file)
/// terms: security/terms.txt          # terms file (relative to this file)
/// file-classes: {'docs/prompts/**': prompt}  # glob -> file class overrides
/// max-file-size: 5M                  # bytes, or with K, M or G
/// baseline: .promptscan-baseline.json  # baseline file (relative to this file)
/// guard: {secrets: high}             # what `promptscan guard` blocks (see `GuardSettings`)
/// ```
public struct ScanConfig: Sendable {
    /// The file the settings came from (nil for the empty default).
    public var path: String?
    public var enable: [String]?
    public var disable: [String] = []
    public var severity: [String: Severity] = [:]
    public var failOn: Severity?
    public var allowPaths = GlobList([])
    public var allowValues: [String] = []
    /// Extra rule files and folders, resolved against the config file's folder.
    public var ruleFiles: [String] = []
    /// The terms file, resolved against the config file's folder (used by the terms rules).
    public var termsFile: String?
    /// Glob to file class, in file order (the last matching entry wins).
    public var fileClasses: [(glob: GlobList, fileClass: FileClass)] = []
    public var maxFileSize: Int?
    /// The baseline file, resolved against the config file's folder.
    public var baseline: String?
    /// What `promptscan guard` blocks and warns about.
    public var guardSettings = GuardSettings()
    /// Line of each rule id named in `enable`, `disable` or `severity`, to point at an unknown id.
    var ruleIDLines: [(id: String, line: Int)] = []
    /// Every path the file names (`rules`, `terms`, `baseline`) as written, with its line: checked
    /// to stay inside the repository, and read from the base revision in an untrusted run.
    public var namedPaths: [NamedPath] = []

    /// A path named by the config, as written in it.
    public struct NamedPath: Sendable, Equatable {
        public let key: String
        public let value: String
        public let line: Int
    }

    public static let fileName = ".promptscan.yml"
    public static let knownKeys = [
        "enable", "disable", "severity", "fail-on", "allow-paths", "allow-values", "rules", "terms", "file-classes",
        "max-file-size", "baseline", "guard",
    ]

    public init() {}

    /// The largest config file read.
    public static let maximumBytes = 1 << 20

    /// Reads the config at `path`, and checks that the paths it names stay inside the repository
    /// the file belongs to (`PathContainment`).
    public static func load(path: String) throws(PromptScanError) -> ScanConfig {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
            throw .configuration(path: path, line: nil, message: "config file is over \(maximumBytes >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read config file" : "no such config file")
        }
        var config = try parse(data, path: path)
        config.containmentRoot = PathContainment.repositoryRoot(forFileAt: path)
        try config.checkContainment()
        return config
    }

    /// Parses config bytes (from a file or a git object); `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws(PromptScanError) -> ScanConfig {
        guard data.count <= maximumBytes else {
            throw .configuration(path: path, line: nil, message: "config file is over \(maximumBytes >> 20) MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .configuration(path: path, line: nil, message: "config file is not valid UTF-8")
        }
        return try parse(yaml: text, path: path)
    }

    /// The config named by `explicit`, else `<root>/.promptscan.yml` when it exists, else the defaults.
    public static func discover(explicit: String?, root: String?) throws(PromptScanError) -> ScanConfig {
        if let explicit { return try load(path: explicit) }
        guard let root else { return ScanConfig() }
        let candidate = root == "." ? fileName : (root.hasSuffix("/") ? root : root + "/") + fileName
        return FileManager.default.fileExists(atPath: candidate) ? try load(path: candidate) : ScanConfig()
    }

    /// The folder the paths this config names must stay in (the repository of a config file);
    /// nil for a config that names no file-system paths (defaults, or one read from a git revision).
    public var containmentRoot: String?

    /// Refuses, with the config line, a named path that is absolute, leaves `containmentRoot`
    /// (by `..` or a link), is missing, or is not a regular file (a folder for `rules`); the
    /// files of a `rules` folder are checked the same way.
    public func checkContainment() throws(PromptScanError) {
        guard let root = containmentRoot, let path else { return }
        let directory = (path as NSString).deletingLastPathComponent
        for named in namedPaths {
            let target = directory.isEmpty ? named.value : (directory as NSString).appendingPathComponent(named.value)
            let kind: PathContainment.Kind
            switch named.value.hasPrefix("/") ? .failure(.outside) : PathContainment.check(target, root: root, allowFolder: named.key == "rules") {
            case let .failure(refusal):
                throw .configuration(path: path, line: named.line, message: PathContainment.message(refusal, key: named.key))
            case let .success(found):
                kind = found
            }
            guard kind == .folder else { continue }
            for file in (try? RuleLoader.ruleFiles(at: target)) ?? [] {
                if case let .failure(refusal) = PathContainment.check(file, root: root) {
                    throw .configuration(
                        path: path, line: named.line, message: PathContainment.message(refusal, key: named.key) + " (a file in the named folder)")
                }
            }
        }
    }

    /// Parses config text; `path` names the file in errors and anchors relative paths.
    public static func parse(yaml: String, path: String) throws(PromptScanError) -> ScanConfig {
        var config = ScanConfig()
        config.path = path
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw .configuration(path: path, line: yamlLine(error), message: "invalid YAML: \(yamlSummary(error))")
        } catch {
            throw .configuration(path: path, line: nil, message: "invalid YAML")
        }
        guard let root else { return config }  // an empty file
        guard let mapping = root.mapping else {
            throw .configuration(path: path, line: line(root), message: "expected a mapping of settings (\(knownKeys.joined(separator: ", ")))")
        }
        let directory = (path as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") || directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)
        }
        func bad(_ node: Node, _ message: String) -> PromptScanError {
            .configuration(path: path, line: line(node), message: message)
        }
        func strings(_ node: Node, _ key: String) throws(PromptScanError) -> [(String, Int)] {
            guard let sequence = node.sequence else { throw bad(node, "'\(key)' must be a list") }
            var out: [(String, Int)] = []
            for item in sequence {
                guard item.scalar != nil, let text = item.string, !text.isEmpty else {
                    throw bad(item, "'\(key)' entries must be non-empty strings")
                }
                out.append((text, line(item)))
            }
            return out
        }
        func string(_ node: Node, _ key: String) throws(PromptScanError) -> String {
            guard node.scalar != nil, let text = node.string, !text.isEmpty else { throw bad(node, "'\(key)' must be a non-empty string") }
            return text
        }
        func severity(_ node: Node, _ key: String) throws(PromptScanError) -> Severity {
            guard let text = node.string, let value = Severity(rawValue: text) else {
                throw bad(node, "'\(key)' must be a severity (low, medium, high, critical)")
            }
            return value
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, knownKeys.contains(key) else {
                throw bad(keyNode, "unknown key" + OneLine.unknownKeyHint(keyNode.string, known: knownKeys))
            }
            switch key {
            case "enable":
                let ids = try strings(value, key)
                config.enable = ids.map(\.0)
                config.ruleIDLines += ids.map { (id: $0.0, line: $0.1) }
            case "disable":
                let ids = try strings(value, key)
                config.disable = ids.map(\.0)
                config.ruleIDLines += ids.map { (id: $0.0, line: $0.1) }
            case "severity":
                guard let entries = value.mapping else { throw bad(value, "'severity' must be a mapping of rule id to severity") }
                for (idNode, levelNode) in entries {
                    let id = try string(idNode, "severity")
                    config.severity[id] = try severity(levelNode, "severity")
                    config.ruleIDLines.append((id: id, line: line(idNode)))
                }
            case "fail-on":
                config.failOn = try severity(value, key)
            case "allow-paths":
                config.allowPaths = GlobList(try strings(value, key).map(\.0))
            case "allow-values":
                for (source, itemLine) in try strings(value, key) {
                    do {
                        _ = try Pattern("^(?:" + source + ")$")
                    } catch {
                        throw .configuration(
                            path: path, line: itemLine,
                            message: "allow-values: entry does not compile at offset \(max(0, error.offset - 4)): \(OneLine.clean(error.message, limit: 80))")
                    }
                    config.allowValues.append(source)
                }
            case "rules":
                let files = value.sequence != nil ? try strings(value, key) : [(try string(value, key), line(value))]
                config.ruleFiles = files.map { resolve($0.0) }
                config.namedPaths.removeAll { $0.key == key }  // a repeated key: the last one counts
                config.namedPaths += files.map { NamedPath(key: key, value: $0.0, line: $0.1) }
            case "terms":
                let file = try string(value, key)
                config.termsFile = resolve(file)
                config.namedPaths.removeAll { $0.key == key }
                config.namedPaths.append(NamedPath(key: key, value: file, line: line(value)))
            case "file-classes":
                guard let entries = value.mapping else { throw bad(value, "'file-classes' must be a mapping of glob to file class") }
                for (globNode, classNode) in entries {
                    let glob = try string(globNode, key)
                    guard let text = classNode.string, let fileClass = FileClass(rawValue: text) else {
                        throw bad(classNode, "'file-classes' values must be file classes (\(FileClass.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    config.fileClasses.append((GlobList([glob]), fileClass))
                }
            case "max-file-size":
                guard let text = value.string, let size = parseSize(text) else {
                    throw bad(value, "'max-file-size' must be a number of bytes, optionally with K, M or G")
                }
                config.maxFileSize = size
            case "baseline":
                let file = try string(value, key)
                config.baseline = resolve(file)
                config.namedPaths.removeAll { $0.key == key }
                config.namedPaths.append(NamedPath(key: key, value: file, line: line(value)))
            case "guard":
                config.guardSettings = try GuardSettings.parse(value, path: path)
            default:
                break
            }
        }
        return config
    }

    /// The rules of a run: the defaults, the config's rule files and `extra`, then `enable`,
    /// `disable`, severity overrides and `allow-values` applied. An unknown rule id is an error
    /// naming the config line.
    /// `configRules`, when given, are the rules of the config's `rules` files already read (from a
    /// git revision); otherwise those files are read from disk.
    public func rules(extra: [String], configRules: [Rule]? = nil) throws(PromptScanError) -> [Rule] {
        var rules: [Rule]
        if let configRules {
            rules = try RuleCatalog.load(extra: []) + configRules + RuleCatalog.load(extra: extra, includeDefaults: false)
        } else {
            rules = try RuleCatalog.load(extra: ruleFiles + extra)
        }
        let known = Set(rules.map(\.id))
        for entry in ruleIDLines where !known.contains(entry.id) {
            throw .configuration(path: path, line: entry.line, message: "unknown rule id")
        }
        if let enable {
            let wanted = Set(enable)
            rules.removeAll { !wanted.contains($0.id) }
        }
        let disabled = Set(disable)
        rules.removeAll { disabled.contains($0.id) }
        for index in rules.indices {
            if let level = severity[rules[index].id] { rules[index].severity = level }
            rules[index].allow += allowValues
        }
        return rules
    }

    /// Whether `path` (relative to the repository root) should be scanned.
    public func isScanned(_ path: String) -> Bool { !allowPaths.matches(path) }

    /// The configured file class for `path`, if a `file-classes` glob matches it (the last one wins).
    public func fileClass(for path: String) -> FileClass? {
        fileClasses.last { $0.glob.matches(path) }?.fileClass
    }

    /// `123`, `10K`, `10M`, `1G` (binary multiples) to bytes.
    public static func parseSize(_ text: String) -> Int? {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B"), digits.count > 1, multipliers[digits.dropLast().last ?? " "] != nil { digits.removeLast() }
        if let last = digits.last, let m = multipliers[last] {
            multiplier = m
            digits.removeLast()
        }
        guard let value = Int(digits), value >= 0 else { return nil }
        return value.multipliedReportingOverflow(by: multiplier).overflow ? nil : value * multiplier
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        case let .duplicatedKeysInMapping(_, context): context.mark.line
        default: nil
        }
    }

    /// The column and libyaml's reason (fixed texts such as "could not find expected ':'"), never
    /// the offending line: YAML errors must not quote the file.
    static func yamlSummary(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            "column \(mark.column): " + [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .duplicatedKeysInMapping: "duplicated key in a mapping"
        case .dataCouldNotBeDecoded: "not valid text"
        default: "not valid YAML"
        }
    }
}
