#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the command-line tool does to its own process. The library never ends the process: only
/// the executable calls `terminate`.
public enum ProcessControl {
    /// Ignores SIGPIPE, so that a reader going away shows up as `EPIPE` from a write
    /// (`StandardStream.Outcome.closed`) instead of killing the process with status 141.
    /// Spawned processes get the default action back (`Subprocess`).
    public static func ignoreBrokenPipe() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Ends the process with `status` (`exit(3)`).
    public static func terminate(_ status: Int32) -> Never {
        exit(status)
    }
}
