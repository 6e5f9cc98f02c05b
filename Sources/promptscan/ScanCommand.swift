import ArgumentParser
import Foundation
import PromptScanCore

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan a directory or file.",
        discussion: "Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration or I/O error; 64 usage.")

    @Argument(help: "The directory or file to scan.")
    var path: String = "."

    @OptionGroup var options: RunOptions

    @Flag(name: .long, help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Flag(name: .long, help: "Do not honour .gitignore and .promptscanignore files.")
    var noIgnore = false

    @Flag(name: .long, help: "Exit 0/1 even when some files could not be read (they are still reported).")
    var allowUnreadable = false

    func run() throws {
        let started = Date()
        let setup: RunSetup
        do {
            let policy = try Policy.decide(trustedConfig: options.trustedConfig, config: options.setup.config, base: nil, command: "scan")
            setup = try options.runSetup(root: isDirectory(path) ? path : nil, policy: policy)
        } catch {
            throw fail(error)
        }
        let sink = try openSink(options.output)
        var sessionOptions = options.sessionOptions
        sessionOptions.followSymlinks = followSymlinks
        sessionOptions.useIgnoreFiles = !noIgnore
        let report = try runSession(ScanSession(setup: setup, source: .tree(path), options: sessionOptions), into: sink)
        let isDirectory = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
        let displayRoot = isDirectory ? path : ((path as NSString).deletingLastPathComponent)
        try finish(
            report, setup: setup,
            writing: .report(
                options, displayRoot: displayRoot, failsOnUnreadable: !allowUnreadable,
                // Locations from the repository root, wherever the scanned folder is.
                sarif: options.writesSarif ? SarifBase.forScan(of: displayRoot.isEmpty ? "." : displayRoot) : SarifBase(),
                command: "scan"),
            to: sink, started: started)
    }
}
