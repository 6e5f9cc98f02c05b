import Foundation

/// Finds the files under a root, in a fixed order (directories depth first, names sorted): honours `.gitignore` files inside a
/// git work tree and `.promptscanignore` files anywhere, never descends into `.git`, does not follow
/// symbolic links unless asked, and turns everything it does not return into a `Notice`.
public struct FileWalker: Sendable {
    public struct Options: Sendable {
        public var followSymlinks = false
        public var useIgnoreFiles = true
        public var maxFileSize = FileSizeLimit.defaultBytes
        /// Assigns each file its class; holds the config's class overrides.
        public var classifier = FileClassifier()
        /// Classify paths from the top of the git work tree holding the root (false: from the
        /// root itself, for a corpus that stands for a repository of its own).
        public var classifyFromRepositoryRoot = true
        /// Whether a file found is scanned, by its path (config `allow-paths`); the others count
        /// as ignored. nil scans every file.
        public var pathFilter: (@Sendable (String) -> Bool)?
        /// A class for a file's path that overrides the classifier's (config `file-classes`).
        public var fileClassOverride: (@Sendable (String) -> FileClass?)?
        /// The run's client-terms file (absolute, symbolic links resolved): it holds patterns and
        /// ids of its own, so it is left out, with a notice.
        public var termsFile: String?
        public init() {}
    }

    public struct Result: Sendable {
        public var items: [ScanItem] = []
        public var notices: [Notice] = []
        /// Paths left out because an ignore file said so (not scanned, by request).
        public var ignoredCount = 0
        public init() {}
    }

    public let options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Walks `root` (a directory or a single file). Paths in the result are relative to `root`
    /// ('/'-separated); a single file is reported under its own name.
    public func walk(root: String) throws(PromptScanError) -> Result {
        var items: [ScanItem] = []
        var result = try walk(root: root) { items.append($0) }
        result.items = items
        return result
    }

    /// Walks `root`, handing each file to `emit` as soon as it is found (a scan can start before
    /// the walk ends); the result holds the notices and the ignored count, and no items. The
    /// options' filters apply to the files found, after the walk's own checks.
    public func walk(root: String, emit: (ScanItem) -> Void) throws(PromptScanError) -> Result {
        var filtered = 0
        var filterNotices: [Notice] = []
        var result = try walkFiles(root: root) { found in
            if let item = filter(found, ignored: &filtered, notices: &filterNotices) { emit(item) }
        }
        result.ignoredCount += filtered
        result.notices += filterNotices
        return result
    }

    /// `item` after the options' filters: nil when `allow-paths` leaves it out (counted in
    /// `ignored`) or it is the terms file (a notice in `notices`), else with the class the config
    /// gives its path.
    func filter(_ item: ScanItem, ignored: inout Int, notices: inout [Notice]) -> ScanItem? {
        if let pathFilter = options.pathFilter, !pathFilter(item.path) {
            ignored += 1
            return nil
        }
        var item = item
        if let fileClass = options.fileClassOverride?(item.path) {
            item = ScanItem(path: item.path, fileClass: fileClass, source: item.source)
        }
        if let termsFile = options.termsFile, case let .file(absolutePath, _) = item.source,
            URL(fileURLWithPath: absolutePath).standardizedFileURL.resolvingSymlinksInPath().path == termsFile
        {
            notices.append(Notice(kind: .skipped, path: item.path, message: "the client-terms file of this run is not scanned"))
            return nil
        }
        return item
    }

