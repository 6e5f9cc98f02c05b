/// Finding a short byte string (a marker, a tag) in a file's bytes: `memchr` for its first byte,
/// then a compare. One place for what inline allows, machine-data markers and HTML tables look for.
enum ByteScan {
    /// Whether `needle` is at `offset` of `bytes` (which holds `needle.count` bytes there).
    /// `ignoringCase` folds the needle's lower-case ASCII letters only.
    @inline(__always)
    static func matches(_ needle: [UInt8], at offset: Int, in bytes: UnsafeRawBufferPointer, ignoringCase: Bool = false) -> Bool {
        needle.indices.allSatisfy { index in
            let byte = bytes[offset + index]
            let wanted = needle[index]
            return byte == wanted || (ignoringCase && wanted >= 97 && wanted <= 122 && byte | 0x20 == wanted)
        }
    }

    /// The offset of the first `needle` wholly inside `window` of `bytes`, or nil. With
    /// `ignoringCase` the needle's first byte must not be a letter (it is what `memchr` looks for).
    static func firstIndex(
        of needle: [UInt8], in window: Range<Int>, of bytes: UnsafeRawBufferPointer, ignoringCase: Bool = false
    ) -> Int? {
        guard let base = bytes.baseAddress, let head = needle.first, window.count >= needle.count else { return nil }
        let last = window.upperBound - needle.count
        var offset = window.lowerBound
        while offset <= last, let hit = ByteSearch.first(head, in: base + offset, count: last - offset + 1) {
            let index = base.distance(to: hit)
            if matches(needle, at: index, in: bytes, ignoringCase: ignoringCase) { return index }
            offset = index + 1
        }
        return nil
    }

    /// The offset of the last `needle` wholly inside `window` of `bytes`, or nil.
    static func lastIndex(of needle: [UInt8], in window: Range<Int>, of bytes: UnsafeRawBufferPointer, ignoringCase: Bool = false) -> Int? {
        var index = window.upperBound - needle.count
        while index >= window.lowerBound {
            if matches(needle, at: index, in: bytes, ignoringCase: ignoringCase) { return index }
            index -= 1
        }
        return nil
    }
}
