import Foundation

/// A named confirming check for a candidate secret (a checksum, a structure that must decode).
public struct Validator: Sendable {
    public let name: String
    public let summary: String
    public let check: @Sendable (_ secret: [UInt8]) -> Bool
    /// A finer verdict for values that can be valid yet benign (private IPs, documentation ranges).
    public let assess: @Sendable (_ secret: [UInt8]) -> Assessment
    /// For checksums: a value in the rule's format whose check fails is reported at low severity
    /// with this explanation instead of being dropped (users test their hook with such canaries).
    public var failure: String? = nil

    /// What a validator says about a value.
    public enum Assessment: Sendable, Equatable {
        case reject
        case accept
        /// Valid, but not sensitive enough to fail a run (reported as low, with the reason).
        case low(String)
        /// A value reserved for documentation or tests (reported as a suppressed note).
        case knownTest(String)
    }

    public init(name: String, summary: String, check: @escaping @Sendable (_ secret: [UInt8]) -> Bool) {
        self.name = name
        self.summary = summary
        self.check = check
        assess = { check($0) ? .accept : .reject }
    }

    public init(name: String, summary: String, assess: @escaping @Sendable (_ secret: [UInt8]) -> Assessment) {
        self.name = name
        self.summary = summary
        self.assess = assess
        check = { assess($0) != .reject }
    }
}

extension Validator {
    /// This validator, with failed checks reported at low severity as `explanation`.
    func reportingFailure(_ explanation: String) -> Validator {
        var copy = self
        copy.failure = explanation
        return copy
    }
}

/// The validators rule files can name in `validator:`.
public enum Validators {
    /// Every validator, by name.
    public static let all: [String: Validator] = Dictionary(
        uniqueKeysWithValues: ([
            Validator(name: "github-crc32", summary: "last 6 characters are the base62 CRC32 of the 30-character body", check: githubCRC32)
                .reportingFailure(checksumFailure),
            Validator(name: "jwt", summary: "header is base64url JSON with an 'alg'", check: jwt),
            Validator(
                name: "jwt-unsigned", summary: "header is base64url JSON with 'alg' none, payload a JSON object, signature empty",
                check: unsignedJWT),
            Validator(name: "pypi-macaroon", summary: "body is a base64url macaroon naming pypi.org", check: pypiMacaroon),
            Validator(name: "pem-body", summary: "the base64 between BEGIN and END decodes", check: pemBody),
            Validator(name: "luhn", summary: "Luhn mod-10 check digit", check: luhn),
            Validator(name: "aws-key-id", summary: "AWS access key id prefix and base32 body", check: awsKeyID),
            Validator(name: "base64-json", summary: "decodes as base64 to a JSON object", check: base64JSON),
            Validator(
                name: "openai-auth-jwt", summary: "a JWT whose payload 'iss' is https://auth.openai.com (a ChatGPT sign-in token)",
                check: openAIAuthJWT),
            Validator(name: "base64-userpass", summary: "decodes as base64 to printable user:password", check: base64UserPass),
        ] + privacyValidators).map { ($0.name, $0) })

    /// What a token in a checksummed format whose checksum fails is, in a finding's message.
    public static let checksumFailure =
        "its checksum fails: a placeholder or a corrupted token; a real one would be critical"

    /// The validator called `name`, if there is one.
    public static func named(_ name: String) -> Validator? { all[name] }

    // MARK: - Checks

    static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// GitHub (`ghp_` …) and npm (`npm_`) tokens: prefix, 30 random base62 characters, then the
    /// CRC32 of those 30 characters in base62, most significant digit first, padded to 6 with '0'.
    @Sendable static func githubCRC32(_ token: [UInt8]) -> Bool {
        guard token.count >= 36 else { return false }
        let checksum = token[(token.count - 6)...]
        let body = token[(token.count - 36)..<(token.count - 6)]
        return Array(checksum) == base62Encode(CRC32.checksum(body), width: 6)
    }

    static func base62Encode(_ value: UInt32, width: Int) -> [UInt8] {
        var digits: [UInt8] = []
        var n = value
        while n > 0 {
            digits.append(base62[Int(n % 62)])
            n /= 62
        }
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        return digits.reversed()
    }

    /// A JSON Web Token: three dot-separated base64url parts, the first a JSON object with "alg".
    @Sendable static func jwt(_ token: [UInt8]) -> Bool {
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count >= 2, let header = Base64.decode(parts[0], urlSafe: true),
            let object = (try? JSONSerialization.jsonObject(with: Data(header))) as? [String: Any]
        else { return false }
        guard object["alg"] != nil else { return false }
        // The payload is decoded once for the checks that tell a stand-in or a public key by its claims.
        guard let claims = claims(parts[1]) else { return true }
        return !isSupabaseAnonKey(claims) && !hasSampleClaims(claims) && !isFromExampleIssuer(claims) && !isSiteScopedPublicConfig(claims)
            && !isGitHubImageViewToken(claims)
    }

