import Foundation
import PromptScanCore

/// Walks and scans a directory or file with a run's setup: the config's path allowlist and
/// file-class overrides applied to the walked items. Used by `scan` and `baseline`.
func scanTree(
    path: String, setup: RunSetup, threads: Int, showSecrets: Bool, followSymlinks: Bool = false, useIgnoreFiles: Bool = true
) throws(PromptScanError) -> ScanReport {
    var walkOptions = FileWalker.Options()
    walkOptions.followSymlinks = followSymlinks
    walkOptions.useIgnoreFiles = useIgnoreFiles
    walkOptions.maxFileSize = setup.maxFileSize
    let walked = try FileWalker(options: walkOptions).walk(root: path)
    var items = walked.items
    var ignored = walked.ignoredCount
    let config = setup.config
    if !config.allowPaths.isEmpty {
        let before = items.count
        items.removeAll { !config.isScanned($0.path) }
        ignored += before - items.count
    }
    if !config.fileClasses.isEmpty {
        items = items.map { item in
            config.fileClass(for: item.path).map { ScanItem(path: item.path, fileClass: $0, source: item.source) } ?? item
        }
    }
    var scanner = FileScanner(ruleSet: setup.ruleSet, showSecrets: showSecrets)
    scanner.terms = setup.terms
    var ownNotices: [Notice] = []
    if let termsFile = setup.termsFilePath {
        items.removeAll { item in
            guard case let .file(absolutePath, _) = item.source,
                URL(fileURLWithPath: absolutePath).standardizedFileURL.resolvingSymlinksInPath().path == termsFile
            else { return false }
            ownNotices.append(Notice(kind: .skipped, path: item.path, message: "the client-terms file of this run is not scanned"))
            return true
        }
    }
    let engine = ScanEngine(
        scanner: scanner,
        options: .init(threads: threads, maxFileSize: setup.maxFileSize))
    var report = engine.scan(items)
    if let profiler = RuleProfiler.shared { Console.error(profiler.report(ruleSet: setup.ruleSet)) }
    report.notices.append(contentsOf: walked.notices)
    report.notices.append(contentsOf: ownNotices)
    report.notices.sort { a, b in
        if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
        return a.kind.rawValue < b.kind.rawValue
    }
    report.ignoredCount = ignored
    return report
}

/// Whether `path` is a directory (the config and baseline are looked for inside it).
func isDirectory(_ path: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
}
