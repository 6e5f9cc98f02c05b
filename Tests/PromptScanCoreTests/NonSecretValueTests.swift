import TestSupport
import Testing

@testable import PromptScanCore

/// Shapes of names and identifiers that generic rules must not take for credentials.
@Suite struct NonSecretValueTests {
    func check(_ text: String) -> Bool { NonSecretValue.matches(Array(text.utf8)) }

    /// Values typed by counting are stand-ins for every rule, a vendor's format or a generic one.
    @Test func aValueTypedByCountingIsAPlaceholder() {
        for value in ["dapi1234567890ab1cde2f3ab456c7d89efa", "abcd1234efgh5678ijkl9012mnop3456qrst7890uvwx", "sk_live_abcdefghijklmnop"] {
            #expect(PlaceholderFilter.isPlaceholder(Array(value.utf8), generic: false), "\(value)")
        }
        for value in ["dapi8f3a91c07be24d56f1e9a0c3b7d4e21f5a", "q8/AU3bxv2MX0mBnW9I8ynOVNx/iV3mMH3oqkl2Isu4=", "5A52C1A1E21DF9012IODC9ISN"] {
            #expect(!PlaceholderFilter.isKeyboardWalk(Array(value.utf8)), "\(value)")
        }
        // Runs counting down count too, and a run of eight either way.
        for value in ["ghp_xyzXYZ987654", "token-zyxw-9876543", "a87654321bcq"] {
            #expect(PlaceholderFilter.isKeyboardWalk(Array(value.utf8)), "\(value)")
        }
        for value in ["ghp_R8dK2mW9xT4qL7vN3pZ6", "a9k3m1q7z5w2e8r4"] {
            #expect(!PlaceholderFilter.isKeyboardWalk(Array(value.utf8)), "\(value)")
        }
    }

    /// A JWT with a word for its header or signature, and a value with a block pasted twice, are
    /// made up by hand.
    @Test func handMadeTokensAreStandIns() {
        #expect(check("header.eyJodHRwczovL2FwaS5vcGVuYWkuY29tL3Byb2ZpbGUiOnsiZW1haWwiOiJ1c2VyQGV4YW1wbGUuY29tIn19.signature"))
        #expect(check("ccr-3f8a1c7d9e2b4056a1c7d9e2b4056f8a"))
        #expect(!NonSecretValue.isWordPartedJWT(Array("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.kX9vQ2mWpL4tRz8NbC3dF7gH1jK5lM9nP2qS6uV0wY".utf8)))
        for value in ["3f8a1c7d9e2b40561a7c9d2eb4506f8a", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "q8/AU3bxv2MX0mBnW9I8ynOVNx/iV3mMH3oqkl2Isu4="] {
            #expect(!NonSecretValue.hasRepeatedBlock(Array(value.utf8)), "\(value)")
        }
    }

    /// A vendor's prefix on a value shorter than that vendor's keys is a cut stand-in; a capitalised
    /// word and a counted number is a documentation password.
    @Test func cutVendorKeysAndCapitalisedCountsAreStandIns() {
        for value in ["sk-ant-api03-DOq5tyLPrk9M4hPE", "ghp_abc123def456", "AIzaSyB3ZvJDuZ2HD"] {
            #expect(check(value), "\(value)")
        }
        #expect(!check("sk-proj-DOq5tyLPrk9M4hPE7fQ2"))
        for value in ["Password.123", "Welcome_1234"] {
            #expect(NonSecretValue.matches(Array(value.utf8), password: true), "\(value)")
        }
        for value in ["PaSsword.123", "Password.742"] {
            #expect(!NonSecretValue.matches(Array(value.utf8), password: true), "\(value)")
        }
    }