    /// The token GitHub puts in the address of an image or video attached to an issue or README
    /// (`private-user-images.githubusercontent.com/…?jwt=…`): issued by github.com to whoever views
    /// the page, for raw.githubusercontent.com, valid five minutes. Copying the address copies it;
    /// it grants a view of that one file and expires before anyone reads the copy.
    static func isGitHubImageViewToken(_ claims: [String: Any]) -> Bool {
        claims["iss"] as? String == "github.com" && claims["aud"] as? String == "raw.githubusercontent.com"
    }

    /// A signed embed configuration: the claims list the sites it may be used from (`domains`,
    /// `allowedOrigins` …) and name no one it acts for (no subject, role, scope, user or e-mail). A
    /// chat or analytics widget's script tag carries such a token in every page by design, as a
    /// publishable key is; an access token names whom it grants access as.
    static func isSiteScopedPublicConfig(_ claims: [String: Any]) -> Bool {
        guard claims.contains(where: { siteClaims.contains($0.key.lowercased()) && $0.value is [Any] }) else { return false }
        return !claims.keys.contains { actorClaims.contains($0.lowercased()) }
    }

    /// Claims (lower case) that list where a token may be used, and claims that name whom it acts for.
    static let siteClaims: Set<String> = ["domains", "allowed_domains", "alloweddomains", "origins", "allowed_origins", "allowedorigins"]
    static let actorClaims: Set<String> = [
        "sub", "role", "roles", "scope", "scp", "permissions", "user", "user_id", "userid", "uid", "email", "azp", "client_id",
    ]

