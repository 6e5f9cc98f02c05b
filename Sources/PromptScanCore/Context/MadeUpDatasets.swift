import Synchronization

/// People of a benchmark's or a demo's data folder are made up as a set. One file of the set says
/// so (its name, Synthea's or Faker's marks, documentation mail domains, the fictional 555-01xx
/// numbers), and the others share its people without saying it again: a reservations table whose
/// passengers are the users of `users.json`, eligibility records keyed by the member ids of
/// `patient_profiles.json`, a scenario folder beside a fixtures folder, the accounts and medical
/// records beside a file of Faker's cards.
///
/// - A file right beside one that carries a generator's mark or names itself made up is that
///   generator's output too: its personal and health findings, and its keyword = value secrets
///   (the generated accounts' passwords), are notes. A key in a vendor's format is still reported.
/// - A birth date cannot be told from a real one by itself, so a date near any file that says its
///   people are made up (its own folder, the folders right below it and, below the scan root's
///   top level, the folders beside it and the files of the folder above: `data/fixtures` and
///   `data/scenarios`, `db.json` and `tasks/task_001.json`) takes the set's verdict. Other
///   identifiers there keep their own.
///
/// What decides is read from disk, not from the run's other results, so every part of a split run
/// decides as the whole run does.
final class MadeUpDatasets: Sendable {
    /// The justifications of a finding demoted here.
    static let source = "a date in a folder whose other data file says its people are made up"
    static let folderSource = "personal data in a folder whose other data file carries a fake-data generator's marks or says it is made up"
    /// At most this many files of a folder are looked at, each up to `fileBytes`, in at most
    /// `foldersLooked` folders around one (and the folder above), `bytesLooked` in all.
    static let filesLooked = 64
    static let foldersLooked = 16
    static let fileBytes = 8 << 20
    /// At most this many bytes are read for one folder's verdict.
    static let bytesLooked = 64 << 20

    private let scanner: FileScanner
    /// Rules whose findings are dates about a person (`PrivacyPolicy.sampleDateKinds`).
    private let dateRules: Set<String>
    /// Rules whose findings are dates or the known test values of people: what a file's own
    /// check for made-up people reads (`FileScanner.demoteDatesBesideKnownValues`).
    private let recordRules: Set<Int>
    /// Keyword = value secret rules (`generic: true`).
    private let genericRules: Set<String>
    /// The verdicts of each folder looked at, by absolute path: dates made up, and generator's marks.
    private let verdicts = Mutex<[String: Bool]>([:])
    private let marks = Mutex<[String: Bool]>([:])

    init(scanner: FileScanner) {
        self.scanner = scanner
        let rules = scanner.ruleSet.rules
        dateRules = Set(
            rules.filter { $0.rule.isPrivacy && !$0.rule.record && PrivacyPolicy.sampleDateKinds.contains($0.recordKind) }.map(\.rule.id))
        genericRules = Set(rules.filter { $0.rule.generic && $0.rule.category == .secret }.map(\.rule.id))
        let kinds = PrivacyPolicy.sampleDateKinds.union(PrivacyPolicy.sampleAnchorKinds)
        recordRules = Set(rules.indices.filter { rules[$0].rule.isPrivacy && !rules[$0].rule.record && kinds.contains(rules[$0].recordKind) })
    }

    /// Makes findings of the file at `absolutePath` (scanned as `item`) known examples when a data
    /// file around it says its people are made up: every personal or health finding when a file
    /// of its own folder carries a generator's mark or says so in its name, and the dates when a
    /// file of its folder, the folders below or the folders beside it says its people are made up.
    func demote(_ findings: inout [Finding], item: ScanItem, absolutePath: String) {
        guard findings.contains(where: isOpenMadeUp), let slash = absolutePath.lastIndex(of: "/") else { return }
        let folder = String(absolutePath[..<slash])
        let wholeFolder = marked(folder: folder)
        guard wholeFolder || findings.contains(where: isOpenDate) else { return }
        let source: String
        let demotes: (Finding) -> Bool
        if wholeFolder {
            source = Self.folderSource
            demotes = isOpenMadeUp
        } else {
            let depth = item.path.split(separator: "/").count - 1
            // The scan root's absolute path, for the classes of the files around (their paths from it).
            let root = absolutePath.hasSuffix("/" + item.path) ? String(absolutePath.dropLast(item.path.count)) : ""
            guard datesMadeUp(folder: folder, depth: depth, item: item, root: root) else { return }
            source = Self.source
            demotes = isOpenDate
        }
        for index in findings.indices where demotes(findings[index]) { findings[index].becomeKnownExample(source) }
    }

    private func isOpenDate(_ finding: Finding) -> Bool {
        finding.suppression == nil && dateRules.contains(finding.ruleID)
    }

