/// Text that arrives as a stream rather than as a file to walk: standard input (`-`), or a FIFO or
/// character device named on the command line (`/dev/stdin` on a pipe, `<(cmd)`). It is read
/// whole, up to the run's size limit, and scanned as one `ScanSession.Source.text` item under a
/// name that also decides its file class.
public enum TextInput {
    /// The argument that names standard input.
    public static let standardInput = "-"
    /// The name standard input is reported and classified under when none is given (`--stdin-name`).
    public static let defaultName = "stdin"

    /// Whether `path` is read as a stream: `-`, or (after symbolic links) a FIFO or character device.
    public static func isStream(_ path: String) -> Bool {
        path == standardInput || ((try? FileSystem.status(path))?.isStream ?? false)
    }

    /// The name `path` is reported and classified under: `given` when set, else `stdin` for `-`,
    /// else the path's last component (`/dev/stdin` → `stdin`, `notes.env` → `notes.env`).
    public static func name(for path: String, given: String?) -> String {
        if let given { return given }
        guard path != standardInput else { return defaultName }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The name errors use for `path`: `stdin` for `-`, else the path as given.
    public static func display(_ path: String) -> String { path == standardInput ? defaultName : path }

    /// Everything `path` (`-`: standard input) holds until its end, at most `limit` bytes. More
    /// than `limit` is an error naming the input (nothing is scanned in part); so is a read that fails.
    public static func read(_ path: String, limit: Int) throws(PromptScanError) -> [UInt8] {
        do {
            return path == standardInput ? try FileReader.readStandardInput(limit: limit) : try FileReader.readStream(path, limit: limit)
        } catch {
            switch error {
            case let .unreadable(reason):
                throw .io(path: display(path), message: "cannot read: \(reason)")
            case .tooLarge:
                throw .io(path: display(path), message: "more than \(limit) bytes, over the limit (--max-file-size)")
            case let .notRegular(kind):
                throw .io(path: display(path), message: "cannot read \(kind)")
            }
        }
    }
}
