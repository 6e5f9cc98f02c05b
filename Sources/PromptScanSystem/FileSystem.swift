#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An `errno` value from a failed call, with `strerror(3)`'s text for it.
public struct SystemError: Error, Sendable, Equatable {
    public let code: Int32

    public init(code: Int32) { self.code = code }

    /// The error of the call that just failed (`errno`).
    static var current: SystemError { SystemError(code: errno) }

    /// `strerror(3)`: "No such file or directory", "Permission denied" …
    public var message: String { String(cString: strerror(code)) }

    /// Nothing at the path (`ENOENT`).
    public var isNoSuchEntry: Bool { code == ENOENT }

    /// The call was interrupted or would block and may be tried again (`EINTR`, `EAGAIN`).
    var isRetryable: Bool { code == EINTR || code == EAGAIN }
}

/// What `stat(2)` says about a file: its type, size and identity.
public struct FileStatus: Sendable {
    public enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, other
    }

    let mode: mode_t
    public let size: Int
    public let device: UInt64
    public let inode: UInt64

    init(_ info: stat) {
        mode = info.st_mode
        size = Int(info.st_size)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    public var kind: Kind {
        switch mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
    }

    /// A FIFO or a character device (a pipe, `/dev/stdin` on a pipe, a terminal): read as a stream
    /// when named on the command line, never entered by a walk.
    public var isStream: Bool {
        let type = mode & S_IFMT
        return type == S_IFIFO || type == S_IFCHR
    }

    /// A word for the file's type: "a FIFO", "a directory" … (`FileReader.kind`).
    public var kindDescription: String { FileReader.kind(mode) }

    /// The word for a file whose status could not be read.
    public static let unknownKindDescription = FileReader.kind(0)
}

/// Paths and directories through POSIX calls, each wrapped to throw a `SystemError`.
public enum FileSystem {
    /// `stat(2)`, or `lstat(2)` when not `followingLinks`.
    public static func status(_ path: String, followingLinks: Bool = true) throws(SystemError) -> FileStatus {
        try status(cPath: Array(path.utf8CString), followingLinks: followingLinks)
    }

    /// The same, for a NUL-terminated path (which need not be UTF-8).
    public static func status(cPath path: [CChar], followingLinks: Bool = true) throws(SystemError) -> FileStatus {
        var info = stat()
        let result = path.withUnsafeBufferPointer { followingLinks ? stat($0.baseAddress!, &info) : lstat($0.baseAddress!, &info) }
        guard result == 0 else { throw .current }
        return FileStatus(info)
    }

    /// Whether anything is at `path`, a dangling symbolic link included (`lstat(2)`).
    public static func entryExists(_ path: String) -> Bool {
        (try? status(path, followingLinks: false)) != nil
    }

    /// The names in directory `path` as bytes, "." and ".." left out, in the order `readdir(3)`
    /// gives them.
    public static func directoryEntries(_ path: String) throws(SystemError) -> [[UInt8]] {
        try OpenDirectory(path).entries()
    }

    /// Directory `path` held open: its entries, and the status of each by name relative to the
    /// open directory (`fstatat(2)`), so the kernel does not walk the whole path again per entry.
    public static func openDirectory(_ path: String) throws(SystemError) -> OpenDirectory {
        try OpenDirectory(path)
    }

    /// `realpath(3)`: the absolute path with every link followed; nil when some part is missing.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        let length = strlen(resolved)
        return String(decoding: UnsafeRawBufferPointer(start: resolved, count: length), as: UTF8.self)
    }
}

/// A directory open for listing (`opendir(3)`), closed when released.
public final class OpenDirectory {
    private let handle: OpaquePointer

    init(_ path: String) throws(SystemError) {
        guard let handle = opendir(path) else { throw .current }
        self.handle = handle
    }

    deinit { closedir(handle) }

    /// The names in the directory as bytes, "." and ".." left out, in the order `readdir(3)` gives them.
    public func entries() -> [[UInt8]] {
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            if name == [46] || name == [46, 46] { continue }
            names.append(name)
        }
        return names
    }

    /// `fstatat(2)` of the entry `name` (bytes, no `/`), following a symbolic link only when asked.
    public func status(of name: [UInt8], followingLinks: Bool) throws(SystemError) -> FileStatus {
        var info = stat()
        let flags = followingLinks ? 0 : AT_SYMLINK_NOFOLLOW
        let result = (name + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { fstatat(dirfd(handle), $0.baseAddress!, &info, flags) }
        }
        guard result == 0 else { throw .current }
        return FileStatus(info)
    }
}

/// A file open for reading at any offset (`open(2)`, `fstat(2)`, `pread(2)`), closed when released.
public final class ReadableFile {
    private let fd: Int32

    /// Opens the NUL-terminated `path` read-only, without blocking on a FIFO.
    public init(cPath path: [CChar]) throws(SystemError) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .current }
        fd = descriptor
    }

    deinit { close(fd) }

    /// `fstat(2)` of the open file.
    public func status() throws(SystemError) -> FileStatus {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .current }
        return FileStatus(info)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many (fewer only at end of file).
    public func fill(_ buffer: inout [UInt8], at offset: Int) throws(SystemError) -> Int {
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + total, raw.count - total, off_t(offset + total))
            }
            if count < 0 {
                let error = SystemError.current
                if error.isRetryable { continue }
                throw error
            }
            if count == 0 { break }
            total += count
        }
        return total
    }
}