    private func isOpenPrivacy(_ finding: Finding) -> Bool {
        finding.suppression == nil && (finding.category == .pii || finding.category == .phi)
    }

    /// A personal or health finding, or a keyword = value secret (a generated account's password),
    /// not yet a note. A key in a vendor's own format keeps its verdict wherever it sits.
    private func isOpenMadeUp(_ finding: Finding) -> Bool {
        isOpenPrivacy(finding) || (finding.suppression == nil && genericRules.contains(finding.ruleID))
    }

    /// Whether a file right in `folder` carries a generator's mark or names itself made up
    /// (`PrivacyPolicy.generatedDataReason`): the folder is that generator's output.
    private func marked(folder: String) -> Bool {
        if let known = marks.withLock({ $0[folder] }) { return known }
        var verdict = false
        var budget = Self.bytesLooked
        for file in Self.listing(of: folder).files.prefix(Self.filesLooked) {
            guard let bytes = Self.read(file, budget: &budget) else { continue }
            if bytes.withUnsafeBytes({ PrivacyPolicy.generatedDataReason(path: file, bytes: $0) }) != nil {
                verdict = true
                break
            }
        }
        marks.withLock { $0[folder] = verdict }
        return verdict
    }

    /// Whether a file around `folder` (at `depth` folders below the scan root) holds made-up people.
    private func datesMadeUp(folder: String, depth: Int, item: ScanItem, root: String) -> Bool {
        if let known = verdicts.withLock({ $0[folder] }) { return known }
        // Each folder is listed once; its files are looked at only when the search gets there.
        let own = Self.listing(of: folder)
        var folders = own.folders
        var parentFiles: [String] = []
        if depth >= 2, let slash = folder.lastIndex(of: "/") {
            let parent = Self.listing(of: String(folder[..<slash]))
            folders += parent.folders.filter { $0 != folder }
            parentFiles = parent.files
        }
        var verdict = false
        var budget = Self.bytesLooked
        let scratch = MatchScratch(groups: scanner.ruleSet.maxGroups + 1)
        let groups = [{ own.files }] + folders.prefix(Self.foldersLooked - 1).map { sub in { Self.listing(of: sub).files } } + [{ parentFiles }]
        search: for files in groups {
            for file in files().prefix(Self.filesLooked) where saysMadeUp(path: file, item: item, root: root, scratch: scratch, budget: &budget) {
                verdict = true
                break search
            }
        }
        verdicts.withLock { $0[folder] = verdict }
        return verdict
    }

    /// Whether the file at `path`, scanned alone, would be found to hold made-up people.
    private func saysMadeUp(path: String, item: ScanItem, root: String, scratch: MatchScratch, budget: inout Int) -> Bool {
        guard let bytes = Self.read(path, budget: &budget) else { return false }
        return bytes.withUnsafeBytes { raw in
            if PrivacyPolicy.madeUpDataReason(path: path, bytes: raw) != nil { return true }
            guard !recordRules.isEmpty, ByteScan.firstIndex(of: [64], in: 0..<raw.count, of: raw) != nil else { return false }
            // Its own dates made notes because nine in ten of its addresses are documentation ones.
            let name = root.isEmpty || !path.hasPrefix(root) ? (path.split(separator: "/").last.map(String.init) ?? path) : String(path.dropFirst(root.count))
            let found = scanner.scan(raw, path: name, fileClass: item.sibling(name).fileClass, scratch: scratch, onlyRules: recordRules).findings
            let reason = Suppression.knownTestValue(FileScanner.madeUpMailboxSource)
            return found.contains { $0.suppression == reason }
        }
    }

    /// The file at `path` when it is at most `fileBytes` long and what is left of `budget` holds it.
    private static func read(_ path: String, budget: inout Int) -> [UInt8]? {
        guard let size = try? FileSystem.status(path).size, size <= min(fileBytes, budget),
            let bytes = try? FileReader.read(path, limit: fileBytes)
        else { return nil }
        budget -= bytes.count
        return bytes
    }

    /// The regular files and the folders right inside `folder`, each sorted (hidden ones left out).
    private static func listing(of folder: String) -> (files: [String], folders: [String]) {
        guard let directory = try? FileSystem.openDirectory(folder) else { return ([], []) }
        var files: [String] = []
        var folders: [String] = []
        for name in directory.entries() {
            guard let text = String(validating: name, as: UTF8.self), !text.hasPrefix("."),
                let status = try? directory.status(of: name, followingLinks: false)
            else { continue }
            if status.kind == .regular { files.append(folder + "/" + text) }
            if status.kind == .directory { folders.append(folder + "/" + text) }
        }
        let order: (String, String) -> Bool = { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return (files.sorted(by: order), folders.sorted(by: order))
    }
}
