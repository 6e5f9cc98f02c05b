#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scanning a file too large to hold whole: fixed-size windows read with `pread` into one reused
/// buffer, each overlapping the next by `overlap` bytes so a value across a boundary is still seen
/// whole. A match belongs to the window it starts in, so nothing is reported twice; lines and
/// columns are carried from window to window. Memory stays at one window per worker whatever the
/// file size (a 500 MB minified one-line file included).
extension ScanEngine {
    /// Files larger than this are scanned in windows.
    public static let largeFileThreshold = 32 << 20
    static let windowSize = 16 << 20
    /// The longest value that can straddle a window boundary and still be found.
    static let overlap = 256 << 10

    func scanLarge(_ item: ScanItem, absolutePath: String, scratch: MatchScratch) -> ItemResult {
        var result = ItemResult()
        let fd = open(item.openPath(absolutePath), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            result.notices.append(Notice(kind: .unreadable, path: item.path, message: "cannot read: \(String(cString: strerror(errno)))"))
            return result
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            result.notices.append(Notice(kind: .skipped, path: item.path, message: "\(FileReader.kind(info.st_mode)), not read"))
            return result
        }
        guard Int(info.st_size) <= options.maxFileSize else {
            result.notices.append(
                Notice(kind: .skipped, path: item.path,
                       message: "file is \(info.st_size) bytes, over the \(options.maxFileSize)-byte limit (--max-file-size)"))
            return result
        }
        var buffer = [UInt8](repeating: 0, count: Self.windowSize + Self.overlap)
        var start = 0  // file offset of buffer[0]
        var line = 1  // line number at `start`
        var column = 0  // code points between the last line break before `start` and `start`
        while true {
            let filled: Int
            do {
                filled = try Self.fill(&buffer, fd: fd, at: start)
            } catch {
                result.notices.append(Notice(kind: .unreadable, path: item.path, message: "cannot read at byte \(start): \(error.reason)"))
                return result
            }
            if start == 0, Gzip.isGzip(buffer.prefix(min(filled, 4))) {
                result.notices.append(
                    Notice(kind: .skipped, path: item.path,
                           message: "gzip file over \(Self.largeFileThreshold >> 20) MiB, not inflated"))
                return result
            }
            if start == 0, let reason = BinaryDetector.reasonToSkip(Array(buffer.prefix(min(filled, BinaryDetector.window)))) {
                result.notices.append(Notice(kind: .skipped, path: item.path, message: reason))
                return result
            }
            let last = filled < buffer.count
            let owned = last ? filled : Self.windowSize  // matches starting here belong to this window
            buffer.withUnsafeBytes { raw in
                let window = UnsafeRawBufferPointer(rebasing: raw[0..<filled])
                let (findings, notices) = scanner.scan(window, path: item.path, fileClass: item.fileClass, scratch: scratch)
                for var finding in findings where finding.byteRange.lowerBound < owned {
                    if finding.line == 1 {
                        finding.column += column
                        if finding.endLine == 1 { finding.endColumn += column }
                    }
                    finding.line += line - 1
                    finding.endLine += line - 1
                    finding.byteRange = (finding.byteRange.lowerBound + start)..<(finding.byteRange.upperBound + start)
                    result.findings.append(finding)
                }
                for notice in notices where !result.notices.contains(notice) { result.notices.append(notice) }
                // Carry line and column over the part of the window that is now behind us.
                var index = 0
                while index < owned {
                    let byte = window[index]
                    if byte == 10 || (byte == 13 && !(index + 1 < filled && window[index + 1] == 10)) {
                        line += 1
                        column = 0
                    } else if byte & 0xC0 != 0x80 && byte != 13 {
                        column += 1
                    }
                    index += 1
                }
            }
            result.bytes += owned
            if last { break }
            start += Self.windowSize
        }
        result.scanned = true
        return result
    }

    struct ReadError: Error {
        let reason: String
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many (fewer only at end of file).
    static func fill(_ buffer: inout [UInt8], fd: Int32, at offset: Int) throws(ReadError) -> Int {
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + total, raw.count - total, off_t(offset + total))
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw ReadError(reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
        }
        return total
    }
}
