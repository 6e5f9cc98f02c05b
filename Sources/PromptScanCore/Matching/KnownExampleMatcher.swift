import Foundation

/// A rule's known example entries, compiled: exact values in a set, anchored patterns, host names
/// and address ranges. Answers whether a matched value is a published example, and whose.
public struct KnownExampleMatcher: Sendable {
    struct Entry: Sendable {
        let source: String
        let values: Set<[UInt8]>
        let patterns: [Pattern]
        let domains: [String]
        let networks: [Network]
    }

    /// An address range: the network's bytes (4 or 16) and its prefix length.
    struct Network: Sendable, Equatable {
        let address: [UInt8]
        let prefix: Int

        /// Parses `a.b.c.d/n` or `x::y/n`; nil when it is not an address range.
        init?(_ text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let address = Network.address(String(parts[0])) else { return nil }
            let bits = address.count * 8
            if parts.count == 2 {
                guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
                self.prefix = prefix
            } else {
                prefix = bits
            }
            self.address = address
        }

        func contains(_ other: [UInt8]) -> Bool {
            guard other.count == address.count else { return false }
            var remaining = prefix
            for (a, b) in zip(address, other) where remaining > 0 {
                let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
                if a & mask != b & mask { return false }
                remaining -= 8
            }
            return true
        }

        /// The bytes of an IPv4 or IPv6 address (inet_pton); an IPv4-mapped IPv6 address gives its IPv4 bytes.
        static func address(_ text: String) -> [UInt8]? {
            var v4 = in_addr()
            if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
            var v6 = in6_addr()
            guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff { return Array(bytes[12...]) }
            return bytes
        }
    }

    let entries: [Entry]
    /// pii/phi rules compare normalised values (`PrivacyPolicy.normalisedForKnownTest`).
    let normalises: Bool

    public var isEmpty: Bool { entries.isEmpty }

    /// No entries.
    init() {
        entries = []
        normalises = false
    }

    /// Compiles the entries attached to `rule` and the rule's own `known_test` list.
    init(_ rule: Rule) throws(PromptScanError) {
        normalises = rule.isPrivacy
        var all = rule.knownExamples
        if let own = KnownExample.ownKnownTest(of: rule) { all.insert(own, at: 0) }
        var entries: [Entry] = []
        for entry in all {
            func fail(_ message: String) -> PromptScanError {
                .ruleFile(path: entry.origin.file, line: entry.origin.line, ruleID: rule.id, message: "known example '\(entry.id)': \(message)")
            }
            var patterns: [Pattern] = []
            for source in entry.patterns {
                do {
                    patterns.append(try Pattern("^(?:" + source + ")$"))
                } catch {
                    throw fail("pattern '\(source)' does not compile at offset \(max(0, error.offset - 4)): \(error.message)")
                }
            }
            var networks: [Network] = []
            for text in entry.networks {
                guard let network = Network(text) else { throw fail("'\(text)' is not an address range (a.b.c.d/n or x::y/n)") }
                networks.append(network)
            }
            let normalises = self.normalises
            entries.append(
                Entry(
                    source: entry.source,
                    values: Set(entry.values.map { normalises ? PrivacyPolicy.normalisedForKnownTest(Array($0.utf8)) : Array($0.utf8) }),
                    patterns: patterns, domains: entry.domains.map { $0.lowercased() }, networks: networks))
        }
        self.entries = entries
    }

    /// The source of the first entry that lists `value`, or nil.
    public func source(of value: [UInt8], scratch: MatchScratch) -> String? {
        guard !entries.isEmpty else { return nil }
        var compared = normalises ? PrivacyPolicy.normalisedForKnownTest(value) : value
        var host: String?
        var address: [UInt8]??
        for entry in entries {
            if entry.values.contains(compared) { return entry.source }
            if !entry.patterns.isEmpty {
                let hit = compared.withUnsafeMutableBytes { raw in
                    entry.patterns.contains { $0.matches(UnsafeRawBufferPointer(raw), scratch: scratch) }
                }
                if hit { return entry.source }
            }
            if !entry.domains.isEmpty {
                if host == nil { host = Self.host(of: value) }
                if let host, entry.domains.contains(where: { host == $0 || host.hasSuffix("." + $0) }) { return entry.source }
            }
            if !entry.networks.isEmpty {
                if address == nil { address = .some(Self.address(of: value)) }
                if let bytes = address!, entry.networks.contains(where: { $0.contains(bytes) }) { return entry.source }
            }
        }
        return nil
    }

    /// The host of an e-mail address (after the last `@`) or of a URL, lower-cased, without a port
    /// or a trailing dot.
    static func host(of value: [UInt8]) -> String {
        var text = String(decoding: value, as: UTF8.self).lowercased()
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
        if let end = text.firstIndex(where: { $0 == "/" || $0 == ":" || $0 == "?" || $0 == "#" }) { text = String(text[..<end]) }
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The bytes of an address written as `a.b.c.d`, `a.b.c.d/n`, `x::y` or `fe80::1%eth0`.
    static func address(of value: [UInt8]) -> [UInt8]? {
        var text = String(decoding: value, as: UTF8.self)
        if let cut = text.firstIndex(where: { $0 == "/" || $0 == "%" }) { text = String(text[..<cut]) }
        return Network.address(text)
    }
}
