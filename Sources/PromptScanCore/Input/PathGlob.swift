/// A case-insensitive gitignore-style glob over a '/'-separated path relative to the scan root.
/// A glob without '/' is matched against the file name; one with '/' against the whole path with
/// `**/` implied in front (a leading '/' anchors it at the root). `{a,b}` alternatives are expanded.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    private let patterns: [[UInt8]]
    private let basenameOnly: Bool

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
    }

    public var description: String { source }

    /// Whether `path` matches.
    public func matches(_ path: String) -> Bool {
        let lower = path.lowercased()
        let text = basenameOnly ? String(lower.split(separator: "/").last ?? "") : lower
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { textBuffer in
            patterns.contains { pattern in pattern.withUnsafeBufferPointer { Wildmatch.matches(pattern: $0, text: textBuffer) } }
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
