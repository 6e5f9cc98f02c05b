/// A list of gitignore-style globs (`tests/fixtures/`, `**/*.lock`, `!keep.txt`), matched against
/// '/'-separated paths relative to the repository root. A path matches when it, or a directory
/// holding it, matches; the last matching glob wins, so `!` re-includes.
public struct GlobList: Sendable {
    let file: IgnoreFile
    public let globs: [String]

    public init(_ globs: [String]) {
        self.globs = globs
        file = IgnoreFile(contents: globs.joined(separator: "\n"), base: "")
    }

    public var isEmpty: Bool { file.isEmpty }

    public func matches(_ path: String) -> Bool {
        guard !file.isEmpty else { return false }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        var prefix = ""
        for component in components.dropLast() {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            if file.match(prefix, isDirectory: true) == true { return true }
        }
        return file.match(path, isDirectory: false) == true
    }
}
