import CPCRE2
import Synchronization

// Every call into libpcre2 lives in this file. The rest of the code sees `Pattern` (a compiled
// regex, JIT-compiled on first use, shared across threads) and `MatchScratch` (per-thread match state), and gets
// byte ranges back.

/// A pattern that failed to compile: PCRE2's message and the byte offset in the pattern.
public struct PatternCompileError: Error, Sendable, Equatable {
    public let offset: Int
    public let message: String
}

/// Why a match run stopped early on some input (reported as a notification; the scan goes on).
public enum MatchLimitError: Error, Sendable, Equatable {
    /// `pcre2_match` returned a resource-limit error (match limit, depth limit or JIT stack).
    case limitExceeded(code: Int32, message: String)
    /// Any other negative return code of `pcre2_match`.
    case failed(code: Int32, message: String)
}

/// A compiled PCRE2 pattern (`pcre2_compile_8` + `pcre2_jit_compile_8`).
///
/// Compiled with `PCRE2_UTF | PCRE2_MATCH_INVALID_UTF`, so subjects may hold invalid UTF-8 and
/// offsets are bytes. The JIT compilation runs once, under a lock, before the first match; after
/// it the code is read-only, and PCRE2 documents that a compiled pattern may be used by several
/// threads at once as long as each has its own match data, which `MatchScratch` provides; hence
/// `@unchecked Sendable`.
public final class Pattern: @unchecked Sendable {
    /// The compiled code: set by `init`, or on first use for a deferred pattern (under `lock`,
    /// before `state` leaves 0, and never changed after).
    nonisolated(unsafe) private var code: OpaquePointer?
    /// The source of a deferred pattern, compiled on first use.
    private let deferredSource: String?
    private let options: UInt32
    nonisolated(unsafe) private var secretGroupStorage = 0
    nonisolated(unsafe) private var captureCountStorage = 0
    /// An upper bound of the number of capture groups, known without compiling (`captureCount`
    /// for a pattern compiled by `init`); sizes match data.
    public var captureBound: Int { deferredSource == nil ? captureCountStorage : deferredBound }
    private let deferredBound: Int
    /// 0: not ready; 1: compiled and JIT code ready; 2: compiled, JIT failed (the interpreter is
    /// used); 3: a deferred pattern that failed to compile (`deferredError`). Compilation of a
    /// deferred pattern and JIT compilation happen on the first match, once (a scan that never
    /// reaches a rule never pays for it; start-up on one small input is mostly this).
    private let state = Atomic<Int>(0)
    private let lock = Mutex<Void>(())
    nonisolated(unsafe) private var deferredError: PatternCompileError?

    /// Number of the capture group named `secret`, or 0 when the pattern has none.
    public var secretGroup: Int {
        ensureReady()
        return secretGroupStorage
    }

    /// Number of capture groups.
    public var captureCount: Int {
        ensureReady()
        return captureCountStorage
    }

    /// Whether JIT compilation succeeded (it falls back to the interpreter otherwise); compiles now
    /// if no match has yet.
    public var isJIT: Bool {
        ensureReady()
        return state.load(ordering: .acquiring) == 1
    }

    /// Compiles a deferred pattern and JIT-compiles the code the first time; other threads wait
    /// until it is done, since `pcre2_jit_compile_8` may not run beside `pcre2_match_8` on the same code.
    @inline(__always) private func ensureReady() {
        guard state.load(ordering: .acquiring) == 0 else { return }
        lock.withLock { _ in
            guard state.load(ordering: .relaxed) == 0 else { return }
            if code == nil, let source = deferredSource {
                do throws(PatternCompileError) {
                    try compile(source)
                } catch {
                    deferredError = error
                    state.store(3, ordering: .releasing)
                    return
                }
            }
            guard let code else { return }
            let ok = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
            state.store(ok ? 1 : 2, ordering: .releasing)
        }
    }

    /// The code, compiled and JIT-compiled; nil when a deferred pattern failed to compile.
    @inline(__always) private func readyCode() -> OpaquePointer? {
        ensureReady()
        return state.load(ordering: .acquiring) == 3 ? nil : code
    }

