import Foundation
import Yams

/// `.promptscan/terms.yaml` (docs/detection.md, "Client identifiers"): keyed hashes of client terms and their opaque
/// ids, never the terms; plus account-identifier regexes (formats, not names).
public struct TermsFile: Codable, Sendable, Equatable {
    public struct KeySource: Codable, Sendable, Equatable {
        public var source: String
        public var name: String
    }

    public struct Entry: Codable, Sendable, Equatable {
        /// 16 hex digits: the truncated HMAC of the normalised term.
        public var h: String
        public var kind: String
        public var severity: Severity
        /// Opaque id reported in findings (`C-0042`).
        public var id: String
    }

    public struct PatternEntry: Codable, Sendable, Equatable {
        public var id: String
        public var regex: String
        public var severity: Severity
        public var kind: String?
    }

    public var version: Int
    public var normalization: String
    public var hash: String
    public var truncate_bits: Int
    public var key: KeySource
    public var token_lengths: [Int]
    public var entries: [Entry]
    public var gate: [String]
    public var patterns: [PatternEntry]?

    public static let keyVariable = "PROMPTSCAN_TERMS_KEY"

    /// The largest terms file read (10,000 terms with their variants take about 2 MB).
    public static let maximumBytes = 16 << 20

    /// Reads and checks a terms file.
    public static func load(path: String) throws(PromptScanError) -> TermsFile {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
            throw .ruleFile(path: path, line: nil, ruleID: nil, message: "terms file is over \(maximumBytes >> 20) MiB")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, message: "cannot read terms file: \(RuleLoader.reason(error))")
        }
        return try parse(data, path: path)
    }

    /// Parses and checks terms-file bytes. Errors name the line and a fixed reason, never the
    /// text: a terms file named by a repository's config may be any file.
    public static func parse(_ data: Data, path: String) throws(PromptScanError) -> TermsFile {
        guard data.count <= maximumBytes else {
            throw .ruleFile(path: path, line: nil, ruleID: nil, message: "terms file is over \(maximumBytes >> 20) MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .ruleFile(path: path, line: nil, ruleID: nil, message: "invalid terms file: not valid UTF-8")
        }
        let file: TermsFile
        do {
            file = try YAMLDecoder().decode(TermsFile.self, from: text)
        } catch let error as YamlError {
            throw .ruleFile(
                path: path, line: ScanConfig.yamlLine(error), ruleID: nil, message: "invalid terms file: \(ScanConfig.yamlSummary(error))")
        } catch let error as DecodingError {
            throw .ruleFile(path: path, line: nil, ruleID: nil, message: "invalid terms file: \(Self.summary(error))")
        } catch {
            throw .ruleFile(path: path, line: nil, ruleID: nil, message: "invalid terms file")
        }
        guard file.version == 1, file.normalization == TermNormalizer.name, file.hash == "hmac-sha256", file.truncate_bits == 64 else {
            throw .ruleFile(
                path: path, line: nil, ruleID: nil,
                message: "unsupported terms file (expected version 1, \(TermNormalizer.name), hmac-sha256, truncate_bits 64)")
        }
        for (index, entry) in file.entries.enumerated() where UInt64(entry.h, radix: 16) == nil || entry.h.utf8.count != 16 {
            throw .ruleFile(path: path, line: nil, ruleID: nil, message: "entry \(index + 1): hash is not 16 hex digits")
        }
        return file
    }

    /// Where the decoder stopped and why, in the schema's own key names (never a value).
    static func summary(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop { $0 == "." })
        }
        let known: Set<String> = [
            "version", "normalization", "hash", "truncate_bits", "key", "token_lengths", "entries", "gate", "patterns",
            "source", "name", "h", "kind", "severity", "id", "regex",
        ]
        func safe(_ path: [CodingKey]) -> [CodingKey] { path.filter { $0.intValue != nil || known.contains($0.stringValue) } }
        switch error {
        case let .keyNotFound(key, context): return "missing '\(known.contains(key.stringValue) ? key.stringValue : "?")' at \(place(safe(context.codingPath)))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context): return "wrong type at \(place(safe(context.codingPath)))"
        case let .dataCorrupted(context): return "unreadable value at \(place(safe(context.codingPath)))"
        @unknown default: return "not a terms file"
        }
    }

    /// The YAML text: one flow mapping per entry, sorted by hash so the order says nothing about the input.
    public func yaml() -> String {
        var out = "# Client identifiers as keyed hashes (HMAC-SHA256, truncated): no names are stored here.\n"
        out += "# Generated by `promptscan terms build`; matching needs the key from \(key.name).\n"
        out += "version: \(version)\nnormalization: \(normalization)\nhash: \(hash)\ntruncate_bits: \(truncate_bits)\n"
        out += "key: { source: \(key.source), name: \(key.name) }\n"
        out += "token_lengths: [\(token_lengths.map(String.init).joined(separator: ", "))]\n"
        out += "entries:\n"
        for entry in entries {
            out += "  - { h: \"\(entry.h)\", kind: \(yamlScalar(entry.kind)), severity: \(entry.severity.rawValue), id: \(yamlScalar(entry.id)) }\n"
        }
        out += "gate:\n"
        for hash in gate { out += "  - \"\(hash)\"\n" }
        if let patterns, !patterns.isEmpty {
            out += "patterns:\n"
            for pattern in patterns {
                out += "  - id: \(yamlScalar(pattern.id))\n    regex: '\(pattern.regex.replacingOccurrences(of: "'", with: "''"))'\n"
                out += "    severity: \(pattern.severity.rawValue)\n"
            }
        }
        return out
    }

    func yamlScalar(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
