import Foundation

/// Keeps the paths a config names (`rules`, `terms`, `baseline`) inside the repository the config
/// belongs to: no absolute path, no `..` out of it, no symbolic link out of it, nothing but regular
/// files (and folders of rule files). A config written by a pull request must not make the scanner
/// read `/proc/self/environ`, a runner's credentials file or a FIFO.
public enum PathContainment {
    /// `path` as written in a config whose folder is `directory` (both relative to the repository
    /// root, '/'-separated), with `.` and `..` resolved by text; nil when it is absolute or `..`
    /// leaves the root. `""` is the root itself.
    public static func relative(_ path: String, under directory: String = "") -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return nil }
        var parts = directory.split(separator: "/").filter { $0 != "." }.map(String.init)
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The repository a file belongs to: the nearest folder at or above the file's own that holds
    /// `.git` (a folder, or a file in a linked work tree); the file's own folder when none does.
    public static func repositoryRoot(forFileAt path: String) -> String {
        let folder = (absolute(path) as NSString).deletingLastPathComponent
        var candidate = folder
        while true {
            if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent(".git")) { return candidate }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { return folder }
            candidate = parent
        }
    }

    /// `path` made absolute against the current directory, with `.` and `..` removed by text.
    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// What a checked path turned out to be.
    public enum Kind: Sendable, Equatable {
        case file
        case folder
    }

    /// Why a path was refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// Absolute, `..` out of the root, or a link that resolves outside it.
        case outside
        /// Nothing there.
        case missing
        /// A FIFO, socket, device, or a folder where a file is needed.
        case notRegular
    }

    /// Checks the file system path `path` (absolute, or relative to the current directory) against
    /// `root`: its real path (every link followed) must be inside the real path of `root`, and be
    /// a regular file, or a folder when `allowFolder`.
    public static func check(_ path: String, root: String, allowFolder: Bool = false) -> Result<Kind, Refusal> {
        guard let realRoot = realPath(root) else { return .failure(.outside) }
        let lexical = absolute(path)
        guard isInside(lexical, realRoot) || isInside(lexical, absolute(root)) else { return .failure(.outside) }
        guard let real = realPath(lexical) else {
            // A dangling link is refused like one that escapes: where it points is not ours to test.
            return FileSystem.entryExists(lexical) ? .failure(.outside) : .failure(.missing)
        }
        guard isInside(real, realRoot) else { return .failure(.outside) }
        guard let info = try? FileSystem.status(real) else { return .failure(.missing) }
        switch info.kind {
        case .regular: return .success(.file)
        case .directory where allowFolder: return .success(.folder)
        default: return .failure(.notRegular)
        }
    }

    /// Whether `path` is `root` or below it (both absolute, without trailing '/').
    static func isInside(_ path: String, _ root: String) -> Bool {
        if root == "/" { return true }
        return path == root || path.hasPrefix(root + "/")
    }

    /// The absolute path with every link followed; nil when some part is missing.
    static func realPath(_ path: String) -> String? { FileSystem.realPath(path) }

    /// The one-line reason for a refusal of config key `key`.
    public static func message(_ refusal: Refusal, key: String) -> String {
        switch refusal {
        case .outside:
            "'\(key)' must name a path inside the repository (no absolute path, no '..' out of it, no link out of it)"
        case .missing: "'\(key)' names a path that does not exist"
        case .notRegular: "'\(key)' must name a regular file\(key == "rules" ? " or a folder of rule files" : "")"
        }
    }
}
