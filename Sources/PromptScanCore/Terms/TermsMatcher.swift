/// Finds client terms in a file by token n-grams (docs/detection.md, "Client identifiers"): each token's gate hash
/// (memoised per file) prunes almost every position; only at gate hits are the n-grams of the
/// lengths present in the list hashed and looked up. Findings name the entry's opaque id only.
public struct TermsMatcher: Sendable {
    let hasher: TermHasher
    let entries: [UInt64: TermsFile.Entry]
    let gate: Set<UInt64>
    let lengths: [Int]
    let patterns: [(pattern: Pattern, entry: TermsFile.PatternEntry)]

    public init(file: TermsFile, key: String) throws(PromptScanError) {
        hasher = TermHasher(key: key)
        var entries: [UInt64: TermsFile.Entry] = [:]
        for entry in file.entries { if let h = UInt64(entry.h, radix: 16) { entries[h] = entry } }
        self.entries = entries
        gate = Set(file.gate.compactMap { UInt64($0, radix: 16) })
        lengths = file.token_lengths.sorted()
        var patterns: [(Pattern, TermsFile.PatternEntry)] = []
        for entry in file.patterns ?? [] {
            do {
                patterns.append((try Pattern(entry.regex), entry))
            } catch {
                throw .ruleFile(path: "terms", line: nil, ruleID: entry.id, message: "pattern does not compile at offset \(error.offset): \(error.message)")
            }
        }
        self.patterns = patterns
    }

    /// The rule client-term findings are reported under.
    public static let rule = Rule(
        id: "client-term", name: "Client identifier", category: .clientID, severity: .high,
        description: "A name or account identifier from the organisation's client list (stored as keyed hashes).",
        remediation: "Remove or pseudonymise the client name or account identifier; prompts and fixtures must not carry them.",
        keywords: [], pattern: "(?!)", entropy: nil, validator: nil, generic: false, allow: [], references: [], examples: [],
        negativeExamples: [], origin: .init(file: "terms", line: 1))

    /// A match: the entry and the bytes of the file it covers.
    public struct Hit: Sendable, Equatable {
        public let id: String
        public let kind: String
        public let severity: Severity
        public let range: Range<Int>
    }

    public func hits(in bytes: UnsafeRawBufferPointer, scratch: MatchScratch) -> [Hit] {
        var hits: [Hit] = []
        if !gate.isEmpty {
            let tokens = TermNormalizer.tokens(in: bytes)
            var memo: [String: Bool] = [:]
            for i in tokens.indices {
                let token = tokens[i].text
                let open: Bool
                if let known = memo[token] {
                    open = known
                } else {
                    open = gate.contains(hasher.gateHash(token))
                    memo[token] = open
                }
                guard open else { continue }
                for n in lengths where i + n <= tokens.count {
                    if let entry = entries[hasher.entryHash(tokens[i..<(i + n)].lazy.map(\.text))] {
                        hits.append(
                            Hit(
                                id: entry.id, kind: entry.kind, severity: entry.severity,
                                range: tokens[i].range.lowerBound..<tokens[i + n - 1].range.upperBound))
                    }
                }
            }
        }
        for (pattern, entry) in patterns {
            try? pattern.forEachMatch(in: bytes, scratch: scratch) { match in
                hits.append(Hit(id: entry.id, kind: entry.kind ?? "account", severity: entry.severity, range: match.secret))
            }
        }
        // The longest hit wins where hits overlap.
        var kept: [Hit] = []
        for hit in hits.sorted(by: { $0.range.count > $1.range.count }) where !kept.contains(where: { $0.range.overlaps(hit.range) }) {
            kept.append(hit)
        }
        return kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
