import Crypto
import Foundation

/// Fingerprints: 16 hex digits of an HMAC-SHA256, stable across runs, line moves and machines, that
/// never let anyone holding a report (SARIF uploaded to code scanning, JSON in a CI log, a committed
/// baseline) recover the value.
///
/// - A value with a large search space (a vendor API key, a private key) is fingerprinted by value:
///   HMAC over rule id and value. The default key is public, but a 64-bit hash of a value with over
///   80 bits of entropy cannot be inverted by trying values.
/// - A value with a small search space (personal, health and client data, user-chosen passwords
///   under a generic rule, any value whose length and alphabet allow fewer than 2^80 values) is
///   *not* hashed by value unless the key is a secret: trying every SSN against a public key takes
///   minutes. Its fingerprint is HMAC over the rule id, an anchor (a hash of the text around the
///   value on its line, with this and every other matched value cut out and every digit replaced
///   by `0`) and the finding's ordinal among the file's findings with the same rule and anchor.
///   Nothing of the value is in it, so no key and no amount of computing gives it back.
/// - With a secret key (`PROMPTSCAN_FINGERPRINT_KEY`, at least 16 bytes, from the CI secret store),
///   every value is fingerprinted by value: trying values needs the key.
public struct Fingerprinter: Sendable {
    private let key: [UInt8]
    /// The key is a secret of this installation (not the public default, long enough to guess):
    /// values with a small search space are then hashed by value too.
    public let hasSecretKey: Bool

    public static let defaultKey = "promptscan-fingerprint-v1"
    public static let keyVariable = "PROMPTSCAN_FINGERPRINT_KEY"
    /// A key shorter than this is not treated as a secret.
    public static let minimumSecretKeyLength = 16
    /// Values whose length and alphabet allow fewer than 2^this values are not hashed by value under a public key.
    static let minimumValueBits = 80.0

    public init(key: String? = ProcessInfo.processInfo.environment[Fingerprinter.keyVariable]) {
        let chosen = key.flatMap { $0.isEmpty ? nil : $0 } ?? Fingerprinter.defaultKey
        self.key = Array(chosen.utf8)
        hasSecretKey = chosen != Fingerprinter.defaultKey && chosen.utf8.count >= Fingerprinter.minimumSecretKeyLength
    }

    /// 16 hex digits identifying (`ruleID`, `value`).
    public func fingerprint(ruleID: String, value: [UInt8]) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        hmac.update(data: Array(ruleID.utf8))
        hmac.update(data: [0])
        hmac.update(data: value)
        return Self.hex(hmac.finalize())
    }

    /// 16 hex digits identifying the `ordinal`-th finding of `ruleID` at `anchor` in a file; no value in it.
    public func fingerprint(ruleID: String, anchor: UInt64, ordinal: Int) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        hmac.update(data: Array("anchor\u{0}\(ruleID)\u{0}".utf8))
        withUnsafeBytes(of: anchor.littleEndian) { hmac.update(data: Array($0)) }
        withUnsafeBytes(of: UInt64(ordinal).littleEndian) { hmac.update(data: Array($0)) }
        return Self.hex(hmac.finalize())
    }

    /// Whether `value`, found by a rule of `category`, is fingerprinted by value (see the type's
    /// documentation); otherwise by anchor and ordinal.
    public func hashesValue(_ value: UnsafeRawBufferPointer, category: Category, generic: Bool) -> Bool {
        if hasSecretKey { return true }
        switch category {
        case .pii, .phi, .clientID: return false
        case .secret, .consumerEndpoint: return !generic && Self.searchSpaceBits(value) >= Self.minimumValueBits
        }
    }

    /// log2 of the number of strings of the value's length over the character classes it uses
    /// (digits, lower case, upper case, other printable ASCII, anything else counted as 128).
    static func searchSpaceBits(_ value: UnsafeRawBufferPointer) -> Double {
        var digits = false
        var lower = false
        var upper = false
        var other = false
        var high = false
        for byte in value {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case 0x20...0x7E: other = true
            default: high = true
            }
        }
        let alphabet = (digits ? 10 : 0) + (lower ? 26 : 0) + (upper ? 26 : 0) + (other ? 33 : 0) + (high ? 128 : 0)
        return alphabet < 2 ? 0 : Double(value.count) * log2(Double(alphabet))
    }

    /// How far the anchor reaches on each side of the value (on the value's line).
    static let anchorReach = 32

    /// The anchor of a value at `span` in `bytes`: a hash of up to `anchorReach` bytes on each side
    /// within its line, with `span` and every range in `masked` cut out, digits replaced by `0` and
    /// runs of white space folded to one space (so re-indenting a line keeps it).
    static func anchor(of span: Range<Int>, in bytes: UnsafeRawBufferPointer, masked: [Range<Int>]) -> UInt64 {
        var start = span.lowerBound
        while start > 0, span.lowerBound - start < anchorReach, bytes[start - 1] != 10, bytes[start - 1] != 13 { start -= 1 }
        var end = span.upperBound
        while end < bytes.count, end - span.upperBound < anchorReach, bytes[end] != 10, bytes[end] != 13 { end += 1 }
        var text: [UInt8] = []
        text.reserveCapacity(end - start + 2)
        var index = start
        var lastWasSpace = true
        while index < end {
            if index == span.lowerBound {
                text.append(0)  // where the value was
                index = max(span.upperBound, index + 1)
                lastWasSpace = false
                continue
            }
            if let cut = masked.first(where: { $0.contains(index) }) {
                text.append(1)
                index = cut.upperBound
                lastWasSpace = false
                continue
            }
            let byte = bytes[index]
            index += 1
            if byte == 32 || byte == 9 {
                if !lastWasSpace { text.append(32) }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            text.append(byte >= 0x30 && byte <= 0x39 ? 0x30 : byte)
        }
        while text.last == 32 { text.removeLast() }
        let digest = SHA256.hash(data: text)
        return digest.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }

    /// Gives every finding of one file that carries an anchor its fingerprint: its ordinal among the
    /// file's findings with the same rule and anchor, in report order. Idempotent: run again on the
    /// whole file after its parts (windows, decoded content) are joined.
    public func assignAnchored(_ findings: inout [Finding]) {
        guard findings.contains(where: { $0.fingerprintAnchor != nil }) else { return }
        var seen: [String: [UInt64: Int]] = [:]
        for index in findings.indices {
            guard let anchor = findings[index].fingerprintAnchor else { continue }
            let rule = findings[index].ruleID
            let ordinal = seen[rule, default: [:]][anchor, default: 0]
            seen[rule, default: [:]][anchor] = ordinal + 1
            findings[index].fingerprint = fingerprint(ruleID: rule, anchor: anchor, ordinal: ordinal)
        }
    }

    private static func hex(_ mac: HMAC<SHA256>.MAC) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(16)
        for byte in mac.prefix(8) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
