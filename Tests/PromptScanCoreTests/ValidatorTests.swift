import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

@Suite struct ValidatorTests {
    func check(_ name: String, _ value: String) -> Bool { Validators.named(name)!.check(Array(value.utf8)) }

    /// A JWT with `claims` as its payload (base64url), signed with a stand-in signature.
    func jwt(_ claims: String, header: String = "eyJhbGciOiJIUzI1NiJ9", signature: String = "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U") -> String {
        let payload = Data(claims.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return header + "." + payload + "." + signature
    }

    @Test func crc32MatchesZlib() {
        // zlib.crc32(b"123456789") == 0xCBF43926, the standard check value.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func githubChecksum() {
        var fake = FakeSecrets(seed: 1)
        for prefix in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"] {
            let good = fake.githubToken(prefix: prefix)
            let bad = fake.githubToken(prefix: prefix, validChecksum: false)
            #expect(check("github-crc32", good), "\(prefix) valid")
            #expect(!check("github-crc32", bad), "\(prefix) invalid")
        }
        #expect(!check("github-crc32", "ghp_short"))
        // Checksum of a body whose CRC32 in base62 has fewer than 6 digits is zero-padded.
        #expect(Validators.base62Encode(61, width: 6) == Array("00000z".utf8))
    }

    @Test func jwt() {
        let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"  // {"alg":"HS256","typ":"JWT"}
        #expect(check("jwt", header + ".eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl"))
        #expect(!check("jwt", "eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"))  // {"foo":"bar"}: no alg
        #expect(!check("jwt", "eyJub3QganNvbg.eyJzdWIiOiIxIn0.c2ln"))
        // Supabase's anon key is published by design; its service_role key is the secret.
        #expect(!check("jwt", header + ".eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJhbm9uIn0.c2lnbmF0dXJlc2lnbmF0dXJl"))  // {"iss":"supabase","role":"anon"}
        #expect(check("jwt", header + ".eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJzZXJ2aWNlX3JvbGUifQ.c2lnbmF0dXJlc2lnbmF0dXJl"))  // role service_role
    }

    /// A token whose claims are only jwt.io's sample (sub 1234567890, John Doe, iat 1516239022) is
    /// a stand-in whatever key signed it; one more claim or another subject makes it a token again.
    @Test func jwtWithOnlyTheDocumentationSampleClaimsIsAStandIn() {
        #expect(!check("jwt", jwt(#"{"sub":"1234567890"}"#)))
        #expect(!check("jwt", jwt(#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#)))
        #expect(check("jwt", jwt(#"{"sub":"1234567890","role":"service_role"}"#)))
        #expect(check("jwt", jwt(#"{"sub":"1234567891"}"#)))
    }

    /// A widget's signed embed configuration names the sites it may run on and no one it acts for:
    /// public by design. The same claims with a subject or a role make an access token again.
    @Test func jwtThatOnlyScopesSitesIsAPublicConfig() {
        #expect(!check("jwt", jwt(#"{"wid":"wgt_Qe4","domains":["docs.example.io","example.io"],"iat":1760000000}"#)))
        #expect(!check("jwt", jwt(#"{"allowedOrigins":["https://shop.example.io"]}"#)))
        #expect(check("jwt", jwt(#"{"domains":["a.example.io"],"sub":"user-42"}"#)))
        #expect(check("jwt", jwt(#"{"domains":["a.example.io"],"role":"admin"}"#)))
        #expect(check("jwt", jwt(#"{"domains":"a.example.io","iat":1760000000}"#)))
    }

