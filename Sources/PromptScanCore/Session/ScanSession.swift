import Dispatch
import Foundation

/// One run, from where its items come from to the finished report: every command that scans
/// (`scan`, `staged`, `diff`, `history`, `baseline`) builds one and reads its report. The session
/// walks or asks git, scans through one `ScanEngine`, applies the baseline, adds the setup's own
/// notices and puts the notices in `Notice.order`, once.
public struct ScanSession: Sendable {
    /// Where the items of a run come from.
    public enum Source: Sendable {
        /// A directory or a single file, walked (`FileWalker`).
        case tree(String)
        /// Several directories or files, each walked as its own root; report paths begin with the
        /// path as given (`displayRoot(ofTree:)`), so they are told apart.
        case trees([String])
        /// What `git commit` would record: the staged blobs of the repository `git` runs in.
        case staged(Git)
        /// The lines a branch adds: from the merge base of `base` and `head` to `head`.
        case diff(Git, base: String, head: String)
        /// The lines every commit reachable from HEAD added, after `since` when given.
        case history(Git, since: String?)
        /// Bytes under a name (standard input, an agent's payload), classified by that name.
        case text(name: String, bytes: [UInt8])
        /// Files named one by one (`FileWalker.listed`), scanned in full from the work tree.
        case files([(absolute: String, relative: String)])
        /// The files `changes` picks in the repository `git` runs in (a hook's own choice: the
        /// staged files it was given, the commits of a push), their added lines.
        case changes(Git, @Sendable (GitChanges) throws(PromptScanError) -> [ChangedFile])
    }

    /// How a session scans, whatever its source.
    public struct Options: Sendable {
        /// Worker threads.
        public var threads = ScanEngine.defaultThreadCount
        /// Matched values in findings instead of redacted previews.
        public var showSecrets = false
        /// Caps on findings per rule and per file.
        public var limits = FindingLimits()
        /// Tree sources: follow symbolic links.
        public var followSymlinks = false
        /// Tree sources: honour `.gitignore` and `.promptscanignore` files.
        public var useIgnoreFiles = true
        /// `staged` and `diff`: report findings on every line of a changed file, not only added ones.
        public var allLines = false
        /// Counters for a progress line (nil: none kept).
        public var progress: ScanProgress? = nil
        /// Scan only this part of the items (`tree`, `diff`, `history`); the report says which.
        public var shard: Shard? = nil

        public init() {}
    }

    public let setup: RunSetup
    public let source: Source
    public let options: Options

    public init(setup: RunSetup, source: Source, options: Options = Options()) {
        self.setup = setup
        self.source = source
        self.options = options
    }

    /// Scans the source and returns the finished report: findings in report order with the
    /// baseline applied, notices (the setup's included) in `Notice.order`.
    public func run() throws(PromptScanError) -> ScanReport {
        var report: ScanReport
        var covered = 0
        switch source {
        case let .tree(path):
            report = try scanTree(path, covered: &covered)
        case let .trees(paths):
            report = try scanTrees(paths, covered: &covered)
        case let .staged(git):
            report = try scanChanges(in: git, allLines: options.allLines) { changes throws(PromptScanError) in try changes.staged() }
        case let .diff(git, base, head):
            report = try scanChanges(in: git, allLines: options.allLines) { [options] changes throws(PromptScanError) in
                let files = try changes.branch(base: base, head: head)
                guard let shard = options.shard else { return files }
                let parts = Shard.assign(keys: files.map(\.path), weights: files.map { _ in 1 }, heavy: Int.max, count: shard.count)
                return files.indices.filter { parts[$0] == shard.index - 1 }.map { files[$0] }
            }
            if options.shard != nil { covered = report.filesScanned }
        case let .history(git, since):
            var commitCount = 0
            report = try scanChanges(in: git, allLines: false) { [options] changes throws(PromptScanError) in
                var commits = try changes.commits(since: since)
                if let shard = options.shard {
                    let weights = try changes.filesChanged(since: since)
                    let parts = Shard.assign(
                        keys: commits.map(\.id), weights: commits.map { 1 + (weights[$0.id] ?? 0) }, heavy: Shard.heavyCommitFiles,
                        count: shard.count)
                    commits = commits.indices.filter { parts[$0] == shard.index - 1 }.map { commits[$0] }
                }
                commitCount = commits.count
                var files: [ChangedFile] = []
                for commit in commits {
                    files.append(contentsOf: try changes.changes(in: commit))
                }
                return files
            }
            covered = commitCount
        case let .text(name, bytes):
            report = scanText(name: name, bytes: bytes)
        case let .files(list):
            report = try scanFiles(list)
        case let .changes(git, pick):
            report = try scanChanges(in: git, allLines: options.allLines, pick)
        }
        if let baseline = setup.baseline { report = baseline.apply(to: report) }
        // Notices about the whole run are the first part's, so that the parts add up to one run.
        if options.shard.map({ $0.index == 1 }) ?? true {
            if let notice = setup.termsNotice { report.notices.append(notice) }
            report.notices += setup.policyNotices
        }
        report.orderNotices()
        if let shard = options.shard { report.shard = shardInfo(shard, report: report, covered: covered) }
        return report
    }

