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

    /// The runs of at least `minimum` digits (same separators as `longest`): end offset and length,
    /// in file order. Line-scoped numeric rules run only on the lines holding one long enough.
    public static func runs(_ bytes: UnsafeRawBufferPointer, minimum: Int) -> [(end: Int, length: Int)] {
        var found: [(end: Int, length: Int)] = []
        var run = 0
        var gap = 0
        var lastDigit = 0
        func close() { if run >= minimum { found.append((lastDigit + 1, run)) } }
        for (index, byte) in bytes.enumerated() {
            if byte &- 48 < 10 {
                if gap > 2 { close(); run = 0 }
                run += 1
                gap = 0
                lastDigit = index
            } else if byte == 32 || byte == 45 || byte == 46 || byte == 47 || byte == 40 || byte == 41 {
                gap += 1
            } else {
                if run > 0 { close() }
                run = 0
                gap = 3
            }
        }
        if run > 0 { close() }
        return found
    }
}
