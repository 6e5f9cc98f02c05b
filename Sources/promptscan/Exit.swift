import ArgumentParser
import PromptScanCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints a library error as its one line on stderr and maps it to its exit code.
func fail(_ error: PromptScanError) -> ExitCode {
    Console.error(error.description)
    return ExitCode(error.exitCode)
}

/// The one place the CLI writes: results to stdout, diagnostics to stderr. A closed stdout (`| head`)
/// ends the process quietly.
enum Console {
    static func out(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            offset += written
        }
        _ = bytes.count
        bytes.removeAll()
    }

    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }

    /// Ends the process with `status` (from where `exit` would name ArgumentParser's method).
    static func terminate(_ status: Int32) -> Never { exit(status) }

    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