    /// What a match of a deferred pattern that failed to compile reports.
    private var deferredFailure: String {
        "the pattern failed to compile: \(deferredError?.message ?? "unknown error") at offset \(deferredError?.offset ?? 0)"
    }

    /// Compiles `source`; `caseless` adds `PCRE2_CASELESS`.
    public init(_ source: String, caseless: Bool = false) throws(PatternCompileError) {
        options = Pattern.options(caseless: caseless)
        deferredSource = nil
        deferredBound = 0
        try compile(source)
    }

    /// A pattern compiled on its first match instead of now: for patterns already known to compile
    /// (the built-in rules, compiled and tested when the binary was built), so that a run that never
    /// reaches them does not pay for them. Were it to fail, its matches report the compile error.
    public init(deferred source: String, caseless: Bool = false) {
        options = Pattern.options(caseless: caseless)
        deferredSource = source
        deferredBound = Pattern.captureGroupBound(source)
    }

    static func options(caseless: Bool) -> UInt32 {
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        return options
    }

    /// `pcre2_compile_8` and the pattern's facts; sets `code`.
    private func compile(_ source: String) throws(PatternCompileError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let options = self.options
        let compiled: OpaquePointer? = source.withCString { cString in
            cString.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) { pointer in
                pcre2_compile_8(pointer, source.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PatternCompileError(offset: errorOffset, message: Pattern.message(for: errorCode))
        }
        code = compiled
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCountStorage = Int(count)
        let number = "secret".withCString { cString in
            cString.withMemoryRebound(to: UInt8.self, capacity: 7) { pcre2_substring_number_from_name_8(compiled, $0) }
        }
        secretGroupStorage = number > 0 ? Int(number) : 0
    }

    /// An upper bound of the capture groups of `source`, found without compiling: every `(` that is
    /// not escaped, not in a character class and not a non-capturing construct (`(?:`, `(?=`,
    /// `(*VERB)` …), named groups (`(?<name>`, `(?'name'`, `(?P<name>`) included. Branch-reset
    /// groups (`(?|`) reuse numbers, so the bound can be above the real count, never below.
    public static func captureGroupBound(_ source: String) -> Int {
        let bytes = Array(source.utf8)
        var count = 0
        var index = 0
        var inClass = false
        var inQuote = false
        while index < bytes.count {
            let byte = bytes[index]
            if inQuote {
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "E") {
                    inQuote = false
                    index += 2
                    continue
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "Q") { inQuote = true }
                index += 2
                continue
            case UInt8(ascii: "["):
                if !inClass {
                    inClass = true
                    // A ']' right after '[' or '[^' is a literal.
                    var next = index + 1
                    if next < bytes.count, bytes[next] == UInt8(ascii: "^") { next += 1 }
                    if next < bytes.count, bytes[next] == UInt8(ascii: "]") { next += 1 }
                    index = next
                    continue
                }
                // POSIX classes ([:alpha:]) inside a class.
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":"),
                    let end = (index + 2..<bytes.count).first(where: { bytes[$0] == UInt8(ascii: "]") })
                {
                    index = end + 1
                    continue
                }
            case UInt8(ascii: "]"):
                inClass = false
            case UInt8(ascii: "(") where !inClass:
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                if next == UInt8(ascii: "?") {
                    let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                    let fourth = index + 3 < bytes.count ? bytes[index + 3] : 0
                    let named =
                        (third == UInt8(ascii: "<") && fourth != UInt8(ascii: "=") && fourth != UInt8(ascii: "!"))
                        || third == UInt8(ascii: "'") || (third == UInt8(ascii: "P") && fourth == UInt8(ascii: "<"))
                    if named { count += 1 }
                } else if next != UInt8(ascii: "*") {
                    count += 1
                }
            default:
                break
            }
            index += 1
        }
        return count
    }

    deinit { if let code { pcre2_code_free_8(code) } }

    /// The text of a PCRE2 error code (`pcre2_get_error_message_8`).
    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// One match: the whole match and the `secret` group (the whole match when the group is absent
    /// or did not take part).
    public struct Match: Sendable, Equatable {
        public let whole: Range<Int>
        public let secret: Range<Int>
    }

    /// Calls `body` for every non-overlapping match in `subject`, left to right (`pcre2_match_8`).
    /// After an empty match the search advances one byte. Throws when PCRE2 gives up (a limit).
    /// With `range`, only matches inside it are found, but lookbehinds still see the bytes before it.
    public func forEachMatch(
        in subject: UnsafeRawBufferPointer,
        range: Range<Int>? = nil,
        scratch: MatchScratch,
        _ body: (Match) -> Void
    ) throws(MatchLimitError) {
        guard let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            // An empty subject: run once on an empty string so that empty-matching patterns behave.
            return
        }
        guard let code = readyCode() else { throw .failed(code: -1, message: deferredFailure) }
        let length = range?.upperBound ?? subject.count
        var start = range?.lowerBound ?? 0
        let unset = cpcre2_unset()
        while start <= length {
            let rc = pcre2_match_8(code, base, length, start, 0, scratch.matchData, scratch.matchContext)
            if rc == PCRE2_ERROR_NOMATCH { return }
            if rc < 0 {
                let message = Pattern.message(for: rc)
                if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT
                    || rc == PCRE2_ERROR_HEAPLIMIT
                {
                    throw .limitExceeded(code: rc, message: message)
                }
                throw .failed(code: rc, message: message)
            }
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            let wholeStart = ovector[0]
            let wholeEnd = ovector[1]
            var secret = wholeStart..<wholeEnd
            let secretGroup = secretGroupStorage
            if secretGroup > 0 && Int(rc) > secretGroup {
                let s = ovector[2 * secretGroup]
                let e = ovector[2 * secretGroup + 1]
                if s != unset && e != unset { secret = s..<e }
            }
            body(Match(whole: wholeStart..<wholeEnd, secret: secret))
            start = wholeEnd > wholeStart ? wholeEnd : wholeEnd + 1
            // Matching resumes inside a multi-byte character when an empty match advanced one
            // byte; MATCH_INVALID_UTF makes that safe.
        }
    }

    /// Whether `subject` holds any match (used by validators and placeholder filters).
    public func matches(_ subject: UnsafeRawBufferPointer, scratch: MatchScratch) -> Bool {
        guard let code = readyCode() else { return false }
        guard let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            var empty: UInt8 = 0
            return pcre2_match_8(code, &empty, 0, 0, 0, scratch.matchData, scratch.matchContext) >= 0
        }
        return pcre2_match_8(code, base, subject.count, 0, 0, scratch.matchData, scratch.matchContext) >= 0
    }

    /// Whether `text` holds any match.
    public func matches(_ text: String, scratch: MatchScratch) -> Bool {
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBytes { matches(UnsafeRawBufferPointer($0), scratch: scratch) }
    }
}

/// Per-thread match state: match data sized for the largest pattern, a match context with limits,
/// and a JIT stack. Not thread-safe; make one per worker (or per file).
public final class MatchScratch {
    fileprivate let matchData: OpaquePointer
    fileprivate let matchContext: OpaquePointer
    private let jitStack: OpaquePointer?

    /// Default number of `match()` calls PCRE2 may make per start position before giving up.
    public static let defaultMatchLimit: UInt32 = 5_000_000

    /// Creates match data with room for `groups` capture groups and the given limits.
    public init(groups: Int = 32, matchLimit: UInt32 = MatchScratch.defaultMatchLimit, depthLimit: UInt32 = 100_000) {
        matchData = pcre2_match_data_create_8(UInt32(max(groups, 1) + 1), nil)!
        matchContext = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(matchContext, matchLimit)
        pcre2_set_depth_limit_8(matchContext, depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(matchContext, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(matchContext)
        pcre2_match_data_free_8(matchData)
    }
}
