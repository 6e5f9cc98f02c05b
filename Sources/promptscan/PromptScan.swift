import ArgumentParser
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
        version: PromptScanVersion.current,
        subcommands: [Scan.self, Staged.self, Diff.self, History.self, BaselineCommand.self, Hook.self, Rules.self, Classify.self, Terms.self],
        defaultSubcommand: nil
    )
}
