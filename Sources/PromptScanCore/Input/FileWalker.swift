#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the files under a root, in a fixed order (directories depth first, names sorted): honours `.gitignore` files inside a
/// git work tree and `.promptscanignore` files anywhere, never descends into `.git`, does not follow
/// symbolic links unless asked, and turns everything it does not return into a `Notice`.
public struct FileWalker: Sendable {
    public struct Options: Sendable {
        public var followSymlinks = false
        public var useIgnoreFiles = true
        public var maxFileSize = 10 * 1024 * 1024
        /// Assigns each file its class; holds the config's class overrides.
        public var classifier = FileClassifier()
        /// Classify paths from the top of the git work tree holding the root (false: from the
        /// root itself, for a corpus that stands for a repository of its own).
        public var classifyFromRepositoryRoot = true
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
    /// the walk ends); the result holds the notices and the ignored count, and no items.
    public func walk(root: String, emit: (ScanItem) -> Void) throws(PromptScanError) -> Result {
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw .io(path: root, message: String(cString: strerror(errno)))
        }
        var result = Result()
        let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        // Classes come from paths relative to the repository root, whatever folder was named:
        // `skills/x/SKILL.md` is the same file scanned from the root, from `skills/` or alone.
        var classifier = options.classifier
        if options.classifyFromRepositoryRoot, classifier.pathPrefix.isEmpty, let prefix = FileWalker.repositoryPrefix(of: isDirectory ? root : FileWalker.parent(of: root)) {
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
        var visited = Set<DirectoryID>()
        visited.insert(DirectoryID(info))
        var pending: [(absolute: String, relative: String, ignores: IgnoreStack, depth: Int)] = [(root, "", rootStack, 0)]
        while let directory = pending.popLast() {
            var ignores = directory.ignores
            if options.useIgnoreFiles {
                if inGitTree, let text = FileWalker.readText(directory.absolute + "/.gitignore") {
                    ignores = ignores.adding(IgnoreFile(contents: text, base: directory.relative))
                }
                if let text = FileWalker.readText(directory.absolute + "/.promptscanignore") {
                    ignores = ignores.adding(IgnoreFile(contents: text, base: directory.relative))
                }
            }
            guard let handle = opendir(directory.absolute) else {
                result.notices.append(
                    Notice(kind: .unreadable, path: directory.relative.isEmpty ? "." : directory.relative,
                           message: "cannot read directory: \(String(cString: strerror(errno)))"))
                continue
            }
            var names: [String] = []
            var rawNames: [[UInt8]] = []
            while let entry = readdir(handle) {
                let nameBytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
                if nameBytes == [46] || nameBytes == [46, 46] { continue }
                let name = String(decoding: nameBytes, as: UTF8.self)
                guard Array(name.utf8) == nameBytes else {
                    rawNames.append(nameBytes)
                    continue
                }
                names.append(name)
            }
            closedir(handle)
            // A name that is not valid UTF-8 cannot round-trip through String: a regular file is
            // opened by its raw bytes and reported under an escaped name; anything else is reported.
            for nameBytes in rawNames.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let display = FileWalker.join(directory.relative, FileWalker.escapedName(nameBytes))
                let raw = Array(directory.absolute.utf8) + [47] + nameBytes
                var entryInfo = stat()
                let found = (raw.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { lstat($0.baseAddress!, &entryInfo) } == 0
                if !found && errno == ENOENT { continue }
                guard found, (entryInfo.st_mode & S_IFMT) == S_IFREG else {
                    result.notices.append(
                        Notice(kind: found ? .skipped : .unreadable, path: display,
                               message: found ? "\(FileReader.kind(entryInfo.st_mode)) with a name that is not valid UTF-8, not entered"
                                   : String(cString: strerror(errno))))
                    continue
                }
                if ignores.isIgnored(display, isDirectory: false) {
                    result.ignoredCount += 1
                    continue
                }
                let size = Int(entryInfo.st_size)
                if size > options.maxFileSize {
                    result.notices.append(
                        Notice(kind: .skipped, path: display,
                               message: "file is \(size) bytes, over the \(options.maxFileSize)-byte limit (--max-file-size)"))
                    continue
                }
                emit(
                    ScanItem(path: display, classifier: classifier, source: .file(absolutePath: directory.absolute + "/" + FileWalker.escapedName(nameBytes), size: size),
                             rawAbsolutePath: raw))
            }
            names.sort()
            var subdirectories: [(String, String)] = []
            for name in names {
                if name == ".git" || name == ".ipynb_checkpoints" { continue }  // checkpoints duplicate notebooks
                let absolute = directory.absolute + "/" + name
                let relative = FileWalker.join(directory.relative, name)
                var entryInfo = stat()
                guard lstat(absolute, &entryInfo) == 0 else {
                    if errno == ENOENT { continue }  // vanished since readdir
                    result.notices.append(Notice(kind: .unreadable, path: relative, message: String(cString: strerror(errno))))
                    continue
                }
                var kind = entryInfo.st_mode & S_IFMT
                if kind == S_IFLNK {
                    guard options.followSymlinks else {
                        if !ignores.isIgnored(relative, isDirectory: false) {
                            result.notices.append(
                                Notice(kind: .skipped, path: relative, message: "symbolic link not followed (use --follow-symlinks)"))
                        } else {
                            result.ignoredCount += 1
                        }
                        continue
                    }
                    guard stat(absolute, &entryInfo) == 0 else {
                        result.notices.append(
                            Notice(kind: .skipped, path: relative, message: "broken symbolic link: \(String(cString: strerror(errno)))"))
                        continue
                    }
                    kind = entryInfo.st_mode & S_IFMT
                }
                let isDirectory = kind == S_IFDIR
                if ignores.isIgnored(relative, isDirectory: isDirectory) {
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
                pending.append((absolute, relative, ignores, directory.depth + 1))
            }
        }
        return result
    }

    func consider(
        absolute: String, relative: String, info: stat, classifier: FileClassifier, into result: inout Result, emit: (ScanItem) -> Void
    ) {
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            result.notices.append(Notice(kind: .skipped, path: relative, message: "\(FileReader.kind(info.st_mode)), not read"))
            return
        }
        let size = Int(info.st_size)
        if size > options.maxFileSize {
            result.notices.append(
                Notice(kind: .skipped, path: relative,
                       message: "file is \(size) bytes, over the \(options.maxFileSize)-byte limit (--max-file-size)"))
            return
        }
        emit(ScanItem(path: relative, classifier: classifier, source: .file(absolutePath: absolute, size: size)))
    }

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
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(path, &buffer) != nil else { return nil }
        let real = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var current = real
        while true {
            var info = stat()
            if lstat((current == "/" ? "" : current) + "/.git", &info) == 0 {
                guard current != real else { return "" }
                let start = real.index(real.startIndex, offsetBy: current == "/" ? 1 : current.count + 1)
                return String(real[start...]) + "/"
            }
            guard let slash = current.lastIndex(of: "/"), current != "/" else { return nil }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    static func isInsideGitWorkTree(_ path: String) -> Bool {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(path, &buffer) != nil else { return false }
        var current = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        while true {
            var info = stat()
            if lstat(current + "/.git", &info) == 0 { return true }
            guard let slash = current.lastIndex(of: "/"), current != "/" else { return false }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    struct DirectoryID: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }
}
