import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Person records in code (`record_only_in: [code]`, `PersonRecord`): a name, e-mail, phone or
/// street address in a program's source is reported only when at least three kinds lie within
/// three lines of each other; alone, or as a placeholder, it is not.
@Suite struct PersonRecordTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func findings(_ text: String, path: String = "tests/Fixtures.cs", as fileClass: FileClass = .code) -> [Finding] {
        scanText(text, rules: Self.rules, as: fileClass, path: path).filter { $0.category == .pii && $0.suppression == nil }
    }

    @Test func aCustomerFixtureInCodeIsReportedFieldByField() {
        let fixture = """
            public static readonly Account Residential = new()
            {
                AccountNumber = "4410-220-9187",
                HolderName = "Ignatius Fenwick",
                ServiceAddress = "6124 Larkmoor Ave, Boise, ID 83704",
                Email = "ifenwick@icloud.com",
                Phone = "(208) 736-2210",
            };

            """
        let found = findings(fixture)
        #expect(
            Set(found.map(\.ruleID)) == ["person-name-code-record", "street-address-us", "email-address", "phone-number-nanp"],
            "\(found.map(\.ruleID))")
        #expect(found.allSatisfy { $0.severity == .medium })
        #expect(found.allSatisfy { $0.message.contains("part of a person's record in code") }, "\(found.map(\.message))")
        // The message names the kinds, never the values.
        #expect(found.allSatisfy { !$0.message.contains("Fenwick") && !$0.message.contains("icloud") })
    }

    @Test func oneSeedRowWithNameEmailAndPhoneIsARecord() {
        let row = #"    Subscriber(name="Ottilie Brannagh", email="ottilie.brannagh71@outlook.com", phone="608-274-3391"),"# + "\n"
        #expect(Set(findings(row, path: "scripts/seed.py").map(\.ruleID)) == ["person-name-code-record", "email-address", "phone-number-nanp"])
    }

    @Test func twoKindsOrOneAloneInCodeAreNotReported() {
        // A maintainer's address, a test user's name and e-mail, a support line: not a record.
        #expect(findings(#"AUTHOR_EMAIL = "ottilie.brannagh71@outlook.com""# + "\n", path: "setup.py").isEmpty)
        #expect(findings(#"user = User(name="Ottilie Brannagh", email="ottilie.brannagh71@outlook.com")"# + "\n", path: "tests/test_users.py").isEmpty)
        #expect(findings(#"SUPPORT_PHONE = "(608) 274-3391""# + "\n", path: "app/config.py").isEmpty)
    }

    @Test func aBusinessDirectoryEntryIsNotAPersonsRecord() {
        // E-mail, phone and street address with no name, birth date or national identifier: a
        // company's listing (a tool's recorded answer), not a person's record.
        let listing = #"{"result": "Larkmoor Freight: 6124 Larkmoor Ave, Boise, ID 83704, Email: dispatch@larkmoor-freight.com, Phone: (208) 736-2210"}"# + "\n"
        #expect(findings(listing, path: "data/answers.json").isEmpty)
        // ZIP codes (low on their own) do not make up the missing kind either.
        let zips = #"{"office": "Boise 83704", "email": "dispatch@larkmoor-freight.com", "phone": "(208) 736-2210"}"# + "\n"
        #expect(findings(zips, path: "data/offices.json").isEmpty)
    }

    @Test func partsFarApartAreNotOneRecord() {
        let spread = """
            NAME = {"name": "Ottilie Brannagh"}




            EMAIL = "ottilie.brannagh71@outlook.com"
            PHONE = "608-274-3391"

            """
        #expect(findings(spread, path: "tests/data.py").isEmpty)
    }

    @Test func placeholdersDoNotMakeARecord() {
        // example.com, the 555-01xx range and "Test …" names are known or placeholder values.
        let placeholder =
            #"Subscriber(name="Test Subscriber", email="qa+1@example.com", phone="(757) 555-0100", address="6124 Larkmoor Ave, Boise, ID 83704")"# + "\n"
        #expect(findings(placeholder, path: "tests/test_seed.py").filter { $0.severity > .low }.isEmpty)
    }

    @Test func namesOfFilesHostsAndPackagesAreNotPeople() {
        let config = """
            hostname = "Build Server"
            package_name = "Data Tools"
            email = "ottilie.brannagh71@outlook.com"
            phone = "608-274-3391"

            """
        #expect(!findings(config, path: "deploy/settings.py").contains { $0.ruleID == "person-name-code-record" })
    }

    @Test func outsideCodeTheRulesReportAsBefore() {
        // In a prompt the e-mail is reported alone (no record needed), and the code-only name rule does not run.
        let prompt = #"Reply to ottilie.brannagh71@outlook.com about the refund. name="Ottilie Brannagh""# + "\n"
        let found = findings(prompt, path: "prompts/refund.md", as: .prompt)
        #expect(found.map(\.ruleID) == ["email-address"])
        #expect(!found[0].message.contains("record"))
    }

    @Test func aRuleListingAClassInBothClassesAndRecordOnlyInIsRefused() throws {
        let yaml = """
            rules:
              - id: both
                name: Both
                category: pii
                severity: medium
                description: d
                remediation: r
                pattern: 'x(?<secret>\\d{4})'
                classes: [code, prompt]
                record_only_in: [code]

            """
        #expect(throws: PromptScanError.self) { try RuleLoader.parse(yaml: yaml, path: "both.yml") }
        let noClasses = yaml.replacingOccurrences(of: "    classes: [code, prompt]\n", with: "")
        #expect(throws: PromptScanError.self) { try RuleLoader.parse(yaml: noClasses, path: "none.yml") }
    }
}
