#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Where a report goes: stdout, or a file written atomically (a temporary file beside it, renamed
/// over it at the end), so an interrupted run never leaves a truncated report. The temporary file
/// is created up front, so an unwritable destination fails before any scanning. SIGINT, SIGTERM
/// and SIGHUP remove the temporary file before the process dies of the signal.
public final class ReportSink: ReportOutput {
    private let destination: String?
    private let temporary: String?
    private var fd: Int32 = -1

    /// `path` nil means stdout.
    public init(path: String?) throws(PromptScanError) {
        destination = path
        guard let path else {
            temporary = nil
            return
        }
        // A destination that exists and is not a regular file (/dev/null, a FIFO, /dev/stdout) is
        // written in place: renaming a temporary file over /dev/null replaces the device.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw Self.cannotWrite(path, String(cString: strerror(errno)))
            }
            fd = descriptor
            temporary = nil
            return
        }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(((directory.isEmpty ? "/" : directory) + "/." + name + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Self.cannotWrite(path, String(cString: strerror(errno)))
        }
        fd = descriptor
        temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(descriptor, 0o644)
        InterruptCleanup.register(template)
    }

    /// Bytes appended and not yet written; written out once they pass `flushSize`.
    private var pending: [UInt8] = []
    private static let flushSize = 1 << 20
    /// The first write error (later appends are dropped; `finish` reports it).
    private var failure: String?

    /// Writes `text` and, for a file, renames it into place.
    public func write(_ text: String) throws(PromptScanError) {
        append(text)
        try finish()
    }

    /// Appends `text` to the report (buffered; a reporter streams its output through here).
    public func append(_ text: String) {
        guard failure == nil else { return }
        pending.append(contentsOf: text.utf8)
        if pending.count >= Self.flushSize { flush() }
    }

    private func flush() {
        guard !pending.isEmpty, failure == nil else { return }
        if destination == nil {
            writeAll(1, pending, stdout: true)
        } else if !writeAll(fd, pending, stdout: false) {
            failure = String(cString: strerror(errno))
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and, for a file, renames it into place.
    public func finish() throws(PromptScanError) {
        flush()
        pending = []
        guard let destination else { return }
        guard let temporary else {  // a device or FIFO, written in place
            close(fd)
            fd = -1
            if let failure { throw Self.cannotWrite(destination, failure) }
            return
        }
        if failure == nil, fsync(fd) != 0, errno != EINVAL { failure = String(cString: strerror(errno)) }
        if let failure {
            discard()
            throw Self.cannotWrite(destination, failure)
        }
        close(fd)
        fd = -1
        InterruptCleanup.unregister()
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Self.cannotWrite(destination, reason)
        }
    }

    /// The error for a report that cannot be written to `path`, and why.
    static func cannotWrite(_ path: String, _ reason: String) -> PromptScanError {
        .io(path: path, message: "cannot write report: \(reason)")
    }

    /// Removes the temporary file (the destination is left as it was).
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

    @discardableResult
    private func writeAll(_ descriptor: Int32, _ bytes: [UInt8], stdout: Bool) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                if stdout && errno == EPIPE { exit(0) }  // the reader went away (`| head`): stop quietly
                return false
            }
            offset += written
        }
        return true
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
