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
    /// A run of `minimum` digits spans at least `minimum` bytes, none of them "other" (a byte that
    /// is neither a digit nor a separator). So the pass looks at one byte in `minimum`: when it
    /// is "other" (or a separator with no digit on one side), no run that is long enough can cover
    /// it or lie wholly before it, and the pass jumps on. Otherwise it counts runs byte by byte from the last skipped-to point until the
    /// next "other" byte, where every run has ended.
    public static func runs(_ bytes: UnsafeRawBufferPointer, minimum: Int) -> [(end: Int, length: Int)] {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        let minimum = max(1, minimum)
        let count = bytes.count
        var found: [(end: Int, length: Int)] = []
        kinds.withUnsafeBufferPointer { kinds in
            var position = 0  // no run is open here: the start, or just after an "other" byte
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
        return found
    }
}
