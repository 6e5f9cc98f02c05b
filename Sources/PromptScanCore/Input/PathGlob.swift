/// A case-insensitive gitignore-style glob over a '/'-separated path relative to the scan root.
/// A glob without '/' is matched against the file name; one with '/' against the whole path with
/// `**/` implied in front (a leading '/' anchors it at the root). `{a,b}` alternatives are expanded.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    private let patterns: [[UInt8]]
    private let basenameOnly: Bool
    /// Per pattern, a cheaper equivalent test where one exists.
    private let kinds: [Kind]

    enum Kind: Sendable, Hashable {
        case literal([UInt8])  // no wildcard: the whole text equals it
        case suffix([UInt8])  // `*` then a literal: the text ends with it (and `*` spans no '/')
        case wildmatch
    }

    static func kind(of pattern: [UInt8], basenameOnly: Bool) -> Kind {
        let special: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "\\")]
        if !pattern.contains(where: special.contains) { return .literal(pattern) }
        if basenameOnly, pattern.first == UInt8(ascii: "*"), !pattern.dropFirst().contains(where: special.contains) {
            return .suffix(Array(pattern.dropFirst()))
        }
        return .wildmatch
    }

    public init(_ source: String) {
        self.source = source
        let lower = source.lowercased()
        basenameOnly = !lower.contains("/")
        patterns = PathGlob.expandBraces(lower).map { glob in
            if glob.contains("/") {
                return Array((glob.hasPrefix("/") ? String(glob.dropFirst()) : (glob.hasPrefix("**/") ? glob : "**/" + glob)).utf8)
            }
            return Array(glob.utf8)
        }
        let basenameOnly = self.basenameOnly
        kinds = patterns.map { PathGlob.kind(of: $0, basenameOnly: basenameOnly) }
    }

    /// Literal pieces that every path this glob matches contains (those all its `{…}` expansions share).
    public var pieces: [[UInt8]] {
        let each = patterns.map(PathGlob.requiredPieces)
        guard var common = each.first.map(Swift.Set.init) else { return [] }
        for other in each.dropFirst() { common.formIntersection(other) }
        return common.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// `piece` without `/` at its ends, when two bytes or more remain.
    static func trimmedPiece(_ piece: ArraySlice<UInt8>) -> [UInt8]? {
        var piece = piece
        while piece.first == UInt8(ascii: "/") { piece = piece.dropFirst() }
        while piece.last == UInt8(ascii: "/") { piece = piece.dropLast() }
        return piece.count >= 2 ? Array(piece) : nil
    }

    /// The runs of plain bytes between wildcards (`*`, `?`, `\x`), without the `/` at their
    /// ends (`**/` may match nothing and take a `/` with it), of two bytes or more: a text the
    /// pattern matches holds each of them. None for a pattern with a `[…]` class.
    static func requiredPieces(_ pattern: [UInt8]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        func flush() {
            if let piece = trimmedPiece(current[...]) { pieces.append(piece) }
            current.removeAll()
        }
        var index = 0
        while index < pattern.count {
            switch pattern[index] {
            case UInt8(ascii: "*"), UInt8(ascii: "?"):
                flush()
            case UInt8(ascii: "\\"):
                flush()
                index += 1  // the escaped byte
            case UInt8(ascii: "["):
                return []  // (where a class ends is subtle: `[]]`, `[[:digit:]]`; no prefilter then)
            default:
                current.append(pattern[index])
            }
            index += 1
        }
        flush()
        return pieces
    }

    /// Whether `text` holds `piece`.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ piece: [UInt8]) -> Bool {
        guard text.count >= piece.count else { return false }
        let first = piece[0]
        var start = 0
        while start <= text.count - piece.count {
            if text[start] == first {
                var k = 1
                while k < piece.count && text[start + k] == piece[k] { k += 1 }
                if k == piece.count { return true }
            }
            start += 1
        }
        return false
    }

    public var description: String { source }

    /// A path prepared once for matching against many globs: lower-cased bytes and where the
    /// file name starts (classifying a file tries about a hundred globs).
    public struct Subject {
        let bytes: [UInt8]
        let nameStart: Int

        public init(_ path: String) {
            bytes = path.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            nameStart = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        }
    }

    /// Whether `path` matches.
    public func matches(_ path: String) -> Bool { matches(Subject(path)) }

    /// Whether the prepared `subject` matches.
    public func matches(_ subject: Subject) -> Bool {
        subject.bytes.withUnsafeBufferPointer { all in
            let text = basenameOnly ? UnsafeBufferPointer(rebasing: all[subject.nameStart...]) : all
            for (index, kind) in kinds.enumerated() {
                switch kind {
                case let .literal(literal):
                    if text.elementsEqual(literal) { return true }
                case let .suffix(suffix):
                    if text.count >= suffix.count, text[(text.count - suffix.count)...].elementsEqual(suffix) { return true }
                case .wildmatch:
                    if patterns[index].withUnsafeBufferPointer({ Wildmatch.matches(pattern: $0, text: text) }) { return true }
                }
            }
            return false
        }
    }

    /// The most `{…}` alternatives one glob expands to. Each group multiplies the count, so 28
    /// groups of two would be 2^28 patterns; a rule file's loader rejects a glob over this, and a
    /// glob built in code keeps only its first expansions.
    public static let maximumAlternatives = 1024

    /// `a.{json,yaml}` → `a.json`, `a.yaml` (the first brace group, then the rest), at most `limit` of them.
    static func expandBraces(_ glob: String, limit: Int = maximumAlternatives) -> [String] {
        expandBraces(glob, limit: limit, complete: nil)
    }

    /// How many patterns `glob` expands to, or nil when that is more than `limit` (found without
    /// building more than `limit + 1` of them).
    public static func alternativeCount(_ glob: String, limit: Int = maximumAlternatives) -> Int? {
        var complete = true
        let count = expandBraces(glob, limit: limit, complete: &complete).count
        return complete ? count : nil
    }

    /// A work list instead of recursion: each step replaces the first group of one pattern by its
    /// alternatives, and stops once `limit` patterns exist (`complete` is then false).
    private static func expandBraces(_ glob: String, limit: Int, complete: UnsafeMutablePointer<Bool>?) -> [String] {
        var done: [String] = []
        var pending: [Substring] = [glob[...]]
        while let pattern = pending.popLast() {
            guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else {
                done.append(String(pattern))
                if done.count > limit { break }
                continue
            }
            let head = pattern[..<open]
            let tail = pattern[pattern.index(after: close)...]
            let alternatives = pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            if done.count + pending.count + alternatives.count > limit + 1 {
                complete?.pointee = false
                return done
            }
            pending.append(contentsOf: alternatives.reversed().map { (head + $0 + tail)[...] })
        }
        if done.count > limit {
            complete?.pointee = false
            return Array(done.prefix(limit))
        }
        return done
    }
}

