import Dispatch
import Foundation
import Synchronization

/// Runs a rule set over many items at once: `DispatchQueue.concurrentPerform` with one worker per
/// thread pulling the next item (largest first) from a shared counter, each item's result written
/// to its own slot, and everything sorted at the end so output never depends on the schedule.
public struct ScanEngine: Sendable {
    public struct Options: Sendable {
        public var threads: Int
        public var maxFileSize: Int
        /// Decoded bytes the whole run may produce from recordings and notebooks.
        public var decodeBudget: Int
        /// Counters for a progress line (nil: none kept).
        public var progress: ScanProgress? = nil
        public init(
            threads: Int = ScanEngine.defaultThreadCount, maxFileSize: Int = FileSizeLimit.defaultBytes,
            decodeBudget: Int = DecodeBudget.defaultBytes
        ) {
            self.threads = threads
            self.maxFileSize = maxFileSize
            self.decodeBudget = decodeBudget
        }
    }

    /// The number of active processors.
    public static var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public let scanner: FileScanner
    public let options: Options

    /// The rules run over each item's path (`PathSecrets`).
    let pathRules: Set<Int>
    /// What is left of the run's decoding budget (shared by the workers).
    let decodeBudget: DecodeBudget
    /// Folders whose other data files say their people are made up (dates there are notes).
    let datasets: MadeUpDatasets

    public init(scanner: FileScanner, options: Options = Options()) {
        self.scanner = scanner
        self.options = options
        pathRules = ScanEngine.pathRules(scanner.ruleSet)
        decodeBudget = DecodeBudget(bytes: options.decodeBudget)
        datasets = MadeUpDatasets(scanner: scanner)
    }

    /// What one item produced.
    struct ItemResult: Sendable {
        var findings: [Finding] = []
        var notices: [Notice] = []
        var bytes = 0
        var scanned = false
    }

    /// One unit of work: a whole item, or one window of a large file.
    enum Task: Sendable {
        case item(Int, ScanItem)
        case window(item: Int, index: Int, ScanItem, path: String)
    }

    /// Scans `items` and returns findings and notices in report order.
    public func scan(_ items: [ScanItem]) -> ScanReport {
        scan { emit in items.forEach(emit) }
    }

    /// Scans the items `produce` hands to its `emit` argument while it runs (a directory walk), so
    /// that scanning starts with the first file instead of after the last one is found. `produce`
    /// runs on one of the worker threads, which scans too once it returns.
    public func scan(producing produce: (_ emit: (ScanItem) -> Void) -> Void) -> ScanReport {
        var report = collect(producing: produce)
        report.orderNotices()
        return report
    }

    /// `scan(producing:)` with the notices left in the order of the items (a `ScanSession` adds
    /// notices of its own and orders them all once).
    func collect(producing produce: (_ emit: (ScanItem) -> Void) -> Void) -> ScanReport {
        ScanEngine.report(results(producing: produce))
    }

    /// The result of each of `items`, in order.
    func results(of items: [ScanItem]) -> [ItemResult] {
        results { emit in items.forEach(emit) }
    }

