import Foundation

/// Values a generic (keyword = value) rule takes that have the shape of a name or an identifier,
/// not of a credential: checked after the placeholder filter, for generic rules only.
public enum NonSecretValue {
    /// Whether `value` is a name or an identifier rather than a secret. For a password
    /// (`password: true`) words with numbers (`Summer-Breeze-42`) may be a passphrase, so they
    /// count as a name only when joined by `/`, `.` or `:`, as models and storage keys are.
    /// `credentialURL`: the value is the password of a connection URL or string, where a weak
    /// default (`postgres123`) is what a deployment really uses, so a three-digit count is kept.
    public static func matches(_ value: [UInt8], password: Bool = false, credentialURL: Bool = false) -> Bool {
        isWordJoin(value) || (isWordSlug(value) && (!password || value.contains { $0 == 47 || $0 == 46 || $0 == 58 }))
            || isWordPath(value) || isEncodedNumber(value) || isJWTHeader(value) || isFormatField(value)
            || hasWordSignature(value) || isEncodedStandIn(value) || isRoute(value) || isCountingStandIn(value, shortRun: !credentialURL, capitalised: password)
            || isHexSpeak(value) || isInterleavedCount(value) || isEmptyClaimsJWT(value) || isUnsignedJWTParts(value)
            || isCountingBytes(value) || isWordPartedJWT(value) || hasRepeatedBlock(value) || isCutVendorKey(value)
            || (!password && isNamedStandIn(value))
    }

    /// Words that name the credential a value stands in for.
    static let credentialWords: Set<String> = ["secret", "token", "password", "passwd", "key", "apikey"]

    /// Three or more words joined by `_`, `-` or `.`, one of them naming the credential and none
    /// longer than twelve letters (each may end in up to three digits): `figd_TENANT_SECRET_xyz789`,
    /// `acme-test-token-v2`. A generated secret with a named prefix (`prod-secret-A8f3kQ9zL2mX`)
    /// has a part that is no word, and keeps its verdict. (A password of such words is a documentation
    /// password, reported as a known example's note: `Patterns/known-examples.yml`.)
    static func isNamedStandIn(_ value: [UInt8]) -> Bool {
        let parts = value.split(omittingEmptySubsequences: false) { $0 == 45 || $0 == 95 || $0 == 46 }
        guard parts.count >= 3 else { return false }
        var named = false
        for part in parts {
            let letters = part.prefix { isLetter($0) }
            let digits = part.dropFirst(letters.count)
            guard (1...12).contains(letters.count), digits.count <= 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
            guard isWordCase(letters) else { return false }
            if credentialWords.contains(String(decoding: letters, as: UTF8.self).lowercased()) { named = true }
        }
        return named
    }

    /// Prefixes of vendors' keys whose length is fixed, with that length: a value that starts with
    /// one and is shorter (`sk-ant-api03-DOq5tyLPrk9M4hPE`, `ghp_xyz123`) is a cut or made-up
    /// stand-in the vendor's own rule rejected, not a key a generic rule should report.
    static let fixedLengthKeys: [(prefix: [UInt8], length: Int)] = [
        ("sk-ant-api03-", 108), ("sk-ant-admin01-", 108), ("sk-ant-oat01-", 108), ("ghp_", 40), ("gho_", 40), ("ghu_", 40),
        ("ghs_", 40), ("ghr_", 40), ("github_pat_", 93), ("AIza", 39),
    ].map { (Array($0.0.utf8), $0.1) }

    static func isCutVendorKey(_ value: [UInt8]) -> Bool {
        fixedLengthKeys.contains { value.starts(with: $0.prefix) && value.count < $0.length }
    }

