import ArgumentParser
import Foundation
import PromptScanCore

/// `promptscan redact [FILE]`: a filter that copies its input to stdout with every finding's value
/// replaced by a typed placeholder, for use in front of an API client.
struct Redact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Copy standard input (or FILE) to standard output with every finding replaced by [REDACTED:rule-id].",
        discussion: """
            Every finding of any severity is replaced (suppressed test values too), except values on lines \
            marked promptscan:allow. Personal and health data and client identifiers are numbered, the same \
            value getting the same number ([REDACTED:us-ssn#2]). Line breaks are kept: each line of a \
            multi-line value (a PEM key) becomes a placeholder. Input over --max-file-size is refused and \
            nothing is written; gzip input is refused; binary input (which is not scanned) is copied \
            unchanged with a warning. Settings come only from --config. \
            Exit codes: 0 success, findings or not (redact is a filter); 2 configuration or I/O error \
            (unreadable input, input over the limit, gzip input, unwritable output); 64 usage.
            """)

    @Argument(help: "The file to read (default: -, standard input).")
    var file: String = TextInput.standardInput

    @OptionGroup var setup: SetupOptions

    @Option(name: .long, help: "The path the input is classified by (default: stdin for standard input, else FILE).")
    var stdinName: String?

    @Option(name: .long, help: "Refuse input larger than this: bytes, or with a K, M or G suffix (default: the config's, else 10M).")
    var maxFileSize: String?

    @Option(name: .long, help: "A client-terms file (keyed hashes; needs PROMPTSCAN_TERMS_KEY; default: the config's).")
    var terms: String?

    func validate() throws {
        if let maxFileSize, ScanConfig.parseSize(maxFileSize) == nil {
            throw ValidationError("--max-file-size must be a number of bytes, optionally with K, M or G (got '\(maxFileSize)')")
        }
    }

    func run() throws {
        let runSetup: RunSetup
        let bytes: [UInt8]
        do throws(PromptScanError) {
            runSetup = try RunSetup(
                root: nil, configPath: setup.config, extraRules: setup.rules, failOn: nil, maxFileSize: maxFileSize, baselinePath: nil,
                loadBaseline: false, termsPath: terms)
            bytes = try TextInput.read(file, limit: runSetup.maxFileSize)
            if Gzip.isGzip(bytes.prefix(4)) {
                throw PromptScanError.io(path: TextInput.display(file), message: "gzip data cannot be redacted in place; inflate it first (gzip -dc)")
            }
        } catch {
            throw fail(error)
        }
        let name = stdinName ?? (file == TextInput.standardInput ? TextInput.defaultName : file)
        var options = ScanSession.Options()
        options.threads = setup.threads
        options.limits = .unlimited  // every value is replaced, however many
        let sink = try openSink(nil)
        let report = try runSession(ScanSession(setup: runSetup, source: .text(name: name, bytes: bytes), options: options), into: sink)
        for notice in report.notices {
            let copied = notice.kind == .skipped && notice.path == name ? " (copied unchanged)" : ""
            Console.error("warning: " + notice.line + copied)
        }
        var redactor = Redactor(rules: runSetup.rules)
        redactor.redact(bytes, findings: report.findings) { sink.append(bytes: $0) }
        do {
            try sink.finish()
        } catch {
            throw fail(error)
        }
    }
}
