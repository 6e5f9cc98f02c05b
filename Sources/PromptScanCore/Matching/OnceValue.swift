import Synchronization

/// A value made on first use, once, by whichever thread asks first (others wait for it); every
/// later read takes no lock. Used for the parts of a rule that a short run seldom reaches.
final class OnceValue<Value: Sendable>: @unchecked Sendable {
    /// Set once, under `lock`, before `ready` turns true; never changed after.
    nonisolated(unsafe) private var storage: Value?
    private let ready: Atomic<Bool>
    private let lock = Mutex<Void>(())
    /// nil for a value made already.
    private let make: (@Sendable () -> Value)?

    /// A value made by `make` when it is first read.
    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
        ready = Atomic(false)
    }

    /// A value made already.
    init(value: Value) {
        storage = value
        make = nil
        ready = Atomic(true)
    }

    var value: Value {
        if !ready.load(ordering: .acquiring) {
            lock.withLock { _ in
                guard !ready.load(ordering: .relaxed), let make else { return }
                storage = make()
                ready.store(true, ordering: .releasing)
            }
        }
        guard let storage else { preconditionFailure("OnceValue: read before it was made") }
        return storage
    }
}
