#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's standard output and standard error, written with `write(2)`.
public enum StandardStream: Int32, Sendable {
    case output = 1
    case error = 2

    /// How a write ended.
    public enum Outcome: Equatable, Sendable {
        /// Every byte was written.
        case written
        /// The reader went away (`EPIPE`: `promptscan scan . | head -1`).
        case closed
        /// Another error; the rest was not written.
        case failed(SystemError)
    }

    /// Writes all of `bytes` (retrying after `EINTR`).
    public func write(_ bytes: [UInt8]) -> Outcome {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(rawValue, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                let error = SystemError.current
                if error.code == EINTR { continue }
                return error.code == EPIPE ? .closed : .failed(error)
            }
            if written == 0 { return .failed(SystemError(code: EIO)) }
            offset += written
        }
        return .written
    }

    /// Whether the stream is a terminal (`isatty(3)`): colour and progress only then.
    public var isTerminal: Bool { isatty(rawValue) == 1 }
}

/// Whether standard input is a terminal (`isatty(3)`): a hook run by hand, with no lines from git.
public var standardInputIsTerminal: Bool { isatty(0) == 1 }

/// `write(2)` (under another name: inside `StandardStream` the name is taken by its method).
@inline(__always) func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
