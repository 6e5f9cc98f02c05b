import Dispatch
import Synchronization

/// Runs a rule set over many items at once: `DispatchQueue.concurrentPerform` with one worker per
/// thread pulling the next item (largest first) from a shared counter, each item's result written
/// to its own slot, and everything sorted at the end so output never depends on the schedule.
public struct ScanEngine: Sendable {
    public struct Options: Sendable {
        public var threads: Int
        public var maxFileSize: Int
        public init(threads: Int = ScanEngine.defaultThreadCount, maxFileSize: Int = 10 * 1024 * 1024) {
            self.threads = threads
            self.maxFileSize = maxFileSize
        }
    }

    /// The number of active processors.
    public static var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public let scanner: FileScanner
    public let options: Options

    public init(scanner: FileScanner, options: Options = Options()) {
        self.scanner = scanner
        self.options = options
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
        case item(Int)
        case window(item: Int, index: Int, path: String)
    }

    /// Scans `items` and returns findings and notices in report order.
    public func scan(_ items: [ScanItem]) -> ScanReport {
        // Large files become one task per window; tasks run largest first so a big file does not
        // run alone at the end.
        var tasks: [(task: Task, weight: Int)] = []
        var windowSlots: [Int: Range<Int>] = [:]  // item -> its windows' slot indices
        var windowCount = 0
        for (index, item) in items.enumerated() {
            if case let .file(path, size) = item.source, size > ScanEngine.largeFileThreshold {
                let count = ScanEngine.windowCount(size: size)
                windowSlots[index] = windowCount..<(windowCount + count)
                for window in 0..<count { tasks.append((.window(item: index, index: window, path: path), ScanEngine.windowSize)) }
                windowCount += count
            } else {
                tasks.append((.item(index), item.size))
            }
        }
        tasks.sort { $0.weight > $1.weight }
        let order = tasks.map(\.task)
        let windowStart = windowSlots.mapValues(\.lowerBound)
        let slots = ResultSlots<ItemResult>(count: items.count)
        let windows = ResultSlots<WindowResult>(count: windowCount)
        let next = Atomic<Int>(0)
        let workers = max(1, min(options.threads, tasks.count))
        let maxGroups = scanner.ruleSet.maxGroups
        withExtendedLifetime((slots, windows)) {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let scratch = MatchScratch(groups: maxGroups + 1)
                while true {
                    let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard position < order.count else { break }
                    switch order[position] {
                    case let .item(index):
                        // (Paths are classified here, on the workers, not before the loop.)
                        slots.store(scanOne(items[index], scratch: scratch), at: index)
                    case let .window(item, index, path):
                        windows.store(
                            scanWindow(items[item].classified(), absolutePath: path, index: index, scratch: scratch),
                            at: windowStart[item]! + index)
                    }
                }
            }
        }
        let windowResults = windows.drain().map { $0! }
        var results = slots.drain()
        for (item, range) in windowSlots { results[item] = ScanEngine.stitch(Array(windowResults[range])) }
        var report = ScanReport()
        for case let result? in results {
            report.findings.append(contentsOf: result.findings)
            report.notices.append(contentsOf: result.notices)
            report.bytesScanned += result.bytes
            if result.scanned { report.filesScanned += 1 }
        }
        report.findings.sort(by: Finding.reportOrder)
        report.notices.sort(by: Notice.order)
        return report
    }

    /// Reads and scans one item; never throws: every failure becomes a notice.
    func scanOne(_ unclassified: ScanItem, scratch: MatchScratch) -> ItemResult {
        let item = unclassified.classified()
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
                    result.notices.append(Notice(kind: .unreadable, path: item.path, message: "cannot read: \(reason)"))
                case let .notRegular(kind):
                    result.notices.append(Notice(kind: .skipped, path: item.path, message: "\(kind), not read"))
                case let .tooLarge(size):
                    result.notices.append(
                        Notice(kind: .skipped, path: item.path,
                               message: "file is \(size) bytes, over the \(options.maxFileSize)-byte limit (--max-file-size)"))
                }
                return result
            }
        }
        // Inflates gzip, skips binary content, scans, and scans what recordings and notebooks encode.
        let content = scanner.scanContent(
            bytes, path: item.path, fileClass: item.fileClass, scratch: scratch, decodedLimit: max(options.maxFileSize, 1 << 20) * 8)
        result.findings = content.findings
        result.notices.append(contentsOf: content.notices)
        result.bytes = content.bytes
        result.scanned = content.scanned
        return result
    }
}

/// One result slot per item. Each slot is written by exactly one worker (the one that took its
/// index from the atomic counter) and read only after `concurrentPerform` has returned, which
/// orders the writes before the reads; hence `@unchecked Sendable`.
final class ResultSlots<Result: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Result?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    func store(_ result: Result, at index: Int) { storage[index] = result }

    /// The results; nil for a slot nobody filled (a large file's item slot, filled from its windows).
    func drain() -> [Result?] { Array(storage) }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
}

import Foundation
