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
    /// For a scan of several paths: each report path begins with the display prefix of the path
    /// it was found under (the path as typed, `ReportContext.displayPrefix`), which SARIF writes
    /// as that path's folder from the root instead. Longest display prefix first.
    public var roots: [Root] = []

    /// One scanned path of several: what report paths under it begin with, and its SARIF prefix.
    public struct Root: Sendable, Equatable {
        public var display: String
        public var prefix: String
    }

    public init(rootURI: String? = nil, prefix: String = "") {
        self.rootURI = rootURI
        self.prefix = prefix
    }

    /// A root given as an absolute directory path.
    public init(root: String, prefix: String = "") {
        self.init(rootURI: SarifBase.fileURI(directory: root), prefix: prefix)
    }

    /// The path a SARIF location names for a path of the report.
    public func path(_ reportPath: String) -> String {
        for root in roots where reportPath.utf8.starts(with: root.display.utf8) {
            return root.prefix + String(decoding: reportPath.utf8.dropFirst(root.display.utf8.count), as: UTF8.self)
        }
        return prefix + reportPath
    }

    /// The anchor for a scan of several folders, each given as typed (`display`, "" for ".") and
    /// as the folder it names (`folder`: the path itself, or a file's folder). When every folder is
    /// in the same repository (or is the same folder), `SRCROOT` is that repository's top and each
    /// path is written from it; otherwise `SRCROOT` is `file:///` and each folder is written from
    /// the top of the file system, so no URI climbs out of its base with '..'.
    public static func forScan(ofRoots list: [(display: String, folder: String)]) -> SarifBase {
        let bases = list.map { forScan(of: $0.folder.isEmpty ? "." : $0.folder) }
        var base: SarifBase
        var roots: [Root]
        if let first = bases.first, bases.allSatisfy({ $0.rootURI == first.rootURI }) {
            base = SarifBase(rootURI: first.rootURI)
            roots = zip(list, bases).map { Root(display: ReportContext.displayPrefix($0.0.display), prefix: $0.1.prefix) }
        } else {
            base = SarifBase(root: "/")
            roots = list.map { entry in
                let real = PathContainment.realPath(entry.folder.isEmpty ? "." : entry.folder) ?? absolute(entry.folder)
                let below = real.drop { $0 == "/" }
                return Root(display: ReportContext.displayPrefix(entry.display), prefix: below.isEmpty ? "" : below + "/")
            }
        }
        // Longest display prefix first, so a folder inside another scanned one maps from its own.
        base.roots = roots.enumerated().sorted {
            $0.element.display.utf8.count != $1.element.display.utf8.count
                ? $0.element.display.utf8.count > $1.element.display.utf8.count : $0.offset < $1.offset
        }.map(\.element)
        return base
    }

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
