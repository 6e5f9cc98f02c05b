import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// The confidence model in the scanner: context window and structured keys, thresholds and
/// escalation by file class, known test values as suppressed notes, the PHI record rule, and the
/// digit-run prefilter.
@Suite struct PrivacyScanTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func scan(_ text: String, as fileClass: FileClass = .other, path: String = "f.txt") -> [Finding] {
        scanText(text, rules: Self.rules, as: fileClass, path: path)
    }

    func ids(_ text: String, as fileClass: FileClass = .other) -> [String] { scan(text, as: fileClass).map(\.ruleID) }

    @Test func aBirthDateInDocumentationIsANote() {
        let line = "User(name='Ben', country_code='USA', dob='2000-02-12')\n"
        #expect(scan(line, as: .doc, path: "docs/why.md").filter { $0.ruleID == "date-of-birth" }.map(\.severity) == [.low])
        #expect(scan(line, as: .fixture, path: "tests/users.json").filter { $0.ruleID == "date-of-birth" }.map(\.severity) == [.medium])
    }

    @Test func aBirthDateBesideAWellKnownTestValueIsPartOfASampleRecord() {
        func dates(_ text: String) -> [Finding] { scan(text, as: .fixture, path: "tests/fixtures/note.txt").filter { $0.ruleID == "date-of-birth-narrative" } }
        // Beside the well-known test SSN on the same line: a sample record, so a note.
        let sample = dates("Patient note: he was born on 01/02/1980. His social security number is 123-45-6789.\n")
        #expect(sample.count == 1 && sample.allSatisfy { $0.suppression != nil && $0.severity == .low }, "\(sample.map(\.message))")
        // Beside an SSN that is not a known test value, or alone: reported as before.
        #expect(dates("Patient note: he was born on 01/02/1980. His social security number is 417-62-9083.\n").map(\.severity) == [.medium])
        #expect(dates("Patient note: he was born on 01/02/1980.\n").map(\.severity) == [.medium])
        // The known value on another line does not reach it.
        #expect(dates("Patient note: he was born on 01/02/1980.\nSample SSN: 123-45-6789\n").map(\.severity) == [.medium])
    }

    @Test func birthDatesInAFileWhoseMailboxesAreDocumentationAddressesAreNotes() {
        // A benchmark's user table: each persona's e-mail at example.com, the birth date lines away.
        func users(_ domains: [String]) -> String {
            let first = ["Mia", "Mei", "Chen", "Omar", "Ava", "Liam", "Noah", "Emma", "Ivan", "Sofia"]
            let last = ["Okafor", "Hernandez", "Jackson", "Rossi", "Brown", "Nguyen", "Ito", "Smith", "Petrov", "Garcia"]
            return "{\n"
                + domains.enumerated().map { index, domain in
                    let (given, family) = (first[index % 10], last[index % 10])
                    let dob = "19\(50 + index)-0\(1 + index % 9)-1\(index % 10)"
                    return
                        "  \"\(given.lowercased())_\(family.lowercased())\": {\n    \"name\": {\"first_name\": \"\(given)\", \"last_name\": \"\(family)\"},\n"
                        + "    \"membership\": \"gold\",\n    \"email\": \"\(given.lowercased()).\(family.lowercased())81@\(domain)\",\n    \"address\": {\"city\": \"Austin\"},\n    \"dob\": \"\(dob)\"\n  },\n"
                }.joined() + "}\n"
        }
        func dates(_ text: String) -> [Finding] { scan(text, as: .fixture, path: "envs/airline/data/users.json").filter { $0.ruleID == "date-of-birth" } }
        let made = dates(users(["example.com", "example.com", "example.org"]))
        #expect(made.count == 3 && made.allSatisfy { $0.severity == .low && $0.suppression != nil }, "\(made.map(\.severity))")
        // Nine in ten at documentation domains (a simulated user invented one address): still made up.
        let mostly = dates(users(Array(repeating: "example.com", count: 9) + ["gmail.com"]))
        #expect(mostly.count == 10 && mostly.allSatisfy { $0.severity == .low && $0.suppression != nil })
        // One real mailbox among three, or fewer than three mailboxes: the dates are reported.
        let mixed = dates(users(["example.com", "gmail.com", "example.org"]))
        #expect(mixed.count == 3 && mixed.allSatisfy { $0.severity >= .medium && $0.suppression == nil })
        let few = dates(users(["example.com", "example.com"]))
        #expect(few.count == 2 && few.allSatisfy { $0.severity >= .medium && $0.suppression == nil })
    }

    @Test func aRegistrantsLineAndABusinessBillAreAnOrganisations() {
        let cover = "San Francisco, California 94158 (Address of principal executive offices) (415) 612-8582 (Registrant's telephone number)\n"
        #expect(scan(cover, as: .notebook).filter { $0.ruleID == "phone-number-nanp" }.map(\.severity) == [.low])
        #expect(scan("call me on (415) 612-8582 tonight\n", as: .notebook).filter { $0.ruleID == "phone-number-nanp" }.map(\.severity) == [.medium])
        // A clinic's or a centre's listing: its name on the line before the number.
        let clinic = "name: \"Eastside Family Clinic\",\nphone: \"334-273-4412\",\n"
        #expect(scan(clinic, as: .fixture).filter { $0.ruleID == "phone-number-nanp" }.map(\.severity) == [.low])
        // A fax line says nothing about whose it is (a lease notice names a person's office fax).
        let office = "Attention: Dana Okafor\nTel: 334-273-4412\nFax: 334-273-4418\n"
        #expect(scan(office, as: .fixture).filter { $0.ruleID == "phone-number-nanp" }.map(\.severity) == [.medium, .medium])
        let centre = "name: \"Community Memorial Breast Center\",\nphone_number: \"805-948-5011\",\n"
        #expect(scan(centre, as: .fixture).filter { $0.ruleID == "phone-number-nanp" }.map(\.severity) == [.low])
        // A patient's number beside the same words stays a person's.
        let patient = "patient: Dana Okafor\nphone: \"334-273-4412\", fax: none, clinic: Baptist South\n"
        #expect(scan(patient, as: .fixture).filter { $0.ruleID == "phone-number-nanp" }.map(\.severity) == [.medium])
        let bill = "We have received a bill from Global Logistics Ltd. Date of service: 2023-02-05. Invoice total: 3,621.50.\n"
        #expect(scan(bill, as: .fixture).filter { $0.ruleID == "patient-date" }.map(\.severity) == [.low])
        #expect(scan("Patient Maria Okafor, date of service: 2023-02-05\n", as: .fixture).filter { $0.ruleID == "patient-date" }.map(\.severity) == [.medium])
    }

    @Test func aNotebookTableCellTakesItsColumnsHeaderAsContext() {
        // A DataFrame printed as HTML inside a notebook: one cell per line, the header rows away.
        func table(_ header: [String], _ rows: [[String]]) -> String {
            var lines = ["<table border=\"1\" class=\"dataframe\">", "  <thead>", "    <tr style=\"text-align: right;\">", "      <th></th>"]
            lines += header.map { "      <th>\($0)</th>" } + ["    </tr>", "  </thead>", "  <tbody>"]
            for (number, row) in rows.enumerated() {
                lines += ["    <tr>", "      <th>\(number)</th>"] + row.map { "      <td>\($0)</td>" } + ["    </tr>"]
            }
            return (lines + ["  </tbody>", "</table>"]).map { "    \"\($0)\\n\",\n" }.joined()
        }
        let rows = (0..<8).map { ["4\($0)718055", ["Ezekiel Quintero", "Rosalind Eastwood"][$0 % 2], "195\($0)-09-01", "I50.23", "\($0)"] }
        let patients = scan(table(["mrn", "patient_name", "dob", "dx_primary", "los"], rows), as: .notebook, path: "eda.ipynb")
        #expect(patients.filter { $0.ruleID == "person-name-table-cell" }.count == 8)
        #expect(patients.filter { $0.ruleID == "date-of-birth-table-cell" }.count == 8)
        // The same cells under headers that name no person and no birth date stay quiet.
        let models = scan(table(["run", "model_name", "released", "code", "n"], rows), as: .notebook, path: "eval.ipynb")
        #expect(models.filter { $0.ruleID == "person-name-table-cell" || $0.ruleID == "date-of-birth-table-cell" }.isEmpty)
    }

    @Test func aNotebooksPrintedTableTakesItsColumnsHeaderAsContext() {
        // A DataFrame printed in fixed-width columns: one JSON string per line of "text/plain".
        func printed(_ lines: [String]) -> String {
            "   \"outputs\": [{\"data\": {\n    \"text/plain\": [\n"
                + lines.map { "     \"\($0)\\n\",\n" }.joined() + "     \"\"\n    ]}}]\n"
        }
        let bills = printed([
            "   account        name                  service_address                      kwh",
            "0  3373-816-3975  Magdalena Kowalczyk   7811 Montclair Pl, Tucson, AZ 85777  3556",
            "1  3344-570-1875  Jasper Ishikawa       8983 Linden Ct, Baltimore, MD 21264  2902",
        ])
        let found = scan(bills, as: .notebook, path: "bills.ipynb")
        #expect(found.filter { $0.ruleID == "street-address-us" && $0.severity >= .medium }.map(\.line) == [4, 5])
        // The same rows under a header naming no person's address stay quiet.
        let stores = scan(bills.replacingOccurrences(of: "service_address", with: "store_location  "), as: .notebook, path: "stores.ipynb")
        #expect(stores.filter { $0.ruleID == "street-address-us" && $0.severity >= .medium }.isEmpty)
        // A name under a header naming a person is reported; the row above is not its context.
        let patients = printed([
            "      patient_name        city",
            "8812  Beatriz Montgomery  Dayton",
            "3011  Ayesha Duchesne     Tucson",
        ])
        #expect(scan(patients, as: .notebook, path: "eda.ipynb").filter { $0.ruleID == "person-name-text-table-cell" }.map(\.line) == [4, 5])
        let models = printed(["      model_name          patient_count", "8812  Claude Sonnet       12"])
        #expect(scan(models, as: .notebook, path: "eval.ipynb").filter { $0.ruleID == "person-name-text-table-cell" }.isEmpty)
        // Printed prose is no table: its first line is no header.
        let prose = printed(["The customer record says:", "lives at 7811 Montclair Pl, Tucson, AZ 85777"])
        #expect(scan(prose, as: .notebook, path: "p.ipynb").contains { $0.ruleID == "street-address-us" && $0.severity >= .medium })
    }

    @Test func aStandInNameInAPrintedRowIsANote() {
        let rows =
            [
                "      \"   id  account_number account_type  balance account_holder_name date_of_birth  \\\\\\n\",",
                "      \"1   2      2345678901      Savings   7000.0            Jane Doe    1985-12-12   \\n\",",
                "      \"6   7      7890123456     Checking  25000.0      Michael Miller    1982-11-15   \\n\",",
            ].joined(separator: "\n") + "\n"
        let names = scan(rows, as: .notebook, path: "setup.ipynb").filter { $0.ruleID == "person-name-birth-date-row" }
        #expect(names.map(\.line) == [2, 3])
        #expect(names.map { $0.suppression != nil } == [true, false])
    }

    @Test func personalDataInAFileNamedFakeOrSyntheticAreNotes() {
        let row = "1,female,Marie,Hamanova,marie.hamanova@gmail.com,078-05-1123,(646) 273-8841\n"
        for path in ["data/FakeNameGenerator.com_3000.csv", "tests/synthetic_patients.csv", "fixtures/fake-users.csv"] {
            let pii = scan(row, as: .fixture, path: path).filter { $0.category == .pii }
            #expect(!pii.isEmpty && pii.allSatisfy { $0.severity == .low && $0.suppression != nil }, "\(path)")
        }
        // The folders do not count (a checkout may be called anything), nor do secrets.
        for path in ["synthetic-data-kit/tests/users.csv", "data/fake_news_detection.csv"] {
            let elsewhere = scan(row, as: .fixture, path: path).filter { $0.category == .pii }
            #expect(elsewhere.contains { $0.severity >= .medium && $0.suppression == nil }, "\(path)")
        }
        let key = scan("STRIPE_KEY = \"sk_live_51HxQz7Lk2Vb9RtPq4mWn8YcJ0aDeF3gHiKo\"\n", as: .code, path: "fake_settings.py")
        #expect(key.map(\.severity) == [.critical] && key.allSatisfy { $0.suppression == nil })
    }

    @Test func personalDataInAResourceSyntheaWroteAreNotes() {
        // Synthea's narrative, as it writes it into every FHIR resource it makes.
        let narrative =
            #"  "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Generated by <a href=\"https://github.com/synthetichealth/synthea\">Synthea</a>. Version identifier: 1a8d765</div>"},"#
        let patient =
            [
                "{", #"  "resourceType": "Patient","#, narrative,
                #"  "name": [{"use": "official", "family": "Okafor", "given": ["Shelby"]}],"#,
                #"  "birthDate": "1951-03-09","#, #"  "address": [{"line": ["395 Batz Extension"], "city": "Boston", "postalCode": "02134"}]"#, "}",
            ].joined(separator: "\n") + "\n"
        let phi = scan(patient, as: .fixture, path: "test/mocks/Patient-1.json").filter { $0.category == .phi }
        #expect(phi.count >= 3 && phi.allSatisfy { $0.severity == .low && $0.suppression != nil }, "\(phi.map { ($0.ruleID, $0.severity) })")
        // Without the narrative, or with Synthea named in a sentence that is not its signature, the same record is reported.
        for text in [
            patient.replacingOccurrences(of: narrative + "\n", with: ""),
            patient.replacingOccurrences(of: "Generated by <a", with: "We did not use <a"),
        ] {
            let reported = scan(text, as: .fixture, path: "test/mocks/Patient-1.json").filter { $0.category == .phi }
            #expect(reported.contains { $0.severity >= .high && $0.suppression == nil })
        }
    }

    @Test func personalDataInAFileOfFakerCardsAreNotes() {
        // Faker's card records: a provider label no issuer uses, a Luhn-valid number, an expiry.
        let providers = ["VISA 16 digit", "JCB 15 digit", "Diners Club / Carte Blanche"]
        let numbers = ["4428526018159087", "3566301661318602", "30569139099608"]
        func cards(_ labels: [String]) -> String {
            zip(labels, numbers).enumerated().map { index, card in
                "### card-000\(index + 1) (owner: pers-000\(index + 1))\ncardholder: Dana Okafor\nprovider: \(card.0)\nnumber: \(card.1)\nssn: 078-05-112\(index + 3)\nexpire: 02/26\n"
            }.joined(separator: "\n")
        }
        let generated = scan(cards(providers), as: .fixture, path: "vendor/files/credit_cards.txt").filter { $0.category == .pii }
        #expect(generated.contains { $0.ruleID == "payment-card" }, "\(generated.map(\.ruleID))")
        #expect(generated.allSatisfy { $0.severity == .low && $0.suppression != nil }, "\(generated.map { ($0.ruleID, $0.severity) })")
        // Issuers' own names (or fewer than three Faker labels) mark nothing: the cards are reported.
        for labels in [["Visa", "JCB", "Diners Club"], ["VISA 16 digit", "JCB 15 digit", "Diners Club"]] {
            let reported = scan(cards(labels), as: .fixture, path: "vendor/files/credit_cards.txt").filter { $0.ruleID == "payment-card" }
            #expect(reported.count == 3 && reported.allSatisfy { $0.severity >= .high && $0.suppression == nil }, "\(labels)")
        }
    }

    @Test func aContactPublishedInALicenseOrAuthorsFileIsLow() {
        let line = "Contact: Dana Okafor, dana.okafor84@gmail.com, phone 646-273-8841\n"
        for path in ["LICENSE", "sub/LICENSE.md", ".github/CODEOWNERS", "AUTHORS.txt", "CITATION.cff", "CODE_OF_CONDUCT.md"] {
            let severities = scan(line, as: .other, path: path).filter { $0.category == .pii }.map(\.severity)
            #expect(!severities.isEmpty && severities.allSatisfy { $0 == .low }, "\(path): \(severities)")
        }
        // The same line elsewhere, or in a program that happens to share the name, is not a published contact.
        for path in ["notes.txt", "app/security.py", "LICENSE_checker.txt"] {
            let severities = scan(line, as: .other, path: path).filter { $0.category == .pii }.map(\.severity)
            #expect(severities.contains(.medium), "\(path): \(severities)")
        }
    }

    @Test func contextWindowTokensAndKeys() {
        let matcher = ContextMatcher(phrases: ["social security", "member id", "birthdate", "ssn"])
        #expect(ContextMatcher.tokens(Array("memberId NHSNumber birth_date x-7".utf8)[...]) == ["member", "id", "nhs", "number", "birth", "date", "x", "7"])
        for text in ["Social Security:", "\"memberId\": ", "member_id=", "\"birthDate\":", "birth_date:", "patientSsn ="] {
            #expect(matcher.matches(Array(text.utf8)[...]), "\(text)")
        }
        for text in ["socialist security", "remember identity", "testing", "ssnake"] {
            #expect(!matcher.matches(Array(text.utf8)[...]), "\(text)")
        }
    }

    /// Curly quotes, dashes and no-break spaces separate words as their ASCII kin do; accented
    /// letters stay inside their word.
    @Test func typographicPunctuationSeparatesWords() {
        #expect(ContextMatcher.tokens(Array("Registrant’s “telephone”—number\u{00A0}café".utf8)[...]) == ["registrant", "s", "telephone", "number", "café"])
        let cover = "(415) 612-8582\\n(Registrant’s telephone number, including area code)\n"
        #expect(scan(cover, as: .fixture).filter { $0.ruleID == "phone-number-nanp" }.map(\.severity) == [.low])
    }

    /// "born on" in prose: a biography's date unless a word about a patient or customer is near it;
    /// a labelled date of birth is a record's field whatever the words around it.
    @Test func birthDatesInProseNeedAPatientOrCustomerNearby() {
        func severities(_ text: String) -> [Severity] {
            scan(text, as: .prompt).filter { $0.category == .phi && $0.ruleID.hasPrefix("date-of-birth") }.map(\.severity)
        }
        #expect(severities("Kevin Patrick Shields was born on 21 May 1963 in Queens, New York City.") == [.low])
        #expect(severities(#"Tino Martinez (born December 7, 1967) is an American former professional baseball player."#) == [.low])
        #expect(severities("The patient was born on 21 May 1963 and lives alone.").allSatisfy { $0 >= .medium })
        #expect(!severities("The patient was born on 21 May 1963 and lives alone.").isEmpty)
        #expect(severities("DOB: 21/05/1963").allSatisfy { $0 >= .medium })
        #expect(!severities("DOB: 21/05/1963").isEmpty)
    }

    @Test func contextWindowStopsAtThePreviousLine() {
        let text = "ssn\n\nvalue 536221234"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            let start = text.utf8.count - 9
            let window = ContextMatcher.window(in: raw, around: start..<(start + 9))
            #expect(window.before.lowerBound == 4)  // the empty previous line, not "ssn" two lines up
        }
        #expect(!ids(text).contains("us-ssn-bare"))
        #expect(ids("ssn\nvalue 536221234").contains("us-ssn-bare"))
        #expect(ids("ssn " + String(repeating: "x", count: 70) + " 536221234").isEmpty)  // more than 64 bytes before
    }

    /// Context words are whole words of the text however the window falls: an edge that would
    /// split a word moves to the word's edge, and the prefilter counts only the occurrences of a
    /// context word that can be whole tokens.
    @Test func contextWordsAreWholeWordsOfTheText() {
        func hit(_ phrases: [String], before: String = "", after: String = "") -> Bool {
            let all = Array((before + "VALUE" + after).utf8)
            let start = before.utf8.count
            return all.withUnsafeBytes { ContextMatcher(phrases: phrases).hit(in: $0, around: start..<(start + 5)) }
        }
        // 64 bytes before the value the window would start inside "gmail", at "mail".
        #expect(!hit(["mail"], before: "gmail" + String(repeating: " ", count: 60)))
        #expect(hit(["mail"], before: "mail" + String(repeating: " ", count: 60)))
        // 32 bytes after the value it would end inside "nilly", after "nill".
        #expect(!hit(["nill"], after: String(repeating: " ", count: 28) + "nilly"))
        #expect(hit(["nill"], after: String(repeating: " ", count: 28) + "nill y"))
        Array("say nil".utf8).withUnsafeBytes { raw in
            // A value starting inside a word ("l" of "nil") leaves that word out of the window before it.
            #expect(ContextMatcher.window(in: raw, around: 6..<7).before == 0..<4)
            #expect(ContextMatcher.window(in: raw, around: 4..<5).before == 0..<4)
        }
        let cases: [(String, Range<Int>, Bool)] = [
            ("init", 1..<3, false), ("nil", 0..<2, false), ("success", 2..<4, false), ("NINumber", 0..<2, true),
            ("cc_num", 0..<2, true), ("IPv6", 0..<3, true), ("the ni no", 4..<6, true), ("UNIX", 1..<3, false),
            // In a hex string the letter/digit changes make tokens, but not words.
            ("k: 3f9d2aba3c0e11f5a7", 8..<11, false), ("k: 3f9d2aba3c", 8..<11, true), ("aba 021000021", 0..<3, true),
        ]
        for (text, range, expected) in cases {
            #expect(Array(text.utf8).withUnsafeBytes { ContextMatcher.mayBeToken($0, range) } == expected, "\(text) \(range)")
        }
        // The NI number rule needs its context in code: `nil` and `unique` are not the word `ni`.
        let nino = "uk-national-insurance-number"
        func triggers(_ text: String) -> Bool {
            let rules = Array(text.utf8).withUnsafeBytes { Self.rules.triggeredRules(in: $0, fileClass: .code) }
            return rules.contains { Self.rules.rules[$0].rule.id == nino }
        }
        #expect(!triggers("return nil // unique AB123456C"))
        #expect(triggers("let niNumber = \"AB123456C\""))
        #expect(!ids("return nil // AB123456C", as: .code).contains(nino))
        #expect(ids("NI: AB123456C", as: .code).contains(nino))
        #expect(!ids("\"hash\": \"3f9d2aba3c0e11f5a7\", \"n\": 021000021", as: .code).contains("aba-routing-number"))
        #expect(ids("\"aba\": \"021000021\"", as: .fixture).contains("aba-routing-number"))
        // A phrase's quick word is its least common token.
        #expect(ContextMatcher.quickWord(["dea", "number"]) == "dea")
        #expect(ContextMatcher.quickWord(["ip", "address"]) == "ip")
        #expect(ContextMatcher.quickWord(["e", "mail"]) == "mail")
        #expect(ContextMatcher.quickWord(["logged", "in", "from"]) == "logged")
        #expect(ids("dea_number: BD1682221", as: .code).contains("us-dea-number"))
    }

    /// In a CSV or TSV file the header of a value's column is context for every row.
    @Test func csvColumnHeadersAreContext() {
        func csv(_ header: String, _ separator: String = ",") -> String {
            let rows = (0..<40).map { ["row\($0)", "\(100 + $0)", $0 == 30 ? "536221234" : "n/a"].joined(separator: separator) }
            return ([header] + rows).joined(separator: "\n") + "\n"
        }
        func bare(_ text: String, path: String) -> [Finding] {
            let scanner = FileScanner(ruleSet: Self.rules, showSecrets: true)
            return Array(text.utf8).withUnsafeBytes {
                scanner.scan($0, path: path, fileClass: .fixture, scratch: MatchScratch(groups: Self.rules.maxGroups + 1)).findings
            }.filter { $0.ruleID == "us-ssn-bare" }
        }
        #expect(bare(csv("name,id,ssn"), path: "fixtures/people.csv").map(\.line) == [32])
        #expect(bare(csv("name,id,\"Social Security\""), path: "fixtures/people.csv").map(\.line) == [32])
        #expect(bare(csv("name\tid\tssn", "\t"), path: "fixtures/people.tsv").map(\.line) == [32])
        // Another column's header, a file that is not CSV, or a later window of a large file: no context.
        #expect(bare(csv("ssn,id,value"), path: "fixtures/people.csv").isEmpty)
        #expect(bare(csv("name,id,ssn"), path: "fixtures/people.txt").isEmpty)
        let scanner = FileScanner(ruleSet: Self.rules, showSecrets: true)
        let window = Array(csv("name,id,ssn").utf8).withUnsafeBytes {
            scanner.scan($0, path: "p.csv", fileClass: .fixture, scratch: MatchScratch(groups: Self.rules.maxGroups + 1), startsFile: false).findings
        }
        #expect(!window.contains { $0.ruleID == "us-ssn-bare" })
        Array("a,\"x, y\",ssn\n1,\"2, 3\",536221234\n".utf8).withUnsafeBytes { raw in
            #expect(ContextMatcher(phrases: ["ssn"]).columnHeaderHit(in: raw, around: 22..<31, delimiter: 44))
            #expect(!ContextMatcher(phrases: ["ssn"]).columnHeaderHit(in: raw, around: 0..<1, delimiter: 44))
        }
        // The walk back to the row's start and along the header is bounded: a value further into
        // its row than the reach (a file saved as one long row) gets no header context.
        let filler = String(repeating: "x", count: ContextMatcher.csvRowReach)
        for (row, expected) in [("1,", true), ("\(filler),", false)] {
            let text = "id,ssn\n" + row + "536221234\n"
            let value = text.utf8.count - 10
            Array(text.utf8).withUnsafeBytes { raw in
                #expect(ContextMatcher(phrases: ["ssn"]).columnHeaderHit(in: raw, around: value..<value + 9, delimiter: 44) == expected)
            }
        }
        let wideHeader = "\(filler),ssn\n1,536221234\n"
        Array(wideHeader.utf8).withUnsafeBytes { raw in
            let value = raw.count - 10
            #expect(!ContextMatcher(phrases: ["ssn"]).columnHeaderHit(in: raw, around: value..<value + 9, delimiter: 44))
        }
    }

    @Test func contextIsRequiredForNineAndTenDigitIDs() {
        #expect(!ids("order 1435264555").contains("us-npi"))
        #expect(ids("NPI 1435264555").contains("us-npi"))
        #expect(ids("{\"renderingNpi\": \"1435264555\"}").contains("us-npi"))
        #expect(!ids("created_at: 1435264555", as: .fixture).contains("us-npi"))
    }

    @Test func thresholdsDependOnTheFileClass() {
        // A Luhn-valid card number without a card word: reported in fixtures and prompts, not in code.
        let text = "ref 4929526018159081"
        #expect(ids(text, as: .fixture).contains("payment-card"))
        #expect(ids(text, as: .prompt).contains("payment-card"))
        #expect(!ids(text, as: .code).contains("payment-card"))
        #expect(ids("card " + text, as: .code).contains("payment-card"))
        // Env files hold configuration: pii/phi rules do not run there.
        #expect(ids("SSN=551-45-5062", as: .env).isEmpty)
    }

    @Test func promptsRaiseSeverity() throws {
        let inFixture = try #require(scan("email: jane.doe@stmarys-hospital.org", as: .fixture).first { $0.ruleID == "email-address" })
        let inPrompt = try #require(scan("email: jane.doe@stmarys-hospital.org", as: .prompt).first { $0.ruleID == "email-address" })
        #expect(inFixture.severity == .medium)
        #expect(inPrompt.severity == .high)
        #expect(inPrompt.contextHit == true)
        #expect((inPrompt.confidence ?? 0) >= 0.5)
    }

    @Test func knownTestValuesAreSuppressedNotes() throws {
        let finding = try #require(scan("card 4111 1111 1111 1111").first { $0.ruleID == "payment-card" })
        #expect(finding.severity == .low)
        #expect(finding.suppression?.kind == "external")
        #expect(finding.suppression?.justification.hasPrefix("well-known public test value") == true)
        var report = ScanReport()
        report.findings = [finding]
        #expect(report.failing(at: .low).isEmpty)
        // A value one digit away is not a test value.
        let real = try #require(scan("card 4111 1111 1111 1129").first { $0.ruleID == "payment-card" })
        #expect(real.suppression == nil && real.severity == .high)
        // Documentation IPs, reserved NHS range, NANP fictional range, example.com.
        for text in ["client ip 192.0.2.7", "NHS 999 000 0018", "call (212) 555-0147", "email: jane@example.com"] {
            let findings = scan(text, as: .fixture).filter { $0.category == .pii }
            #expect(!findings.isEmpty && findings.allSatisfy { $0.suppression != nil }, "\(text)")
        }
        // Private IPs are low, without suppression.
        let privateIP = try #require(scan("client ip 10.1.2.3", as: .fixture).first)
        #expect(privateIP.severity == .low && privateIP.suppression == nil)
    }

    @Test func sarifCarriesSuppressionsAndConfidence() throws {
        let findings = scan("card 4111 1111 1111 1111\nNPI 1435264555")
        var report = ScanReport()
        report.findings = findings
        let log = SarifReporter().log(report, context: ReportContext(rules: try RuleCatalog.defaultRules()))
        let results = log.runs[0].results
        let card = try #require(results.first { $0.ruleId == "payment-card" })
        #expect(card.level == "note")
        #expect(card.suppressions?.first?.kind == "external")
        #expect(card.properties.knownTestValue == true)
        let npi = try #require(results.first { $0.ruleId == "us-npi" })
        #expect(npi.suppressions == nil && npi.level == "warning")
        #expect(npi.properties.contextHit == true && npi.properties.validator == "npi")
        let text = TextReporter().render(report, context: ReportContext(rules: []))
        #expect(!text.contains("payment-card") && text.contains("1 known test value (--show-suppressed)"))
    }

    @Test func phiRecordIsReportedOncePerFile() {
        let record = """
            Patient: John Doe
            DOB: 03/14/1961
            MRN: 00123456
            Phone: (646) 273-8841
            Patient: Jane Roe
            DOB: 07/21/1985
            """
        let findings = scan(record, as: .fixture)
        #expect(findings.filter { $0.ruleID == "phi-record" }.count == 1)
        #expect(findings.first { $0.ruleID == "phi-record" }?.severity == .critical)
        // Not in code, not for one kind, not for kinds more than 20 lines apart.
        #expect(!ids(record, as: .code).contains("phi-record"))
        #expect(!ids("DOB: 03/14/1961\nDOB: 07/21/1985", as: .fixture).contains("phi-record"))
        let apart = "DOB: 03/14/1961\n" + String(repeating: "\n", count: 25) + "MRN: 00123456"
        #expect(!ids(apart, as: .fixture).contains("phi-record"))
        // A structural record is the PHI record: not reported twice.
        let fhir = "{\"resourceType\": \"Patient\", \"birthDate\": \"1961-03-14\",\n\"mrn\": \"A-1234567\"}"
        let fhirIDs = ids(fhir, as: .fixture)
        #expect(fhirIDs.contains("fhir-patient-resource") && !fhirIDs.contains("phi-record"))
    }

    @Test func digitRunPrefilter() {
        let samples: [(String, Int)] = [
            ("abc", 0), ("536-22-1234", 9), ("(212) 555-0147", 10), ("a 1, 2, 3", 1), ("4111 1111 1111 1111", 16),
            ("1.2.3.4", 4), ("12 -- 34", 2), ("x123456789y", 9),
        ]
        for (text, expected) in samples {
            let longest = Array(text.utf8).withUnsafeBytes { DigitRun.longest($0) }
            #expect(longest == expected, "\(text)")
        }
        // Numeric rules do not run on a file without a long enough run.
        let triggered = Array("ssn npi nhs card phone".utf8).withUnsafeBytes { Self.rules.triggeredRules(in: $0, fileClass: .fixture) }
        let names = Set(triggered.map { Self.rules.rules[$0].rule.id })
        #expect(!names.contains("us-ssn") && !names.contains("payment-card") && !names.contains("us-npi"))
    }

    /// A rule that needs context runs only on the lines where its context can be (a line holding a
    /// context word, and the line after it); a `line-and-next` rule finds a value on the line after
    /// its label.
    @Test func contextLinesAndLabelLines() {
        let vin = "vehicle-identification-number"
        #expect(ids("VIN: 1M8GDM9AXKP042788").contains(vin))
        #expect(ids("vehicle\n1M8GDM9AXKP042788\n").contains(vin))
        #expect(ids("vehicle\r\n1M8GDM9AXKP042788\r\n").contains(vin))
        #expect(ids("vehicle\r1M8GDM9AXKP042788").contains(vin))  // a lone CR does not end the context window
        #expect(!ids("vehicle\n\n1M8GDM9AXKP042788\n").contains(vin))
        #expect(!ids("1M8GDM9AXKP042788\nvehicle").contains(vin))
        // Far into a file, between other numbers: only the lines by the context word are searched.
        let filler = (0..<400).map { "row \($0): 123456789 \($0 * 7919)" }.joined(separator: "\n")
        #expect(ids(filler + "\nssn:\n536221234\n" + filler).filter { $0 == "us-ssn-bare" }.count == 1)
        #expect(!ids(filler + "\nssn:\n\n536221234\n" + filler).contains("us-ssn-bare"))
        #expect(ids("Patient Name:\nJohn Smith\n", as: .prompt).contains("patient-name"))
        #expect(!ids("Patient Name:\n\nJohn Smith\n", as: .prompt).contains("patient-name"))

        let text = Array("l0\nl1x\nl2\nl3\nl4x\nl5".utf8)
        text.withUnsafeBytes { bytes in
            var ends = [16, 6]
            #expect(RuleSet.linesAndNext(holding: &ends, in: bytes) == [3..<10, 13..<19])
            var touching = [8, 6]
            #expect(RuleSet.linesAndNext(holding: &touching, in: bytes) == [3..<13])
        }
        #expect(RuleSet.intersect([nil], [3..<10]) == [3..<10])
        #expect(RuleSet.intersect([0..<5, 8..<15], [3..<10, 13..<19]) == [3..<5, 8..<10, 13..<15])
    }

    /// The skipping digit-run pass finds exactly the runs a byte-by-byte count finds.
    @Test func digitRunsMatchAByteByByteCount() {
        func reference(_ bytes: [UInt8], minimum: Int) -> [[Int]] {
            var found: [[Int]] = []
            var run = 0
            var gap = 0
            var lastDigit = 0
            for (index, byte) in bytes.enumerated() {
                if byte >= 48 && byte <= 57 {
                    if gap > 2 {
                        if run >= minimum { found.append([lastDigit + 1, run]) }
                        run = 0
                    }
                    run += 1
                    gap = 0
                    lastDigit = index
                } else if " -./()".utf8.contains(byte) {
                    gap += 1
                } else {
                    if run >= minimum { found.append([lastDigit + 1, run]) }
                    run = 0
                    gap = 3
                }
            }
            if run >= minimum { found.append([lastDigit + 1, run]) }
            return found
        }
        let alphabets = [
            Array("0123456789012345 -./()x\n".utf8), Array("01  --..//()xyz\n".utf8), Array("0 1 2 3 a".utf8),
            Array("let value = f(x) // abcdefghijklmnopqrstuvw\n0123456789 -./()".utf8),
        ]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<6000 {
            let alphabet = alphabets[round % alphabets.count]
            // Long texts go through the block-count pass, short ones straight to the exact count.
            let length = round % 3 == 0 ? Int.random(in: 200...3000, using: &generator) : Int.random(in: 0...120, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let minimum = 1 + round % 14
            let runs = text.withUnsafeBytes { DigitRun.runs($0, minimum: minimum) }.map { [$0.end, $0.length] }
            #expect(runs == reference(text, minimum: minimum), "\(String(decoding: text, as: UTF8.self)) minimum \(minimum)")
        }
    }

    @Test func falsePositiveTrapsStaySilent() {
        let traps = """
            id = "123e4567-e89b-12d3-a456-426614174000"
            sha = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
            created_at = 1718907813879
            version 10.0.19041.1
            oid 1.3.6.1.4.1.311
            git@github.com:org/repo.git
            image@sha256:0123456789abcdef
            retina logo@2x.png
            order_id = 4929526018159081
            timestamp: 1435264555
            mRNA vaccine 123456
            font E11 size
            std::vector<int> v; // 12:34:56
            """
        let findings = scan(traps, as: .code).filter { $0.category == .pii || $0.category == .phi }
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID) line \($0.line)" })")
    }

    /// The Swift sources of this repository hold no personal data: no pii/phi finding above low.
    @Test func benignSourcesGiveNoPrivacyFindings() throws {
        let root = TestPaths.packageRoot
        var items = try FileWalker().walk(root: root.appendingPathComponent("Sources").path).items
        items += try FileWalker().walk(root: root.appendingPathComponent("Tests/TestSupport").path).items
        let report = ScanEngine(scanner: FileScanner(ruleSet: Self.rules)).scan(items.filter { !$0.path.hasSuffix(".generated.swift") })
        let privacy = report.findings.filter { ($0.category == .pii || $0.category == .phi) && $0.severity > .low }
        #expect(privacy.isEmpty, "\(privacy.map { "\($0.path):\($0.line) \($0.ruleID)" })")
    }
}

