import Foundation
import PromptScanCore

/// Walks and scans a directory or file with a run's setup: the config's path allowlist and
/// file-class overrides applied to the walked items. Used by `scan` and `baseline`.
func scanTree(
    path: String, setup: RunSetup, threads: Int, showSecrets: Bool, followSymlinks: Bool = false, useIgnoreFiles: Bool = true,
    limits: FindingLimits = FindingLimits()
) throws(PromptScanError) -> ScanReport {
    var walkOptions = FileWalker.Options()
    walkOptions.followSymlinks = followSymlinks
    walkOptions.useIgnoreFiles = useIgnoreFiles
    walkOptions.maxFileSize = setup.maxFileSize
    let config = setup.config
    var scanner = FileScanner(ruleSet: setup.ruleSet, showSecrets: showSecrets)
    scanner.terms = setup.terms
    scanner.limits = limits
    let engine = ScanEngine(scanner: scanner, options: .init(threads: threads, maxFileSize: setup.maxFileSize))
    // The walk runs on one of the engine's workers and hands it each file as found.
    var walked = Result<FileWalker.Result, PromptScanError>.success(FileWalker.Result())
    var ignored = 0
    var ownNotices: [Notice] = []
    let started = DispatchTime.now().uptimeNanoseconds
    var report = engine.scan { emit in
        walked = Result { () throws(PromptScanError) in
            try FileWalker(options: walkOptions).walk(root: path) { walkedItem in
                var item = walkedItem
                guard config.isScanned(item.path) else {
                    ignored += 1
                    return
                }
                if let fileClass = config.fileClass(for: item.path) {
                    item = ScanItem(path: item.path, fileClass: fileClass, source: item.source)
                }
                if let termsFile = setup.termsFilePath, case let .file(absolutePath, _) = item.source,
                    URL(fileURLWithPath: absolutePath).standardizedFileURL.resolvingSymlinksInPath().path == termsFile
                {
                    ownNotices.append(Notice(kind: .skipped, path: item.path, message: "the client-terms file of this run is not scanned"))
                    return
                }
                emit(item)
            }
        }
        RuleProfiler.shared?.add(phase: "walk (scanning alongside)", since: started)
    }
    RuleProfiler.shared?.add(phase: "walk and scan", since: started)
    let walkResult = try walked.get()
    if let profiler = RuleProfiler.shared { Console.error(profiler.report(ruleSet: setup.ruleSet)) }
    // (The walk's notices name files that were not scanned: their names may hold secrets too.)
    report.notices.append(contentsOf: engine.redactingPaths(walkResult.notices))
    report.notices.append(contentsOf: engine.redactingPaths(ownNotices))
    report.notices.sort { a, b in
        if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
        return a.kind.rawValue < b.kind.rawValue
    }
    report.ignoredCount = walkResult.ignoredCount + ignored
    return report
}

/// Whether `path` is a directory (the config and baseline are looked for inside it).
func isDirectory(_ path: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
}
