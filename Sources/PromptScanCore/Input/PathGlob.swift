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

    /// `a.{json,yaml}` → `a.json`, `a.yaml` (one level, the first brace group, recursively).
    static func expandBraces(_ glob: String) -> [String] {
        guard let open = glob.firstIndex(of: "{"), let close = glob[open...].firstIndex(of: "}") else { return [glob] }
        let head = glob[..<open]
        let tail = glob[glob.index(after: close)...]
        return glob[glob.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            .flatMap { expandBraces(String(head) + $0 + tail) }
    }
}
