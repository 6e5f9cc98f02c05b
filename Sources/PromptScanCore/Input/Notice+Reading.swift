/// What reading a file says when it cannot: the walk, the read and a window of a large file use
/// the same words.
extension Notice {
    /// The notice for a file that could not be read, and why.
    static func cannotRead(_ path: String, _ reason: String) -> Notice {
        Notice(kind: .unreadable, path: path, message: "cannot read: \(reason)")
    }

    /// The notice for an entry that is not a regular file (`kind`: a directory, a FIFO …).
    static func notRegular(_ path: String, _ kind: String) -> Notice {
        Notice(kind: .skipped, path: path, message: "\(kind), not read")
    }
}
