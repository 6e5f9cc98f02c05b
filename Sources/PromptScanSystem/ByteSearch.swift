#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finding one byte in raw memory with `memchr(3)`, which is vectorised: the hot paths look for
/// line breaks, NUL bytes and marker characters with it.
public enum ByteSearch {
    /// The address of the first `byte` in the `count` bytes at `start`, or nil (`memchr`).
    @inlinable
    public static func first(_ byte: UInt8, in start: UnsafeRawPointer, count: Int) -> UnsafeRawPointer? {
        guard count > 0 else { return nil }
        return UnsafeRawPointer(memchr(start, Int32(byte), count))
    }
}
