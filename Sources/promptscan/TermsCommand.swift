import ArgumentParser
import Foundation
import PromptScanCore

struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "Manage the client-identifier list (keyed hashes only).",
        subcommands: [Build.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Hash a list of client names (one per line; 'regex: PATTERN' lines are account-number formats).",
            discussion: """
                The key comes from \(TermsFile.keyVariable); only HMAC-SHA256 hashes (64 bits) and opaque ids \
                are written. A line may add a tab and an id (C-0042) and a tab and a kind (customer, codename).
                """)

        @Option(name: .long, help: "The plain list of terms.")
        var input: String

        @Option(name: .long, help: "The terms file to write, e.g. .promptscan/terms.yaml.")
        var output: String

        func run() throws {
            guard let key = ProcessInfo.processInfo.environment[TermsFile.keyVariable], !key.isEmpty else {
                Console.error("error: \(TermsFile.keyVariable) is not set; the terms are hashed with that key")
                throw ExitCode(2)
            }
            let list: String
            do {
                list = try String(contentsOfFile: input, encoding: .utf8)
            } catch {
                throw fail(.io(path: input, message: "cannot read the term list"))
            }
            do {
                let built = try TermsBuilder.build(list: list, key: key)
                for warning in built.warnings { Console.error("warning: \(input): \(warning)") }
                let directory = (output as NSString).deletingLastPathComponent
                if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
                let sink = try reportSink(output)
                try sink.write(built.file.yaml())
                let ids = Set(built.file.entries.map(\.id)).count
                Console.error("wrote \(output): \(ids) terms as \(built.file.entries.count) hashes, \(built.file.patterns?.count ?? 0) patterns")
            } catch {
                throw fail(error)
            }
        }
    }
}
