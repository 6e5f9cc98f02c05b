/// The three ways to ask git what changed: the index against HEAD (pre-commit), the merge base of
/// two revisions against the second (CI), and every commit against its first parent (audit).
public struct GitChanges: Sendable {
    public let git: Git

    public init(git: Git) { self.git = git }

    /// Options shared by every diff: raw records and a zero-context patch, full object ids, renames
    /// and copies detected, paths from the top of the work tree, no external diff or text conversion.
    static let diffOptions = [
        "--raw", "-p", "-U0", "-z", "--no-abbrev", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
        "--ignore-submodules=none", "--submodule=short", "--src-prefix=a/", "--dst-prefix=b/",
    ]

    /// What `git commit` would record: the index against HEAD (against the empty tree before the
    /// first commit, which `git diff --cached` does by itself).
    public func staged() throws(PromptScanError) -> [ChangedFile] {
        try DiffParser.parse(git.checked(["diff", "--cached", "--no-relative"] + Self.diffOptions))
    }

    /// What a branch adds: the merge base of `base` and `head` against `head`.
    public func branch(base: String, head: String) throws(PromptScanError) -> [ChangedFile] {
        try requireCommits([base, head])
        let mergeBase = try git.run(["merge-base", "--end-of-options", base, head])
        guard mergeBase.status == 0 else {
            if try git.isShallow() {
                throw Git.error(
                    Self.shallowAdvice("the history of this shallow clone does not reach the merge base of \(Self.quoted(base)) and \(Self.quoted(head))"))
            }
            if mergeBase.status == 1 {
                throw Git.error("\(Self.quoted(base)) and \(Self.quoted(head)) have no common ancestor")
            }
            throw Git.error(Git.firstLine(mergeBase.stderr) ?? "git merge-base failed")
        }
        let baseCommit = String(decoding: mergeBase.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return try DiffParser.parse(git.checked(["diff", "--no-relative"] + Self.diffOptions + [baseCommit, head, "--"]))
    }

    /// Fails, with advice for a shallow clone, unless every revision names a commit here.
    public func requireCommits(_ revisions: [String]) throws(PromptScanError) {
        for revision in revisions where !(try git.commitExists(revision)) {
            if try git.isShallow() {
                throw Git.error(Self.shallowAdvice("\(Self.quoted(revision)) is not in this shallow clone"))
            }
            throw Git.error("unknown revision \(Self.quoted(revision)) (fetch it first: git fetch origin <branch>)")
        }
    }

    /// One commit of history: its id, and its first parent (nil for a root commit).
    public struct Commit: Sendable, Equatable {
        public let id: String
        public let parents: [String]
    }

    /// The commits reachable from HEAD (after `since`, when given), oldest first.
    public func commits(since: String?) throws(PromptScanError) -> [Commit] {
        if let since, !(try git.commitExists(since)) {
            if try git.isShallow() { throw Git.error(Self.shallowAdvice("\(Self.quoted(since)) is not in this shallow clone")) }
            throw Git.error("unknown revision \(Self.quoted(since))")
        }
        guard try git.headCommit() != nil else { return [] }  // no commit yet
        let range = since.map { ["^" + $0, "HEAD"] } ?? ["HEAD"]
        let text = String(decoding: try git.checked(["rev-list", "--reverse", "--topo-order", "--parents"] + range + ["--"]), as: UTF8.self)
        return text.split(separator: "\n").map { line in
            let ids = line.split(separator: " ").map(String.init)
            return Commit(id: ids[0], parents: Array(ids.dropFirst()))
        }
    }

    /// The commits a push sends, oldest first: those reachable from `tips` and not from `excluded`
    /// (commits the remote has) nor, when `remote` is given, from any of that remote's branches
    /// (any remote's, for ""). Every revision must be an object id or a ref name, never an option.
    public func commits(reachableFrom tips: [String], excluding excluded: [String] = [], notOnRemote remote: String? = nil) throws(PromptScanError) -> [Commit]
    {
        for revision in tips + excluded where !Self.isPlainRevision(revision) {
            throw Git.error("not a revision: \(Self.quoted(revision))")
        }
        if let remote, !remote.isEmpty, !Self.isPlainRevision(remote) { throw Git.error("not a remote name: \(Self.quoted(remote))") }
        guard !tips.isEmpty else { return [] }
        let arguments = tips + excluded.map { "^" + $0 } + (remote.map { ["--not", $0.isEmpty ? "--remotes" : "--remotes=\($0)"] } ?? [])
        let text = String(decoding: try git.checked(["rev-list", "--reverse", "--topo-order", "--parents"] + arguments + ["--"]), as: UTF8.self)
        return text.split(separator: "\n").map { line in
            let ids = line.split(separator: " ").map(String.init)
            return Commit(id: ids[0], parents: Array(ids.dropFirst()))
        }
    }

    /// An object id or ref name (`refs/heads/x`, `main`): no leading '-', no space, control
    /// character or range syntax git would read as something else.
    static func isPlainRevision(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-") && !text.hasPrefix("^")
            && !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || ":~^?*[\\".unicodeScalars.contains($0) }
            && !text.contains("..")
    }

    /// How many files each commit since `since` (all reachable from HEAD when nil) changes
    /// relative to its first parent, from one `git log` (merge commits change none): the weight a
    /// split history gives each commit.
    public func filesChanged(since: String?) throws(PromptScanError) -> [String: Int] {
        let range = since.map { ["^" + $0, "HEAD"] } ?? ["HEAD"]
        let output = try git.checked(["log", "--no-renames", "--no-ext-diff", "--no-textconv", "-r", "--raw", "--format=%x01%H"] + range + ["--"])
        var counts: [String: Int] = [:]
        var current: String?
        for line in output.split(separator: 10) {
            if line.first == 1 {
                let id = String(decoding: line.dropFirst(), as: UTF8.self)
                current = id
                counts[id] = 0
            } else if line.first == 58, let id = current {  // ':' opens a raw diff line
                counts[id, default: 0] += 1
            }
        }
        return counts
    }

    /// What `commit` added relative to its first parent (everything, for a root commit). Merge
    /// commits give nothing: their lines were added by the commits they merge.
    public func changes(in commit: Commit) throws(PromptScanError) -> [ChangedFile] {
        guard commit.parents.count <= 1 else { return [] }
        let revisions = commit.parents.isEmpty ? ["--root", commit.id] : [commit.parents[0], commit.id]
        var files = try DiffParser.parse(git.checked(["diff-tree", "-r", "--no-commit-id"] + Self.diffOptions + revisions + ["--"]))
        for index in files.indices { files[index].commit = commit.id }
        return files
    }

    /// A revision as given on the command line, for messages only (never inside a suggested
    /// command): quoted, control characters escaped, cut at 80 characters.
    public static func quoted(_ revision: String) -> String {
        "'" + OneLine.clean(revision, limit: 80) + "'"
    }

    /// The message for a base or merge base that a shallow clone does not have.
    static func shallowAdvice(_ problem: String) -> String {
        "\(problem); fetch more history: in GitHub Actions set 'fetch-depth: 0' on actions/checkout, "
            + "elsewhere run 'git fetch --deepen=<n>' (or 'git fetch --unshallow')"
    }
}
