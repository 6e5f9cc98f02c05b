/// Recognises values that look like secrets but are templates, references or documentation
/// stand-ins (`${VAR}`, `<your-key>`, `xxxx`, `changeme`, `process.env.X`).
public enum PlaceholderFilter {
    /// Markers that make any candidate a placeholder, for every secret rule.
    /// (`FILTERED` and `REDACTED` are what recorded-request tools such as VCR write in place of a
    /// token: `ya29.FILTERED_ACCESS_TOKEN_XXX`.)
    static let structural: [[UInt8]] = ["${", "{{", "xxxx", "XXXX", "****", "…", "...", "%(", "<%", "FILTERED", "REDACTED"].map {
        Array($0.utf8)
    }

    /// Words that make a generic (keyword = value) candidate a placeholder, compared case-insensitively.
    static let words: [[UInt8]] = [
        "example", "dummy", "sample", "placeholder", "changeme", "change_me", "change-me", "your_", "your-",
        "yourpassword", "yourkey", "yoursecret", "yourtoken", "redacted", "insert", "fake", "lorem", "todo",
        "replace", "notreal", "not_real", "not-a-real", "synthetic", "secret_here", "here>", "mysecret", "mypassword",
        "password123", "hunter2", "xyz123", "abc123", "test123", "foobar", "0123456789", "123456789", "abcdef",
        "qwerty", "letmein", "apikey", "api_key", "api-key", "secretkey", "secret_key",
        // counting down, as people type a stand-in too (`sk-0987654321fedcba`)
        "987654321", "fedcba",
        // a default that a setup or test fills in (`password="default3"`)
        "default",
    ].map { Array($0.utf8) }

    /// Prefixes of values that refer to a secret instead of holding one.
    static let referencePrefixes: [[UInt8]] = [
        "$", "process.env", "os.environ", "os.getenv", "env.", "env[", "getenv(", "environ", "secrets.",
        "settings.", "config.", "self.", "this.", "vault:", "op://", "ssm:", "arn:aws", "!ref", "!sub",
        "@", "%env", "env(",
        // a JSON pointer (`#/components/schemas/…` in an OpenAPI or JSON Schema document)
        "#/",
        // a package manager's dependency range (`"@inquirer/password": "npm:^1.1.16"` in yarn.lock)
        "npm:", "workspace:", "patch:", "portal:", "link:",
    ].map { Array($0.utf8) }

    /// Whether `secret` is a placeholder. `generic` applies the word list and reference checks too.
    public static func isPlaceholder(_ secret: [UInt8], generic: Bool) -> Bool {
        guard let first = secret.first else { return true }
        if secret.allSatisfy({ $0 == first }) { return true }
        for marker in structural where contains(secret, marker) { return true }
        if hasAngleTemplate(secret) || isBracketedWord(secret) { return true }
        if isKeyboardWalk(secret) { return true }
        if hasExampleWord(secret) { return true }
        guard generic else { return false }
        let lower = secret.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        for word in words where contains(lower, word) { return true }
        for prefix in referencePrefixes where lower.starts(with: prefix) { return true }
        // Fewer than 4 distinct characters, or a run that repeats one short unit ("abababab").
        if Set(secret).count < 4 { return true }
        // A bare identifier in SCREAMING_SNAKE or dotted form names a variable, not a value.
        if isIdentifierReference(secret) { return true }
        if isOwnedNoun(lower) { return true }
        if isFileName(lower) { return true }
        return false
    }

    /// `example` (any case) as a whole part between `_`, `-` or `.` (`sb_secret_live_example_9f4d…`,
    /// `sk-example-key`): a vendor's format filled in for documentation. Seven given letters at one
    /// place come by chance once in 10^12 random values, and never as a delimited part.
    static func hasExampleWord(_ secret: [UInt8]) -> Bool {
        let parts = secret.split(omittingEmptySubsequences: true) { $0 == 45 || $0 == 95 || $0 == 46 }
        return parts.contains { $0.count == 7 && $0.map { $0 | 0x20 }.elementsEqual(Array("example".utf8)) }
    }

    /// Endings of data, document, media and archive files.
    static let fileExtensions: [[UInt8]] = [
        "txt", "json", "jsonl", "csv", "tsv", "md", "pdf", "doc", "docx", "xlsx", "xml", "html", "yaml", "yml", "log",
        "mp3", "mp4", "wav", "png", "jpg", "jpeg", "gif", "webp", "zip", "gz", "tar", "parquet",
    ].map { Array($0.utf8) }

    /// A file name (`q1-2023-earnings-call.mp3.txt`, `reports/2024-summary.json`): words joined by
    /// `-`, `_`, `.` or `/` and ending in a file extension, as storage object keys and source
    /// paths under a `…_KEY` name are written. A generated key has no such ending.
    static func isFileName(_ lower: [UInt8]) -> Bool {
        guard let dot = lower.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return false }
        let ending = Array(lower[(dot + 1)...])
        guard fileExtensions.contains(ending) else { return false }
        // The name before it reads as words: letters in runs of three or more, not a random string.
        let stem = lower[..<dot]
        var run = 0
        var longest = 0
        for b in stem {
            run = b >= 97 && b <= 122 ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest >= 3 && stem.contains { $0 == 45 || $0 == 95 || $0 == 46 || $0 == 47 }
    }

