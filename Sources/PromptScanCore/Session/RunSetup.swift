import Foundation

/// The setup of one run from its options and the repository's config: rules, thresholds, baseline.
public struct RunSetup: Sendable {
    public let config: ScanConfig
    public private(set) var rules: [Rule]
    public let ruleSet: RuleSet
    /// The client-terms matcher, when a terms file and its key are both present.
    public private(set) var terms: TermsMatcher?
    /// Why client terms were not checked (a terms file without its key), as a notice for the report.
    public private(set) var termsNotice: Notice?
    /// The terms file, resolved: it holds patterns and ids of its own, so it is not scanned.
    public private(set) var termsFilePath: String?
    public let failOn: Severity
    public let maxFileSize: Int
    public let baseline: Baseline?
    public let policy: Policy
    /// Notices about the policy itself (the work tree's config not read).
    public private(set) var policyNotices: [Notice] = []

    /// `root` is where `.promptscan.yml` and `.promptscan-baseline.json` are looked for.
    public init(
        root: String?, configPath: String?, extraRules: [String], failOn: Severity?, maxFileSize: String?, baselinePath: String?,
        loadBaseline: Bool = true, termsPath: String? = nil, policy: Policy = .workTree
    ) throws(PromptScanError) {
        self.policy = policy
        var configRules: [Rule]?
        var termsFile: (file: TermsFile, path: String)?
        var revisionBaseline: Baseline?
        switch policy {
        case .workTree:
            config = try ScanConfig.discover(explicit: configPath, root: root)
        case let .trustedFile(path):
            config = try ScanConfig.load(path: path)
        case .defaults:
            config = ScanConfig()
            if let root, FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(ScanConfig.fileName)) {
                policyNotices.append(
                    Notice(
                        kind: .policy, path: ScanConfig.fileName,
                        message:
                            "not read: an untrusted run takes no settings from the change under review (built-in defaults; --trusted-config FILE to give some)")
                )
            }
        case let .baseRevision(files):
            let label = files.label + ScanConfig.fileName
            if let bytes = try files.file(ScanConfig.fileName, limit: ScanConfig.maximumBytes, key: "config", config: label, line: nil) {
                config = try ScanConfig.parse(Data(bytes), path: label)
            } else {
                config = ScanConfig()
            }
            var loaded: [Rule] = []
            for named in config.namedPaths where named.key == "rules" {
                for (path, bytes) in try files.ruleFiles(named.value, limit: RuleLoader.limits.bytes, config: label, line: named.line) {
                    guard let text = String(bytes: bytes, encoding: .utf8) else {
                        throw .ruleFile(path: files.label + path, line: nil, ruleID: nil, message: "not valid UTF-8")
                    }
                    loaded += try RuleLoader.parse(yaml: text, path: files.label + path)
                }
            }
            configRules = loaded
            if termsPath == nil, let named = config.namedPaths.last(where: { $0.key == "terms" }) {
                guard let bytes = try files.file(named.value, limit: TermsFile.maximumBytes, key: "terms", config: label, line: named.line) else {
                    throw .configuration(path: label, line: named.line, message: PathContainment.message(.missing, key: "terms"))
                }
                termsFile = (try TermsFile.parse(Data(bytes), path: files.label + named.value), files.label + named.value)
            }
            if loadBaseline && baselinePath == nil {
                let named = config.namedPaths.last { $0.key == "baseline" }
                let path = named?.value ?? Baseline.defaultFileName
                if let bytes = try files.file(path, limit: 64 << 20, key: "baseline", config: label, line: named?.line) {
                    revisionBaseline = try Baseline.parse(Data(bytes), path: files.label + path)
                } else if let named {
                    throw .configuration(path: label, line: named.line, message: PathContainment.message(.missing, key: "baseline"))
                }
            }
        }
        rules = try config.rules(extra: extraRules, configRules: configRules)
        // Benchmarking knob: leave out rules by id or category (comma-separated).
        if let excluded = ProcessInfo.processInfo.environment["PROMPTSCAN_EXCLUDE_RULES"]?.split(separator: ",").map(String.init) {
            rules.removeAll { excluded.contains($0.id) || excluded.contains($0.category.rawValue) }
        }
        ruleSet = try RuleSet(rules)
        let termsSource: (file: TermsFile, path: String)?
        if let termsFile {
            termsSource = termsFile
        } else if let path = termsPath ?? config.termsFile {
            termsFilePath = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            termsSource = (try TermsFile.load(path: path), path)
        } else {
            termsSource = nil
        }
        if case let (file, path)? = termsSource {
            if let key = ProcessInfo.processInfo.environment[TermsFile.keyVariable], !key.isEmpty {
                terms = try TermsMatcher(file: file, key: key)
                rules.append(TermsMatcher.rule)
            } else {
                // (Named from the scanned folder when it lies inside it, as every other path of the report.)
                let shown =
                    root.flatMap { root -> String? in
                        let prefix = root.hasSuffix("/") ? root : root + "/"
                        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
                    } ?? path
                termsNotice = Notice(
                    kind: .skipped, path: shown,
                    message: "client terms not checked: \(TermsFile.keyVariable) is not set (the file holds keyed hashes only)")
            }
        }
        self.failOn = failOn ?? config.failOn ?? .medium
        self.maxFileSize = maxFileSize.flatMap(ScanConfig.parseSize) ?? config.maxFileSize ?? FileSizeLimit.defaultBytes
        if !loadBaseline {
            baseline = nil
        } else if case .baseRevision = policy, baselinePath == nil {
            baseline = revisionBaseline
        } else if let path = baselinePath ?? config.baseline {
            baseline = try Baseline.load(path: path)
        } else if policy.isTrusted, let root, FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(Baseline.defaultFileName)) {
            baseline = try Baseline.load(path: (root as NSString).appendingPathComponent(Baseline.defaultFileName))
        } else {
            baseline = nil
        }
    }
}
