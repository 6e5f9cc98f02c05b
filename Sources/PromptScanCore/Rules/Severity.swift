/// How bad a finding is. Ordered: `low < medium < high < critical`.
public enum Severity: String, Sendable, CaseIterable, Codable, Comparable {
    case low
    case medium
    case high
    case critical

    var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// SARIF `level` (critical and high are errors, medium a warning, low a note).
    public var sarifLevel: String {
        switch self {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// GitHub code scanning's `security-severity` score (a string number 0.0–10.0).
    public var securitySeverity: String {
        switch self {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "2.0"
        }
    }
}
