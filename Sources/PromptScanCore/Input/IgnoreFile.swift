// Gitignore-style pattern matching (gitignore(5)), used for .gitignore and .promptscanignore.
//
// The parsing rules follow git's dir.c (add_patterns_from_buffer / parse_path_pattern /
// trim_trailing_spaces) and the glob matching is a byte-level port of git's wildmatch.c
// with WM_PATHNAME semantics. Matching is case-sensitive (core.ignorecase is not modelled).

/// One parsed line of an ignore file.
struct IgnorePattern: Sendable, Equatable {
    /// The glob, leading "/" removed for anchored patterns, trailing "/" removed.
    var glob: [UInt8]
    /// `!pattern`: a match re-includes the path.
    var negated: Bool
    /// `pattern/`: matches directories only.
    var directoryOnly: Bool
    /// No "/" in the pattern (apart from a trailing one): matched against the last path
    /// component at any depth below the base. Otherwise matched against the whole path
    /// relative to the base.
    var basenameOnly: Bool
}

/// The patterns of one .gitignore / .promptscanignore file, anchored at the directory holding it.
public struct IgnoreFile: Sendable {
    /// Directory of the file relative to the scan root, as UTF-8, "" for the root.
    let base: [UInt8]
    let patterns: [IgnorePattern]

    /// `base` is the directory of the file relative to the scan root, "" for the root, no trailing slash, "/"-separated.
    public init(contents: String, base: String) {
        self.base = IgnoreFile.normalizeBase(base)
        self.patterns = IgnoreFile.parse(Array(contents.utf8))
    }

    /// True when the file holds no usable pattern (only blank lines and comments).
    public var isEmpty: Bool { patterns.isEmpty }

    /// nil: no pattern in this file matches; true: ignored; false: re-included by a `!` pattern. The last matching pattern wins.
    /// `path` is relative to the scan root ("/"-separated, no leading "./").
    public func match(_ path: String, isDirectory: Bool) -> Bool? {
        var path = path
        return path.withUTF8 { match(bytes: $0, isDirectory: isDirectory) }
    }

    func match(bytes path: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Bool? {
        if patterns.isEmpty { return nil }
        // Only paths strictly below the base are governed by this file.
        let relativeStart: Int
        if base.isEmpty {
            relativeStart = 0
        } else {
            guard path.count > base.count + 1, path[base.count] == slash else { return nil }
            for i in 0..<base.count where path[i] != base[i] { return nil }
            relativeStart = base.count + 1
        }
        if relativeStart >= path.count { return nil }

        var basenameStart = relativeStart
        var i = path.count - 1
        while i >= relativeStart {
            if path[i] == slash {
                basenameStart = i + 1
                break
            }
            i -= 1
        }
        let relative = UnsafeBufferPointer(rebasing: path[relativeStart...])
        let basename = UnsafeBufferPointer(rebasing: path[basenameStart...])

        for pattern in patterns.reversed() {
            if pattern.directoryOnly && !isDirectory { continue }
            let text = pattern.basenameOnly ? basename : relative
            let matched = pattern.glob.withUnsafeBufferPointer { Wildmatch.matches(pattern: $0, text: text) }
            if matched { return !pattern.negated }
        }
        return nil
    }

    // MARK: Parsing

    static func normalizeBase(_ base: String) -> [UInt8] {
        var bytes = Array(base.utf8)
        while bytes.last == slash { bytes.removeLast() }
        if bytes.starts(with: [dot, slash]) { bytes.removeFirst(2) }
        if bytes == [dot] { bytes = [] }
        return bytes
    }

    static func parse(_ contents: [UInt8]) -> [IgnorePattern] {
        var bytes = contents[...]
        // A UTF-8 byte order mark is skipped, as git does.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var result: [IgnorePattern] = []
        for rawLine in bytes.split(separator: newline, omittingEmptySubsequences: true) {
            var line = Array(rawLine)
            if line.last == carriageReturn { line.removeLast() }
            if line.isEmpty || line[0] == hash { continue }
            trimTrailingSpaces(&line)
            if let pattern = parsePattern(line) { result.append(pattern) }
        }
        return result
    }

    /// Trailing spaces are removed unless escaped with a backslash (git's trim_trailing_spaces).
    static func trimTrailingSpaces(_ line: inout [UInt8]) {
        var lastSpace: Int? = nil
        var i = 0
        while i < line.count {
            switch line[i] {
            case space:
                if lastSpace == nil { lastSpace = i }
            case backslash:
                i += 1
                if i >= line.count { return }  // a lone trailing backslash: leave the line alone
                lastSpace = nil
            default:
                lastSpace = nil
            }
            i += 1
        }
        if let lastSpace { line.removeSubrange(lastSpace...) }
    }

    static func parsePattern(_ line: [UInt8]) -> IgnorePattern? {
        var glob = line[...]
        var negated = false
        if glob.first == bang {
            negated = true
            glob = glob.dropFirst()
        }
        var directoryOnly = false
        if glob.last == slash {
            directoryOnly = true
            glob = glob.dropLast()
        }
        if glob.isEmpty { return nil }  // "", "/", "!" and "!/" can never match anything
        let basenameOnly = !glob.contains(slash)
        if !basenameOnly, glob.first == slash { glob = glob.dropFirst() }
        return IgnorePattern(glob: Array(glob), negated: negated, directoryOnly: directoryOnly, basenameOnly: basenameOnly)
    }
}

/// A stack of ignore files from the root down to a directory: the deepest file that has an opinion wins (git's precedence).
public struct IgnoreStack: Sendable {
    private var files: [IgnoreFile]

