#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program to completion with `posix_spawn`, feeding stdin and collecting stdout and stderr
/// in one `poll` loop. Foundation's `Process.waitUntilExit` polls its run loop in 50 ms steps, which
/// for the three git calls of a pre-commit scan cost more than the scan. stdin is one end of a
/// socket pair, written with `MSG_NOSIGNAL`, so a child that exits early cannot raise SIGPIPE here.
public enum Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: [UInt8]
    }

    public enum Failure: Error {
        case spawn(String)
    }

    /// Runs `executable` with `arguments` (argv[0] is added) and `environment` ("KEY=VALUE").
    public static func run(_ executable: String, _ arguments: [String], environment: [String], input: [UInt8]?) throws(Failure) -> Result {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inPair: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw .spawn(String(cString: strerror(errno))) }
        // Close-on-exec, so that concurrently spawned children do not inherit them (dup2 clears it on 0-2).
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        if input != nil {
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &inPair) == 0 else {
                throw .spawn(String(cString: strerror(errno)))
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inPair[1], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        // The CLI ignores SIGPIPE; ignored signals survive exec, so give the child the default back.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        if input != nil { close(inPair[1]) }
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            if input != nil { close(inPair[0]) }
            throw .spawn(String(cString: strerror(spawned)))
        }
        var result = Result(status: -1, stdout: [], stderr: [])
        var pending = input ?? []
        var written = 0
        var inFD: Int32 = input != nil ? inPair[0] : -1
        if inFD >= 0 && pending.isEmpty {
            close(inFD)
            inFD = -1
        }
        var openOut = true
        var openErr = true
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while openOut || openErr || inFD >= 0 {
            var fds: [pollfd] = []
            if openOut { fds.append(pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0)) }
            if openErr { fds.append(pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)) }
            if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inFD {
                    let count = pending.withUnsafeBytes {
                        send(inFD, $0.baseAddress! + written, min($0.count - written, 1 << 16), Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
                    }
                    if count > 0 { written += count }
                    if (count < 0 && errno != EAGAIN && errno != EINTR) || written == pending.count {
                        close(inFD)  // done, or the child stopped reading (EPIPE)
                        inFD = -1
                        pending = []
                    }
                    continue
                }
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, $0.count) }
                if count > 0 {
                    if entry.fd == outPipe[0] { result.stdout += buffer[0..<count] } else { result.stderr += buffer[0..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    if entry.fd == outPipe[0] { openOut = false } else { openErr = false }
                }
            }
        }
        close(outPipe[0])
        close(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, and 128 + signal for a child killed by a signal (as shells report it).
        result.status = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return result
    }
}