/// Organisation words (`organisation_context`): a company's premises or a published contact
/// mailbox is reported low, never failing a run, unless a word tying it to a person is as close.
@Suite struct OrganisationContextTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func findings(_ text: String, rule: String, as fileClass: FileClass = .fixture) -> [Finding] {
        scanText(text, rules: Self.rules, as: fileClass, path: "lease.txt").filter { $0.ruleID == rule }
    }

    @Test func leaseAddressesAreTheCompaniesAndReportedLow() throws {
        // A sublease summary (as in a summarisation dataset): the parties are companies, some lines above.
        let lease = """
            <parties involved>
            - Sublessor: KaloBios Pharmaceuticals, Inc.
            - Sublessee: Compugen, Inc.
            </parties involved>

            <property details>
            - Address: 260 East Grand Avenue, San Francisco, CA
            - Description: Approximately 4,410 square feet of space on the first floor
            """
        let found = try #require(findings(lease, rule: "street-address").first)
        #expect(found.severity == .low)
        #expect(found.message.contains("organisation's"))
        // The same address with nothing about a company near it is reported as before.
        let plain = findings("<property details>\n- Address: 260 East Grand Avenue, San Francisco, CA\n", rule: "street-address")
        #expect(plain.map(\.severity) == [.medium])
    }

    @Test func personWordsNearbyKeepTheAddressAPersons() {
        let note = "Patient: Rosa Mendez\nEmployer: Larkspur Foods Inc.\nAddress: 58 Chestnut Avenue\n"
        #expect(findings(note, rule: "street-address").map(\.severity) == [.medium])
        // Organisation words further away than the rule's lines do not count.
        let far = "Larkspur Foods Inc.\n" + String(repeating: "-\n", count: 9) + "Address: 58 Chestnut Avenue\n"
        #expect(findings(far, rule: "street-address").map(\.severity) == [.medium])
    }

    @Test func publishedContactMailboxesAreLowPersonalMailboxesAreNot() {
        let published = findings("Contact: clinvar@ncbi.nlm.nih.gov for submission account setup.", rule: "email-address", as: .agentConfig)
        #expect(published.map(\.severity) == [.low])
        // A mailbox provider for individuals is a person's, whatever the words around it.
        let personal = findings("For support questions, write to rosa.mendez@gmail.com", rule: "email-address", as: .agentConfig)
        #expect(personal.map(\.severity) == [.high])
        // A customer named as close as the organisation words keeps it a person's.
        let customer = findings("Support ticket: the customer wrote from rosa@larkspur-foods.com", rule: "email-address", as: .agentConfig)
        #expect(customer.map(\.severity) == [.high])
        // E-mail looks at its own line and the next or previous one only.
        let twoAway = findings("Support\n\nemail: rosa@larkspur-foods.com", rule: "email-address", as: .agentConfig)
        #expect(twoAway.map(\.severity) == [.high])
    }

    @Test func bareIPv6InRecordedDataNeedsAClientWord() {
        let code = #"{"text": "MakeIPv6(0xff, 0xff, 204, 152, 189, 116),   // ::ffff:204.152.189.116\n"}"#
        #expect(findings(code, rule: "ip-address-v6").isEmpty)
        #expect(findings(#"{"client_ip": "2a02:1810:4d02:7600::1"}"#, rule: "ip-address-v6").count == 1)
        // In a prompt it needs no word.
        #expect(findings("seen at 2a02:1810:4d02:7600::1", rule: "ip-address-v6", as: .prompt).count == 1)
    }
}

