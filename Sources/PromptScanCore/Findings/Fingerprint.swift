import Crypto
import Foundation

/// Content-based fingerprints: HMAC-SHA256 over rule id and value, truncated. No line numbers, so
/// a finding keeps its fingerprint when code moves; keyed, so the log does not carry a plain hash
/// of the value. The key is fixed per installation unless `PROMPTSCAN_FINGERPRINT_KEY` is set.
public struct Fingerprinter: Sendable {
    private let key: [UInt8]

    public static let defaultKey = "promptscan-fingerprint-v1"

    public init(key: String = ProcessInfo.processInfo.environment["PROMPTSCAN_FINGERPRINT_KEY"] ?? Fingerprinter.defaultKey) {
        self.key = Array(key.utf8)
    }

    /// 16 hex digits identifying (`ruleID`, `value`).
    public func fingerprint(ruleID: String, value: [UInt8]) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        hmac.update(data: Array(ruleID.utf8))
        hmac.update(data: [0])
        hmac.update(data: value)
        return hmac.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
