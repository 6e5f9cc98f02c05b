/// Finding a short byte string (a marker, a tag) in a file's bytes: `memchr` for its rarest byte,
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

    /// The position in `needle` of the byte `memchr` looks for: the first punctuation byte, else
    /// the first capital or digit, else the first byte. Lower-case letters and blanks are the
    /// common bytes of text, where `memchr` would stop every few bytes for a compare; ignoring
    /// case, letters cannot be looked for at all.
    static func anchor(of needle: [UInt8], ignoringCase: Bool) -> Int {
        func rank(_ byte: UInt8) -> Int {
            switch byte {
            case 97...122, 32: 2
            case 65...90: ignoringCase ? 3 : 1
            case 48...57: 1
            default: 0
            }
        }
        var best = 0
        for index in needle.indices where rank(needle[index]) < rank(needle[best]) { best = index }
        return best
    }

    /// The offset of the first `needle` wholly inside `window` of `bytes`, or nil. With
    /// `ignoringCase` the needle must hold a byte that is not a letter (it is what `memchr` looks
    /// for).
    static func firstIndex(
        of needle: [UInt8], in window: Range<Int>, of bytes: UnsafeRawBufferPointer, ignoringCase: Bool = false
    ) -> Int? {
        guard let base = bytes.baseAddress, !needle.isEmpty, window.count >= needle.count else { return nil }
        let anchor = anchor(of: needle, ignoringCase: ignoringCase)
        let wanted = needle[anchor]
        // Where the anchor byte can be: `needle` then starts inside the window.
        let last = window.upperBound - needle.count + anchor
        var offset = window.lowerBound + anchor
        while offset <= last, let hit = ByteSearch.first(wanted, in: base + offset, count: last - offset + 1) {
            let index = base.distance(to: hit)
            if matches(needle, at: index - anchor, in: bytes, ignoringCase: ignoringCase) { return index - anchor }
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