    public init() { files = [] }

    /// Returns a stack with `file` on top. Files must be added from the root downwards; a file
    /// added later takes precedence over the ones added before it.
    public func adding(_ file: IgnoreFile) -> IgnoreStack {
        var copy = self
        if !file.isEmpty { copy.files.append(file) }
        return copy
    }

    /// Whether `path` (relative to the scan root) is ignored. As in git, a path inside an
    /// ignored directory is ignored too, whatever the patterns say about the path itself
    /// (a `!` pattern cannot re-include a file whose parent directory is excluded).
    public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        if files.isEmpty { return false }
        var path = path
        return path.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] == slash, i > 0,
                    decide(UnsafeBufferPointer(rebasing: bytes[..<i]), isDirectory: true)
                {
                    return true
                }
                i += 1
            }
            return decide(bytes, isDirectory: isDirectory)
        }
    }

    /// The verdict of the deepest file with an opinion about `path` itself (no parent checks).
    private func decide(_ path: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Bool {
        for file in files.reversed() {
            if let verdict = file.match(bytes: path, isDirectory: isDirectory) { return verdict }
        }
        return false
    }
}

// MARK: - Byte constants

private let slash = UInt8(ascii: "/")
private let backslash = UInt8(ascii: "\\")
private let dot = UInt8(ascii: ".")
private let space = UInt8(ascii: " ")
private let hash = UInt8(ascii: "#")
private let bang = UInt8(ascii: "!")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

// MARK: - wildmatch

/// A port of git's wildmatch.c (`dowild`) with WM_PATHNAME set: `*`, `?` and bracket
/// expressions never match "/", while `**` between slashes (or at either end) matches
/// across directories.
enum Wildmatch {
    private enum Result { case match, noMatch, abortAll, abortToStarStar }

    private static let star = UInt8(ascii: "*")
    private static let question = UInt8(ascii: "?")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let colon = UInt8(ascii: ":")
    private static let dash = UInt8(ascii: "-")
    private static let caret = UInt8(ascii: "^")

