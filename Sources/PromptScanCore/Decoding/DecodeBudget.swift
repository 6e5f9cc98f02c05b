import Synchronization

/// The decoded bytes a whole run may produce, shared by the workers: each file reserves its own
/// budget (`ContainerDecoder.budget(forFileSize:)`) from it before decoding and gives back what
/// it did not use. Once it is spent, files are scanned as text only, with a notice.
public final class DecodeBudget: Sendable {
    /// The default for a run: 4 GiB of decoded content.
    public static let defaultBytes = 4 << 30

    public let total: Int
    private let remaining: Atomic<Int>

    public init(bytes: Int = DecodeBudget.defaultBytes) {
        total = bytes
        remaining = Atomic(bytes)
    }

    /// Takes up to `bytes` from the budget; returns how many were granted.
    public func reserve(_ bytes: Int) -> Int {
        var current = remaining.load(ordering: .relaxed)
        while true {
            let granted = min(max(current, 0), bytes)
            let (exchanged, original) = remaining.compareExchange(
                expected: current, desired: current - granted, ordering: .relaxed)
            if exchanged { return granted }
            current = original
        }
    }

    /// Returns unused bytes.
    public func giveBack(_ bytes: Int) {
        if bytes > 0 { remaining.add(bytes, ordering: .relaxed) }
    }

    /// Bytes left.
    public var left: Int { remaining.load(ordering: .relaxed) }
}
