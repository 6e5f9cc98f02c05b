import Foundation

/// Normalisation v1 of client terms (docs/detection.md, "Client identifiers"), identical when a list
/// is built and when a file is scanned: NFKC, invisible characters deleted, diacritics folded, tokens are runs of
/// letters and digits (everything else is a boundary), camelCase split, case folded.
public enum TermNormalizer {
    public static let name = "nfkc-zw-fold-casefold-tokens-v1"

    /// A token of scanned text and the bytes it came from.
    public struct Token: Sendable, Equatable {
        public let text: String
        public let range: Range<Int>
    }

    /// Soft hyphen, zero-width space/joiners, word joiner, BOM, bidi embeddings and isolates.
    @inline(__always) static func isInvisible(_ value: UInt32) -> Bool {
        value == 0xAD || (0x200B...0x200D).contains(value) || value == 0x2060 || value == 0xFEFF
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    @inline(__always) static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType == .decimal || properties.generalCategory == .nonspacingMark
    }

    /// The tokens of a term as written in a terms list.
    public static func tokens(of term: String) -> [String] {
        let bytes = Array(term.utf8)
        return bytes.withUnsafeBytes { tokens(in: $0).map(\.text) }
    }

    /// The tokens of `bytes` (UTF-8; invalid bytes are boundaries) with their byte ranges.
    public static func tokens(in bytes: UnsafeRawBufferPointer) -> [Token] {
        var result: [Token] = []
        var raw = String.UnicodeScalarView()
        var rawStart = -1
        var rawEnd = 0
        var ascii = true
        var memo: [String: [String]] = [:]
        func flush() {
            guard rawStart >= 0 else { return }
            let text = String(raw)
            let range = rawStart..<rawEnd
            if ascii {
                for (part, partRange) in splitASCII(Array(text.utf8), base: rawStart) {
                    result.append(Token(text: part, range: partRange))
                }
            } else {
                let parts = memo[text] ?? normalizeNonASCII(text)
                memo[text] = parts
                for part in parts { result.append(Token(text: part, range: range)) }
            }
            raw = String.UnicodeScalarView()
            rawStart = -1
            ascii = true
        }
        var offset = 0
        let count = bytes.count
        while offset < count {
            let lead = bytes[offset]
            var length = 1
            var scalarValue = UInt32(lead)
            if lead >= 0x80 {
                if lead & 0xE0 == 0xC0 {
                    length = 2
                    scalarValue = UInt32(lead & 0x1F)
                } else if lead & 0xF0 == 0xE0 {
                    length = 3
                    scalarValue = UInt32(lead & 0x0F)
                } else if lead & 0xF8 == 0xF0 {
                    length = 4
                    scalarValue = UInt32(lead & 0x07)
                } else {
                    length = 0
                }
                if length > 0 && offset + length <= count {
                    for k in 1..<length {
                        let b = bytes[offset + k]
                        if b & 0xC0 != 0x80 {
                            length = 0
                            break
                        }
                        scalarValue = scalarValue << 6 | UInt32(b & 0x3F)
                    }
                } else {
                    length = 0
                }
            }
            guard length > 0, let scalar = Unicode.Scalar(scalarValue) else {
                flush()
                offset += 1
                continue
            }
            if isInvisible(scalar.value) {
                offset += length
                continue
            }
            if isWordScalar(scalar) {
                if rawStart < 0 { rawStart = offset }
                raw.append(scalar)
                if !scalar.isASCII { ascii = false }
                rawEnd = offset + length
            } else {
                flush()
            }
            offset += length
        }
        flush()
        return result
    }

    /// Splits an ASCII letter/digit run at camelCase boundaries and lower-cases it.
    static func splitASCII(_ bytes: [UInt8], base: Int) -> [(String, Range<Int>)] {
        var parts: [(String, Range<Int>)] = []
        var start = 0
        func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
        for i in 1..<max(bytes.count, 1) where i < bytes.count {
            let boundary =
                (isUpper(bytes[i]) && isLower(bytes[i - 1]))
                || (isUpper(bytes[i]) && isUpper(bytes[i - 1]) && i + 1 < bytes.count && isLower(bytes[i + 1]))
            if boundary {
                parts.append((lower(bytes[start..<i]), (base + start)..<(base + i)))
                start = i
            }
        }
        if start < bytes.count { parts.append((lower(bytes[start...]), (base + start)..<(base + bytes.count))) }
        return parts
    }

    static func lower(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// NFKC, diacritic folding, re-tokenising (compatibility forms may hold punctuation), camelCase
    /// split and case folding of a run holding non-ASCII characters.
    static func normalizeNonASCII(_ text: String) -> [String] {
        let folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.diacriticInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        var parts: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { parts.append(String(current).folding(options: [.caseInsensitive], locale: nil)) }
            current.removeAll()
        }
        let characters = Array(folded)
        for (i, character) in characters.enumerated() {
            guard let scalar = character.unicodeScalars.first, isWordScalar(scalar) else {
                flush()
                continue
            }
            if let previous = current.last {
                let next = i + 1 < characters.count ? characters[i + 1] : nil
                if character.isUppercase && (previous.isLowercase || (previous.isUppercase && next?.isLowercase == true)) { flush() }
            }
            current.append(character)
        }
        flush()
        return parts
    }
}