extension OrganisationContextTests {
    @Test func packageAuthorsInRecordedMetadataAreLow() {
        // A PyPI JSON response recorded in a cassette, folded over several lines.
        let cassette = """
            string: '{"info":{"author":null,"author_email":"Alex Reibman <areibman@gmail.com>,
                    Shawn Qiu <siyangqiu@gmail.com>, Braelyn Boynton <bboynton97@gmail.com>, Howard
                    Gil <howardbgil@gmail.com>","bugtrack_url":null}'
            """
        let found = findings(cassette, rule: "email-address")
        #expect(found.count == 4)
        #expect(found.allSatisfy { $0.severity == .low && $0.message.contains("published metadata") })
        // Further than the rule's lines from the key, an address is a person's again.
        let far = "author_email: x\n" + String(repeating: "-\n", count: 5) + "email: rosa.mendez@gmail.com\n"
        #expect(findings(far, rule: "email-address").map(\.severity) == [.medium])
    }
    @Test func everyAddressOfOneAuthorListOnOneLineIsLow() {
        // The same metadata on one line: the later addresses lie far past the key, but inside its value.
        let names = [
            "Alex Reibman", "Shawn Qiu", "Braelyn Boynton", "Howard Gil", "Constantin Teodorescu", "Pratyush Shukla",
            "Travis Dent", "Dwij Patel", "Fenil Faldu",
        ]
        let list = names.map { "\($0) <\($0.lowercased().replacingOccurrences(of: " ", with: "."))@gmail.com>" }.joined(separator: ", ")
        let line = #"{"info":{"author":null,"author_email":""# + list + #"","bugtrack_url":null}}"# + "\n"
        let found = findings(line, rule: "email-address")
        #expect(found.count == names.count)
        #expect(found.allSatisfy { $0.severity == .low && $0.message.contains("published metadata") })
        // A value under another key on the same line, past the words' reach, stays a person's.
        let padding = String(repeating: "call back about the claim; ", count: 8)
        let other = #"{"author_email":"a.b@gmail.com","notes":""# + padding + #"customer rosa.mendez@gmail.com"}"# + "\n"
        #expect(findings(other, rule: "email-address").map(\.severity) == [.low, .medium])
    }
}

