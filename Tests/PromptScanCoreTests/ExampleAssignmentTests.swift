import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Generic (keyword = value) secret matches that are examples (`SeverityPolicy.exampleAssignment`):
/// in documentation, and memorable values in a test's file, are reported low with the reason;
/// random-looking values in tests, and memorable ones elsewhere, keep their severity.
@Suite struct ExampleAssignmentTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func generic(_ text: String, path: String, as fileClass: FileClass) -> [Finding] {
        scanText(text, rules: Self.rules, as: fileClass, path: path).filter { $0.ruleID.hasPrefix("generic-") }
    }

    @Test func memorableValuesAreWordsDigitsAndPunctuation() {
        for value in ["Test123!", "CRM_Manager_2026", "CRM_User1_2026", "Hunter2", "correct-horse-battery", "Winter2024!"] {
            #expect(SeverityPolicy.isMemorable(Array(value.utf8)), "\(value)")
        }
        for value in ["Sm3s8RE85rDcS36iMy8YjrpC", "p@ss#word", "qzvkxjwpmrtsbcdfghl", "x7Kq9LmZ2vR4", "ab", "2f0c1b2e9d"] {
            #expect(!SeverityPolicy.isMemorable(Array(value.utf8)), "\(value)")
        }
    }

    @Test func testPathsFollowTheCommonConventions() {
        for path in [
            "tests/test_records.json", "crm/tests/data.json", "packages/app-tests/e2e/user/password.spec.ts", "src/__tests__/login.ts",
            "pkg/auth/login_test.go", "test_login.py", "web/login.test.tsx", "src/test/java/LoginTest.java", "Billing.Tests/AccountTests.cs",
            "packages/core/src/test_resources/constants.ts",
        ] {
            #expect(SeverityPolicy.isTestPath(path), "\(path)")
        }
        for path in ["src/auth/login.py", "contest/app.py", "latest/config.yml", "attestation/keys.go", "docs/testing-guide.md"] {
            #expect(!SeverityPolicy.isTestPath(path), "\(path)")
        }
    }

    @Test func aMemorablePasswordInATestFileIsLow() {
        let line = "  const newPassword = 'Test124!';\n"
        let inTest = generic(line, path: "packages/app-tests/e2e/user/password.spec.ts", as: .code)
        #expect(inTest.map(\.severity) == [.low], "\(inTest.map(\.message))")
        #expect(inTest.first?.message.contains("memorable value in a test's file") == true)
        // The same line in application code keeps its severity.
        #expect(generic(line, path: "src/auth/reset.ts", as: .code).map(\.severity) == [.medium])
        // A random-looking password in a test stays medium: it may be a real account's.
        #expect(generic("  db_password = 'Sm3s8RE85rDcS36iMy8YjrpC'\n", path: "tests/test_db.py", as: .code).map(\.severity) == [.medium])
    }

    @Test func aMemorablePasswordForARealHostInATestStays() {
        // A smoke test's account on a deployed service is live, however memorable its password.
        let smoke = "curl -fsS -u billing-smoke:Garnet-Quartz-2177 https://billing.internal.larkmoor.net/api/ping\n"
        let live = generic(smoke, path: "ops/scripts/smoke_test.sh", as: .code)
        #expect(live.map(\.severity) == [.medium], "\(live.map(\.message))")
        // Against a local server the same test account is an example.
        let local = generic(
            smoke.replacingOccurrences(of: "billing.internal.larkmoor.net", with: "localhost:8080"), path: "ops/scripts/smoke_test.sh", as: .code)
        #expect(local.map(\.severity) == [.low])
        #expect(SeverityPolicy.namesARealHost(Array("requests.get('https://api.larkmoor.net/v1', auth=('u', 'Test123!'))".utf8)[...]))
        for local in ["http://localhost:8080/login", "postgres://app:Test123!@127.0.0.1:5432/db", "https://api.example.com/v1", "http://svc.test/x"] {
            #expect(!SeverityPolicy.namesARealHost(Array(local.utf8)[...]), "\(local)")
        }
    }

    @Test func aGenericAssignmentInDocumentationIsLow() {
        let payload = #"    "token": "vbT8hi3jKQmrFP_LN1WcS","# + "\n"
        let doc = generic(payload, path: "docs/webhooks/events.mdx", as: .doc)
        #expect(doc.map(\.severity) == [.low], "\(doc.map(\.message))")
        #expect(doc.first?.message.contains("documentation") == true)
        // In a recorded fixture the same payload is as it was.
        #expect(generic(payload, path: "tests/fixtures/webhook.json", as: .fixture).map(\.severity) != [.low])
    }
}