    /// A JWT whose header or signature is a word (`header.eyJzdWIiOi….signature`): a test's stand-in
    /// with only the claims filled in. A real header is encoded JSON and a real signature 43 or more
    /// characters of base64url.
    static func isWordPartedJWT(_ value: [UInt8]) -> Bool {
        let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].starts(with: Array("eyJ".utf8)) else { return false }
        func isWord(_ part: ArraySlice<UInt8>) -> Bool { (1...12).contains(part.count) && part.allSatisfy { $0 >= 97 && $0 <= 122 } }
        return isWord(parts[0]) || isWord(parts[2])
    }

    /// The same block of ten characters (four of them different) twice without overlap
    /// (`3f8a1c7d9e2b4056a1c7d9e2b4056f8a`): a value pasted together by hand. Ten random characters
    /// recur in a value of 512 about once in 10^9 values even in hex.
    static func hasRepeatedBlock(_ value: [UInt8], length: Int = 10) -> Bool {
        guard value.count >= 2 * length else { return false }
        // The first place of each block seen; one pass, so a 512-byte value costs 500 lookups.
        var first: [ArraySlice<UInt8>: Int] = [:]
        for start in 0...(value.count - length) {
            let block = value[start..<start + length]
            if let earlier = first[block] {
                if start - earlier >= length && Set(block).count >= 4 { return true }
            } else {
                first[block] = start
            }
        }
        return false
    }

    /// Letters in the case of a word: all lower case or all capitals, or (when `capitalised`) a
    /// capital and then lower case (`Password`).
    static func isWordCase(_ letters: ArraySlice<UInt8>, capitalised: Bool = true) -> Bool {
        let upper = letters.count(where: isUpper)
        return upper == 0 || upper == letters.count || (capitalised && upper == 1 && isUpper(letters[letters.startIndex]))
    }

    /// Hex whose bytes count up by one (`000102030405…1e1f`, `a0a1a2a3…`), at least sixteen of them: the
    /// key of a cipher's test vector or a code default typed by counting, never a generated key.
    static func isCountingBytes(_ value: [UInt8]) -> Bool {
        guard value.count >= 32, value.count % 2 == 0 else { return false }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 97...102: byte - 87
            case 65...70: byte - 55
            default: nil
            }
        }
        var previous: UInt8?
        for index in stride(from: 0, to: value.count, by: 2) {
            guard let high = nibble(value[index]), let low = nibble(value[index + 1]) else { return false }
            let byte = high << 4 | low
            if let previous, byte != previous &+ 1 { return false }
            previous = byte
        }
        return true
    }

    /// Letters and digits counting up in step (`1a2b3c4d5e6f`, `A1B2C3D4E5F6`) for at least four
    /// pairs: the made-up key of a test or a tutorial (`AIzaSyA1B2C3D4E5F6G7H8I9J0`).
    static func isInterleavedCount(_ value: [UInt8]) -> Bool {
        guard value.count >= 8 else { return false }
        var index = 0
        while index + 8 <= value.count {
            if countsInStep(value, from: index) { return true }
            index += 1
        }
        return false
    }

    /// Whether four letter-digit (or digit-letter) pairs from `start` both count up by one.
    static func countsInStep(_ value: [UInt8], from start: Int) -> Bool {
        let first = value[start]
        let letterFirst = isLetter(first)
        guard letterFirst || (first >= 48 && first <= 57) else { return false }
        for pair in 0..<4 {
            let a = value[start + 2 * pair]
            let b = value[start + 2 * pair + 1]
            let (letter, digit) = letterFirst ? (a, b) : (b, a)
            guard isLetter(letter), digit >= 48 && digit <= 57 else { return false }
            if pair > 0 {
                let (previousLetter, previousDigit) =
                    letterFirst ? (value[start + 2 * pair - 2], value[start + 2 * pair - 1]) : (value[start + 2 * pair - 1], value[start + 2 * pair - 2])
                guard letter == previousLetter + 1, digit == previousDigit + 1 || (previousDigit == 57 && digit == 48) else { return false }
            }
        }
        return true
    }

    /// A signed JWT whose payload is the empty object (`eyJhbGciOiJIUzI1NiJ9.e30.…`): it claims
    /// nothing and grants nothing, as the tokens of parser and redaction tests do.
    static func isEmptyClaimsJWT(_ value: [UInt8]) -> Bool {
        guard value.starts(with: Array("eyJ".utf8)) else { return false }
        let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 3 && parts[1].elementsEqual(Array("e30".utf8))
    }

    /// A JWT's header and claims without a signature (`eyJhbGciOi….eyJzdWIiOi…`): nothing signs it,
    /// so no service accepts it as a credential; it is how documents and tests show a token's parts.
    static func isUnsignedJWTParts(_ value: [UInt8]) -> Bool {
        guard value.starts(with: Array("eyJ".utf8)) else { return false }
        let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].starts(with: Array("eyJ".utf8)),
            let decoded = Base64.decode(parts[1], urlSafe: true)
        else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(decoded))) is [String: Any]
    }

    /// Hex words people type into a made-up key (`4ae31ed2…95deadbeefe7774f`); a generator's output
    /// holds one of these eight-digit words once in about 4 × 10^8 values per position.
    static let hexWords: [[UInt8]] = ["deadbeef", "cafebabe", "feedface", "8badf00d", "baadf00d", "deadc0de", "c0ffee00", "facefeed"].map { Array($0.utf8) }

    /// A hex value (at least 16 digits, one case) that holds one of `hexWords`.
    static func isHexSpeak(_ value: [UInt8]) -> Bool {
        guard value.count >= 16 else { return false }
        let lower = value.map { $0 >= 65 && $0 <= 70 ? $0 + 32 : $0 }
        guard lower.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return false }
        return hexWords.contains { PlaceholderFilter.contains(lower, $0) }
    }

    /// An absolute route of the application (`/auth/change-password`, `/api/v1/reset_password`):
    /// `/` then lower-case words, joined by `-`, `_` or `.`, with short numbers, in `/`-separated
    /// segments. Key material is not written as a path of lower-case words.
    static func isRoute(_ value: [UInt8]) -> Bool {
        guard value.first == UInt8(ascii: "/"), value.count > 1 else { return false }
        let segments = value.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            guard let first = segment.first, first >= 97 && first <= 122 else { return segment.isEmpty && segment.endIndex == value.endIndex }
            var digitRun = 0
            for byte in segment {
                if byte >= 97 && byte <= 122 || byte == 45 || byte == 95 || byte == 46 {
                    digitRun = 0
                } else if byte >= 48 && byte <= 57 {
                    digitRun += 1
                    if digitRun > 3 { return false }
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Words and a counting run: `test-api-key-12345`, `m0-test-key-12345678`,
    /// `supersecretkey1234`, `invalid_key_123456`, `member123` (three digits only with `shortRun`). Every part separated by `-`, `_` or `.` is a
    /// lower-case or upper-case word (a password's may be capitalised: `Password.123`) with at most two digits after it, and at least one part
    /// ends in an ascending run of at least four digits from 0 or 1 (`1234`, `012345`): what a
    /// person types as a stand-in, never what a key generator gives.
    static func isCountingStandIn(_ value: [UInt8], shortRun: Bool = true, capitalised: Bool = false) -> Bool {
        var counted = false
        let parts = value.split(omittingEmptySubsequences: false) { $0 == 45 || $0 == 95 || $0 == 46 }
        var previousWord = 0
        for part in parts {
            let letters = part.prefix { isLetter($0) }
            let digits = part.dropFirst(letters.count)
            guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), !part.isEmpty else { return false }
            // (lower case or capitals; for a password a capitalised word too: `Password.123`)
            guard isWordCase(letters, capitalised: capitalised) else { return false }
            defer { previousWord = digits.isEmpty ? letters.count : 0 }
            if digits.count <= 2 && !letters.isEmpty { continue }
            // Four digits or more; three (`updated123`, `secure-password-123`) after a word of at least four letters.
            let least = shortRun && (letters.count >= 4 || (letters.isEmpty && previousWord >= 4)) ? 3 : 4
            guard digits.count >= least, let start = digits.first, start == 48 || start == 49 else { return false }
            var expected = start
            for digit in digits {
                guard digit == expected else { return false }
                expected = expected == 57 ? 48 : expected + 1
            }
            counted = true
        }
        return counted
    }

    /// Letters-only words joined by `-`, `_` or `.`: a route, a resource or a setting name
    /// (`forgot-password`, `raw-option-secret`, `alloydb-cluster`), never generated key material.
    static func isWordJoin(_ value: [UInt8]) -> Bool {
        var segments = 0
        var length = 0
        for byte in value {
            if isLetter(byte) {
                length += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                guard length > 0 else { return false }
                segments += 1
                length = 0
            } else {
                return false
            }
        }
        return segments >= 1 && length > 0
    }

    /// Words with short numbers, joined by `-`, `_`, `.`, `/` or `:`: a storage key, a model or a
    /// marker (`cline.code.model-selection.v1`, `openai/gpt-5`, `original-process-3`,
    /// `a-secret-of-at-least-32-characters`). Every part is a word (one case or title case) with
    /// at most two digits after it, or a number of at most three digits; at least two parts are
    /// words of three letters or more, and words outnumber numbers. Generated key material mixes
    /// letters and digits inside its parts, so it never takes this shape.
    static func isWordSlug(_ value: [UInt8]) -> Bool {
        // Words joined by `/` alone are `isWordPath`'s (three parts at least).
        guard value.contains(where: { $0 == 45 || $0 == 95 || $0 == 46 || $0 == 58 }) else { return false }
        let parts = value.split(omittingEmptySubsequences: false) { $0 == 45 || $0 == 95 || $0 == 46 || $0 == 47 || $0 == 58 }
        guard parts.count >= 2 else { return false }
        var words = 0
        var numbers = 0
        for part in parts {
            let letters = part.prefix { isLetter($0) }
            let digits = part.dropFirst(letters.count)
            guard !part.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) || (letters.isEmpty && isMeasure(part)) else { return false }
            if letters.isEmpty {
                guard digits.count <= 3 || isMeasure(part) else { return false }
                numbers += 1
                continue
            }
            guard digits.count <= 2 else { return false }
            guard isWordCase(letters) else { return false }
            if letters.count >= 3 { words += 1 }
        }
        return words >= 2 && words > numbers
    }

    /// A number with a short lower-case unit (`7rem`, `16px`, `2x`, `32bytes`): one part of a
    /// setting's name, as a number is.
    static func isMeasure(_ part: ArraySlice<UInt8>) -> Bool {
        let digits = part.prefix { $0 >= 48 && $0 <= 57 }
        let unit = part.dropFirst(digits.count)
        return (1...4).contains(digits.count) && (1...5).contains(unit.count) && unit.allSatisfy { $0 >= 97 && $0 <= 122 }
    }

    /// Three or more words separated by `/`, each a word with an optional short number
    /// (`Desktop/Title/H1`, `brand/colors/Primary500`): a design-token or resource path. Random
    /// base64 has mixed case inside its segments, so it does not take this shape.
    /// An object or file path in lower case counts too, when its segments are words and dates
    /// joined by `-`, `_` or `.` and it ends in a file name (`events/otel/test-project/2026/07/13/batch.json`).
    static func isWordPath(_ value: [UInt8]) -> Bool {
        let segments = value.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard segments.count >= 3 else { return false }
        if segments.allSatisfy(isWord) { return true }
        return isFilePath(segments)
    }

    /// Lower-case segments of words (at least three letters) and numbers of at most four digits
    /// joined by `-`, `_` or `.`, the last one a file name with an extension of letters.
    static func isFilePath(_ segments: [ArraySlice<UInt8>]) -> Bool {
        guard let last = segments.last, let dot = last.lastIndex(of: UInt8(ascii: ".")), dot > last.startIndex,
            (1...5).contains(last.endIndex - dot - 1), last[(dot + 1)...].allSatisfy({ $0 >= 97 && $0 <= 122 })
        else { return false }
        var words = 0
        for segment in segments {
            let parts = segment.split(omittingEmptySubsequences: false) { $0 == 45 || $0 == 95 || $0 == 46 }
            for part in parts {
                if part.allSatisfy({ $0 >= 97 && $0 <= 122 }) && part.count >= 3 {
                    words += 1
                } else if !(1...4).contains(part.count) || !part.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) }) {
                    return false
                } else if part.contains(where: { $0 >= 48 && $0 <= 57 }) && part.contains(where: { $0 >= 97 }) {
                    return false
                }
            }
        }
        return words >= 3
    }

    /// `Title`, `title`, `H1`, `Primary500`, `UI`: letters in word case, then at most three digits.
    static func isWord(_ segment: ArraySlice<UInt8>) -> Bool {
        let letters = segment.prefix { isLetter($0) }
        let digits = segment.dropFirst(letters.count)
        guard !letters.isEmpty, digits.count <= 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let upper = letters.filter { $0 >= 65 && $0 <= 90 }.count
        // Word case: no capital after the first letter (Title, title), or all capitals up to three (UI, H).
        return upper == 0 || (upper == 1 && isUpper(letters.first!)) || (upper == letters.count && upper <= 3)
    }

    /// Base64 text that decodes to a decimal number (`MzUxODM3NTQz…` = "351837543…"): an
    /// identifier such as an analysis-result or job id, encoded for a URL.
    static func isEncodedNumber(_ value: [UInt8]) -> Bool {
        guard value.count >= 8, let decoded = Base64.decode(value[...], urlSafe: false), decoded.count >= 6 else { return false }
        return decoded.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// A JWT header on its own (`eyJhbGciOiJIUzI1NiIs…` without payload or signature): it names
    /// an algorithm and carries nothing secret.
    static func isJWTHeader(_ value: [UInt8]) -> Bool {
        // A trailing point (`eyJhbGci….`) is the header with the parts left out; a word after it
        // (`eyJhbGciOiJIUzI1NiJ9.long_token`) stands for them.
        var header = value.last == UInt8(ascii: ".") ? value.dropLast() : value[...]
        if let dot = header.firstIndex(of: UInt8(ascii: ".")) {
            let rest = header[(dot + 1)...]
            let word = !rest.isEmpty && rest.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 95 || $0 == 45 }
            guard word else { return false }
            header = header[..<dot]
        }
        guard header.starts(with: Array("eyJ".utf8)), !header.contains(UInt8(ascii: ".")),
            let decoded = Base64.decode(header, urlSafe: true),
            let object = (try? JSONSerialization.jsonObject(with: Data(decoded))) as? [String: Any]
        else { return false }
        return object["alg"] != nil
    }

    /// A JWT whose signature part is a word (`….eyJ1c2VyIjoidGVzdCJ9.signature`): a documentation
    /// stand-in; a real signature is base64url of random bytes.
    static func hasWordSignature(_ value: [UInt8]) -> Bool {
        guard value.starts(with: Array("eyJ".utf8)) else { return false }
        let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = parts.last, !signature.isEmpty else { return false }
        return signature.allSatisfy { $0 >= 97 && $0 <= 122 } || signature.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    /// Base64 of a stand-in (`cGFzc3dvcmQxMjM=` is "password123", as in a Kubernetes Secret in a
    /// tutorial): printable text that is itself a placeholder or names the credential it stands for.
    static func isEncodedStandIn(_ value: [UInt8]) -> Bool {
        guard value.count >= 8, let decoded = Base64.decode(value[...], urlSafe: false), decoded.count >= 4,
            decoded.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        else { return false }
        let lower = decoded.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if PlaceholderFilter.contains(lower, Array("password".utf8)) || PlaceholderFilter.contains(lower, Array("secret".utf8)) { return true }
        // Words joined by separators (`test-key-for-unit-tests-32bytes`): a phrase, not key material.
        let words = decoded.split { $0 == 45 || $0 == 95 || $0 == 46 || $0 == 32 }
        if words.count >= 4 && words.filter({ $0.count >= 3 && $0.allSatisfy(isLetter) }).count >= 3 { return true }
        return PlaceholderFilter.isPlaceholder(decoded, generic: true)
    }

    /// A format or interpolation field standing for the value (`{password}`, `{sentinels[3]}`,
    /// `{0}`): the text of an f-string or `str.format` template, filled in at run time.
    static func isFormatField(_ value: [UInt8]) -> Bool {
        guard value.count >= 3, value.first == UInt8(ascii: "{"), value.last == UInt8(ascii: "}") else { return false }
        return value.dropFirst().dropLast().allSatisfy { byte in
            isLetter(byte) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
}
