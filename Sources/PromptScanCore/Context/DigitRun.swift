/// The cheap prefilter of keyword-less numeric rules: the longest run of digits in a file, where
/// up to two separator bytes (space, `-`, `.`, `/`, `(`, `)`) may stand between two digits. Any
/// match of a rule whose value has n digits joined by such separators lies inside a run of at
/// least n, so a rule with `min_digit_run: n` can skip files whose longest run is shorter.
public enum DigitRun {
    /// The longest run, or any run of at least `cap` as soon as one is seen (callers only compare
    /// against thresholds up to `cap`).
    public static func longest(_ bytes: UnsafeRawBufferPointer, cap: Int = .max) -> Int {
        var longest = 0
        var run = 0
        var gap = 0  // separator bytes since the last digit
        for byte in bytes {
            if byte &- 48 < 10 {
                run = gap <= 2 ? run + 1 : 1
                gap = 0
                if run > longest {
                    longest = run
                    if longest >= cap { return longest }
                }
            } else if byte == 32 || byte == 45 || byte == 46 || byte == 47 || byte == 40 || byte == 41 {
                gap += 1
                if gap > 2 { run = 0 }
            } else {
                run = 0
                gap = 3
            }
        }
        return longest
    }

    /// Byte kinds: 0 other, 1 separator, 2 digit.
    private static let kinds: [UInt8] = (0..<256).map { byte in
        if byte >= 48 && byte <= 57 { return 2 }
        return [32, 45, 46, 47, 40, 41].contains(byte) ? 1 : 0
    }

    /// The runs of at least `minimum` digits (same separators as `longest`): end offset and length,
    /// in file order. Line-scoped numeric rules run only on the lines holding one long enough.
    ///
    /// A first pass counts the digits of each 32-byte block, eight bytes at a time. `minimum` digits
    /// of one run lie within `3 * minimum - 2` bytes (at most two separators between digits), so
    /// within `span` consecutive blocks; only where `span` blocks hold `minimum` digits between
    /// them can a run be long enough. Those stretches, widened to the "other" bytes (neither digit
    /// nor separator) around them, where every run ends, are counted exactly by `runs(in:)`.
    public static func runs(_ bytes: UnsafeRawBufferPointer, minimum: Int) -> [(end: Int, length: Int)] {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        let minimum = max(1, minimum)
        let count = bytes.count
        var found: [(end: Int, length: Int)] = []
        let blocks = count / blockSize
        guard blocks >= 8 else {
            runs(in: 0..<count, base: base, minimum: minimum, into: &found)
            return found
        }
        var digits = [Int](repeating: 0, count: blocks + 1)
        let raw = UnsafeRawPointer(base)
        for block in 0..<blocks {
            let offset = block * blockSize
            digits[block] =
                digitCount(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                &+ digitCount(raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                &+ digitCount(raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                &+ digitCount(raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
        }
        for index in (blocks * blockSize)..<count where base[index] &- 48 < 10 { digits[blocks] += 1 }
        let span = (3 * minimum - 2 + blockSize - 1) / blockSize + 1
        // Stretches of blocks whose windows of `span` blocks hold enough digits, merged.
        var stretches: [Range<Int>] = []
        var sum = 0
        for block in 0...blocks {
            sum += digits[block]
            if block >= span { sum -= digits[block - span] }
            guard sum >= minimum else { continue }
            let first = max(0, block - span + 1)
            let range = (first * blockSize)..<min(count, (block + 1) * blockSize)
            if let last = stretches.last, range.lowerBound <= last.upperBound {
                stretches[stretches.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                stretches.append(range)
            }
        }
        // Widen each to the "other" bytes around it (after the one before, through the one after),
        // merging those that then touch, and count runs exactly there.
        var pending: Range<Int>? = nil
        kinds.withUnsafeBufferPointer { kinds in
            for stretch in stretches {
                var low = stretch.lowerBound
                let floor = pending?.upperBound ?? 0  // (what is before is counted already)
                while low > floor && kinds[Int(base[low - 1])] != 0 { low -= 1 }
                var high = stretch.upperBound
                while high < count && kinds[Int(base[high])] != 0 { high += 1 }
                high = min(count, high + 1)
                if let open = pending, low <= open.upperBound {
                    pending = open.lowerBound..<max(open.upperBound, high)
                } else {
                    if let open = pending { runs(in: open, base: base, minimum: minimum, into: &found) }
                    pending = low..<high
                }
            }
        }
        if let open = pending { runs(in: open, base: base, minimum: minimum, into: &found) }
        return found
    }

    static let blockSize = 32

    /// The number of ASCII digits among the eight bytes of `word`: bit 7 of each byte of
    /// `low7 + 0x50` is set from '0' up, of `low7 + 0x46` from ':' up (no carry leaves a byte),
    /// and bytes from 0x80 are left out.
    @inline(__always) static func digitCount(_ word: UInt64) -> Int {
        let low7 = word & 0x7F7F_7F7F_7F7F_7F7F
        let fromZero = low7 &+ 0x5050_5050_5050_5050
        let fromColon = low7 &+ 0x4646_4646_4646_4646
        return (fromZero & ~fromColon & ~word & 0x8080_8080_8080_8080).nonzeroBitCount
    }

    /// The runs of at least `minimum` digits in `range`, which starts where no run is open (at 0 or
    /// after an "other" byte) and ends at the end of the bytes or after an "other" byte.
    ///
    /// A run of `minimum` digits spans at least `minimum` bytes, none of them "other" (a byte that
    /// is neither a digit nor a separator). So the pass looks at one byte in `minimum`: when it
    /// is "other" (or a separator with no digit on one side), no run that is long enough can cover
    /// it or lie wholly before it, and the pass jumps on. Otherwise it counts runs byte by byte from the last skipped-to point until the
    /// next "other" byte, where every run has ended.
    static func runs(in range: Range<Int>, base: UnsafePointer<UInt8>, minimum: Int, into found: inout [(end: Int, length: Int)]) {
        let count = range.upperBound
        kinds.withUnsafeBufferPointer { kinds in
            var position = range.lowerBound  // no run is open here: the start, or just after an "other" byte
            while position < count {
                let probe = position + minimum - 1
                if probe < count {
                    let kind = kinds[Int(base[probe])]
                    if kind == 0 {
                        position = probe + 1
                        continue
                    }
                    // A separator lies in a run only between two digits at most two bytes away on
                    // each side; otherwise every run ends before it or starts after it.
                    if kind == 1 {
                        func digit(_ i: Int) -> Bool { i >= 0 && i < count && kinds[Int(base[i])] == 2 }
                        if !(digit(probe - 1) || digit(probe - 2)) || !(digit(probe + 1) || digit(probe + 2)) {
                            position = probe + 1
                            continue
                        }
                    }
                }
                // Count runs from `position` to the first "other" byte at or after `probe`.
                var run = 0
                var gap = 0  // separators since the last digit
                var lastDigit = 0
                var index = position
                while index < count {
                    let kind = kinds[Int(base[index])]
                    if kind == 2 {
                        if gap > 2 {
                            if run >= minimum { found.append((lastDigit + 1, run)) }
                            run = 0
                        }
                        run += 1
                        gap = 0
                        lastDigit = index
                    } else if kind == 1 {
                        gap += 1
                    } else {
                        if run >= minimum { found.append((lastDigit + 1, run)) }
                        run = 0
                        if index >= probe { break }
                    }
                    index += 1
                }
                if index >= count, run >= minimum { found.append((lastDigit + 1, run)) }
                position = index + 1
            }
        }
    }
}