    /// The result of each item `produce` emits, in the order emitted.
    ///
    /// Workers take tasks from a shared queue: large files become one task per window, tasks of a
    /// megabyte or more go first, and once `produce` has returned the rest run largest first, so a
    /// big file does not run alone at the end. Each result is kept with its item's index and
    /// everything is put in order at the end, so the output never depends on the schedule.
    func results(producing produce: (_ emit: (ScanItem) -> Void) -> Void) -> [ItemResult] {
        let queue = TaskQueue()
        let workers = max(1, options.threads)
        // The other workers start at once and wait for tasks; this thread produces, then works too.
        let helpers = DispatchGroup()
        if workers > 1 {
            DispatchQueue.global().async(group: helpers) { [self] in
                DispatchQueue.concurrentPerform(iterations: workers - 1) { _ in work(queue) }
            }
        }
        var count = 0
        var windowed: [Int: (path: String, fileClass: FileClass)] = [:]  // items scanned in windows
        let progress = options.progress
        produce { item in
            progress?.found(bytes: item.size)
            if case let .file(path, size) = item.source, size > ScanEngine.largeFileThreshold {
                windowed[count] = (item.path, item.fileClass)
                for window in 0..<ScanEngine.windowCount(size: size) {
                    queue.push(.window(item: count, index: window, item, path: path), weight: ScanEngine.windowSize)
                }
            } else {
                queue.push(.item(count, item), weight: item.size)
            }
            count += 1
        }
        progress?.walkHasEnded()
        queue.finish(workers: workers)
        work(queue)
        helpers.wait()
        let (items, windows) = queue.results()
        var results = [ItemResult?](repeating: nil, count: count)
        for (index, result) in items { results[index] = result }
        var byItem: [Int: [(index: Int, result: WindowResult)]] = [:]
        let scratch = MatchScratch(groups: scanner.ruleSet.maxGroups + 1)
        for window in windows { byItem[window.item, default: []].append((window.index, window.result)) }
        for (item, parts) in byItem {
            var joined = ScanEngine.stitch(parts.sorted { $0.index < $1.index }.map(\.result))
            let (path, fileClass) = windowed[item]!
            scanner.limits.apply(to: &joined.findings, notices: &joined.notices, path: path)
            scanner.fingerprinter.assignAnchored(&joined.findings)  // ordinals over the whole file
            addPathSecrets(&joined, path: path, fileClass: fileClass, scratch: scratch)
            results[item] = joined
        }
        return results.map { $0! }
    }

    /// One worker: takes tasks until none are left, then hands its results to the queue.
    private func work(_ queue: TaskQueue) {
        let scratch = MatchScratch(groups: scanner.ruleSet.maxGroups + 1)
        var items: [(Int, ItemResult)] = []
        var windows: [(item: Int, index: Int, result: WindowResult)] = []
        while let task = queue.next() {
            switch task {
            case let .item(index, item):
                // (Paths are classified here, on the workers, not in the walk.)
                items.append((index, scanOne(item, scratch: scratch)))
                options.progress?.done(files: 1, bytes: item.size)
            case let .window(index, window, item, path):
                windows.append((index, window, scanWindow(item.classified(), absolutePath: path, index: window, scratch: scratch)))
                // (A file in windows counts as done with its first window; its bytes window by window.)
                options.progress?.done(
                    files: window == 0 ? 1 : 0, bytes: max(0, min(ScanEngine.windowSize, item.size - window * ScanEngine.windowSize)))
            }
        }
        queue.add(items: items, windows: windows)
    }

    /// All items' findings, in report order, and notices, in the order of the items.
    static func report(_ results: [ItemResult]) -> ScanReport {
        var report = ScanReport()
        for result in results {
            report.findings.append(contentsOf: result.findings)
            report.notices.append(contentsOf: result.notices)
            report.bytesScanned += result.bytes
            if result.scanned { report.filesScanned += 1 }
        }
        report.findings.sort(by: Finding.reportOrder)
        return report
    }

    /// Reads and scans one item, and its path; never throws: every failure becomes a notice.
    func scanOne(_ unclassified: ScanItem, scratch: MatchScratch) -> ItemResult {
        let item = unclassified.classified()
        var result = scanContent(of: item, scratch: scratch)
        addPathSecrets(&result, path: item.path, fileClass: item.fileClass, scratch: scratch)
        return result
    }

    /// The most one file's decoded content (inflated gzip, decoded base64 bodies) may hold: eight
    /// times the size limit, the limit counted up to the size read whole (larger files go in
    /// windows), so a high `--max-file-size` does not let one file decode to gigabytes.
    static func decodedLimit(_ maxFileSize: Int) -> Int {
        max(min(maxFileSize, largeFileThreshold), 1 << 20) * 8
    }

