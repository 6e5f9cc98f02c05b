import ArgumentParser
import PromptScanCore

/// Prints a library error as its one line on stderr and maps it to its exit code.
func fail(_ error: PromptScanError) -> ExitCode {
    Console.error(error.description)
    return ExitCode(error.exitCode)
}

/// The one place the CLI writes: results to stdout, diagnostics to stderr. A closed stdout (`| head`)
/// ends the process quietly.
enum Console {
    static func out(_ text: String) {
        if StandardStream.output.write(Array(text.utf8)) == .closed { terminate(0) }
    }

    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = StandardStream.error.write(Array(line.utf8))
    }

    /// Ends the process with `status` (from where `exit` would name ArgumentParser's method).
    static func terminate(_ status: Int32) -> Never { ProcessControl.terminate(status) }

    static var stdoutIsTerminal: Bool { StandardStream.output.isTerminal }
    static var stderrIsTerminal: Bool { StandardStream.error.isTerminal }
}
