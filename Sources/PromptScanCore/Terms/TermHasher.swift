import Crypto

/// Keyed hashes of normalised terms: `HMAC-SHA256(K, key)` truncated to 64 bits, where key is the
/// tokens joined by single spaces; the gate hash of a token is the HMAC of `tok\0` + token
/// (domain-separated from entry hashes).
public struct TermHasher: Sendable {
    /// The key bytes (SymmetricKey is not Sendable; a key is made per call, which is cheap).
    let key: [UInt8]

    public init(key: String) { self.key = Array(key.utf8) }

    public func entryHash(_ tokens: some Collection<String>) -> UInt64 {
        truncated(Array(tokens.joined(separator: " ").utf8))
    }

    public func gateHash(_ token: String) -> UInt64 {
        truncated(Array("tok".utf8) + [0] + Array(token.utf8))
    }

    func truncated(_ message: [UInt8]) -> UInt64 {
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return mac.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
