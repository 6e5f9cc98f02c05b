import ArgumentParser
import PromptScanCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct PromptScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptscan",
        abstract: "Finds secrets, health and personal data in prompts, fixtures and AI-agent configs.",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 configuration, I/O or git error \
            (bad rule or config file, unreadable file, unwritable output, missing git object); 64 usage error.
            """,
        version: PromptScanVersion.current,
        subcommands: [Scan.self, Staged.self, Diff.self, History.self, BaselineCommand.self, Hook.self, Rules.self, Classify.self, Terms.self],
        defaultSubcommand: nil
    )

    /// Ignores SIGPIPE before running, so that a reader going away (`promptscan scan . | head -1`)
    /// shows up as EPIPE, which the writers turn into a quiet exit 0, rather than killing the
    /// process with status 141 under `set -o pipefail`. Spawned git processes get the default
    /// action back (`Subprocess`).
    static func main() {
        _ = signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
