/// Scanning a file too large to hold whole: fixed-size windows read with `pread`, each overlapping
/// the next by `overlap` bytes so a value across a boundary is still seen whole. Windows are
/// independent tasks, so the workers share one big file as they share many small ones. A match
/// belongs to the window it starts in, so nothing is reported twice; each window reports its
/// findings with window-relative lines plus how many line breaks it owns, and `stitch` turns them
/// into file lines and columns in window order afterwards. Memory stays at one window per worker
/// whatever the file size (a 500 MB minified one-line file included).
extension ScanEngine {
    /// Files larger than this are scanned in windows.
    public static let largeFileThreshold = 32 << 20
    static let windowSize = 16 << 20
    /// The longest value that can straddle a window boundary and still be found.
    static let overlap = 256 << 10

    /// Number of windows of a file of `size` bytes.
    static func windowCount(size: Int) -> Int { max(1, (size + windowSize - 1) / windowSize) }

    /// What one window produced: findings with lines counted from the window's start.
    struct WindowResult: Sendable {
        var findings: [Finding] = []
        var notices: [Notice] = []
        var bytes = 0
        /// Line breaks in the bytes the window owns.
        var breaks = 0
        /// Code points after the last owned line break (or in all owned bytes when there is none).
        var tailColumns = 0
        /// The file is not to be scanned at all (binary, gzip, not a regular file, too large).
        var skipFile = false
        var failed = false
    }

    /// Scans window `index` of the file at `absolutePath`.
    func scanWindow(_ item: ScanItem, absolutePath: String, index: Int, scratch: MatchScratch) -> WindowResult {
        var result = WindowResult()
        let file: ReadableFile
        do {
            file = try ReadableFile(cPath: item.openPath(absolutePath))
        } catch {
            result.failed = true
            if index == 0 {
                result.notices.append(.cannotRead(item.path, error.message))
            }
            return result
        }
        let info = try? file.status()
        guard let info, info.kind == .regular else {
            result.skipFile = true
            if index == 0 { result.notices.append(.notRegular(item.path, info?.kindDescription ?? FileStatus.unknownKindDescription)) }
            return result
        }
        guard info.size <= options.maxFileSize else {
            result.skipFile = true
            if index == 0 {
                result.notices.append(FileSizeLimit.notice(path: item.path, size: info.size, limit: options.maxFileSize))
            }
            return result
        }
        if index > 0 {
            // Every window checks the file's head, so a binary or gzip file costs one small read per
            // window instead of a scan (window 0 reports it).
            var head = [UInt8](repeating: 0, count: BinaryDetector.window)
            let count = (try? file.fill(&head, at: 0)) ?? 0
            let prefix = Array(head.prefix(count))
            if Gzip.isGzip(prefix.prefix(4)) || BinaryDetector.reasonToSkip(prefix) != nil {
                result.skipFile = true
                return result
            }
        }
        let start = index * Self.windowSize
        var buffer = [UInt8](repeating: 0, count: Self.windowSize + Self.overlap)
        let filled: Int
        do {
            filled = try file.fill(&buffer, at: start)
        } catch {
            result.failed = true
            result.notices.append(Notice(kind: .unreadable, path: item.path, message: "cannot read at byte \(start): \(error.message)"))
            return result
        }
        if index == 0 {
            if Gzip.isGzip(buffer.prefix(min(filled, 4))) {
                result.skipFile = true
                result.notices.append(
                    Notice(kind: .skipped, path: item.path, message: "gzip file over \(Self.largeFileThreshold >> 20) MiB, not inflated"))
                return result
            }
            if let reason = BinaryDetector.reasonToSkip(Array(buffer.prefix(min(filled, BinaryDetector.window)))) {
                result.skipFile = true
                result.notices.append(Notice(kind: .skipped, path: item.path, message: reason))
                return result
            }
        }
        // A file that shrank since the walk may end before this window: nothing to own.
        let last = filled < buffer.count
        let owned = last ? filled : Self.windowSize
        buffer.withUnsafeBytes { raw in
            let window = UnsafeRawBufferPointer(rebasing: raw[0..<filled])
            let (findings, notices) = scanner.scan(
                window, path: item.path, fileClass: item.fileClass, scratch: scratch, startsFile: index == 0)
            for var finding in findings where finding.byteRange.lowerBound < owned {
                finding.byteRange = (finding.byteRange.lowerBound + start)..<(finding.byteRange.upperBound + start)
                result.findings.append(finding)
            }
            result.notices = notices
            var lastBreak = -1
            var index = 0
            while index < owned {
                let byte = window[index]
                if byte == 10 || (byte == 13 && !(index + 1 < filled && window[index + 1] == 10)) {
                    result.breaks += 1
                    lastBreak = index
                }
                index += 1
            }
            result.tailColumns = LineLocator.codePoints(window, (lastBreak + 1)..<owned)
        }
        result.bytes = owned
        return result
    }

    /// Joins a file's windows, in order, into one item result with file lines and columns.
    static func stitch(_ windows: [WindowResult]) -> ItemResult {
        var result = ItemResult()
        for window in windows {
            for notice in window.notices where !result.notices.contains(notice) { result.notices.append(notice) }
        }
        if windows.contains(where: { $0.skipFile }) {
            result.notices = windows.first.map(\.notices) ?? []
            return result
        }
        var line = 1
        var column = 0
        for window in windows {
            for var finding in window.findings {
                if finding.line == 1 {
                    finding.column += column
                    if finding.endLine == 1 { finding.endColumn += column }
                }
                finding.line += line - 1
                finding.endLine += line - 1
                result.findings.append(finding)
            }
            result.bytes += window.bytes
            line += window.breaks
            column = window.breaks > 0 ? window.tailColumns : column + window.tailColumns
        }
        result.scanned = !windows.contains { $0.failed }
        return result
    }
}
