/// Decides whether a file's bytes are text worth scanning.
enum BinaryDetector {
    /// How many leading bytes are inspected for a NUL.
    static let window = 8 * 1024

    /// nil for text; otherwise why the file is skipped.
    static func reasonToSkip(_ bytes: [UInt8]) -> String? {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return "UTF-16 text (byte-order mark), not decoded"
        }
        let hasNUL = bytes.withUnsafeBytes { raw in
            raw.baseAddress.map { ByteSearch.first(0, in: $0, count: min(raw.count, window)) != nil } ?? false
        }
        if hasNUL {
            return "binary file (NUL byte in the first 8 KiB)"
        }
        return nil
    }
}
