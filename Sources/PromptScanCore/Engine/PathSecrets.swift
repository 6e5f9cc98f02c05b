/// Secrets in file names: a file named after an AWS key or a GitHub token leaks the key through
/// every report that names the file. The path of every item is scanned with the secret rules that
/// have keywords (vendor formats; a path holds no assignments for the generic rules, and the
/// keyword automaton keeps it cheap); each value found is a finding at line 0, column 0 with
/// `inPath` set and a message saying so (SARIF: a region at the file's first character and
/// `properties.location: "path"`), and, unless secrets are shown, the path is
/// redacted in the item's findings and notices: each value becomes `[redacted RULE-ID]`.
extension ScanEngine {
    /// The indices of the rules run over paths.
    static func pathRules(_ ruleSet: RuleSet) -> Set<Int> {
        Set(
            ruleSet.rules.indices.filter { index in
                let rule = ruleSet.rules[index].rule
                return rule.category == .secret && !rule.generic && !rule.keywords.isEmpty
            })
    }

    /// The secrets in `path`, as findings located in the path (byte ranges are offsets in the path).
    func pathFindings(_ path: String, fileClass: FileClass, scratch: MatchScratch) -> [Finding] {
        guard !pathRules.isEmpty else { return [] }
        let bytes = Array(path.utf8)
        var findings = bytes.withUnsafeBytes { raw in
            scanner.scan(raw, path: path, fileClass: fileClass, scratch: scratch, onlyRules: pathRules, startsFile: false).findings
        }
        for index in findings.indices {
            findings[index].inPath = true
            findings[index].line = 0
            findings[index].column = 0
            findings[index].endLine = 0
            findings[index].endColumn = 0
            findings[index].message += " in the file name"
        }
        return findings.filter { $0.category == .secret }
    }

    /// `path` with every secret in `found` (findings of `pathFindings`) replaced by `[redacted RULE-ID]`.
    static func redacted(_ path: String, _ found: [Finding]) -> String {
        var bytes = Array(path.utf8)
        for finding in found.sorted(by: { $0.byteRange.lowerBound > $1.byteRange.lowerBound }) {
            let range = finding.byteRange.clamped(to: 0..<bytes.count)
            bytes.replaceSubrange(range, with: Array("[redacted \(finding.ruleID)]".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds the secrets of the item's path to `result` and, unless secrets are shown, redacts the
    /// path in every finding and notice of the item.
    func addPathSecrets(_ result: inout ItemResult, path: String, fileClass: FileClass, scratch: MatchScratch) {
        let found = pathFindings(path, fileClass: fileClass, scratch: scratch)
        guard !found.isEmpty else { return }
        result.findings = found + result.findings
        guard !scanner.showSecrets else { return }
        let shown = Self.redacted(path, found)
        for index in result.findings.indices where result.findings[index].path == path { result.findings[index].path = shown }
        result.notices = result.notices.map { $0.path == path ? $0.moved(to: shown) : $0 }
    }

    /// `path` as reports may show it: redacted when it holds a secret and secrets are not shown.
    /// For the few paths reported outside a scanned item (the walk's notices, git's skipped files).
    public func displayPath(_ path: String) -> String {
        guard !scanner.showSecrets, !pathRules.isEmpty else { return path }
        let found = pathFindings(path, fileClass: .other, scratch: MatchScratch(groups: scanner.ruleSet.maxGroups + 1))
        return found.isEmpty ? path : Self.redacted(path, found)
    }

    /// `notices` with the paths that hold secrets redacted (see `displayPath`).
    public func redactingPaths(_ notices: [Notice]) -> [Notice] {
        guard !scanner.showSecrets, !pathRules.isEmpty else { return notices }
        return notices.map { notice in
            let shown = displayPath(notice.path)
            return shown == notice.path ? notice : notice.moved(to: shown)
        }
    }
}

extension Notice {
    /// The same notice under another path.
    func moved(to path: String) -> Notice { Notice(kind: kind, path: path, message: message, ruleID: ruleID) }
}