    /// A JWT payload's claims (base64url JSON object), or nil.
    static func claims(_ payload: ArraySlice<UInt8>) -> [String: Any]? {
        guard let decoded = Base64.decode(payload, urlSafe: true) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(decoded))) as? [String: Any]
    }

    /// A token whose issuer is a host reserved for documentation (RFC 2606 and RFC 6761:
    /// `example.com`, `example.net`, `example.org`, `*.example`, `*.test`, `*.invalid`): the
    /// worked examples of RFCs and vendors' guides (RFC 8693's `https://as.example.com`). No
    /// issuer that hands out real tokens can live there, nor on this machine (`localhost`, a
    /// loopback address): such a token was minted by a development server and verifies nowhere else.
    static func isFromExampleIssuer(_ claims: [String: Any]) -> Bool {
        guard let issuer = claims["iss"] as? String else { return false }
        let host = KnownExampleMatcher.host(of: Array(issuer.utf8))
        for domain in ["example.com", "example.net", "example.org"] where host == domain || host.hasSuffix("." + domain) { return true }
        // (and a development server on this machine: `https://localhost:8000/`, `127.0.0.1`, `*.localhost`)
        if host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || issuer.contains("://[::1]") { return true }
        return [".example", ".test", ".invalid"].contains { host.hasSuffix($0) }
    }

    /// A payload of jwt.io's documentation sample and nothing else: the subject `1234567890`,
    /// optionally its `name` John Doe, `iat` 1516239022 and `admin` true. Tests of redactors and
    /// token parsers sign these stand-in claims with any key; no issuer ever handed them out.
    static func hasSampleClaims(_ claims: [String: Any]) -> Bool {
        guard claims["sub"] as? String == "1234567890" else { return false }
        return claims.allSatisfy { key, value in
            switch key {
            case "sub": true
            case "name": value as? String == "John Doe"
            case "iat": (value as? NSNumber)?.intValue == 1_516_239_022
            case "admin": (value as? Bool) == true
            default: false
            }
        }
    }

    /// Supabase's anon key: a JWT with the role `anon` from issuer `supabase`, or with no issuer
    /// and nothing but the role and its times (the form Supabase issued until 2022), published in
    /// every browser client by design (row-level security guards the data), as a publishable key
    /// is. The service_role key of the same shape is the secret one.
    static func isSupabaseAnonKey(_ claims: [String: Any]) -> Bool {
        guard claims["role"] as? String == "anon" else { return false }
        if claims["iss"] as? String == "supabase" { return true }
        return claims["iss"] == nil && claims.keys.allSatisfy { ["role", "iat", "exp"].contains($0) }
    }

    /// An unsigned JWT (`header.payload.`): the header's `alg` is `none` and the payload is a JSON object.
    @Sendable static func unsignedJWT(_ token: [UInt8]) -> Bool {
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].isEmpty, let header = Base64.decode(parts[0], urlSafe: true),
            let payload = Base64.decode(parts[1], urlSafe: true),
            let object = (try? JSONSerialization.jsonObject(with: Data(header))) as? [String: Any],
            (try? JSONSerialization.jsonObject(with: Data(payload))) is [String: Any],
            let alg = object["alg"] as? String
        else { return false }
        return alg.lowercased() == "none"
    }

    /// A ChatGPT / Codex sign-in token: a JWT whose payload names `auth.openai.com` as issuer.
    @Sendable static func openAIAuthJWT(_ token: [UInt8]) -> Bool {
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard jwt(token), parts.count >= 3, let issuer = claims(parts[1])?["iss"] as? String
        else { return false }
        return issuer.hasPrefix("https://auth.openai.com") || issuer.hasPrefix("https://auth0.openai.com")
    }

    /// A PyPI API token: `pypi-` and a base64url macaroon whose location is pypi.org (or test.pypi.org).
    @Sendable static func pypiMacaroon(_ token: [UInt8]) -> Bool {
        let prefix = Array("pypi-".utf8)
        guard token.starts(with: prefix), let body = Base64.decode(token[prefix.count...], urlSafe: true) else { return false }
        return body.firstRange(of: Array("pypi.org".utf8)) != nil
    }

    /// A PEM block: the base64 text between the BEGIN and END lines decodes (headers such as
    /// `Proc-Type:` are skipped).
    @Sendable static func pemBody(_ block: [UInt8]) -> Bool {
        var body: [UInt8] = []
        var sawBegin = false
        for line in block.split(whereSeparator: { $0 == 10 || $0 == 13 }) {
            if line.starts(with: Array("-----BEGIN".utf8)) {
                sawBegin = true
                continue
            }
            if line.starts(with: Array("-----END".utf8)) { break }
            guard sawBegin else { continue }
            if line.contains(UInt8(ascii: ":")) { continue }
            body.append(contentsOf: line.filter { $0 != 32 && $0 != 9 && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"") })
        }
        // Literal "\n" escapes in JSON strings leave 'n' characters between lines.
        if !sawBegin {
            return false
        }
        if let decoded = Base64.decode(body[...], urlSafe: false), decoded.count >= 16 { return true }
        let unescaped = pemBodyFromEscapedText(block)
        guard let decoded = Base64.decode(unescaped[...], urlSafe: false) else { return false }
        return decoded.count >= 16
    }

    /// The base64 body of a PEM block written on one line with `\n` escapes (JSON, .env).
    static func pemBodyFromEscapedText(_ block: [UInt8]) -> [UInt8] {
        let text = String(decoding: block, as: UTF8.self).replacingOccurrences(of: "\\r", with: "\n")
            .replacingOccurrences(of: "\\n", with: "\n")
        var body: [UInt8] = []
        var inBody = false
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("-----BEGIN") || line.contains("-----BEGIN") {
                inBody = true
                continue
            }
            if line.hasPrefix("-----END") || line.contains("-----END") { break }
            if inBody && !line.contains(":") { body.append(contentsOf: line.utf8.filter { $0 != 32 && $0 != 9 }) }
        }
        return body
    }

    /// Luhn mod-10 over the digits of `number` (separators ignored).
    @Sendable static func luhn(_ number: [UInt8]) -> Bool {
        luhn(digits: number.filter { $0 >= 48 && $0 <= 57 }.map { Int($0 - 48) })
    }

    /// An AWS access key id: 20 characters, a known prefix, then base32 (`A-Z2-7`).
    @Sendable static func awsKeyID(_ id: [UInt8]) -> Bool {
        guard id.count == 20 else { return false }
        let prefixes = ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA"]
        guard prefixes.contains(where: { id.starts(with: Array($0.utf8)) }) else { return false }
        return id[4...].allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) }
    }

    /// Base64 (standard or URL-safe) that decodes to a JSON object.
    @Sendable static func base64JSON(_ text: [UInt8]) -> Bool {
        guard let decoded = Base64.decode(text[...], urlSafe: text.contains(UInt8(ascii: "-")) || text.contains(UInt8(ascii: "_")))
        else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(decoded))) is [String: Any]
    }

    /// Base64 of `user:password` (HTTP Basic, Docker config auth): printable, one colon splitting
    /// two non-empty parts.
    @Sendable static func base64UserPass(_ text: [UInt8]) -> Bool {
        guard let decoded = Base64.decode(text[...], urlSafe: false), decoded.count >= 3,
            decoded.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { return false }
        return colon > 0 && colon < decoded.count - 1
    }
}
