import Foundation

/// Deterministic fake credentials in real formats, made at test time so that the repository does
/// not carry more realistic-looking keys than the rule examples need. None of them is real.
public struct FakeSecrets {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// splitmix64.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    public static let urlSafe = base62 + Array("_-")
    public static let hex = Array("0123456789abcdef")
    public static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public mutating func token(_ alphabet: [Character], _ count: Int) -> String {
        String((0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }

    public mutating func anthropicKey() -> String { "sk-ant-api03-" + token(Self.urlSafe, 93) + "AA" }
    public mutating func openAIProjectKey() -> String {
        "sk-proj-" + token(Self.urlSafe, 74) + "T3BlbkFJ" + token(Self.urlSafe, 74)
    }
    public mutating func awsKeyID() -> String { "AKIA" + token(Self.base32, 16) }
    public mutating func awsSecret() -> String { token(Self.base62 + ["+", "/"], 40) }
    public mutating func slackBotToken() -> String {
        "xoxb-" + token(Array("0123456789"), 12) + "-" + token(Array("0123456789"), 13) + "-" + token(Self.base62, 24)
    }
    public mutating func stripeLiveKey() -> String { "sk_live_" + token(Self.base62, 24) }

    /// A GitHub classic token with a valid CRC32 checksum (or a broken one).
    public mutating func githubToken(prefix: String = "ghp_", validChecksum: Bool = true) -> String {
        let body = token(Self.base62, 30)
        var checksum = Self.base62Checksum(body)
        if !validChecksum {
            let last = checksum.removeLast()
            checksum.append(last == "0" ? "1" : "0")
        }
        return prefix + body + checksum
    }

    /// CRC32 (zlib) of `body` in base62, padded to 6 with '0'.
    public static func base62Checksum(_ body: String) -> String {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body.utf8 {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        var value = crc ^ 0xFFFF_FFFF
        var digits: [Character] = []
        while value > 0 {
            digits.append(base62[Int(value % 62)])
            value /= 62
        }
        while digits.count < 6 { digits.append("0") }
        return String(digits.reversed())
    }
}
