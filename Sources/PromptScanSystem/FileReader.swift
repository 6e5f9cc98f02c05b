#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a regular file's bytes with POSIX calls, refusing anything that is not a regular file at
/// the moment it is opened (a FIFO swapped in after the walk is never read).
public enum FileReader {
    public enum Failure: Error {
        case unreadable(String)
        case notRegular(String)
        case tooLarge(Int)
    }

    /// The whole content of `path`, at most `limit` bytes (a file that grew past it fails).
    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        try read(cPath: Array(path.utf8CString), limit: limit)
    }

    /// The same, for a NUL-terminated path (which need not be UTF-8).
    public static func read(cPath path: [CChar], limit: Int) throws(Failure) -> [UInt8] {
        let (fd, expected) = try openRegular(path)
        defer { close(fd) }
        guard expected <= limit else { throw .tooLarge(expected) }
        var buffer = [UInt8](repeating: 0, count: expected + 1)
        var total = 0
        while true {
            let capacity = buffer.count - total
            if capacity == 0 {
                guard buffer.count <= limit else { throw .tooLarge(buffer.count) }
                buffer.append(contentsOf: [UInt8](repeating: 0, count: max(4096, buffer.count)))
                continue
            }
            let count = buffer.withUnsafeMutableBytes { raw in
                systemRead(fd, raw.baseAddress! + total, capacity)
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
            guard total <= limit else { throw .tooLarge(total) }
        }
        buffer.removeSubrange(total...)
        return buffer
    }

    /// Opens a regular file for reading (`open(2)` without blocking on a FIFO, `fstat(2)`), with its
    /// size; anything else (a directory, a FIFO, a device) is `notRegular`. The caller closes it.
    static func openRegular(_ path: [CChar]) throws(Failure) -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw .unreadable(message)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .notRegular(FileReader.kind(info.st_mode))
        }
        return (fd, Int(info.st_size))
    }

    /// Everything standard input holds until its end (`read(2)` on descriptor 0), at most `limit`
    /// bytes: a pipe, a terminal, a redirected file.
    public static func readStandardInput(limit: Int) throws(Failure) -> [UInt8] {
        try readToEnd(0, limit: limit)
    }

    /// The first `limit` bytes of the regular file at `path` (`open(2)`, `fstat(2)`, `read(2)`),
    /// and the file's size: a prefix, never an error, when the file is larger.
    public static func readPrefix(_ path: String, limit: Int) throws(Failure) -> (bytes: [UInt8], size: Int) {
        let (fd, size) = try openRegular(Array(path.utf8CString))
        defer { close(fd) }
        let wanted = max(0, min(size, limit))
        var buffer = [UInt8](repeating: 0, count: wanted)
        var total = 0
        while total < wanted {
            let count = buffer.withUnsafeMutableBytes { raw in systemRead(fd, raw.baseAddress! + total, wanted - total) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
        }
        buffer.removeSubrange(total...)
        return (buffer, size)
    }

    /// Everything `path` yields until its end, whatever it is (a FIFO, `/dev/stdin`, a character
    /// device, a regular file), at most `limit` bytes. `open(2)` blocks on a FIFO until it has a writer.
    public static func readStream(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        return try readToEnd(fd, limit: limit)
    }

    /// Reads `fd` until `read(2)` returns 0, waiting with `poll(2)` when a non-blocking descriptor
    /// has nothing yet; `.tooLarge` (with the bytes read) as soon as more than `limit` arrive.
    static func readToEnd(_ fd: Int32, limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&waiting, 1, -1)
                    continue
                }
                throw .unreadable(String(cString: strerror(code)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else { throw .tooLarge(bytes.count) }
        }
        return bytes
    }

    /// A word for a file type from `st_mode`.
    public static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}

@inline(__always) private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
