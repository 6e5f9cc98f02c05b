import ArgumentParser
import PromptScanCore

@main
struct PromptScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptscan",
        abstract: "Finds secrets, health and personal data in prompts, fixtures and AI-agent configs.",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 configuration or I/O error \
            (bad rule file, unreadable file, unwritable output); 64 usage error.
            """,
        version: PromptScanVersion.current,
        subcommands: [Scan.self, Rules.self, Terms.self],
        defaultSubcommand: nil
    )
}
