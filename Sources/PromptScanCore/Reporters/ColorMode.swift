/// `--color auto|always|never`: whether text written to standard output is coloured. `auto`
/// colours a terminal, and follows the environment first: `FORCE_COLOR` set to anything but ""
/// or "0" colours even a pipe (and wins over `NO_COLOR`, as in Node.js), `FORCE_COLOR=0` never
/// colours, and `NO_COLOR` set to anything but "" (https://no-color.org) never colours. `always`
/// and `never` are what the user typed and win over the environment. Reports written to files
/// are never coloured.
public enum ColorMode: String, Sendable, CaseIterable {
    case auto
    case always
    case never

    /// Whether to colour, for output that goes to a terminal or not, under `environment`.
    public func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let force = environment["FORCE_COLOR"], !force.isEmpty { return force != "0" }
            if let none = environment["NO_COLOR"], !none.isEmpty { return false }
            return isTerminal
        }
    }
}