@Suite struct VersionListTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    @Test func aFourPartVersionAmongPackageVersionsIsNotAnAddress() {
        // An environment report recorded in a cassette: installed packages and their versions.
        let cassette = """
            {"Installed Packages": {"mergedeep": "1.3.4", "opencv-python-headless":
              "4.11.0.86", "pyright": "1.1.393", "shapely": "2.0.7", "tomli": "2.0.2"}}

            """
        let found = scanText(cassette, rules: Self.rules, as: .fixture, path: "cassette.yaml").filter { $0.ruleID == "ip-address-v4" }
        #expect(found.isEmpty)
        // An address among other addresses, or under an address key, is still reported.
        let hosts = #"{"hosts": ["81.2.69.142", "81.2.69.160"], "client_ip": "81.2.69.143"}"# + "\n"
        let addresses = scanText(hosts, rules: Self.rules, as: .fixture, path: "cassette.yaml").filter { $0.ruleID == "ip-address-v4" }
        #expect(addresses.count == 3)
    }
}

@Suite struct ClinicalNoteTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func ids(_ text: String, as fileClass: FileClass) -> [String] {
        scanText(text, rules: Self.rules, as: fileClass, path: "note").map(\.ruleID)
    }

    @Test func aTitledNameInAClinicalNoteIsReportedInDocsToo() {
        // A visit note kept as Markdown or plain text is classed doc, the strictest class.
        let note = "Mr. Howard Pruitt was seen today for follow-up of his type 2 diabetes.\n"
        #expect(ids(note, as: .doc).contains("patient-name-clinical"))
        #expect(ids(note, as: .prompt).contains("patient-name-clinical"))
        // Without a clinical word a titled name in a doc is nobody's health record.
        #expect(!ids("Mr. Howard Pruitt will present the roadmap on Tuesday.\n", as: .doc).contains("patient-name-clinical"))
    }

    @Test func aFHIRAddressLineIsAPatientsAddress() {
        let patient = """
            {"resourceType": "Patient",
             "address": [{"use": "home", "line": ["2217 Birchwood Lane"], "city": "Madison", "postalCode": "53711"}]}

            """
        #expect(ids(patient, as: .fixture).contains("fhir-address-line"))
        // A "line" list in other JSON (test output, source lines) is not an address.
        #expect(!ids(#"{"line": ["404 Not Found"], "state": "done", "file": "app.py"}"# + "\n", as: .fixture).contains("fhir-address-line"))
    }

    @Test func aDjangoSecretKeyWithPunctuationIsASecret() {
        let settings = #"SECRET_KEY = "django-insecure-k9#m2vT!x7q(Lp4Zr8w^Nb3YcF6h&Jd1sGa""# + "\n"
        #expect(ids(settings, as: .code).contains("generic-secret-assignment"))
        // A template or a printf format is not a value.
        #expect(!ids(#"SECRET_KEY = "%(prefix)s-k9m2vTx7qLp4Zr8w""# + "\n", as: .code).contains("generic-secret-assignment"))
    }

    @Test func aCustomerNameIsMediumInAFixtureAndANoteInANotebook() {
        let row = #"{"receipt_id": 3, "customer_name": "Woodrow Pennington", "price": 53.43}"# + "\n"
        let inFixture = scanText(row, rules: Self.rules, as: .fixture, path: "rows.json").filter { $0.ruleID == "person-name-field" }
        #expect(inFixture.map(\.severity) == [.medium])
        let inNotebook = scanText(row, rules: Self.rules, as: .notebook, path: "rows.ipynb").filter { $0.ruleID == "person-name-field" }
        #expect(inNotebook.map(\.severity) == [.low])
    }

    @Test func aBareFullNameWantsContactDetailsNearby() {
        let person = #"{"fullName": "Tomasz Nowak", "email": "t.nowak@example.org"}"# + "\n"
        #expect(ids(person, as: .fixture).contains("person-name-contact-record"))
        // The expansion of an acronym, or a public figure's profile, has no contact details.
        let acronym = #"{"VR": {"fullName": "Virtual Reality", "description": "an immersive environment"}}"# + "\n"
        #expect(!ids(acronym, as: .fixture).contains("person-name-contact-record"))
        // A longer name is not cut to its first two words.
        let long = #"{"recipientName": "Thomas Cruise Mapother IV"}"# + "\n"
        #expect(!ids(long, as: .fixture).contains("person-name-field"))
    }

    @Test func aPublicFiguresBirthDateInAnEncyclopediaSentenceIsLow() {
        let passage = "[1] Kerry Condon | Kerry Condon (born 4 January 1983) is an Irish television and film actress, best known for\n"
        let found = scanText(passage, rules: Self.rules, as: .notebook, path: "a.ipynb").filter { $0.ruleID.hasPrefix("date-of-birth") }
        #expect(found.map(\.severity) == [.low])
        #expect(found.allSatisfy { $0.message.contains("public figure") })
        let record = "Name: Kerry Condon\nDOB: 04/01/1983\n"
        let kept = scanText(record, rules: Self.rules, as: .notebook, path: "b.ipynb").filter { $0.ruleID == "date-of-birth" }
        #expect(kept.map(\.severity) == [.medium])
    }
}
