/// Reads many objects in one `git cat-file --batch` process: object ids in on stdin, one per line,
/// `<id> <type> <size>\n<content>\n` back for each.
public struct BlobReader: Sendable {
    public let git: Git

    public init(git: Git) { self.git = git }

    /// What came back for one object id.
    public enum Blob: Sendable, Equatable {
        case content([UInt8])
        /// The object is larger than the limit asked for: its size; the content was not kept.
        case tooLarge(Int)
    }

    /// The content of every object in `ids` (deduplicated), keyed by id. A missing or corrupt
    /// object is an error.
    public func read(_ ids: [String], limit: Int = Int.max) throws(PromptScanError) -> [String: Blob] {
        var unique: [String] = []
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted { unique.append(id) }
        guard !unique.isEmpty else { return [:] }
        let input = Array(unique.map { $0 + "\n" }.joined().utf8)
        let output = try git.run(["cat-file", "--batch"], input: input)
        let bytes = output.stdout
        var result: [String: Blob] = [:]
        var index = 0
        for id in unique {
            guard index < bytes.count else {
                throw Git.error(Git.firstLine(output.stderr) ?? "git cat-file stopped before object \(id)")
            }
            var end = index
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            let header = String(decoding: bytes[index..<end], as: UTF8.self)
            let parts = header.split(separator: " ")
            if parts.count == 2, parts[1] == "missing" {
                throw Git.error("object \(id) is missing from the repository (corrupt or incomplete clone?)")
            }
            guard parts.count == 3, let size = Int(parts[2]), end + 1 + size <= bytes.count else {
                throw Git.error(Git.firstLine(output.stderr) ?? "unexpected git cat-file output for object \(id)")
            }
            let start = end + 1
            result[id] = size > limit ? .tooLarge(size) : .content(Array(bytes[start..<start + size]))
            index = start + size + 1
        }
        guard output.status == 0 else {
            throw Git.error(Git.firstLine(output.stderr) ?? "git cat-file exited with status \(output.status)")
        }
        return result
    }
}