    /// What a part says about itself: which part, of which commit and settings, and what it covered.
    func shardInfo(_ shard: Shard, report: ScanReport, covered: Int) -> ShardInfo {
        let command: String
        let directory: String
        switch source {
        case let .tree(path):
            command = "scan"
            directory = Self.displayRoot(ofTree: path)
        case let .diff(git, _, _):
            command = "diff"
            directory = git.directory
        case let .history(git, _):
            command = "history"
            directory = git.directory
        default:
            command = "scan"
            directory = "."
        }
        let revision = ((try? Git(directory: directory.isEmpty ? "." : directory).headCommit()) ?? nil) ?? ""
        return ShardInfo(
            shard: shard, command: command, revision: revision, settings: setup.settingsDigest(limits: options.limits),
            unit: command == "history" ? "commits" : "files", covered: covered, failing: report.failingCount(at: setup.failOn),
            failOn: setup.failOn)
    }

    /// The engine every source scans through.
    var engine: ScanEngine {
        var scanner = FileScanner(ruleSet: setup.ruleSet, showSecrets: options.showSecrets)
        scanner.terms = setup.terms
        scanner.limits = options.limits
        var engineOptions = ScanEngine.Options(threads: options.threads, maxFileSize: setup.maxFileSize)
        engineOptions.progress = options.progress
        return ScanEngine(scanner: scanner, options: engineOptions)
    }

    /// The walk's options: the session's, the size limit, and the config's filters.
    var walkOptions: FileWalker.Options {
        var walkOptions = FileWalker.Options()
        walkOptions.followSymlinks = options.followSymlinks
        walkOptions.useIgnoreFiles = options.useIgnoreFiles
        walkOptions.maxFileSize = setup.maxFileSize
        let config = setup.config
        if !config.allowPaths.isEmpty { walkOptions.pathFilter = { config.isScanned($0) } }
        if !config.fileClasses.isEmpty { walkOptions.fileClassOverride = { config.fileClass(for: $0) } }
        walkOptions.termsFile = setup.termsFilePath
        return walkOptions
    }

    /// Scans the files of `list` in full.
    func scanFiles(_ list: [(absolute: String, relative: String)]) throws(PromptScanError) -> ScanReport {
        let listed = try FileWalker(options: walkOptions).walk(files: list)
        let engine = engine
        var report = engine.collect { emit in listed.items.forEach(emit) }
        report.notices.append(contentsOf: engine.redactingPaths(listed.notices))
        report.ignoredCount = listed.ignoredCount
        return report
    }

    /// Walks `path` and scans each file as the walk finds it. A part of a split run walks first,
    /// then scans its own files (the split weighs every file); `covered` is how many that was.
    func scanTree(_ path: String, covered: inout Int) throws(PromptScanError) -> ScanReport {
        let walkOptions = walkOptions
        let engine = engine
        // The walk runs on one of the engine's workers and hands it each file as found.
        var walked = Result<FileWalker.Result, PromptScanError>.success(FileWalker.Result())
        let started = DispatchTime.now().uptimeNanoseconds
        var report: ScanReport
        if let shard = options.shard {
            var items: [ScanItem] = []
            walked = Result { () throws(PromptScanError) in try FileWalker(options: walkOptions).walk(root: path) { items.append($0) } }
            let parts = Shard.assign(keys: items.map(\.path), weights: items.map(\.size), heavy: Shard.heavyBytes, count: shard.count)
            let mine = items.indices.filter { parts[$0] == shard.index - 1 }.map { items[$0] }
            covered = mine.count
            report = engine.collect { emit in mine.forEach(emit) }
        } else {
            report = engine.collect { emit in
                walked = Result { () throws(PromptScanError) in try FileWalker(options: walkOptions).walk(root: path, emit: emit) }
                RuleProfiler.shared?.add(phase: "walk (scanning alongside)", since: started)
            }
        }
        RuleProfiler.shared?.add(phase: "walk and scan", since: started)
        let walkResult = try walked.get()
        // (The walk's notices name files that were not scanned: their names may hold secrets too.)
        var notices = walkResult.notices
        if let shard = options.shard { notices = notices.filter { shard.owns(key: $0.path) } }
        report.notices.append(contentsOf: engine.redactingPaths(notices))
        report.ignoredCount = (options.shard.map { $0.index == 1 } ?? true) ? walkResult.ignoredCount : 0
        return report
    }

