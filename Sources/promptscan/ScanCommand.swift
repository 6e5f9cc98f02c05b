import ArgumentParser
import Foundation
import PromptScanCore

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a directory, a file or standard input (-).",
        discussion: "Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration or I/O error; 64 usage.")

    @Argument(
        help: ArgumentHelp(
            "The directories or files to scan (default: .); - reads standard input (a FIFO or /dev/stdin named here is read too), alone.",
            valueName: "path"))
    var paths: [String] = []

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
        // Each path once, in the order given.
        var seen = Set<String>()
        let paths = (self.paths.isEmpty ? ["."] : self.paths).filter { seen.insert($0).inserted }
        if paths.count > 1 {
            try scanSeveral(paths)
            return
        }
        let path = paths[0]
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
        let sink = try openSink(options.reportPlan.mainPath)
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
        let displayRoot = isText ? "" : ScanSession.displayRoot(ofTree: path)
        try finish(
            report, setup: setup,
            writing: .report(
                options, displayRoot: displayRoot, failsOnUnreadable: !allowUnreadable,
                // Locations from the repository root, wherever the scanned folder is (text input has none).
                sarif: options.anchorsAtRepositoryRoot && !isText ? SarifBase.forScan(of: displayRoot.isEmpty ? "." : displayRoot) : SarifBase(),
                command: "scan"),
            to: sink, started: started)
    }

    /// `scan A B C`: each path walked as its own root, findings shown from each path as given, one
    /// report. Settings and the baseline come from the current directory (baseline paths then
    /// match the paths shown); SARIF locations are written from the repository holding them all.
    func scanSeveral(_ paths: [String]) throws {
        let started = Date()
        if let stream = paths.first(where: TextInput.isStream) {
            throw ValidationError("'\(TextInput.display(stream))' is read as standard input, which is scanned alone, not beside other paths")
        }
        if stdinName != nil { throw ValidationError("--stdin-name names standard input (-) or a FIFO, which is scanned alone") }
        let setup: RunSetup
        do {
            let policy = try Policy.decide(trustedConfig: options.trustedConfig, config: options.setup.config, base: nil, command: "scan")
            setup = try options.runSetup(root: ".", policy: policy)
        } catch {
            throw fail(error)
        }
        let sink = try openSink(options.reportPlan.mainPath)
        var sessionOptions = options.sessionOptions
        sessionOptions.shard = try sharding.resolve()
        sessionOptions.followSymlinks = followSymlinks
        sessionOptions.useIgnoreFiles = !noIgnore
        let report = try runSession(ScanSession(setup: setup, source: .trees(paths), options: sessionOptions), into: sink)
        let sarif =
            options.anchorsAtRepositoryRoot
            ? SarifBase.forScan(
                ofRoots: paths.map { path in
                    let root = ScanSession.displayRoot(ofTree: path)
                    return (display: root, folder: root.isEmpty ? "." : root)
                }) : SarifBase()
        try finish(
            report, setup: setup,
            writing: .report(options, displayRoot: "", failsOnUnreadable: !allowUnreadable, sarif: sarif, command: "scan"),
            to: sink, started: started)
    }
}
