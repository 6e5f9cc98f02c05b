/// Scans the new versions of changed files, read from git's object store (never the work tree),
/// and keeps the findings on the lines the change adds (every line with `allLines`).
public struct ChangeScanner: Sendable {
    public let engine: ScanEngine
    public let blobs: BlobReader
    /// Report findings on every line of a changed file, not only the added ones.
    public var allLines = false
    /// Paths to leave out (config `allow-paths`); nil keeps everything.
    public var pathFilter: (@Sendable (String) -> Bool)?
    /// A file class for a path that overrides the built-in one (config `file-classes`).
    public var fileClassOverride: (@Sendable (String) -> FileClass?)?
    /// Whether a `promptscan:allow` comment covering a line the change adds suppresses the finding
    /// there. An untrusted run (a pull request) sets it to false: the change cannot vouch for
    /// itself, so such findings stay active and a `policy` notice says why.
    public var honoursAddedAllows = true

    public init(engine: ScanEngine, blobs: BlobReader, allLines: Bool = false) {
        self.engine = engine
        self.blobs = blobs
        self.allLines = allLines
    }

    /// Scans `files` (in the order given; history passes them oldest commit first) and returns the
    /// findings in report order, ties between commits broken by that order, and the notices in
    /// the order of the files (`ScanSession` orders them).
    public func scan(_ files: [ChangedFile]) throws(PromptScanError) -> ScanReport {
        var report = ScanReport()
        var wanted: [(file: ChangedFile, order: Int)] = []
        for (order, file) in files.enumerated() {
            switch file.status {
            case "D":
                continue
            case "U":
                report.notices.append(Notice(kind: .skipped, path: engine.displayPath(file.path), message: "unmerged (conflicted) path, not scanned"))
                continue
            default:
                break
            }
            if file.isSubmodule {
                report.notices.append(
                    Notice(kind: .skipped, path: engine.displayPath(file.path), message: "submodule (commit \(file.blob.prefix(12))), not scanned"))
                continue
            }
            if let pathFilter, !pathFilter(file.path) {
                report.ignoredCount += 1
                continue
            }
            // Nothing added (a pure rename, a mode change, only deletions): nothing to read.
            if !allLines && file.added.isEmpty && !file.binaryDiff { continue }
            wanted.append((file, order))
        }
        // Blobs are read and scanned in chunks, so an audit of a long history holds one chunk in memory.
        var orders: [Int] = []
        var start = 0
        while start < wanted.count {
            let chunk = wanted[start..<min(wanted.count, start + Self.chunkSize)]
            start += Self.chunkSize
            try scanChunk(chunk, into: &report, orders: &orders)
        }
        // Report order, then, for equal places in a history, the commit's id (which a merge of
        // the parts of a split history can sort by too), then the order of the change.
        let sorted = report.findings.indices.sorted { a, b in
            let x = report.findings[a]
            let y = report.findings[b]
            if Finding.reportOrder(x, y) { return true }
            if Finding.reportOrder(y, x) { return false }
            if let first = x.commit, let second = y.commit, first != second { return first < second }
            return orders[a] < orders[b]
        }
        report.findings = sorted.map { report.findings[$0] }
        return report
    }

    /// How many files are read from git and scanned at a time.
    static let chunkSize = 2000

    /// Reads the blobs of `chunk`, scans them, and appends the findings on added lines.
    func scanChunk(
        _ chunk: ArraySlice<(file: ChangedFile, order: Int)>, into report: inout ScanReport, orders: inout [Int]
    ) throws(PromptScanError) {
        let limit = engine.options.maxFileSize
        let contents = try blobs.read(chunk.map(\.file.blob), limit: limit)
        var items: [ScanItem] = []
        var owners: [(file: ChangedFile, order: Int)] = []
        for entry in chunk {
            switch contents[entry.file.blob] {
            case let .tooLarge(size):
                report.notices.append(FileSizeLimit.notice(path: engine.displayPath(entry.file.path), size: size, limit: limit))
            case let .content(bytes):
                items.append(ScanItem(path: entry.file.path, fileClass: fileClassOverride?(entry.file.path), source: .bytes(bytes)))
                owners.append(entry)
            case nil:
                break
            }
        }
        for (index, result) in engine.results(of: items).enumerated() {
            let owner = owners[index]
            let everyLine = allLines || owner.file.binaryDiff
            // A secret in the name counts when the change gives the file that name (added, renamed, copied).
            let newName = "ARC".contains(owner.file.status)
            var overruled = 0
            for var finding in result.findings {
                let added = finding.inPath ? newName : (owner.file.binaryDiff || owner.file.added.overlaps(finding.line...finding.endLine))
                guard everyLine || added else { continue }
                if added, finding.allowedInline, !honoursAddedAllows {
                    finding.allowedInline = false
                    overruled += 1
                }
                finding.commit = owner.file.commit
                report.findings.append(finding)
                orders.append(owner.order)
            }
            if overruled > 0 {
                report.notices.append(
                    Notice(
                        kind: .policy, path: owner.file.path,
                        message: "\(overruled) finding(s) on lines this change adds carry an inline allow comment, which an untrusted run "
                            + "does not honour (the change cannot approve itself; the comment counts once merged)"))
            }
            report.notices.append(contentsOf: result.notices)
            report.bytesScanned += result.bytes
            if result.scanned { report.filesScanned += 1 }
        }
    }
}