    /// A value typed by counting: a run of eight or more characters that each follow the one before
    /// (`1234567890`, `abcdefgh`), or runs of at least three such characters, up or down, making up
    /// half the value (`abcd1234efgh5678ijkl9012…`, `xyzXYZ987654`). A generated key has a run of
    /// eight about once in 10^12 values.
    static func isKeyboardWalk(_ secret: [UInt8]) -> Bool {
        guard secret.count >= 12 else { return false }
        // +1 when `b` follows `a` (digits, or letters in either case), -1 when it comes before it, else 0.
        func step(_ a: UInt8, _ b: UInt8) -> Int {
            if a >= 48 && a <= 57 && b >= 48 && b <= 57 {
                if b == a + 1 || (a == 57 && b == 48) { return 1 }
                return a == b + 1 ? -1 : 0
            }
            let lowerA = a | 0x20
            let lowerB = b | 0x20
            guard lowerA >= 97 && lowerA <= 122 && lowerB >= 97 && lowerB <= 122 else { return 0 }
            if lowerB == lowerA + 1 { return 1 }
            return lowerA == lowerB + 1 ? -1 : 0
        }
        var run = 1
        var direction = 0
        var covered = 0
        var longest = 1
        for index in 1..<secret.count {
            let next = step(secret[index - 1], secret[index])
            if next != 0 && (run == 1 || next == direction) {
                run += 1
                direction = next
            } else {
                if run >= 3 { covered += run }
                run = next != 0 ? 2 : 1
                direction = next
            }
            longest = max(longest, run)
        }
        if run >= 3 { covered += run }
        return longest >= 8 || covered * 2 >= secret.count
    }

    /// Credential nouns that end a typed stand-in (`myredissecret`, `my_db_password`).
    static let credentialNouns: [[UInt8]] = ["secret", "password", "passwd", "pass", "pwd", "token", "key"].map { Array($0.utf8) }

    /// `my` or `your`, words, then the credential's own name, in lower-case letters (with `-` or
    /// `_`): `myredissecret`, `my-db-password`, `yourapitoken`. A person typing an example writes
    /// this; a generated or chosen secret does not name itself.
    static func isOwnedNoun(_ lower: [UInt8]) -> Bool {
        guard lower.starts(with: Array("my".utf8)) || lower.starts(with: Array("your".utf8)),
            lower.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 })
        else { return false }
        return credentialNouns.contains { noun in lower.count > noun.count + 2 && lower.suffix(noun.count).elementsEqual(noun) }
    }

    /// `<...>` around part of the value: `<your-token>`, `<redacted>`, `<API_KEY>`.
    static func hasAngleTemplate(_ secret: [UInt8]) -> Bool {
        guard let open = secret.firstIndex(of: UInt8(ascii: "<")) else { return false }
        return secret[open...].contains(UInt8(ascii: ">"))
    }

    /// A word in square brackets or braces and nothing else: `[password]`, `[YOUR-PASSWORD]`,
    /// `[db_pass]`, `{password-or-pat}`, as connection-string templates and command references
    /// write the part to fill in.
    static func isBracketedWord(_ secret: [UInt8]) -> Bool {
        guard secret.count >= 3,
            (secret.first == UInt8(ascii: "[") && secret.last == UInt8(ascii: "]"))
                || (secret.first == UInt8(ascii: "{") && secret.last == UInt8(ascii: "}"))
        else { return false }
        return secret.dropFirst().dropLast().allSatisfy {
            ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 || $0 == 32
        }
    }

    /// `API_KEY`, `MY_SECRET_TOKEN`, `settings.SECRET_KEY`, `config.password`: names, not values.
    static func isIdentifierReference(_ secret: [UInt8]) -> Bool {
        let upperSnake = secret.allSatisfy { ($0 >= 65 && $0 <= 90) || $0 == 95 || ($0 >= 48 && $0 <= 57) }
        if upperSnake && secret.contains(95) { return true }
        // dotted.identifier.path or call()
        if secret.last == UInt8(ascii: ")") { return true }
        let dotted = secret.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 || $0 == 46 }
        if dotted && secret.contains(46) { return true }
        // lowerCamelCase letters only (`botAadAppClientSecret`): a parameter or variable name
        if secret.count >= 8, let first = secret.first, first >= 97 && first <= 122,
            secret.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }), secret.contains(where: { $0 >= 65 && $0 <= 90 })
        {
            return true
        }
        return false
    }

    /// Whether `needle` occurs in `haystack` (values are short: a plain loop over bytes, no
    /// generic collection machinery on this path).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, n <= haystack.count else { return n == 0 }
        let first = needle[0]
        var index = 0
        let last = haystack.count - n
        while index <= last {
            if haystack[index] == first {
                var k = 1
                while k < n && haystack[index + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            index += 1
        }
        return false
    }
}