    static func matches(pattern: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> Bool {
        dowild(pattern, 0, text, 0) == .match
    }

    static func matches(pattern: String, text: String) -> Bool {
        let p = Array(pattern.utf8)
        let t = Array(text.utf8)
        return p.withUnsafeBufferPointer { pp in t.withUnsafeBufferPointer { tt in matches(pattern: pp, text: tt) } }
    }

    @inline(__always)
    private static func at(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt8 {
        index < buffer.count ? buffer[index] : 0
    }

    @inline(__always)
    private static func isGlobSpecial(_ c: UInt8) -> Bool {
        c == star || c == question || c == openBracket || c == backslash
    }

    private static func dowild(
        _ p: UnsafeBufferPointer<UInt8>, _ patternStart: Int,
        _ t: UnsafeBufferPointer<UInt8>, _ textStart: Int
    ) -> Result {
        var pi = patternStart
        var ti = textStart
        while true {
            var pch = at(p, pi)
            if pch == 0 { break }
            var tch = at(t, ti)
            if tch == 0 && pch != star { return .abortAll }

            if pch == backslash {
                // Literal match with the following character (a trailing backslash never matches).
                pi += 1
                pch = at(p, pi)
                if tch != pch { return .noMatch }
            } else if pch == question {
                if tch == slash { return .noMatch }
            } else if pch == star {
                pi += 1
                var matchSlash = false
                if at(p, pi) == star {
                    let prev = pi - 2
                    pi += 1
                    while at(p, pi) == star { pi += 1 }
                    let next = at(p, pi)
                    if (prev < patternStart || at(p, prev) == slash)
                        && (next == 0 || next == slash || (next == backslash && at(p, pi + 1) == slash))
                    {
                        // "**/" may match zero directories: try the rest of the pattern right here.
                        if next == slash && dowild(p, pi + 1, t, ti) == .match { return .match }
                        matchSlash = true
                    } else {
                        matchSlash = false  // "**" not delimited by slashes acts like "*"
                    }
                }
                let next = at(p, pi)
                if next == 0 {
                    // Trailing "**" matches everything; trailing "*" only if no "/" is left.
                    if !matchSlash {
                        var k = ti
                        while k < t.count {
                            if t[k] == slash { return .noMatch }
                            k += 1
                        }
                    }
                    return .match
                } else if !matchSlash && next == slash {
                    // A single "*" followed by "/" matches up to the next directory separator.
                    var k = ti
                    while k < t.count && t[k] != slash { k += 1 }
                    if k >= t.count { return .noMatch }
                    ti = k
                    // The slash is consumed by the loop increment below.
                    pi += 1
                    ti += 1
                    continue
                }
                while true {
                    if tch == 0 { break }
                    // Fast-forward to the next occurrence of a literal that follows the "*".
                    if !isGlobSpecial(next) {
                        while true {
                            tch = at(t, ti)
                            if tch == 0 || (!matchSlash && tch == slash) || tch == next { break }
                            ti += 1
                        }
                        if tch != next {
                            // git returns WM_NOMATCH here, which lets the enclosing stars retry every
                            // split (exponential on e.g. "*a*a*a*a*c"). The literal is absent from the
                            // rest of the text (or of this path segment), and enclosing stars can only
                            // move this star later (within the segment, for single stars), so the
                            // outcome is the same: cut the backtracking short.
                            return tch == 0 ? .abortAll : .abortToStarStar
                        }
                    }
                    let matched = dowild(p, pi, t, ti)
                    if matched != .noMatch {
                        if !matchSlash || matched != .abortToStarStar { return matched }
                    } else if !matchSlash && tch == slash {
                        return .abortToStarStar
                    }
                    ti += 1
                    tch = at(t, ti)
                }
                return .abortAll
            } else if pch == openBracket {
                pi += 1
                pch = at(p, pi)
                if pch == caret { pch = bang }
                let negated = pch == bang
                if negated {
                    pi += 1
                    pch = at(p, pi)
                }
                var prevCh: UInt8 = 0
                var matched = false
                repeat {
                    if pch == 0 { return .abortAll }
                    if pch == backslash {
                        pi += 1
                        pch = at(p, pi)
                        if pch == 0 { return .abortAll }
                        if tch == pch { matched = true }
                    } else if pch == dash && prevCh != 0 && at(p, pi + 1) != 0 && at(p, pi + 1) != closeBracket {
                        pi += 1
                        pch = at(p, pi)
                        if pch == backslash {
                            pi += 1
                            pch = at(p, pi)
                            if pch == 0 { return .abortAll }
                        }
                        if tch <= pch && tch >= prevCh { matched = true }
                        pch = 0  // so that prevCh becomes 0: "a-c-e" is not a double range
                    } else if pch == openBracket && at(p, pi + 1) == colon {
                        pi += 2
                        let s = pi
                        while at(p, pi) != 0 && at(p, pi) != closeBracket { pi += 1 }
                        if at(p, pi) == 0 { return .abortAll }
                        let nameLength = pi - s - 1
                        if nameLength < 0 || at(p, pi - 1) != colon {
                            // No ":]": treat the "[" as an ordinary member of the set.
                            pi = s - 2
                            pch = openBracket
                            if tch == pch { matched = true }
                        } else {
                            guard let inClass = characterClass(UnsafeBufferPointer(rebasing: p[s..<(s + nameLength)]), tch) else {
                                return .abortAll  // malformed [:class:]
                            }
                            if inClass { matched = true }
                            pch = 0
                        }
                    } else if tch == pch {
                        matched = true
                    }
                    prevCh = pch
                    pi += 1
                    pch = at(p, pi)
                } while pch != closeBracket
                if matched == negated || tch == slash { return .noMatch }
            } else {
                if tch != pch { return .noMatch }
            }
            pi += 1
            ti += 1
        }
        return ti < t.count ? .noMatch : .match
    }

    /// POSIX bracket classes; nil for an unknown class name.
    private static func characterClass(_ name: UnsafeBufferPointer<UInt8>, _ c: UInt8) -> Bool? {
        let isUpper = c >= 0x41 && c <= 0x5A
        let isLower = c >= 0x61 && c <= 0x7A
        let isDigit = c >= 0x30 && c <= 0x39
        let isAlpha = isUpper || isLower
        switch String(decoding: name, as: UTF8.self) {
        case "alnum": return isAlpha || isDigit
        case "alpha": return isAlpha
        case "blank": return c == 0x20 || c == 0x09
        case "cntrl": return c < 0x20 || c == 0x7F
        case "digit": return isDigit
        case "graph": return c > 0x20 && c < 0x7F
        case "lower": return isLower
        case "print": return c >= 0x20 && c < 0x7F
        case "punct": return c > 0x20 && c < 0x7F && !isAlpha && !isDigit
        case "space": return c == 0x20 || (c >= 0x09 && c <= 0x0D)
        case "upper": return isUpper
        case "xdigit": return isDigit || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
        default: return nil
        }
    }
}
