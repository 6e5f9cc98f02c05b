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
}
