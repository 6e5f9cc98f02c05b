/// The one error type of the library. Every case renders as one line naming the file (and line,
/// where known); the CLI maps it to an exit code.
public enum PromptScanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A rule file that cannot be read, parsed or compiled.
    case ruleFile(path: String, line: Int?, ruleID: String?, message: String)
    /// A configuration value that is wrong (bad flag value, unknown setting).
    case configuration(path: String?, line: Int?, message: String)
    /// A file or directory that cannot be read or written.
    case io(path: String, message: String)
    /// A rule example that does not behave as declared (`rules test`).
    case ruleTest(path: String, line: Int?, ruleID: String, message: String)

    public var description: String { OneLine.clean(rendered) }

    private var rendered: String {
        switch self {
        case let .ruleFile(path, line, ruleID, message):
            return "error: \(Self.place(path, line)): \(ruleID.map { "rule '\($0)': " } ?? "")\(message)"
        case let .configuration(path, line, message):
            guard let path else { return "error: \(message)" }
            return "error: \(Self.place(path, line)): \(message)"
        case let .io(path, message):
            return "error: \(path): \(message)"
        case let .ruleTest(path, line, ruleID, message):
            return "error: \(Self.place(path, line)): rule '\(ruleID)': \(message)"
        }
    }

    /// The documented exit code for this error: 2 for configuration and I/O errors.
    public var exitCode: Int32 { 2 }

    private static func place(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0)" } ?? path
    }
}
