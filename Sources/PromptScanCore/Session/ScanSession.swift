import Dispatch

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
        switch source {
        case let .tree(path):
            report = try scanTree(path)
        case let .trees(paths):
            report = try scanTrees(paths)
        case let .staged(git):
            report = try scanChanges(in: git, allLines: options.allLines) { changes throws(PromptScanError) in try changes.staged() }
        case let .diff(git, base, head):
            report = try scanChanges(in: git, allLines: options.allLines) { changes throws(PromptScanError) in
                try changes.branch(base: base, head: head)
            }
        case let .history(git, since):
            report = try scanChanges(in: git, allLines: false) { changes throws(PromptScanError) in
                var files: [ChangedFile] = []
                for commit in try changes.commits(since: since) {
                    files.append(contentsOf: try changes.changes(in: commit))
                }
                return files
            }
        case let .text(name, bytes):
            report = scanText(name: name, bytes: bytes)
        case let .files(list):
            report = try scanFiles(list)
        case let .changes(git, pick):
            report = try scanChanges(in: git, allLines: options.allLines, pick)
        }
        if let baseline = setup.baseline { report = baseline.apply(to: report) }
        if let notice = setup.termsNotice { report.notices.append(notice) }
        report.notices += setup.policyNotices
        report.orderNotices()
        return report
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

    /// Walks `path` and scans each file as the walk finds it.
    func scanTree(_ path: String) throws(PromptScanError) -> ScanReport {
        var walkOptions = FileWalker.Options()
        walkOptions.followSymlinks = options.followSymlinks
        walkOptions.useIgnoreFiles = options.useIgnoreFiles
        walkOptions.maxFileSize = setup.maxFileSize
        let config = setup.config
        if !config.allowPaths.isEmpty { walkOptions.pathFilter = { config.isScanned($0) } }
        if !config.fileClasses.isEmpty { walkOptions.fileClassOverride = { config.fileClass(for: $0) } }
        walkOptions.termsFile = setup.termsFilePath
        let engine = engine
        // The walk runs on one of the engine's workers and hands it each file as found.
        var walked = Result<FileWalker.Result, PromptScanError>.success(FileWalker.Result())
        let started = DispatchTime.now().uptimeNanoseconds
        var report = engine.collect { emit in
            walked = Result { () throws(PromptScanError) in try FileWalker(options: walkOptions).walk(root: path, emit: emit) }
            RuleProfiler.shared?.add(phase: "walk (scanning alongside)", since: started)
        }
        RuleProfiler.shared?.add(phase: "walk and scan", since: started)
        let walkResult = try walked.get()
        // (The walk's notices name files that were not scanned: their names may hold secrets too.)
        report.notices.append(contentsOf: engine.redactingPaths(walkResult.notices))
        report.ignoredCount = walkResult.ignoredCount
        return report
    }

    /// Walks each of `paths` as `.tree` does and puts the reports together: every path shown from
    /// the root as given (`scan src docs` reports `src/a.py` and `docs/b.md`), findings in report
    /// order, counts added up. The baseline and the setup's notices apply once, to the whole.
    func scanTrees(_ paths: [String]) throws(PromptScanError) -> ScanReport {
        var merged = ScanReport()
        for path in paths {
            let part = try scanTree(path)
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

    /// What the paths of a tree scan of `path` are shown from: the directory as given, or for a
    /// single file the folder part of its path ("" when it has none).
    public static func displayRoot(ofTree path: String) -> String {
        // (As `scan PATH` has always shown one path: a symbolic link named here is not a directory.)
        guard (try? FileSystem.status(path, followingLinks: false).kind) != .directory else { return path }
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
