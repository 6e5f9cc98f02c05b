/// Builds a terms file from a plain list (docs/detection.md, "Client identifiers"): one term per line, optionally
/// followed by a tab and an opaque id and a tab and a kind; `#` comments and blank lines skipped;
/// `regex: PATTERN` lines are account-identifier patterns. Every term is hashed with its variants:
/// the concatenated form (`acmecorp`), `&` ↔ `and`, and without or with another legal suffix.
public enum TermsBuilder {
    public static let legalSuffixes = [
        "inc", "llc", "llp", "lp", "pllc", "ltd", "limited", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv",
        "pty", "ab", "oy", "corp", "corporation", "co", "company",
    ]
    /// Trailing words that describe a business rather than name it: "Tollbridge Fleet Services" is
    /// written "Tollbridge Fleet" as often. Dropped only where two words or more remain.
    public static let descriptorSuffixes = [
        "group", "holdings", "services", "partners", "associates", "international", "solutions", "systems", "technologies",
    ]

    public struct Output: Sendable {
        public var file: TermsFile
        /// Warnings by input line number (never quoting the term).
        public var warnings: [String]
    }

    public static func build(list: String, key: String) throws(PromptScanError) -> Output {
        let hasher = TermHasher(key: key)
        var entries: [String: TermsFile.Entry] = [:]
        var gate: Set<UInt64> = []
        var lengths: Set<Int> = []
        var patterns: [TermsFile.PatternEntry] = []
        var warnings: [String] = []
        var termNumber = 0
        for (offset, rawLine) in list.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("regex:") {
                let source = line.dropFirst("regex:".count).trimmingCharacters(in: .whitespaces)
                do {
                    _ = try Pattern(source)
                } catch {
                    throw .ruleFile(path: "input", line: lineNumber, ruleID: nil, message: "regex does not compile at offset \(error.offset): \(error.message)")
                }
                patterns.append(.init(id: "ACCT-\(String(format: "%04d", patterns.count + 1))", regex: source, severity: .high, kind: "account"))
                continue
            }
            termNumber += 1
            let columns = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let term = columns[0]
            let id = columns.count > 1 && !columns[1].isEmpty ? columns[1] : "T-\(String(format: "%04d", termNumber))"
            let kind = columns.count > 2 && !columns[2].isEmpty ? columns[2] : "customer"
            let tokens = TermNormalizer.tokens(of: term)
            guard !tokens.isEmpty else {
                warnings.append("line \(lineNumber): no letters or digits, skipped")
                continue
            }
            if tokens.count == 1 && tokens[0].count < 4 {
                warnings.append("line \(lineNumber) (\(id)): a single token shorter than 4 characters will match often")
            }
            for variant in variants(tokens, hadAmpersand: term.contains("&")) {
                let hash = TermHasher.hex(hasher.entryHash(variant))
                if entries[hash] == nil { entries[hash] = .init(h: hash, kind: kind, severity: .high, id: id) }
                gate.insert(hasher.gateHash(variant[0]))
                lengths.insert(variant.count)
            }
        }
        let file = TermsFile(
            version: 1, normalization: TermNormalizer.name, hash: "hmac-sha256", truncate_bits: 64,
            key: .init(source: "env", name: TermsFile.keyVariable), token_lengths: lengths.sorted(),
            entries: entries.keys.sorted().map { entries[$0]! }, gate: gate.sorted().map(TermHasher.hex),
            patterns: patterns.isEmpty ? nil : patterns)
        return Output(file: file, warnings: warnings)
    }

    /// The token lists hashed for one term.
    static func variants(_ tokens: [String], hadAmpersand: Bool) -> [[String]] {
        var result: [[String]] = [tokens]
        if tokens.count > 1 { result.append([tokens.joined()]) }
        if hadAmpersand, tokens.count > 1 {
            for i in 1..<tokens.count { result.append(Array(tokens[..<i]) + ["and"] + Array(tokens[i...])) }
        }
        if tokens.count > 2, let and = tokens.firstIndex(of: "and"), and > 0 {
            var without = tokens
            without.remove(at: and)
            result.append(without)
        }
        for base in result where base.count > 1 {
            // A suffix may be split into tokens at a case change ("GmbH" is `gmb` `h`).
            for length in 1...min(2, base.count - 1) {
                let last = base.suffix(length).joined()
                guard legalSuffixes.contains(last) else { continue }
                let core = Array(base.dropLast(length))
                result.append(core)
                if core.count > 1 { result.append([core.joined()]) }
                for suffix in legalSuffixes where suffix != last { result.append(core + [suffix]) }
                break
            }
        }
        for base in result where base.count > 2 {
            if let last = base.last, descriptorSuffixes.contains(last) {
                let core = Array(base.dropLast())
                result.append(core)
                result.append([core.joined()])
            }
        }
        var seen: Set<[String]> = []
        return result.filter { seen.insert($0).inserted }
    }
}