    /// A value of words naming its credential is typed; `example` as a part of a vendor's format is
    /// documentation, for every rule.
    @Test func namedStandInsAndExampleParts() {
        for value in ["figd_TENANT_SECRET_xyz789", "acme-test-token-v2", "My_Password_Here"] { #expect(check(value), "\(value)") }
        // (a password of such words stays, to be reported as a documentation password's note)
        #expect(!NonSecretValue.matches(Array("new_reset_password789".utf8), password: true))
        for value in ["prod-secret-A8f3kQ9zL2mX7vB4", "svc_token_2f9a7c1e", "tenant_secret"] {
            #expect(!NonSecretValue.isNamedStandIn(Array(value.utf8)), "\(value)")
        }
        #expect(PlaceholderFilter.isPlaceholder(Array("sb_secret_live_example_9f4d3a206b2e4a7e8c91".utf8), generic: false))
        #expect(PlaceholderFilter.isPlaceholder(Array("sk-EXAMPLE-4f9a2c71e8b3d605".utf8), generic: false))
        #expect(!PlaceholderFilter.isPlaceholder(Array("sb_secret_live_examples9f4d3a206b2e4a7e8c91".utf8), generic: false))
    }

    /// Hex bytes counting up (a cipher's test-vector key) are typed, not generated.
    @Test func hexBytesCountingUpAreAStandIn() {
        #expect(check("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"))
        #expect(check("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF"))
        for value in ["000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e20", "8f3a91c07be24d56f1e9a0c3b7d4e21f", "0001020304050607"] {
            #expect(!NonSecretValue.isCountingBytes(Array(value.utf8)), "\(value)")
        }
    }

    /// A storage object key or a path under a `…_KEY` name ends in a file extension; a key does not.
    @Test func aFileNameIsNoKey() {
        for value in ["q1-2023-earnings-call.mp3.txt", "reports/2024_summary.json", "data.backup-01.csv"] {
            #expect(PlaceholderFilter.isPlaceholder(Array(value.utf8), generic: true), "\(value)")
        }
        for value in ["116Qavl2qpCYNEJNv5-e0RC9kncev1nr1gt7ybEGVLk", "kW3q9ZxT7bLm2.json8", "x9.json"] {
            #expect(!PlaceholderFilter.isFileName(Array(value.lowercased().utf8)), "\(value)")
        }
    }

    /// A lowerCamelCase name of letters (a Bicep or code parameter) is a reference; a value with
    /// digits, or one word, is not taken for one.
    @Test func aCamelCaseNameIsAReference() {
        for value in ["botAadAppClientSecret", "storageAccountKey"] {
            #expect(PlaceholderFilter.isPlaceholder(Array(value.utf8), generic: true), "\(value)")
        }
        for value in ["botAadApp7ClientSecret", "Kx9vQ2mWpL4tRz8N", "abcdefghij"] {
            #expect(!PlaceholderFilter.isIdentifierReference(Array(value.utf8)), "\(value)")
        }
        // The same names are no reference to a non-generic rule: its format decides.
        #expect(!PlaceholderFilter.isPlaceholder(Array("storageAccountKey".utf8), generic: false))
    }

    @Test func aJWTHeaderWithATrailingPointIsNoToken() {
        #expect(check("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."))
        #expect(check("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"))
    }

    /// A word to fill in, in square brackets or braces, is a template (`--password {password-or-pat}`);
    /// a value that only begins or ends with one is not.
    @Test func aBracketedOrBracedWordIsATemplate() {
        for value in ["[password]", "[YOUR-PASSWORD]", "{password-or-pat}", "{db_pass}"] {
            #expect(PlaceholderFilter.isPlaceholder(Array(value.utf8), generic: false), "\(value)")
        }
        for value in ["{Xk9#mQ2$vL7}", "{a8F3kq9Zx2Lm", "p4ss{w0rd}Zq9"] {
            #expect(!PlaceholderFilter.isBracketedWord(Array(value.utf8)), "\(value)")
        }
    }

    @Test func wordJoinsAreNames() {
        for name in ["forgot-password", "raw-option-secret", "alloydb-cluster", "secure_password", "Forgot-Password"] {
            #expect(check(name), "\(name)")
        }
        for value in ["forgot-passw0rd", "-leading", "trailing-", "nojoin", "a--b", "P@ss-word"] {
            #expect(!check(value), "\(value)")
        }
    }

    @Test func routesAreNames() {
        for route in ["/auth/change-password", "/api/v1/reset_password", "/login/", "/users/me/password"] {
            #expect(check(route), "\(route)")
        }
        var fake = FakeSecrets(seed: 12)
        for _ in 0..<200 {
            let value = "/" + fake.token(FakeSecrets.base62, 24)
            #expect(!NonSecretValue.isRoute(Array(value.utf8)), "\(value)")
        }
        for value in ["/", "/Auth/Change", "/auth/12345678", "auth/change-password"] {
            #expect(!NonSecretValue.isRoute(Array(value.utf8)), "\(value)")
        }
    }

    @Test func hexWordsMarkAMadeUpKey() {
        for value in ["4ae31ed2a0f0dd62609e51cd95deadbeefe7774f", "DEADBEEF00112233445566778899AABB", "cafebabe12345678"] {
            #expect(check(value), "\(value)")
        }
        // Too short, not hex, or no hex word: could be key material.
        for value in ["deadbeef", "4ae31ed2a0f0dd62609e51cd95dea7beefe7774f", "zz-deadbeef-1234567890"] {
            #expect(!NonSecretValue.isHexSpeak(Array(value.utf8)), "\(value)")
        }
        var fake = FakeSecrets(seed: 29)
        for _ in 0..<500 {
            let value = fake.token(Array("0123456789abcdef"), 40)
            #expect(!NonSecretValue.isHexSpeak(Array(value.utf8)), "\(value)")
        }
    }

    @Test func wordSlugsAreNames() {
        for value in [
            "cline.code.model-selection.v1", "original-process-3", "a-secret-of-at-least-32-characters-with-digits-1",
            "phoenix-secret-abc-123-for-development-only-not-secure", "openai/gpt-5", "legacy/stale-model",
        ] {
            #expect(check(value), "\(value)")
        }
        // Parts that mix letters and digits, long numbers, or too few words: could be key material.
        for value in ["ISSUE-17040-TEXT-FILE-ONLY-9f31c7", "sk-abc123def456", "key-2024", "ab-12-34", "aB3dEf/9XqLm", "prod-1234-5678"] {
            #expect(!NonSecretValue.isWordSlug(Array(value.utf8)), "\(value)")
        }
        // A passphrase of words and a number stays a password candidate; joined by `/` it is a name.
        #expect(!NonSecretValue.matches(Array("Summer-Breeze-42".utf8), password: true))
        #expect(NonSecretValue.matches(Array("Summer-Breeze-42".utf8), password: false))
        #expect(NonSecretValue.matches(Array("legacy/stale-model".utf8), password: true))
        // Base64 of a phrase ("test-key-for-unit-tests-32bytes") stands in for a key.
        #expect(check("dGVzdC1rZXktZm9yLXVuaXQtdGVzdHMtMzJieXRlcw=="))
        // A three-digit count is a stand-in in an assignment, a weak default in a connection URL.
        #expect(NonSecretValue.matches(Array("updated123".utf8), password: true))
        #expect(!NonSecretValue.matches(Array("postgres123".utf8), password: true, credentialURL: true))
        var fake = FakeSecrets(seed: 31)
        for _ in 0..<500 {
            let value = fake.token(FakeSecrets.base62, 12) + "-" + fake.token(FakeSecrets.base62, 12)
            #expect(!NonSecretValue.isWordSlug(Array(value.utf8)), "\(value)")
        }
    }

    @Test func programsAssignExpressionsWithoutQuotes() {
        func expression(_ line: String, _ path: String) -> Bool {
            let bytes = Array(line.utf8)
            let start = bytes.firstIndex(of: UInt8(ascii: "="))! + 2
            return bytes.withUnsafeBytes { SourceLanguage.isExpression(start..<bytes.count, in: $0, path: path) }
        }
        #expect(expression("const apiKey = usesExplicitSigV4Auth", "src/bedrock.ts"))
        #expect(expression("api_key = resolved_api_key", "app/settings.py"))
        // Not a program, or not a name: a bare value counts.
        #expect(!expression("API_KEY = usesExplicitSigV4Auth", "deploy/.env"))
        #expect(!expression("API_KEY = usesExplicitSigV4Auth", "scripts/run.sh"))
        #expect(!expression("api_key = aB3dEf9XqLmN0pQrS7tU", "app/settings.py"))
        #expect(!expression("api_key = 6fe4476ee5a1832882e326b506d14126", "app/settings.py"))
        // Minified code: a comparison inside the "value" makes it an expression; base64 padding does not.
        #expect(expression("x = A.evalStatus===2?", "web/main-JAAWEV7F.js"))
        #expect(expression("x = a.ok&&b.ready", "web/main.js"))
        #expect(!expression("secret = dGhpcyBpcyBhIHNlY3JldCBrZXk==", "app/settings.py"))
        #expect(!expression("x = A.evalStatus===2?", "deploy/.env"))
        var fake = FakeSecrets(seed: 37)
        for _ in 0..<500 {
            #expect(!SourceLanguage.isVariableName(Array(fake.token(FakeSecrets.base62, 24).utf8)))
        }
    }

    @Test func wordsWithACountingRunAreStandIns() {
        for value in [
            "test-api-key-12345", "m0-test-key-12345678", "m0-supersecretkey1234", "invalid_key_0123456", "KEY-1234567890",
            "updated123", "member123",
        ] {
            #expect(check(value), "\(value)")
        }
        // Not counting, mixed case, or no run at all: could be key material.
        for value in ["test-api-key-13579", "m0-Test-key-12345678", "prod-key-2024", "sk-live-1234x", "abc-def-ghi", "a7Kq-1234", "abc123", "key-123"] {
            #expect(!NonSecretValue.isCountingStandIn(Array(value.utf8)), "\(value)")
        }
        var fake = FakeSecrets(seed: 13)
        for _ in 0..<200 {
            let value = fake.token(FakeSecrets.base62, 20) + "-1234"
            #expect(!NonSecretValue.isCountingStandIn(Array(value.utf8)), "\(value)")
        }
    }

    @Test func wordPathsAreNames() {
        #expect(check("Desktop/Title/H1"))
        #expect(check("brand/colors/Primary500"))
        #expect(!check("Desktop/Title"))  // two segments: too little to tell
        var fake = FakeSecrets(seed: 11)
        // Random base64 with slashes is mixed case inside its segments.
        for _ in 0..<200 {
            let value = fake.token(FakeSecrets.base62, 8) + "/" + fake.token(FakeSecrets.base62, 8) + "/" + fake.token(FakeSecrets.base62, 8)
            #expect(!NonSecretValue.isWordPath(Array(value.utf8)), "\(value)")
        }
    }

    @Test func base64OfANumberIsAnIdentifier() {
        #expect(check("MzUxODM3NTQzMDAwMDA1ODI4MA=="))  // "3518375430000058280"
        #expect(!check("VHI0dWJmb3JkJkhvcnNlOTcyMQ=="))  // "Tr4ubford&Horse9721"
        #expect(!check("MTIz"))  // too short to tell
    }

    @Test func aJWTHeaderAloneCarriesNoSecret() {
        #expect(check("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"))
        #expect(!NonSecretValue.isJWTHeader(Array("eyJzdWIiOiIxMjM0NTY3ODkwIn0".utf8)))  // a payload, no alg
        #expect(!check("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"))
    }

    @Test func wordSignaturesAndEncodedStandInsAreDocumentation() {
        #expect(check("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjoidGVzdCJ9.signature"))
        #expect(!check("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjoidGVzdCJ9.c2lnbmF0dXJl"))
        #expect(check("cGFzc3dvcmQxMjM="))  // "password123"
        #expect(check("cGFzc3dvcmQtMTIzNA=="))  // "password-1234"
        #expect(!check("VHI0dWJmb3JkJkhvcnNlOQ=="))  // "Tr4ubford&Horse9"
    }

    @Test func formatFieldsStandForTheValue() {
        #expect(check("{sentinels[3]}"))
        #expect(check("{dataclass_sentinel}"))
        #expect(!check("{ab:cd}x"))
        #expect(!check("{}"))
    }

    @Test func interleavedCountsAreTypedStandIns() {
        #expect(check("1a2b3c4d5e6f7g8h9i0j"))
        #expect(check("AIzaSyA1B2C3D4E5F6G7H8I9J0"))
        #expect(check("x8a9b0c1d2y"))  // the digits wrap from 9 to 0
        #expect(!check("1a2b3c5d9Kq"))  // the count breaks after three pairs
        // Generated keys do not count in step: none of 500 seeded random 32-character values does.
        var fake = FakeSecrets(seed: 27)
        for _ in 0..<500 {
            let value = fake.token(FakeSecrets.base62, 32)
            #expect(!NonSecretValue.isInterleavedCount(Array(value.utf8)), "\(value)")
        }
    }

    @Test func aJWTWithoutItsSignatureIsNoCredential() {
        #expect(check("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"))
        #expect(!NonSecretValue.isUnsignedJWTParts(Array("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl".utf8)))
        #expect(!NonSecretValue.isUnsignedJWTParts(Array("eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg".utf8)))  // the second part is not JSON
    }

    @Test func aJWTWithEmptyClaimsGrantsNothing() {
        #expect(check("eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA157xAA_7962-a_3rA"))
        #expect(!check("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.ZRrHA157xAA_7962-a_3rA"))
    }

    @Test func measuresAndObjectPathsAreNames() {
        #expect(check("font-mono-char-width-0.7rem"))
        #expect(check("events/otel/test-project/2026/07/13/batch.json"))
        #expect(!check("events/otel/k9Xq2/2026/batch.json"))  // a mixed letter-and-digit segment
        #expect(!check("a8f/x9q/zz.json"))  // too few words
        #expect(!NonSecretValue.isMeasure(Array("123456px".utf8)[...]))
    }

    @Test func aWordSlugWithACountedTailIsAStandInPassword() {
        #expect(NonSecretValue.matches(Array("secure-password-123".utf8), password: true))
        #expect(!NonSecretValue.matches(Array("secure-password-123".utf8), password: true, credentialURL: true))
        #expect(!NonSecretValue.matches(Array("ab-123".utf8), password: true))  // the word is too short to tell
    }

    @Test func aSecretThatNamesItselfIsAStandIn() {
        #expect(PlaceholderFilter.isPlaceholder(Array("myredissecret".utf8), generic: true))
        #expect(PlaceholderFilter.isPlaceholder(Array("your_db_password".utf8), generic: true))
        #expect(!PlaceholderFilter.isPlaceholder(Array("myredissecret".utf8), generic: false))  // specific formats keep their own checks
        #expect(!PlaceholderFilter.isPlaceholder(Array("myr3d1s-S3cret".utf8), generic: true))
        #expect(!PlaceholderFilter.isPlaceholder(Array("mykey".utf8), generic: true))  // too short to hold a word before the noun
    }

    @Test func unsignedJWTValidator() throws {
        let validator = try #require(Validators.named("jwt-unsigned"))
        #expect(validator.check(Array("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJ1c2VyIjoiYWRtaW4ifQ.".utf8)))
        #expect(!validator.check(Array("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjoidGVzdCJ9.".utf8)))
        #expect(!validator.check(Array("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.c2ln".utf8)))
    }

    @Test func aLongHexValueIsHeldToAHexMinimumUnlessTheRuleKeepsHexOut() {
        let key = Array("98d8f1f58016bb5581131c71e614dc55".utf8)  // a random 32-digit key at 3.46 bits
        #expect(Entropy.shannon(key) < 3.5)
        #expect(Entropy.minimum(3.5, for: key) == 3.2)
        #expect(Entropy.minimum(4.0, for: key) == 4.0)  // a commit id next to a vendor's name stays out
        #expect(Entropy.minimum(3.5, for: Array("98d8f1f58016bb55".utf8)) == 3.5)  // too short to tell
        #expect(Entropy.minimum(3.5, for: Array("98d8f1f58016bb5581131c71e614dc5g".utf8)) == 3.5)  // not hex
    }
}