    /// Reads and scans one item's content.
    private func scanContent(of item: ScanItem, scratch: MatchScratch) -> ItemResult {
        var result = ItemResult()
        let bytes: [UInt8]
        switch item.source {
        case let .bytes(content):
            bytes = content
        case let .file(absolutePath, _):
            do {
                bytes = try FileReader.read(cPath: item.openPath(absolutePath), limit: options.maxFileSize)
            } catch {
                switch error {
                case let .unreadable(reason):
                    // A file that vanished between the walk and the read is gone, not lost.
                    result.notices.append(.cannotRead(item.path, reason))
                case let .notRegular(kind):
                    result.notices.append(.notRegular(item.path, kind))
                case let .tooLarge(size):
                    result.notices.append(FileSizeLimit.notice(path: item.path, size: size, limit: options.maxFileSize))
                }
                return result
            }
        }
        // Inflates gzip, skips binary content, scans, and scans what recordings and notebooks encode.
        let content = scanner.scanContent(
            bytes, path: item.path, fileClass: item.fileClass, scratch: scratch, decodedLimit: ScanEngine.decodedLimit(options.maxFileSize),
            decodeBudget: decodeBudget)
        result.findings = content.findings
        if case let .file(absolutePath, _) = item.source {
            datasets.demote(&result.findings, item: item, absolutePath: absolutePath)
        }
        result.notices.append(contentsOf: content.notices)
        // (Decoded content adds findings of its own: the caps again, over the whole file.)
        scanner.limits.apply(to: &result.findings, notices: &result.notices, path: item.path)
        result.bytes = content.bytes
        result.scanned = content.scanned
        return result
    }
}

/// The tasks of one scan, filled by the producer while the workers take them, and their results. Tasks of a
/// megabyte or more are taken first; the others in the order they came until the producer
/// finishes, then largest first. A worker waits while the queue is empty and the producer runs.
final class TaskQueue: Sendable {
    private struct State {
        var big: [(task: ScanEngine.Task, weight: Int)] = []
        var small: [(task: ScanEngine.Task, weight: Int)] = []
        var head = 0  // the next small task
    }
    private static let bigWeight = 1 << 20
    private let state = Mutex(State())
    private let finished = Mutex<(items: [(Int, ScanEngine.ItemResult)], windows: [(item: Int, index: Int, result: ScanEngine.WindowResult)])>(([], []))
    /// One signal per task pushed, and one per worker when the producer finishes.
    private let ready = DispatchSemaphore(value: 0)

    func push(_ task: ScanEngine.Task, weight: Int) {
        state.withLock { state in
            if weight >= Self.bigWeight { state.big.append((task, weight)) } else { state.small.append((task, weight)) }
        }
        ready.signal()
    }

    /// No more tasks: the rest are ordered largest first and each of `workers` is woken once
    /// more to find the queue empty in the end.
    func finish(workers: Int) {
        state.withLock { state in
            state.small.removeFirst(state.head)
            state.head = 0
            state.small.sort { $0.weight > $1.weight }
            state.big.sort { $0.weight < $1.weight }  // taken from the end
        }
        for _ in 0..<workers { ready.signal() }
    }

    /// Keeps one worker's results (item index, and window index for windows of large files).
    func add(items: [(Int, ScanEngine.ItemResult)], windows: [(item: Int, index: Int, result: ScanEngine.WindowResult)]) {
        finished.withLock {
            $0.items.append(contentsOf: items)
            $0.windows.append(contentsOf: windows)
        }
    }

    /// Every worker's results, in no particular order.
    func results() -> (items: [(Int, ScanEngine.ItemResult)], windows: [(item: Int, index: Int, result: ScanEngine.WindowResult)]) {
        finished.withLock { $0 }
    }

    /// The next task, waiting for one while the producer runs; nil when all are taken.
    func next() -> ScanEngine.Task? {
        ready.wait()
        return state.withLock { state in
            if let task = state.big.popLast() { return task.task }
            guard state.head < state.small.count else { return nil }
            state.head += 1
            return state.small[state.head - 1].task
        }
    }
}
