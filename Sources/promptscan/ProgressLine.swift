import Dispatch
import Foundation
import PromptScanCore

/// The progress line on standard error (issue 17): first drawn `after` seconds into a scan, then
/// redrawn in place (`\r`, erase to the end of the line) five times a second from the counters of
/// `ScanProgress`, and erased when the scan ends, so the report starts on a clean line.
/// Whether there is one at all is `ScanProgress.shown` (a terminal, not CI, or `--progress`).
final class ProgressLine: @unchecked Sendable {
    // @unchecked: `drawn` and the timer are touched only on `queue` (the handler runs there; `start`
    // and `stop` go through `queue.sync`).
    private let progress: ScanProgress
    private let after: Double
    private let started = Date()
    private let queue = DispatchQueue(label: "promptscan.progress")
    private var timer: DispatchSourceTimer?
    private var drawn = false

    /// How long a scan runs before the line appears: 1 s, or `PROMPTSCAN_PROGRESS_AFTER` seconds
    /// (tests set 0 to see it on a short scan).
    static var delay: Double {
        ProcessInfo.processInfo.environment["PROMPTSCAN_PROGRESS_AFTER"].flatMap(Double.init).map { max(0, $0) } ?? 1
    }

    init(progress: ScanProgress, after: Double = ProgressLine.delay) {
        self.progress = progress
        self.after = after
    }

    func start() {
        queue.sync {
            if after == 0 { draw() }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + (after == 0 ? 0.2 : after), repeating: 0.2)
            timer.setEventHandler { [weak self] in self?.draw() }
            timer.resume()
            self.timer = timer
        }
    }

    /// Stops redrawing and erases the line if one was drawn.
    func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
            if drawn { _ = StandardStream.error.write(Array("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }

    private func draw() {
        let line = progress.snapshot.line(seconds: Date().timeIntervalSince(started))
        _ = StandardStream.error.write(Array("\r\u{1B}[K\(line)".utf8))
        drawn = true
    }
}