    /// Walks each of `paths` as `.tree` does and puts the reports together: every path shown from
    /// the root as given (`scan src docs` reports `src/a.py` and `docs/b.md`), findings in report
    /// order, counts added up. The baseline and the setup's notices apply once, to the whole.
    func scanTrees(_ paths: [String], covered: inout Int) throws(PromptScanError) -> ScanReport {
        var merged = ScanReport()
        let (roots, inside) = Self.outermost(paths)
        for (path, other) in inside {
            merged.notices.append(
                Notice(kind: .skipped, path: engine.displayPath(path), message: "inside \(engine.displayPath(other)), also given: scanned once, as part of it"))
        }
        for path in roots {
            var partCovered = 0
            let part = try scanTree(path, covered: &partCovered)
            covered += partCovered
            let prefix = ReportContext.displayPrefix(Self.displayRoot(ofTree: path))
            for var finding in part.findings {
                finding.path = prefix + finding.path
                merged.findings.append(finding)
            }
            for notice in part.notices {
                merged.notices.append(Notice(kind: notice.kind, path: prefix + notice.path, message: notice.message, ruleID: notice.ruleID))
            }
            merged.filesScanned += part.filesScanned
            merged.bytesScanned += part.bytesScanned
            merged.ignoredCount += part.ignoredCount
        }
        merged.findings.sort(by: Finding.reportOrder)
        return merged
    }

    /// The paths of a several-path run less those inside another one (`scan . src`: `src` is
    /// walked as part of `.`, so its findings are not reported twice), and each path left out with
    /// the path that holds it. Paths compare by their real paths; a path that is itself a symbolic
    /// link, or that does not exist, is kept as given (its walk says what it is).
    static func outermost(_ paths: [String]) -> (roots: [String], inside: [(path: String, in: String)]) {
        let real: [String?] = paths.map { path in
            guard let status = try? FileSystem.status(path, followingLinks: false), status.kind != .symbolicLink else { return nil }
            return FileSystem.realPath(path)
        }
        func holds(_ outer: String, _ inner: String) -> Bool {
            outer == "/" ? inner != "/" : inner.hasPrefix(outer + "/")
        }
        var roots: [String] = []
        var inside: [(path: String, in: String)] = []
        for (i, path) in paths.enumerated() {
            let holder = real[i].flatMap { mine in
                paths.indices.first { j in
                    guard j != i, let theirs = real[j] else { return false }
                    return holds(theirs, mine) || (theirs == mine && j < i)
                }
            }
            if let holder { inside.append((path, paths[holder])) } else { roots.append(path) }
        }
        return (roots, inside)
    }

    /// What the paths of a tree scan of `path` are shown from: the directory as given, or for a
    /// single file the folder part of its path ("" when it has none).
    public static func displayRoot(ofTree path: String) -> String {
        // A symbolic link named here to a folder is walked as that folder, so its files are shown
        // under the link's name; a link to a file is one path, like the file.
        guard (try? FileSystem.status(path, followingLinks: true).kind) != .directory else { return path }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Asks git for the changed files and scans their new versions. An untrusted run says so
    /// when the change edits the settings it does not take from the change.
    func scanChanges(
        in git: Git, allLines: Bool, _ changes: (GitChanges) throws(PromptScanError) -> [ChangedFile]
    ) throws(PromptScanError) -> ScanReport {
        let files = try changes(GitChanges(git: git))
        var scanner = ChangeScanner(engine: engine, blobs: BlobReader(git: git), allLines: allLines)
        scanner.honoursAddedAllows = setup.policy.isTrusted
        let config = setup.config
        if !config.allowPaths.isEmpty { scanner.pathFilter = { config.isScanned($0) } }
        if !config.fileClasses.isEmpty { scanner.fileClassOverride = { config.fileClass(for: $0) } }
        var report = try scanner.scan(files)
        if !setup.policy.isTrusted {
            for file in files where !file.isDeletion && [ScanConfig.fileName, Baseline.defaultFileName].contains(file.path) {
                report.notices.append(
                    Notice(
                        kind: .policy, path: file.path,
                        message: "changed here, but an untrusted run does not read it from the change (it applies once merged)"))
            }
        }
        return report
    }

    /// Scans `bytes` as one file named `name`, with the config's path filters and class overrides.
    func scanText(name: String, bytes: [UInt8]) -> ScanReport {
        guard setup.config.isScanned(name) else {
            var report = ScanReport()
            report.ignoredCount = 1
            return report
        }
        return engine.collect { emit in emit(ScanItem(path: name, fileClass: setup.config.fileClass(for: name), source: .bytes(bytes))) }
    }
}
