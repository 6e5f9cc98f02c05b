import Synchronization

/// Counters a running scan updates and a progress line reads (issue 17): files and bytes handed
/// to the engine so far, files and bytes scanned, and whether the walk has ended (only then is
/// there a total to estimate from). Atomics, so the workers never wait for the reader.
public final class ScanProgress: Sendable {
    private let filesFound = Atomic<Int>(0)
    private let bytesFound = Atomic<Int>(0)
    private let filesDone = Atomic<Int>(0)
    private let bytesDone = Atomic<Int>(0)
    private let walkEnded = Atomic<Bool>(false)

    public init() {}

    /// What the counters held at one moment.
    public struct Snapshot: Sendable, Equatable {
        public var filesFound: Int
        public var bytesFound: Int
        public var filesDone: Int
        public var bytesDone: Int
        public var walkEnded: Bool

        public init(filesFound: Int, bytesFound: Int, filesDone: Int, bytesDone: Int, walkEnded: Bool) {
            self.filesFound = filesFound
            self.bytesFound = bytesFound
            self.filesDone = filesDone
            self.bytesDone = bytesDone
            self.walkEnded = walkEnded
        }

        /// One line for a person, `seconds` into the scan: files and bytes done (of how many, once
        /// the walk has ended), the rate, and an estimate of the time left. Numbers only: no path
        /// or value from the scanned tree.
        public func line(seconds: Double) -> String {
            let done = min(bytesDone, max(bytesFound, bytesDone))
            var line = walkEnded ? "scanning: \(filesDone)/\(filesFound) files" : "scanning: \(filesDone) files (\(filesFound) found)"
            line += ", \(Self.size(done))\(walkEnded ? "/" + Self.size(bytesFound) : "")"
            guard seconds > 0 else { return line }
            let rate = Double(done) / seconds
            line += ", \(Self.size(Int(rate)))/s"
            if walkEnded, rate > 0, bytesFound > done {
                line += ", about \(Self.duration(Double(bytesFound - done) / rate)) left"
            }
            return line
        }

        /// `512 B`, `12.3 KB`, `4.0 MB`, `1.2 GB` (powers of 1,000).
        static func size(_ bytes: Int) -> String {
            let units = ["B", "KB", "MB", "GB", "TB"]
            var value = Double(bytes)
            var unit = 0
            while value >= 1000 && unit < units.count - 1 {
                value /= 1000
                unit += 1
            }
            if unit == 0 { return "\(bytes) B" }
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) \(units[unit])"
        }

        /// `8 s`, `2 min 5 s`.
        static func duration(_ seconds: Double) -> String {
            let whole = Int(seconds.rounded(.up))
            return whole < 60 ? "\(whole) s" : "\(whole / 60) min \(whole % 60) s"
        }
    }

    public var snapshot: Snapshot {
        Snapshot(
            filesFound: filesFound.load(ordering: .relaxed), bytesFound: bytesFound.load(ordering: .relaxed),
            filesDone: filesDone.load(ordering: .relaxed), bytesDone: bytesDone.load(ordering: .relaxed),
            walkEnded: walkEnded.load(ordering: .relaxed))
    }

    /// An item of `bytes` was handed to the engine.
    func found(bytes: Int) {
        filesFound.add(1, ordering: .relaxed)
        bytesFound.add(bytes, ordering: .relaxed)
    }

    /// `files` files (0 for a window of a large file) and `bytes` bytes were scanned.
    func done(files: Int, bytes: Int) {
        if files > 0 { filesDone.add(files, ordering: .relaxed) }
        bytesDone.add(bytes, ordering: .relaxed)
    }

    /// Every item has been handed over: the totals are known.
    func walkHasEnded() { walkEnded.store(true, ordering: .relaxed) }

    /// Whether a run shows a progress line: `forced` (`--progress` / `--no-progress`) decides when
    /// given; otherwise only when standard error is a terminal and the `CI` variable is not set, so
    /// never in pipes, files or CI logs.
    public static func shown(forced: Bool?, stderrIsTerminal: Bool, environment: [String: String]) -> Bool {
        if let forced { return forced }
        return stderrIsTerminal && (environment["CI"] ?? "").isEmpty
    }
}