/// An ordered list of globs asked for the first one a path matches (the file-class table): one
/// pass of a keyword automaton over the path finds the literal pieces it holds, and only the
/// globs whose pieces are all there are matched in full.
public struct GlobTable: Sendable {
    public let globs: [PathGlob]
    private let automaton: KeywordAutomaton
    /// Per glob, the automaton indices of its pieces (none: always matched in full).
    private let piecesOfGlob: [[Int]]

    public init(_ globs: [PathGlob]) {
        self.globs = globs
        var index: [[UInt8]: Int] = [:]
        var keywords: [String] = []
        piecesOfGlob = globs.map { glob in
            glob.pieces.map { piece in
                if let known = index[piece] { return known }
                index[piece] = keywords.count
                keywords.append(String(decoding: piece, as: UTF8.self))
                return keywords.count - 1
            }
        }
        automaton = KeywordAutomaton(keywords: keywords)
    }

    /// The index of the first glob that matches `subject`.
    public func firstMatch(_ subject: PathGlob.Subject) -> Int? {
        var seen = [Bool](repeating: false, count: automaton.keywordCount)
        subject.bytes.withUnsafeBytes { _ = automaton.scan($0, into: &seen) }
        for (index, pieces) in piecesOfGlob.enumerated() where pieces.allSatisfy({ seen[$0] }) {
            if globs[index].matches(subject) { return index }
        }
        return nil
    }
}
