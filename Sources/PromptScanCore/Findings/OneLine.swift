/// Makes a diagnostic safe to print as one line: control characters (newline, carriage return,
/// escape, tab …) become `\n`, `\r`, `\u{1B}`-style escapes, and text past `limit` characters is
/// cut with a note of how much was left out. Every error the tool prints goes through it, so a
/// value with newlines cannot forge extra lines and a megabyte value cannot become a megabyte line.
public enum OneLine {
    /// The longest diagnostic printed, in characters.
    public static let defaultLimit = 400

    public static func clean(_ text: String, limit: Int = defaultLimit) -> String {
        var out = ""
        var count = 0
        var cut = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                cut += 1
                continue
            }
            count += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}"
                {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        if cut > 0 { out += "… (\(cut) more characters)" }
        return out
    }
}

extension OneLine {
    /// The known name closest to `unknown` (at most a third of its letters different), to suggest
    /// in an "unknown key" error without quoting the key itself (it is file content).
    public static func suggestion(for unknown: String, among known: [String]) -> String? {
        let word = Array(unknown.lowercased().utf8.prefix(64))
        var best: (name: String, distance: Int)?
        for name in known {
            let distance = editDistance(word, Array(name.utf8))
            if distance <= max(1, name.utf8.count / 3), distance < (best?.distance ?? .max) { best = (name, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance over bytes.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// ` (did you mean 'X'?)` or ` (known: a, b, …)`.
    public static func unknownKeyHint(_ unknown: String?, known: [String]) -> String {
        if let unknown, let name = suggestion(for: unknown, among: known) { return " (did you mean '\(name)'?)" }
        return " (known: \(known.joined(separator: ", ")))"
    }
}
