/// Files whose text is a program: there a value assigned without quotes is an expression (a
/// variable, a call, a ternary), never a literal key. Configuration formats (`.env`, YAML, INI,
/// properties, TOML) and shell scripts hold bare values, so they are not listed.
public enum SourceLanguage {
    /// Extensions of programming languages in which a literal string is always quoted.
    static let extensions: Set<String> = [
        "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "py", "go", "java", "kt", "kts", "scala", "swift",
        "rs", "rb", "php", "cs", "c", "h", "cc", "cpp", "hpp", "m", "mm", "dart", "lua", "ex", "exs",
    ]

    /// Whether `path` names a program's source file.
    public static func isProgram(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Whether the value at `range` of `bytes` is an unquoted name (no quote or backtick right
    /// before it, and the shape of a variable: `usesExplicitSigV4Auth`, `resolved_api_key`) in a
    /// program's source file. A bare random token there (an `.env` block inside a string) still counts.
    public static func isExpression(_ range: Range<Int>, in bytes: UnsafeRawBufferPointer, path: String) -> Bool {
        guard range.lowerBound > 0 else { return false }
        let before = bytes[range.lowerBound - 1]
        if before == UInt8(ascii: "\"") || before == UInt8(ascii: "'") || before == UInt8(ascii: "`") { return false }
        guard isProgram(path) else { return false }
        let value = Array(bytes[range])
        return isVariableName(value) || hasOperator(value)
    }

    /// A comparison or logical operator inside the value (`A.evalStatus===2?`, `a&&b`): minified
    /// code, where a string's closing quote and a colon read like `"Pass": …`. Padding `==` ends
    /// base64, so only an operator with more of the value after it counts.
    static func hasOperator(_ value: [UInt8]) -> Bool {
        var index = 1
        while index + 2 < value.count {
            let (a, b) = (value[index], value[index + 1])
            if (a == 61 || a == 33) && b == 61 && value[(index + 2)...].contains(where: { $0 != 61 }) { return true }
            if (a == 38 && b == 38) || (a == 124 && b == 124) { return true }
            index += 1
        }
        return false
    }

    static let vowelSet: Set<UInt8> = Set("aeiouy".utf8)

    /// Letters, digits and `_` that read as words (a vowel, at most four consonants in a row):
    /// split at capitals, digits and `_`, at least two words of three letters or more, which hold
    /// at least two thirds of the name, and at most one shorter piece (`V` in `SigV4`). A random
    /// token breaks into short pieces (`aB3dEf9XqLm` → a, B, d, Ef, Xq, Lm).
    static func isVariableName(_ value: [UInt8]) -> Bool {
        guard let first = value.first, !(first >= 48 && first <= 57) else { return false }
        var words = 0
        var fragments = 0
        var wordLetters = 0
        var run = 0
        var vowels = 0
        var consonants = 0
        var longestConsonants = 0
        func close() {
            // A word has a vowel and no more than four consonants in a row (`strength`).
            if run >= 3 && vowels > 0 && longestConsonants <= 4 {
                words += 1
                wordLetters += run
            } else if run > 0 {
                fragments += 1
            }
            run = 0
            vowels = 0
            consonants = 0
            longestConsonants = 0
        }
        func add(_ byte: UInt8) {
            run += 1
            if vowelSet.contains(byte | 0x20) {
                vowels += 1
                consonants = 0
            } else {
                consonants += 1
                longestConsonants = max(longestConsonants, consonants)
            }
        }
        for byte in value {
            switch byte {
            case 97...122: add(byte)
            case 65...90:
                close()
                add(byte)
            case 48...57, 95, 36: close()
            default: return false
            }
        }
        close()
        return words >= 2 && fragments <= 1 && wordLetters * 3 >= value.count * 2
    }
}
