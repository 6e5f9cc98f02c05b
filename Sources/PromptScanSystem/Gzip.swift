import CZlib

/// gzip decompression through zlib: the only file that imports `CZlib`.
public enum Gzip {
    public enum Failure: Error, Equatable {
        /// zlib reported an error (its message, e.g. "incorrect header check").
        case corrupt(String)
        /// The output would exceed the limit (a decompression bomb, or simply too large to scan).
        case tooLarge(Int)
    }

    /// Whether `bytes` start with the gzip magic number (1f 8b, method 8).
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B && iterator.next() == 0x08
    }

    /// Inflates gzip (or zlib) data, concatenated members included, to at most `limit` bytes
    /// (`inflateInit2_` with window bits 15 + 32: automatic header detection).
    public static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        let (output, complete) = try inflate(input, limit: limit, keepingPrefix: false)
        if !complete { throw .tooLarge(output.count) }
        return output
    }

    /// Inflates at most `limit` bytes: the whole content (`complete`), or its first `limit` bytes
    /// when it is larger (a bomb, or a body over a budget), without inflating the rest.
    public static func inflatePrefix(_ input: [UInt8], limit: Int) throws(Failure) -> (bytes: [UInt8], complete: Bool) {
        try inflate(input, limit: limit, keepingPrefix: true)
    }

    private static func inflate(_ input: [UInt8], limit: Int, keepingPrefix: Bool) throws(Failure) -> (bytes: [UInt8], complete: Bool) {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        var failure: Failure?
        var complete = true
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while failure == nil {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit {
                    if keepingPrefix {
                        output.append(contentsOf: chunk[0..<(limit - output.count)])
                        complete = false
                    } else {
                        failure = .tooLarge(output.count + produced)
                    }
                    break
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END {
                    // Another gzip member may follow (concatenated files).
                    if stream.avail_in > 0, inflateReset(&stream) == Z_OK { continue }
                    break
                }
                if status != Z_OK {
                    if status == Z_BUF_ERROR && stream.avail_in == 0 {
                        failure = .corrupt("truncated gzip data")
                    } else {
                        failure = .corrupt(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
                    }
                }
            }
        }
        if let failure { throw failure }
        return (output, complete)
    }
}