    /// The five-minute token in the address of an image attached on GitHub is handed to every viewer.
    @Test func jwtOfAGitHubImageAddressIsNoSecret() {
        #expect(
            !check(
                "jwt", jwt(#"{"iss":"github.com","aud":"raw.githubusercontent.com","key":"key5","exp":1741318059,"nbf":1741317759,"path":"/6123/4201.mp4"}"#))
        )
        #expect(check("jwt", jwt(#"{"iss":"github.com","aud":"api.github.com","sub":"repo:octo/app"}"#)))
        #expect(check("jwt", jwt(#"{"sub":"1234567890","name":"Ana Ruiz"}"#)))
    }

    /// A token issued by a documentation host (RFC 8693's `https://as.example.com`) is a worked
    /// example; one from a real issuer is a token.
    @Test func jwtFromAnExampleIssuerIsAStandIn() {
        func token(_ claims: String) -> String {
            jwt(claims, header: "eyJhbGciOiJFUzI1NiIsImtpZCI6IjcyIn0", signature: "3paKl9UySKYB5ng6_cUtQ2qlO8Rc_y7Mea7IwEXTcYbNdwG9")
        }
        // (and a development server's tokens: issued on this machine, verified nowhere else)
        for issuer in [
            "https://as.example.com", "https://example.org/auth", "https://idp.example", "https://login.acme.test/realms/x",
            "https://localhost:8000/", "http://127.0.0.1:5556/dex", "http://auth.localhost", "http://[::1]:8080/",
        ] {
            #expect(!check("jwt", token(#"{"iss":"\#(issuer)","sub":"user@example.net","exp":1441913610}"#)), "\(issuer)")
        }
        for issuer in ["https://auth.internal-sso.net", "https://example.com.evil.io", "bb-auth", "https://localhost.acme.io"] {
            #expect(check("jwt", token(#"{"iss":"\#(issuer)","sub":"svc-7","exp":1441913610}"#)), "\(issuer)")
        }
    }

    /// A power of two, or one less, is a bit flag or mask, not a Social Security number.
    @Test func ssnIsNoBitMask() {
        for value in ["134217728", "268435456", "536870911", "134217727"] { #expect(!check("us-ssn", value), "\(value)") }
        for value in ["536221234", "551-45-5062"] { #expect(check("us-ssn", value), "\(value)") }
    }

    @Test func pypiMacaroon() {
        #expect(check("pypi-macaroon", "pypi-AgEIcHlwaS5vcmcCJGE4ZjE3ZTUwLTFjMjQtNDBmMC1iNDFjLTZhZDRmNmRjNmQxNwACKlsz"))
        #expect(!check("pypi-macaroon", "pypi-bm90IGEgbWFjYXJvb24gYXQgYWxsIGp1c3QgdGV4dA"))
    }

    @Test func pemBody() {
        let good = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHJhbmRvbWJ5dGVzcmFuZG9tYnl0ZXNyYW5kb21i\n-----END PRIVATE KEY-----"
        #expect(check("pem-body", good))
        #expect(check("pem-body", good.replacingOccurrences(of: "\n", with: "\\n")))
        #expect(!check("pem-body", "-----BEGIN PRIVATE KEY-----\n!!!! not base64 !!!!\n-----END PRIVATE KEY-----"))
        #expect(!check("pem-body", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----"))
    }

    @Test func luhn() {
        #expect(check("luhn", "4111 1111 1111 1111"))
        #expect(check("luhn", "79927398713"))
        #expect(!check("luhn", "79927398710"))
        #expect(!check("luhn", "1"))
    }

    @Test func awsKeyID() {
        #expect(check("aws-key-id", "AKIAZE4FJTYCCGEPMR6Z"))
        #expect(check("aws-key-id", "ASIAZE4FJTYCCGEPMR6Z"))
        #expect(!check("aws-key-id", "AKIAZE4FJTYCCGEPMR60"))  // 0 is not base32
        #expect(!check("aws-key-id", "AKIBZE4FJTYCCGEPMR6Z"))
        #expect(!check("aws-key-id", "AKIAZE4FJTYCCGEPMR6"))
    }

    @Test func base64Decoding() {
        #expect(Base64.decode(Array("aGVsbG8".utf8), urlSafe: false) == Array("hello".utf8))
        #expect(Base64.decode(Array("aGVsbG8=".utf8), urlSafe: false) == Array("hello".utf8))
        #expect(Base64.decode(Array("-_8".utf8), urlSafe: true) == [0xFB, 0xFF])
        #expect(Base64.decode(Array("-_8".utf8), urlSafe: false) == nil)
        #expect(Base64.decode(Array("a=b".utf8), urlSafe: false) == nil)
        #expect(check("base64-json", "eyJhIjoxfQ=="))
        #expect(!check("base64-json", "WzFd"))  // [1]
        #expect(check("base64-userpass", "dXNlcjpwYXNzd29yZA=="))  // user:password
        #expect(!check("base64-userpass", "bm90LWEtcGFpcg=="))  // not-a-pair
    }

    @Test func everyValidatorHasASummary() {
        #expect(Validators.all.count >= 8)
        for (name, validator) in Validators.all {
            #expect(validator.name == name)
            #expect(!validator.summary.isEmpty)
        }
    }
}
