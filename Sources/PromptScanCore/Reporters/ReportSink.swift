/// Where a report goes: stdout, or a file written atomically (`AtomicFile`: a temporary file
/// beside it, renamed over it at the end), so an interrupted run never leaves a truncated report.
/// The temporary file is created up front, so an unwritable destination fails before any
/// scanning.
public final class ReportSink: ReportOutput {
    private let destination: String?
    private let file: AtomicFile?
    /// Called when stdout's reader goes away (`| head`); the command-line tool ends the process
    /// quietly there. The library only stops writing.
    private let readerGone: () -> Void
    private var stdoutClosed = false

    /// `path` nil means stdout.
    public init(path: String?, whenReaderGone readerGone: @escaping () -> Void = {}) throws(PromptScanError) {
        destination = path
        self.readerGone = readerGone
        guard let path else {
            file = nil
            return
        }
        do {
            file = try AtomicFile(path: path)
        } catch {
            throw Self.cannotWrite(path, error.message)
        }
    }

    /// Bytes appended and not yet written; written out once they pass `flushSize`.
    private var pending: [UInt8] = []
    private static let flushSize = 1 << 20
    /// The first write error (later appends are dropped; `finish` reports it).
    private var failure: String?

    /// Writes `text` and, for a file, renames it into place.
    public func write(_ text: String) throws(PromptScanError) {
        append(text)
        try finish()
    }

    /// Appends `text` to the report (buffered; a reporter streams its output through here).
    public func append(_ text: String) {
        guard failure == nil else { return }
        pending.append(contentsOf: text.utf8)
        if pending.count >= Self.flushSize { flush() }
    }

    /// Appends raw bytes, which need not be UTF-8 (`redact` copies its input through here).
    public func append(bytes: ArraySlice<UInt8>) {
        guard failure == nil else { return }
        pending.append(contentsOf: bytes)
        if pending.count >= Self.flushSize { flush() }
    }

    private func flush() {
        guard !pending.isEmpty, failure == nil else { return }
        if let file {
            do {
                try file.write(pending)
            } catch {
                failure = error.message
            }
        } else if !stdoutClosed, StandardStream.output.write(pending) == .closed {
            stdoutClosed = true
            readerGone()
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and, for a file, renames it into place.
    public func finish() throws(PromptScanError) {
        flush()
        pending = []
        guard let destination, let file else { return }
        if let failure {
            file.discard()
            throw Self.cannotWrite(destination, failure)
        }
        do {
            try file.commit(to: destination)
        } catch {
            throw Self.cannotWrite(destination, error.message)
        }
    }

    /// The error for a report that cannot be written to `path`, and why.
    static func cannotWrite(_ path: String, _ reason: String) -> PromptScanError {
        .io(path: path, message: "cannot write report: \(reason)")
    }

    /// Removes the temporary file (the destination is left as it was).
    public func discard() {
        file?.discard()
    }
}
