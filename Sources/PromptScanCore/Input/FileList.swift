import Foundation

/// Files named one by one (the pre-commit framework's file list) rather than found by a walk.
extension FileWalker {
    /// A file named on the command line as its absolute path and its path from `root` (an
    /// absolute, symlink-free folder such as git's top level): the folder holding it is resolved,
    /// the file itself is not (a link is reported, not followed). A file outside `root` keeps the
    /// name it was given.
    public static func listed(_ path: String, root: String, currentDirectory: String = FileManager.default.currentDirectoryPath) -> (
        absolute: String, relative: String
    ) {
        let absolute = path.hasPrefix("/") ? path : (currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/") + path
        let name = absolute.split(separator: "/").last.map(String.init) ?? absolute
        guard name != "." && name != "..", let folder = PathContainment.realPath(parent(of: absolute)) else { return (absolute, path) }
        let resolved = (folder == "/" ? "" : folder) + "/" + name
        guard PathContainment.isInside(resolved, root), resolved != root else { return (resolved, path) }
        return (resolved, String(resolved.dropFirst(root == "/" ? 1 : root.count + 1)))
    }

    /// The files of `list` as scan items, after the options' filters: no folder is entered and no
    /// ignore file read (a file that is named is scanned), a link or any other non-regular file is
    /// reported as skipped, and a file over the size limit too. A missing file is an error naming it.
    public func walk(files list: [(absolute: String, relative: String)]) throws(PromptScanError) -> Result {
        var result = Result()
        var items: [ScanItem] = []
        var seen = Set<String>()
        for file in list where seen.insert(file.relative).inserted {
            let info: FileStatus
            do {
                info = try FileSystem.status(file.absolute, followingLinks: false)
            } catch {
                throw .io(path: file.relative, message: error.message)
            }
            consider(absolute: file.absolute, relative: file.relative, info: info, classifier: options.classifier, into: &result) { items.append($0) }
        }
        var ignored = 0
        var notices: [Notice] = []
        result.items = items.compactMap { filter($0, ignored: &ignored, notices: &notices) }
        result.ignoredCount += ignored
        result.notices += notices
        return result
    }
}
