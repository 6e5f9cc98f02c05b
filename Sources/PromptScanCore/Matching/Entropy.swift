import Foundation

/// Shannon entropy in bits per byte, the measure rule files set a minimum for.
public enum Entropy {
    /// The Shannon entropy of `bytes` (0 for an empty input).
    public static func shannon<C: Collection>(_ bytes: C) -> Double where C.Element == UInt8 {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            entropy -= p * log2(p)
        }
        return entropy
    }

    /// The minimum a value must reach for a rule whose minimum is `minimum`. A hex value of 32 digits
    /// or more draws from 16 symbols, so it cannot reach a minimum set with base64 in mind: its
    /// expected entropy is about 3.6 bits (a random 32-digit key falls under 3.5 one time in ten),
    /// and it is held to at most 3.2. A rule that sets 4 or more means to keep hex out (a commit id
    /// next to a vendor's name), so its minimum stands.
    public static func minimum<C: Collection>(_ minimum: Double, for value: C) -> Double where C.Element == UInt8 {
        guard minimum < 4, value.count >= 32, value.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }) else { return minimum }
        return Swift.min(minimum, 3.2)
    }
}