    /// Walks `root`, handing each file found to `emit`, before the options' filters.
    private func walkFiles(root: String, emit: (ScanItem) -> Void) throws(PromptScanError) -> Result {
        let info: FileStatus
        do {
            info = try FileSystem.status(root)
        } catch {
            throw .io(path: root, message: error.message)
        }
        var result = Result()
        let isDirectory = info.kind == .directory
        // Classes come from paths relative to the repository root, whatever folder was named:
        // `skills/x/SKILL.md` is the same file scanned from the root, from `skills/` or alone.
        var classifier = options.classifier
        if options.classifyFromRepositoryRoot, classifier.pathPrefix.isEmpty,
            let prefix = FileWalker.repositoryPrefix(of: isDirectory ? root : FileWalker.parent(of: root))
        {
            classifier.pathPrefix = prefix
        }
        if !isDirectory {
            let name = root.split(separator: "/").last.map(String.init) ?? root
            consider(absolute: root, relative: name, info: info, classifier: classifier, into: &result, emit: emit)
            return result
        }
        let inGitTree = FileWalker.isInsideGitWorkTree(root)
        var rootStack = IgnoreStack()
        if options.useIgnoreFiles, inGitTree, let exclude = FileWalker.readText(root + "/.git/info/exclude") {
            rootStack = rootStack.adding(IgnoreFile(contents: exclude, base: ""))
        }
        // `.gitignore` hides untracked files only: a committed file under an ignored path
        // (`git add -f results/run.json`) is in the repository and is scanned. The tracked paths
        // are asked of git the first time a `.gitignore` pattern excludes something.
        var tracked: TrackedPaths?
        func excluded(_ relative: String, isDirectory: Bool, git: IgnoreStack, own: IgnoreStack) -> Bool {
            if own.isIgnored(relative, isDirectory: isDirectory) { return true }
            guard git.isIgnored(relative, isDirectory: isDirectory) else { return false }
            if tracked == nil { tracked = TrackedPaths(root: root) }
            return !(tracked?.contains(relative, isDirectory: isDirectory) ?? false)
        }
        var visited = Set<DirectoryID>()
        visited.insert(DirectoryID(info))
        var pending: [(absolute: String, relative: String, git: IgnoreStack, own: IgnoreStack, depth: Int)] = [
            (root, "", rootStack, IgnoreStack(), 0)
        ]
        while let directory = pending.popLast() {
            // Entries are looked at relative to the open directory, not by their whole path.
            let listing: OpenDirectory
            do {
                listing = try FileSystem.openDirectory(directory.absolute)
            } catch {
                result.notices.append(
                    Notice(
                        kind: .unreadable, path: directory.relative.isEmpty ? "." : directory.relative,
                        message: "cannot read directory: \(error.message)"))
                continue
            }
            let entries = listing.entries()
            var git = directory.git
            var own = directory.own
            // Only an ignore file the listing names is opened (most folders have none).
            if options.useIgnoreFiles {
                if inGitTree, entries.contains(FileWalker.gitIgnoreName),
                    let text = FileWalker.readText(directory.absolute + "/.gitignore")
                {
                    git = git.adding(IgnoreFile(contents: text, base: directory.relative))
                }
                if entries.contains(FileWalker.ownIgnoreName),
                    let text = FileWalker.readText(directory.absolute + "/.promptscanignore")
                {
                    own = own.adding(IgnoreFile(contents: text, base: directory.relative))
                }
            }
            var names: [String] = []
            var rawNames: [[UInt8]] = []
            for nameBytes in entries {
                let name = String(decoding: nameBytes, as: UTF8.self)
                guard Array(name.utf8) == nameBytes else {
                    rawNames.append(nameBytes)
                    continue
                }
                names.append(name)
            }
            // A name that is not valid UTF-8 cannot round-trip through String: a regular file is
            // opened by its raw bytes and reported under an escaped name; anything else is reported.
            for nameBytes in rawNames.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let display = FileWalker.join(directory.relative, FileWalker.escapedName(nameBytes))
                let raw = Array(directory.absolute.utf8) + [47] + nameBytes
                let entryInfo: FileStatus
                do {
                    entryInfo = try listing.status(of: nameBytes, followingLinks: false)
                } catch {
                    if error.isNoSuchEntry { continue }
                    result.notices.append(Notice(kind: .unreadable, path: display, message: error.message))
                    continue
                }
                guard entryInfo.kind == .regular else {
                    result.notices.append(
                        Notice(kind: .skipped, path: display, message: "\(entryInfo.kindDescription) with a name that is not valid UTF-8, not entered"))
                    continue
                }
                if excluded(display, isDirectory: false, git: git, own: own) {
                    result.ignoredCount += 1
                    continue
                }
                let size = entryInfo.size
                if size > options.maxFileSize {
                    result.notices.append(FileSizeLimit.notice(path: display, size: size, limit: options.maxFileSize))
                    continue
                }
                emit(
                    ScanItem(
                        path: display, classifier: classifier,
                        source: .file(absolutePath: directory.absolute + "/" + FileWalker.escapedName(nameBytes), size: size),
                        rawAbsolutePath: raw))
            }
            names.sort()
            var subdirectories: [(String, String)] = []
            for name in names {
                if name == ".git" || name == ".ipynb_checkpoints" { continue }  // checkpoints duplicate notebooks
                let absolute = directory.absolute + "/" + name
                let relative = FileWalker.join(directory.relative, name)
                var entryInfo: FileStatus
                do {
                    entryInfo = try listing.status(of: Array(name.utf8), followingLinks: false)
                } catch {
                    if error.isNoSuchEntry { continue }  // vanished since readdir
                    result.notices.append(Notice(kind: .unreadable, path: relative, message: error.message))
                    continue
                }
                if entryInfo.kind == .symbolicLink {
                    guard options.followSymlinks else {
                        if !excluded(relative, isDirectory: false, git: git, own: own) {
                            result.notices.append(
                                Notice(kind: .skipped, path: relative, message: "symbolic link not followed (use --follow-symlinks)"))
                        } else {
                            result.ignoredCount += 1
                        }
                        continue
                    }
                    do {
                        entryInfo = try listing.status(of: Array(name.utf8), followingLinks: true)
                    } catch {
                        result.notices.append(Notice(kind: .skipped, path: relative, message: "broken symbolic link: \(error.message)"))
                        continue
                    }
                }
                let isDirectory = entryInfo.kind == .directory
                if excluded(relative, isDirectory: isDirectory, git: git, own: own) {
                    result.ignoredCount += 1
                    continue
                }
                if isDirectory {
                    let id = DirectoryID(entryInfo)
                    if visited.contains(id) {
                        result.notices.append(
                            Notice(kind: .skipped, path: relative, message: "directory already visited (symbolic link loop)"))
                        continue
                    }
                    visited.insert(id)
                    subdirectories.append((absolute, relative))
                } else {
                    consider(absolute: absolute, relative: relative, info: entryInfo, classifier: classifier, into: &result, emit: emit)
                }
            }
            for (absolute, relative) in subdirectories.reversed() {
                pending.append((absolute, relative, git, own, directory.depth + 1))
            }
        }
        return result
    }

    func consider(
        absolute: String, relative: String, info: FileStatus, classifier: FileClassifier, into result: inout Result, emit: (ScanItem) -> Void
    ) {
        guard info.kind == .regular else {
            result.notices.append(.notRegular(relative, info.kindDescription))
            return
        }
        let size = info.size
        if size > options.maxFileSize {
            result.notices.append(FileSizeLimit.notice(path: relative, size: size, limit: options.maxFileSize))
            return
        }
        emit(ScanItem(path: relative, classifier: classifier, source: .file(absolutePath: absolute, size: size)))
    }

    static let gitIgnoreName = Array(".gitignore".utf8)
    static let ownIgnoreName = Array(".promptscanignore".utf8)

    static func join(_ base: String, _ name: String) -> String { base.isEmpty ? name : base + "/" + name }

    /// A file name that is not valid UTF-8, printable: valid sequences kept, every other byte as `\xNN`.
    static func escapedName(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        outer: while index < bytes.count {
            for length in 1...4 where index + length <= bytes.count {
                if let piece = String(validating: bytes[index..<index + length], as: UTF8.self) {
                    out += piece
                    index += length
                    continue outer
                }
            }
            let hex = Array("0123456789ABCDEF")
            out += "\\x" + String(hex[Int(bytes[index] >> 4)]) + String(hex[Int(bytes[index] & 15)])
            index += 1
        }
        return out
    }

    /// A small text file's content, or nil when it is missing or unreadable.
    static func readText(_ path: String) -> String? {
        guard let bytes = try? FileReader.read(path, limit: 4 * 1024 * 1024) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `path` or one of its ancestors holds a `.git` entry.
    /// The folder holding `path` ("." for a bare name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The path of the folder `path` from the top of the git work tree holding it, with a
    /// trailing `/` ("" at the top); nil outside a work tree. (The nearest folder with a `.git`
    /// entry is the top: a submodule or nested repository is its own root.)
    public static func repositoryPrefix(of path: String) -> String? {
        guard let real = FileSystem.realPath(path) else { return nil }
        var current = real
        while true {
            if FileSystem.entryExists((current == "/" ? "" : current) + "/.git") {
                guard current != real else { return "" }
                let start = real.index(real.startIndex, offsetBy: current == "/" ? 1 : current.count + 1)
                return String(real[start...]) + "/"
            }
            guard let slash = current.lastIndex(of: "/"), current != "/" else { return nil }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    /// The files git tracks under a walk's root (paths relative to it) and the folders that hold
    /// them. Empty when git cannot say (not installed, not a repository it reads).
    struct TrackedPaths {
        var files: Set<String> = []
        var directories: Set<String> = []

        init(root: String) {
            guard let output = try? Git(directory: root).run(["ls-files", "-z", "--cached"]), output.status == 0 else { return }
            for path in output.stdout.split(separator: 0) {
                let text = String(decoding: path, as: UTF8.self)
                files.insert(text)
                var folder = text
                while let slash = folder.lastIndex(of: "/") {
                    folder = String(folder[..<slash])
                    guard directories.insert(folder).inserted else { break }
                }
            }
        }

        func contains(_ path: String, isDirectory: Bool) -> Bool {
            isDirectory ? directories.contains(path) : files.contains(path)
        }
    }

    static func isInsideGitWorkTree(_ path: String) -> Bool {
        guard var current = FileSystem.realPath(path) else { return false }
        while true {
            if FileSystem.entryExists(current + "/.git") { return true }
            guard let slash = current.lastIndex(of: "/"), current != "/" else { return false }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    struct DirectoryID: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: FileStatus) {
            device = info.device
            inode = info.inode
        }
    }
}
