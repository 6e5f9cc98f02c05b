import Foundation

/// The files of one commit's tree, read through git's object store, never the work tree: where an
/// untrusted run (`diff`, a pull request) takes its `.promptscan.yml` and the rule, terms and
/// baseline files it names. Paths are taken literally, component by component, so a symbolic link
/// (mode 120000) anywhere on the way is refused rather than followed, and `..` cannot leave the tree.
public struct RevisionFiles: Sendable {
    public let git: Git
    /// The full commit id.
    public let commit: String
    /// How the commit is named in messages: `<first 12 hex digits>:`.
    public var label: String { String(commit.prefix(12)) + ":" }

    /// `revision` resolved to its commit; an unknown revision is a one-line git error.
    public init(git: Git, revision: String) throws(PromptScanError) {
        self.git = git
        let output = try git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
        let id = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard output.status == 0, !id.isEmpty else { throw Git.error("unknown revision \(GitChanges.quoted(revision))") }
        commit = id
    }

    /// One entry of a tree.
    enum Entry: Equatable {
        case file(blob: String)
        case folder(tree: String)
        /// A symbolic link, a submodule or anything else that is not read.
        case other
    }

    /// The entries of tree `tree` by name (`git ls-tree -z`).
    func entries(of tree: String) throws(PromptScanError) -> [String: Entry] {
        let bytes = try git.checked(["ls-tree", "-z", "--full-tree", tree])
        var result: [String: Entry] = [:]
        for record in bytes.split(separator: 0, omittingEmptySubsequences: true) {
            guard let tab = record.firstIndex(of: 9) else { continue }
            let fields = record[record.startIndex..<tab].split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
            let name = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard fields.count == 3 else { continue }
            switch (fields[0], fields[1]) {
            case ("100644", "blob"), ("100755", "blob"): result[name] = .file(blob: fields[2])
            case ("040000", "tree"): result[name] = .folder(tree: fields[2])
            default: result[name] = .other
            }
        }
        return result
    }

    /// The entry at `path` (relative to the root, already normalised by `PathContainment.relative`),
    /// or nil when nothing is there. A link or submodule on the way is `.other`.
    func entry(_ path: String) throws(PromptScanError) -> Entry? {
        var current = Entry.folder(tree: commit + "^{tree}")
        for component in path.split(separator: "/") {
            guard case let .folder(tree) = current else { return .other }
            guard let next = try entries(of: tree)[String(component)] else { return nil }
            current = next
        }
        return current
    }

    /// The bytes of the regular file at `path`, nil when there is none. `key` and `line` name the
    /// config entry that asked for it in errors; a link, a folder or a file over `limit` bytes is refused.
    public func file(_ path: String, limit: Int, key: String, config: String, line: Int?) throws(PromptScanError) -> [UInt8]? {
        guard let relative = PathContainment.relative(path) else {
            throw .configuration(path: config, line: line, message: PathContainment.message(.outside, key: key))
        }
        switch try entry(relative) {
        case nil: return nil
        case .other:
            throw .configuration(path: config, line: line, message: PathContainment.message(.outside, key: key))
        case .folder:
            throw .configuration(path: config, line: line, message: PathContainment.message(.notRegular, key: key))
        case let .file(blob):
            return try read(blob, limit: limit, path: relative)
        }
    }

    /// The `*.yml`/`*.yaml` files named by a `rules` entry: the file itself, or those in the folder,
    /// sorted by name, as (path, bytes).
    public func ruleFiles(_ path: String, limit: Int, config: String, line: Int?) throws(PromptScanError) -> [(String, [UInt8])] {
        guard let relative = PathContainment.relative(path) else {
            throw .configuration(path: config, line: line, message: PathContainment.message(.outside, key: "rules"))
        }
        switch try entry(relative) {
        case nil:
            throw .configuration(path: config, line: line, message: PathContainment.message(.missing, key: "rules"))
        case .other:
            throw .configuration(path: config, line: line, message: PathContainment.message(.outside, key: "rules"))
        case let .file(blob):
            return [(relative, try read(blob, limit: limit, path: relative))]
        case let .folder(tree):
            var files: [(String, [UInt8])] = []
            for (name, entry) in try entries(of: tree).sorted(by: { $0.key < $1.key })
            where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                let child = relative.isEmpty ? name : relative + "/" + name
                guard case let .file(blob) = entry else {
                    throw .configuration(
                        path: config, line: line, message: PathContainment.message(.outside, key: "rules") + " (a file in the named folder)")
                }
                files.append((child, try read(blob, limit: limit, path: child)))
            }
            return files
        }
    }

    func read(_ blob: String, limit: Int, path: String) throws(PromptScanError) -> [UInt8] {
        switch try BlobReader(git: git).read([blob], limit: limit)[blob] {
        case let .content(bytes): return bytes
        case .tooLarge: throw .configuration(path: label + path, line: nil, message: "file is over \(limit >> 20) MiB")
        case nil: throw Git.error("object \(blob) is missing from the repository")
        }
    }
}
