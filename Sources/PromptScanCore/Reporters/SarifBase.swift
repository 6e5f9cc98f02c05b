import Foundation

/// Where the locations of a SARIF log are anchored. GitHub code scanning resolves every
/// `artifactLocation.uri` against the top of the repository, whichever folder was scanned, so a
/// scan of `demo/` writes `demo/x.md`: `prefix` is the scanned folder's path below the root, put
/// before each path of the report, and `rootURI` the root itself for `originalUriBaseIds.SRCROOT`.
public struct SarifBase: Sendable, Equatable {
    /// The root as an absolute `file://` URI ending in '/'; nil leaves `originalUriBaseIds` out
    /// (the consumer then decides what `SRCROOT` is).
    public var rootURI: String?
    /// The scanned folder from the root, '/'-separated with a trailing '/' ("" at the root).
    public var prefix: String

    public init(rootURI: String? = nil, prefix: String = "") {
        self.rootURI = rootURI
        self.prefix = prefix
    }

    /// A root given as an absolute directory path.
    public init(root: String, prefix: String = "") {
        self.init(rootURI: SarifBase.fileURI(directory: root), prefix: prefix)
    }

    /// The path a SARIF location names for a path of the report.
    public func path(_ reportPath: String) -> String { prefix + reportPath }

    /// The anchor for a scan of `folder`: the top of the git work tree holding it (`git rev-parse
    /// --show-toplevel`), or the folder itself outside one (or when git cannot tell).
    public static func forScan(of folder: String) -> SarifBase {
        guard let real = PathContainment.realPath(folder) else { return SarifBase(root: absolute(folder)) }
        guard let top = try? Git(directory: real).topLevel(), let realTop = PathContainment.realPath(top) else {
            return SarifBase(root: real)
        }
        if real == realTop { return SarifBase(root: realTop) }
        guard PathContainment.isInside(real, realTop) else { return SarifBase(root: real) }
        let below = real.dropFirst(realTop == "/" ? 1 : realTop.count + 1)
        return SarifBase(root: realTop, prefix: String(below) + "/")
    }

    /// `directory` (absolute) as a `file://` URI ending in '/', percent-encoded where a URI needs it.
    public static func fileURI(directory: String) -> String {
        let text = URL(fileURLWithPath: directory, isDirectory: true).absoluteString
        return text.hasSuffix("/") ? text : text + "/"
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
