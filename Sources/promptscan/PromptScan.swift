import ArgumentParser
import Foundation
import PromptScanCore

@main
struct PromptScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptscan",
        abstract: "Finds secrets, health and personal data in prompts, fixtures and AI-agent configs.",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 configuration, I/O or git error \
            (bad rule or config file, unreadable file, unwritable output, missing git object); 64 usage error.
            """,
        version: PromptScanVersion.current + " (" + BuildCommit.value + ")",
        subcommands: [
            Scan.self, Redact.self, Staged.self, Diff.self, History.self, Merge.self, PreCommit.self, PrePush.self, BaselineCommand.self, Hook.self, Guard.self,
            Rules.self, Classify.self, Terms.self,
        ],
        defaultSubcommand: nil
    )

    /// Ignores SIGPIPE before running, so that a reader going away (`promptscan scan . | head -1`)
    /// shows up as EPIPE, which the writers turn into a quiet exit 0, rather than killing the
    /// process with status 141 under `set -o pipefail`. Spawned git processes get the default
    /// action back (`Subprocess`).
    ///
    /// Usage errors are one line on stderr (`error: MESSAGE (see 'promptscan help')`), exit 64,
    /// rather than ArgumentParser's message, usage and hint on three lines; help and version
    /// still print in full on stdout.
    static func main() {
        ProcessControl.ignoreBrokenPipe()
        // The hook command agents run on every event, `promptscan guard`, skips building the
        // command tree (a few milliseconds of start-up, on every prompt and tool call).
        if CommandLine.arguments.count == 2 && CommandLine.arguments[1] == "guard" {
            Guard.Check.answer(agent: nil, event: nil, config: nil, failClosed: false)
        }
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                let text = fullMessage(for: error)
                if !text.isEmpty { Console.out(text.hasSuffix("\n") ? text : text + "\n") }
            } else if !(error is ExitCode) {
                Console.error(usageLine(message(for: error)))
            }
            Console.terminate(code.rawValue)
        }
    }

    /// ArgumentParser's message for a usage error as one line.
    static func usageLine(_ message: String) -> String {
        let first = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? "invalid usage"
        let text = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
        return "error: " + OneLine.clean(text, limit: 300) + " (see 'promptscan help')"
    }
}
