/// The largest file a run reads, and what it says about one it leaves out for being larger.
public enum FileSizeLimit {
    /// The limit when neither the command line nor the config sets one: 100 MiB, the largest file
    /// GitHub takes into a repository without Git LFS, so every file a team can commit is scanned
    /// (recorded fixtures, HAR files and transcripts often pass 10 MiB). Memory stays bounded at any
    /// limit: a file over `ScanEngine.largeFileThreshold` is read in windows, never whole.
    public static let defaultBytes = 100 * 1024 * 1024

    /// The notice for the file at `path`, `size` bytes, over `limit`: every source (the walk, the
    /// read, a window of a large file, a git blob) says it in these words.
    static func notice(path: String, size: Int, limit: Int) -> Notice {
        Notice(kind: .skipped, path: path, message: "file is \(size) bytes, over the \(limit)-byte limit (--max-file-size)")
    }
}
