/// What kind of sensitive data a rule finds. Scorers and dashboards read it from SARIF tags.
public enum Category: String, Sendable, CaseIterable, Codable, Comparable {
    case secret
    case phi
    case pii
    case clientID = "client-id"
    case consumerEndpoint = "consumer-endpoint"

    public static func < (lhs: Category, rhs: Category) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
