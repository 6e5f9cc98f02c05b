import ArgumentParser
import Foundation
import PromptScanCore

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan a directory, a file or standard input (-).",
        discussion: "Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration or I/O error; 64 usage.")

    @Argument(help: "The directory or file to scan; - reads standard input (a FIFO or /dev/stdin named here is read too).")
    var path: String = "."

    @OptionGroup var options: RunOptions

    @OptionGroup var sharding: ShardOptions

    @Flag(name: .long, help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Flag(name: .long, help: "Do not honour .gitignore and .promptscanignore files.")
    var noIgnore = false

    @Flag(name: .long, help: "Exit 0/1 even when some files could not be read (they are still reported).")
    var allowUnreadable = false

    @Option(
        name: .long,
        help: "The path standard input (or a FIFO named as PATH) is reported under and classified by (default: stdin, or the FIFO's name).")
    var stdinName: String?

    func run() throws {
        let started = Date()
        // Standard input, or a FIFO or device named here: read whole, scanned as one text item.
        let isText = TextInput.isStream(path)
        if stdinName != nil && !isText {
            throw ValidationError("--stdin-name names standard input (-) or a FIFO, not '\(TextInput.display(path))'")
        }
        let setup: RunSetup
        do {
            let policy = try Policy.decide(trustedConfig: options.trustedConfig, config: options.setup.config, base: nil, command: "scan")
            setup = try options.runSetup(root: !isText && isDirectory(path) ? path : nil, policy: policy)
        } catch {
            throw fail(error)
        }
        let sink = try openSink(options.output)
        let source: ScanSession.Source
        if isText {
            do {
                source = .text(name: TextInput.name(for: path, given: stdinName), bytes: try TextInput.read(path, limit: setup.maxFileSize))
            } catch {
                sink.discard()
                throw fail(error)
            }
        } else {
            source = .tree(path)
        }
        var sessionOptions = options.sessionOptions
        if !isText { sessionOptions.shard = try sharding.resolve() }
        sessionOptions.followSymlinks = followSymlinks
        sessionOptions.useIgnoreFiles = !noIgnore
        let report = try runSession(ScanSession(setup: setup, source: source, options: sessionOptions), into: sink)
        let isDirectory = !isText && (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
        let displayRoot = isText ? "" : isDirectory ? path : ((path as NSString).deletingLastPathComponent)
        try finish(
            report, setup: setup,
            writing: .report(
                options, displayRoot: displayRoot, failsOnUnreadable: !allowUnreadable,
                // Locations from the repository root, wherever the scanned folder is (text input has none).
                sarif: options.writesSarif && !isText ? SarifBase.forScan(of: displayRoot.isEmpty ? "." : displayRoot) : SarifBase(),
                command: "scan"),
            to: sink, started: started)
    }
}
