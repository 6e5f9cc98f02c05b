import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written in full or not at all: a temporary file beside it (`mkstemp(3)`), `fsync(2)`ed
/// and renamed over it at the end (`rename(2)`), so an interrupted run never leaves a truncated
/// file. SIGINT, SIGTERM and SIGHUP remove the temporary file before the process dies of the
/// signal. A destination that exists and is not a regular file (/dev/null, a FIFO, /dev/stdout)
/// is written in place: renaming a temporary file over /dev/null replaces the device.
public final class AtomicFile {
    /// The temporary file, nil for a destination written in place.
    private let temporary: String?
    private var fd: Int32 = -1

    /// Creates the temporary file (or opens the device), so an unwritable destination fails
    /// before anything is produced.
    public init(path: String) throws(SystemError) {
        if let info = try? FileSystem.status(path), info.kind != .regular {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .current }
            fd = descriptor
            temporary = nil
            return
        }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(((directory.isEmpty ? "/" : directory) + "/." + name + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .current }
        fd = descriptor
        temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(descriptor, 0o644)
        InterruptCleanup.register(template)
    }

    /// Writes all of `bytes` (retrying after `EINTR`).
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                let error = SystemError.current
                if error.code == EINTR { continue }
                throw error
            }
            offset += written
        }
    }

    /// Puts the file in place: for a temporary file `fsync`, close and rename over the
    /// destination (the temporary file is removed when that fails); a device is closed.
    public func commit(to destination: String) throws(SystemError) {
        guard let temporary else {
            close(fd)
            fd = -1
            return
        }
        if fsync(fd) != 0, errno != EINVAL {
            let error = SystemError.current
            discard()
            throw error
        }
        close(fd)
        fd = -1
        InterruptCleanup.unregister()
        guard rename(temporary, destination) == 0 else {
            let error = SystemError.current
            unlink(temporary)
            throw error
        }
    }

    /// Closes the file and removes the temporary file (the destination is left as it was).
    public func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if let temporary {
            InterruptCleanup.unregister()
            unlink(temporary)
        }
    }
}

/// The temporary report file to remove when a signal ends the run. The handler may only make
/// async-signal-safe calls, so the path is kept as a C string in an atomic and the handler calls
/// `unlink`, restores the default action and re-raises the signal (the exit status still says
/// which signal ended the process).
enum InterruptCleanup {
    // An atomic of a pointer is not Sendable because the pointee is not; the pointee is an
    // immutable C string, written before it is published and never freed while published.
    nonisolated(unsafe) private static let pending = Atomic<UnsafeMutablePointer<CChar>?>(nil)
    private static let installed = Atomic<Bool>(false)
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Remembers `path` (a NUL-terminated C string) and installs the handlers once.
    static func register(_ path: [CChar]) {
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: path.count)
        copy.initialize(from: path, count: path.count)
        _ = pending.exchange(copy, ordering: .sequentiallyConsistent)  // an earlier path is not freed (see unregister)
        if !installed.exchange(true, ordering: .sequentiallyConsistent) {
            for number in signals {
                _ = signal(number) { number in
                    if let path = InterruptCleanup.pending.load(ordering: .sequentiallyConsistent) { unlink(path) }
                    _ = signal(number, SIG_DFL)
                    _ = raise(number)
                }
            }
        }
    }

    /// Forgets the path (the file was renamed into place or removed).
    static func unregister() {
        // Not freed: a handler running on another thread may still be reading it; one small
        // allocation per run.
        _ = pending.exchange(nil, ordering: .sequentiallyConsistent)
    }
}
