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

    /// Scans `items` and returns findings and notices in report order.
    public func scan(_ items: [ScanItem]) -> ScanReport {
        let order = items.indices.sorted { items[$0].size > items[$1].size }
        let slots = ResultSlots(count: items.count)
        let next = Atomic<Int>(0)
        let workers = max(1, min(options.threads, items.count))
        let maxGroups = scanner.ruleSet.maxGroups
        withExtendedLifetime(slots) {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let scratch = MatchScratch(groups: maxGroups + 1)
                while true {
                    let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard position < order.count else { break }
                    let index = order[position]
                    slots.store(scanOne(items[index], scratch: scratch), at: index)
                }
            }
        }
        var report = ScanReport()
        for result in slots.drain() {
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
        case let .file(absolutePath, size) where size > ScanEngine.largeFileThreshold:
            return scanLarge(item, absolutePath: absolutePath, scratch: scratch)
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
final class ResultSlots: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<ScanEngine.ItemResult>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: ScanEngine.ItemResult())
    }

    func store(_ result: ScanEngine.ItemResult, at index: Int) { storage[index] = result }

    func drain() -> [ScanEngine.ItemResult] { Array(storage) }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
}

import Foundation
