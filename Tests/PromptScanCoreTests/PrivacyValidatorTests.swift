import Testing

@testable import PromptScanCore

/// Every pii/phi validator (docs/detection.md, "Validators") against reference vectors, valid and
/// invalid.
@Suite struct PrivacyValidatorTests {
    func check(_ name: String, _ value: String) -> Bool { Validators.named(name)!.check(Array(value.utf8)) }
    func assess(_ name: String, _ value: String) -> Validator.Assessment { Validators.named(name)!.assess(Array(value.utf8)) }

    @Test func ssnRanges() {
        for good in ["536-22-1234", "536 22 1234", "536221234", "078-05-1120"] { #expect(check("us-ssn", good), "\(good)") }
        for bad in ["000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "536-22 1234", "111-11-1111", "53622123"] {
            #expect(!check("us-ssn", bad), "\(bad)")
        }
    }

    @Test func itinGroups() {
        for good in ["912-70-1234", "912 94 1234", "900501234", "999-65-0001"] { #expect(check("us-itin", good), "\(good)") }
        for bad in ["912-93-1234", "912-89-1234", "812-70-1234", "912-66-1234", "912-70 1234"] { #expect(!check("us-itin", bad), "\(bad)") }
    }

    @Test func paymentCards() {
        for good in [
            "4111 1111 1111 1111", "378282246310005", "4242424242424242", "5555-5555-5555-4444", "6011111111111117",
            "3530111333300000", "2223003122003222", "36227206271667",
        ] {
            #expect(check("payment-card", good), "\(good)")
        }
        for bad in ["4111 1111-1111 1111", "4111111111111112", "1718907813879", "9111111111111111", "0000000000000000", "4111"] {
            #expect(!check("payment-card", bad), "\(bad)")
        }
    }

    @Test func ibanMod97AndLengths() {
        for good in ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "NL86RABO3296736731", "DE45-8233-2261-7551-3198-00"] {
            #expect(check("iban", good), "\(good)")
        }
        for bad in ["GB82WEST12345698765433", "XX82WEST12345698765432", "GB82WEST1234569876543", "DE8937040044053201300"] {
            #expect(!check("iban", bad), "\(bad)")
        }
        #expect(Validators.ibanLengths.count == 76)
        #expect(Validators.ibanLengths["NO"] == 15 && Validators.ibanLengths["LC"] == 32)
    }

    @Test func abaRouting() {
        #expect(check("aba-routing", "021000021"))
        #expect(!check("aba-routing", "021000022"))
        #expect(!check("aba-routing", "000000000"))
    }

    @Test func npiLuhnOver80840() {
        for good in ["1234567893", "1234-567-893", "1435264555", "2208497034"] { #expect(check("npi", good), "\(good)") }
        for bad in ["1234567890", "1111111112", "3234567893", "1234-567 893", "123456789"] { #expect(!check("npi", bad), "\(bad)") }
    }

    @Test func deaCheckDigit() {
        for good in ["AB1234563", "F91234563", "BD1682221"] { #expect(check("dea", good), "\(good)") }
        for bad in ["AB1234564", "ZB1234563", "A11234563", "AB123456"] { #expect(!check("dea", bad), "\(bad)") }
    }

    @Test func medicareMBI() {
        for good in ["1EG4-TE5-MK73", "1EG4TE5MK73", "2AC3-DE4-FG56"] { #expect(check("mbi", good), "\(good)") }
        for bad in ["0EG4-TE5-MK73", "1SG4-TE5-MK73", "1EG4-TE5MK73", "1EG4-TE5-MK7", "1BG4-TE5-MK73", "1EG4-TE5-MKA3"] {
            #expect(!check("mbi", bad), "\(bad)")
        }
    }

    @Test func nhsMod11() {
        for good in ["9434765919", "943 476 5919", "943-476-5919", "7773721874"] { #expect(check("nhs-mod11", good), "\(good)") }
        for bad in ["943 476 5918", "943-476 5919", "1111111111", "943476591"] { #expect(!check("nhs-mod11", bad), "\(bad)") }
    }

    @Test func canadianSIN() {
        for good in ["130692544", "130 692 544", "613-964-345"] { #expect(check("ca-sin", good), "\(good)") }
        // 046 454 286 is Luhn-valid but starts with 0 (never issued to a person).
        #expect(Validators.luhn(Array("046454286".utf8)))
        for bad in ["046 454 286", "130 692 545", "830692544", "130 692-544"] { #expect(!check("ca-sin", bad), "\(bad)") }
    }

    @Test func ukNINO() {
        for good in ["AB123456C", "AB 12 34 56 C", "CE123456D"] { #expect(check("uk-nino", good), "\(good)") }
        for bad in ["QQ 12 34 56 C", "ZZ123456C", "GB123456A", "AB123456E", "DA123456A", "AO123456A"] { #expect(!check("uk-nino", bad), "\(bad)") }
    }

    @Test func vinCheckDigit() {
        #expect(check("vin", "1M8GDM9AXKP042788"))
        #expect(check("vin", "1HGCM82690A004352"))
        #expect(!check("vin", "1M8GDM9A1KP042788"))
        #expect(!check("vin", "1M8GDM9AXKP04278"))
        #expect(!check("vin", "12345678901234567"))  // all digits: not a VIN
    }

    @Test func calendarDates() {
        for good in ["03/14/1961", "14/03/1961", "1961-03-14", "19610314", "March 14, 1961", "14 Mar 1961", "14.03.61", "02/29/2000"] {
            #expect(check("calendar-date", good), "\(good)")
        }
        for bad in ["02/30/1961", "13/13/1961", "1850-01-01", "2999-01-01", "02/29/1900", "1961-00-10", "Foo 14, 1961"] {
            #expect(!check("calendar-date", bad), "\(bad)")
        }
    }

    @Test func ipv4Ranges() {
        #expect(assess("ipv4", "8.8.8.8") == .accept)
        #expect(assess("ipv4", "81.2.69.142") == .accept)
        for low in ["10.0.0.1/8", "192.168.1.20", "172.16.0.1", "127.0.0.1", "169.254.1.1", "100.64.0.1", "224.0.0.1"] {
            if case .low = assess("ipv4", low) {} else { Issue.record("\(low) should be low") }
        }
        // Documentation ranges are known examples (Patterns/known-examples.yml), not a validator verdict.
        for doc in ["192.0.2.1", "198.51.100.7", "203.0.113.255"] { #expect(assess("ipv4", doc) == .accept, "\(doc)") }
        #expect(assess("ipv4", "256.1.1.1") == .reject)
        #expect(assess("ipv4", "1.2.3") == .reject)
    }

    @Test func ipv6Ranges() {
        #expect(assess("ipv6", "2a02:1810:4d02:7600::1") == .accept)
        #expect(assess("ipv6", "2001:db8::1") == .accept)
        #expect(assess("ipv6", "::ffff:192.0.2.1") == .accept)
        for low in ["fe80::1%eth0", "::1", "fd00::1", "ff02::1"] {
            if case .low = assess("ipv6", low) {} else { Issue.record("\(low) should be low") }
        }
        for bad in ["std::vector", "12:34:56", "a:b", "1:2:3:4:5:6:7:8:9"] { #expect(assess("ipv6", bad) == .reject, "\(bad)") }
    }

    @Test func emailAddresses() {
        #expect(check("email", "jane.doe@hospital.org"))
        for bad in ["logo@2x.png", "pkg@1.2.3", "icon@3x.svg", "support@hospital.org", "a@b"] { #expect(!check("email", bad), "\(bad)") }
    }

    @Test func phones() {
        for good in ["(212) 555-0147", "+1 212-555-0147", "212.555.0147", "6462738841"] { #expect(check("nanp-phone", good), "\(good)") }
        for bad in ["112-555-0147", "212-155-0147", "211-555-0147", "212-511-0147", "555-0147"] { #expect(!check("nanp-phone", bad), "\(bad)") }
        #expect(check("e164-phone", "+44 20 7946 0958"))
        #expect(!check("e164-phone", "+12 3 4"))
        // +1 with a toll-free area code is a business line, as in the NANP validator.
        #expect(!check("e164-phone", "+1 800-242-8478"))
        #expect(check("e164-phone", "+1 646-273-8841"))
        // +1 is the NANP: ten digits after it, no more and no fewer.
        #expect(!check("e164-phone", "+1-555-0456"))
        #expect(!check("e164-phone", "+1 999 999 99 9999"))
    }

    @Test func passportMRZ() {
        #expect(Validators.mrzCheckDigit(Array("L898902C3".utf8)) == 6)
        #expect(Validators.mrzCheckDigit(Array("740812".utf8)) == 2)
        #expect(Validators.mrzCheckDigit(Array("120415".utf8)) == 9)
        let line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
        #expect(check("mrz-td3", line1 + "\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"))
        #expect(!check("mrz-td3", line1 + "\nL898902C35UTO7408122F1204159ZE184226B<<<<<10"))
        // Indented like the first line (a YAML block), or after an escaped newline in a JSON string
        #expect(check("mrz-td3", line1 + "\n      L898902C36UTO7408122F1204159ZE184226B<<<<<10"))
        #expect(check("mrz-td3", line1 + "\\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"))
        #expect(!check("mrz-td3", line1 + "\n      L898902C35UTO7408122F1204159ZE184226B<<<<<10"))
    }

    @Test func everyPrivacyValidatorIsRegisteredAndUsedByARule() throws {
        let rules = try RuleCatalog.defaultRules()
        let used = Set(rules.compactMap(\.validator))
        for validator in Validators.privacyValidators {
            #expect(Validators.named(validator.name) != nil)
            #expect(used.contains(validator.name), "\(validator.name) is not used by any rule")
        }
    }
}
