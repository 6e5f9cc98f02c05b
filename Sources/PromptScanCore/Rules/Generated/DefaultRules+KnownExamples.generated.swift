// Generated from Patterns/*.yml by generate-rules; do not edit.
// Regenerate: swift run generate-rules (DefaultRulesTests fails while a file is stale).
// swift-format-ignore-file

extension DefaultRules {
    /// The rules and known examples of `Patterns/known-examples.yml`.
    static func addKnownExamples(to file: inout RuleLoader.File) {
        file.knownExamples.append(
            KnownExample(
                id: "stripe-test-cards",
                rules: ["payment-card"],
                source: "Stripe test card numbers",
                references: ["https://docs.stripe.com/testing"],
                values: ["4242 4242 4242 4242", "4000 0566 5566 5556", "5555 5555 5555 4444", "2223 0031 2200 3222", "5200 8282 8282 8210", "5105 1051 0510 5100", "3782 822463 10005", "3714 496353 98431", "6011 1111 1111 1117", "6011 0009 9013 9424", "6011 9811 1111 1113", "3056 9300 0902 0004", "3622 720627 1667", "6555 9000 0060 4105", "3566 0020 2036 0505", "6200 0000 0000 0005", "6200 0000 0000 0047", "6205 5000 0000 0000 004", "4000 0025 0000 1001", "5555 5525 0000 1001", "4000 0025 0000 3155", "4000 0027 6000 3184", "4000 0082 6000 3178", "4000 0084 0000 1629", "4000 0084 0000 1280", "4100 0000 0000 0019", "4000 0037 2000 0278", "4000 0007 6000 0002", "4000 0012 4000 0000", "4000 0048 4000 8001", "4000 0025 0000 0003", "4000 0027 6000 0016", "4000 0082 6000 0000", "4000 0003 6000 0006", "4000 0039 2000 0003"],
                patterns: ["400000000000\\d{4}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "test card '3d_secure': '4000002500003155',", expectedSecret: "4000002500003155", origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 59)),
                    Rule.Example(text: "test card 'insufficient_funds': '4000000000009995'", expectedSecret: "4000000000009995", origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 60)),
                    Rule.Example(text: "card 4242-4242-4242-4242", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 61)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 4000 0025 0000 3163", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 63)),
                    Rule.Example(text: "card 4000 0100 0000 0001", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 64)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 15)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "digits-of-constants",
                rules: ["payment-card"],
                source: "the leading digits of mathematical constants (e, the golden ratio, pi, the square root of 2), which arithmetic tasks and benchmarks use as long numbers and which can pass the Luhn check by chance",
                references: ["https://oeis.org/A001113", "https://oeis.org/A001622"],
                values: [],
                patterns: ["271828182845904\\d*", "161803398874989\\d*", "314159265358979\\d*", "141421356237309\\d*"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "card number 2718 2818 2845 9045", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 72)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card number 4929 1234 5678 9015", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 74)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 66)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "repeated-digit-card-groups",
                rules: ["payment-card"],
                source: "card numbers typed as groups of one repeated digit (4444 3333 2222 1111), a stand-in in samples and forms",
                references: ["https://www.iso.org/standard/70484.html"],
                values: [],
                patterns: ["(\\d)\\1{3}(\\d)\\2{3}(\\d)\\3{3}(\\d)\\4{3}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "KernelArguments arguments = new() { { \"card_number\", \"4444 3333 2222 1111\" } };", expectedSecret: "4444 3333 2222 1111", origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 82)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 4444 3333 2222 0006", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 84)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 76)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "card-range-bounds",
                rules: ["payment-card"],
                source: "the first number of an issuer's range padded with zeros (622126 0000000000), which BIN tables and card-type validator tests use; a card with ten trailing zeros is not issued at random",
                references: ["https://www.iso.org/standard/70484.html"],
                values: [],
                patterns: ["\\d{4,9}0{10}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "        (types.credit_card, \"6221260000000000\", True),  # Discover 622126-622925 co-brand", expectedSecret: "6221260000000000", origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 92)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 6221260000000018", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 94)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 86)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "braintree-test-cards",
                rules: ["payment-card"],
                source: "Braintree sandbox test card numbers",
                references: ["https://developer.paypal.com/braintree/docs/reference/general/testing"],
                values: ["4111 1111 1111 1111", "4005 5192 0000 0004", "4009 3488 8888 1881", "4012 0000 3333 0026", "4012 0000 7777 7777", "4012 8888 8888 1881", "4217 6511 1111 1119", "4500 6000 0000 0061", "4000 1111 1111 1115", "2223 0000 4840 0011"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "card 4111 1111 1111 1111", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 112)),
                    Rule.Example(text: "card number: 4217651111111119", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 113)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 4111 1111 1111 1129", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 115)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 96)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "adyen-test-cards",
                rules: ["payment-card"],
                source: "Adyen test card numbers",
                references: ["https://docs.adyen.com/development-resources/test-cards-and-credentials/test-card-numbers"],
                values: ["4111 1111 4555 1142", "5555 3412 4444 1115", "3700 0000 0000 002", "6011 6011 6011 6611", "3600 6666 3333 44", "3569 9900 1009 5841", "2222 4000 7000 0005", "5500 0000 0000 0004", "6731 0123 4567 8906"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "card 4111 1111 4555 1142", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 132)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 4111 1111 4555 1159", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 134)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 117)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "paypal-payflow-test-cards",
                rules: ["payment-card"],
                source: "PayPal Payflow test card numbers",
                references: ["https://developer.paypal.com/api/nvp-soap/payflow/integration-guide/test-transactions/"],
                values: ["4222 2222 2222 2", "3056 9309 0259 04", "3852 0000 0232 37", "3530 1113 3330 0000", "3787 344936 71000", "5610 5910 8101 8250", "6331 1019 9999 0016", "5431 1111 1111 1111"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "card 3530 1113 3330 0000", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 150)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 3530 1113 3330 0018", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 152)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 136)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "authorize-net-test-cards",
                rules: ["payment-card"],
                source: "Authorize.net sandbox test card numbers",
                references: ["https://developer.authorize.net/hello_world/testing_guide.html"],
                values: ["4007 0000 0002 7", "4012 8888 1888 8", "6011 0000 0000 0012", "5424 0000 0000 0015", "2223 0000 1030 9703", "2223 0000 1030 9711", "3088 0000 0000 0017", "3800 0000 0000 06", "3700 0000 0000 002"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "card 5424 0000 0000 0015", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 169)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 5424 0000 0000 0023", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 171)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 154)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "checkout-com-test-cards",
                rules: ["payment-card"],
                source: "Checkout.com test card numbers",
                references: ["https://www.checkout.com/docs/developer-resources/testing/test-cards"],
                values: ["4543 4740 0224 9996", "5436 0310 3060 6378", "3456 789012 34564"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "card 4543 4740 0224 9996", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 182)),
                ],
                negativeExamples: [
                    Rule.Example(text: "card 4543 4740 0224 9988", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 184)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 173)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "ssa-misused-ssns",
                rules: ["us-ssn", "us-ssn-spaced", "us-ssn-bare"],
                source: "SSNs the SSA lists as misused in advertising (078-05-1120, 219-09-9999)",
                references: ["https://www.ssa.gov/history/ssn/misused.html"],
                values: ["078-05-1120", "219-09-9999"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "ssn 078-05-1120", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 193)),
                    Rule.Example(text: "ssn: 219099999", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 194)),
                ],
                negativeExamples: [
                    Rule.Example(text: "ssn 078-05-1121", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 196)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 187)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "ssn-sequential-placeholders",
                rules: ["us-ssn", "us-ssn-spaced", "us-ssn-bare"],
                source: "the sequential SSN placeholder 123-45-6789, which the SSA never issued",
                references: ["https://www.ssa.gov/employer/randomization.html"],
                values: ["123-45-6789"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "SSN 123-45-6789", expectedSecret: "123-45-6789", origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 204)),
                ],
                negativeExamples: [
                    Rule.Example(text: "SSN 123-45-6780", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 206)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 198)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "ssn-stepped-placeholders",
                rules: ["us-ssn", "us-ssn-spaced", "us-ssn-bare", "us-itin", "us-itin-bare"],
                source: "stepped-digit SSN placeholders (111-22-3333, 222-33-4444, 987-65-4321, 456-78-9012 …) that test data and guardrail demos type; the SSA issues numbers by randomisation, not by such steps",
                references: ["https://www.ssa.gov/employer/randomization.html"],
                values: ["111-22-3333", "222-33-4444", "333-44-5555", "444-55-6666", "555-66-7777", "777-88-9999", "987-65-4321"],
                patterns: ["012345678|123456789|234567890|345678901|456789012|567890123|678901234|789012345|890123456|901234567|987654321|876543210|765432109|654321098|543210987|432109876|321098765|210987654|109876543|098765432"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "        \"Please verify 111-22-3333\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 216)),
                    Rule.Example(text: "SSN 222-33-4444 must be masked", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 217)),
                    Rule.Example(text: "        \\\"ssn\\\": \\\"456-78-9012\\\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 218)),
                    Rule.Example(text: "Tax ID (ITIN): 987-65-4321", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 219)),
                ],
                negativeExamples: [
                    Rule.Example(text: "SSN 111-22-3334", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 221)),
                    Rule.Example(text: "SSN 456-78-9013", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 222)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 208)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "nhs-test-numbers",
                rules: ["uk-nhs-number"],
                source: "NHS reserved test range (999 000 0000 … 999 999 9999) and NHS documentation examples",
                references: ["https://digital.nhs.uk/services/personal-demographics-service/nhs-number"],
                values: ["943 476 5919"],
                patterns: ["999\\d{7}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "NHS number 943 476 5919", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 231)),
                ],
                negativeExamples: [
                    Rule.Example(text: "NHS 777 372 1874", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 233)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 224)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "iban-documentation-examples",
                rules: ["iban"],
                source: "the example IBAN the SWIFT IBAN registry gives for each country (one per country, all with valid check digits), and bank documentation examples",
                references: ["https://www.swift.com/standards/data-standards/iban-international-bank-account-number", "https://www.swift.com/swift-resource/11971/download"],
                values: ["GB82 WEST 1234 5698 7654 32", "AL47212110090000000235698741", "AD1200012030200359100100", "AT611904300234573201", "AZ21NABZ00000000137010001944", "BH67BMAG00001299123456", "BE68539007547034", "BA391290079401028494", "BR1800360305000010009795493C1", "BG80BNBG96611020345678", "CR05015202001026284066", "HR1210010051863000160", "CY17002001280000001200527600", "CZ6508000000192000145399", "DK5000400440116243", "DO28BAGR00000001212453611324", "EE382200221020145685", "FO6264600001631634", "FI2112345600000785", "FR1420041010050500013M02606", "GE29NB0000000101904917", "DE89370400440532013000", "GI75NWBK000000007099453", "GR1601101250000000012300695", "GL8964710001000206", "GT82TRAJ01020000001210029690", "HU42117730161111101800000000", "IS140159260076545510730339", "IE29AIBK93115212345678", "IL620108000000099999999", "IT60X0542811101000000123456", "JO94CBJO0010000000000131000302", "KZ86125KZT5004100100", "XK051212012345678906", "KW81CBKU0000000000001234560101", "LV80BANK0000435195001", "LB62099900000001001901229114", "LI21088100002324013AA", "LT121000011101001000", "LU280019400644750000", "MK07250120000058984", "MT84MALT011000012345MTLCAST001S", "MR1300020001010000123456753", "MU17BOMM0101101030300200000MUR", "MD24AG000225100013104168", "MC5811222000010123456789030", "ME25505000012345678951", "NL91ABNA0417164300", "NO9386011117947", "PK36SCBL0000001123456702", "PS92PALS000000000400123456702", "PL61109010140000071219812874", "PT50000201231234567890154", "QA58DOHB00001234567890ABCDEFG", "RO49AAAA1B31007593840000", "SM86U0322509800000000270100", "SA0380000000608010167519", "RS35260005601001611379", "SK3112000000198742637541", "SI56263300012039086", "ES9121000418450200051332", "SE4550000000058398257466", "CH9300762011623852957", "TN5910006035183598478831", "TR330006100519786457841326", "AE070331234567890123456", "GB29NWBK60161331926819", "VG96VPVG0000012345678901"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "iban: GB82 WEST 1234 5698 7654 32", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 262)),
                    Rule.Example(text: "(\"AL47 2121 1009 0000 0002 3569 8741\", 1, ((0, 34),),),", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 263)),
                    Rule.Example(text: "IBAN: CH93 0076 2011 6238 5295 7", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 264)),
                ],
                negativeExamples: [
                    Rule.Example(text: "IBAN DE45 8233 2261 7551 3198 00", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 266)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 235)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "cms-sample-npi",
                rules: ["us-npi"],
                source: "CMS sample NPI",
                references: ["https://www.cms.gov/Regulations-and-Guidance/Administrative-Simplification/NationalProvIdentStand"],
                values: ["1234567893"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "NPI 1234567893", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 274)),
                ],
                negativeExamples: [
                    Rule.Example(text: "NPI 1435264555", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 276)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 268)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "dea-textbook-example",
                rules: ["us-dea-number"],
                source: "DEA check-digit textbook example",
                references: ["https://www.deadiversion.usdoj.gov/drugreg/index.html"],
                values: ["AB1234563"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "DEA AB1234563", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 284)),
                ],
                negativeExamples: [
                    Rule.Example(text: "DEA BD1682221", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 286)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 278)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "cms-mbi-example",
                rules: ["us-medicare-mbi"],
                source: "CMS MBI format example",
                references: ["https://www.cms.gov/medicare/new-medicare-card/understanding-the-mbi.pdf"],
                values: ["1EG4-TE5-MK73"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "Medicare 1EG4-TE5-MK73", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 294)),
                ],
                negativeExamples: [
                    Rule.Example(text: "Medicare 2AC3-DE4-FG56", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 296)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 288)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "dvla-specimen-licence",
                rules: ["uk-driving-licence-number"],
                source: "the licence number of the DVLA's specimen driving licence (Sarah Morgan) and its male-coded form, used in guides and recogniser tests",
                references: ["https://www.gov.uk/government/publications/new-style-driving-licence"],
                values: ["MORGA657054SM9IJ", "MORGA607054SM9IJ"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "Licence: MORGA657054SM9IJ ok", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 304)),
                ],
                negativeExamples: [
                    Rule.Example(text: "Licence: MORGA657054SM9IK ok", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 306)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 298)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "icao-specimen-passport",
                rules: ["passport-mrz"],
                source: "ICAO 9303 specimen passport (ERIKSSON, L898902C3)",
                references: ["https://www.icao.int/publications/Documents/9303_p4_cons_en.pdf"],
                values: [],
                patterns: ["(?s).*L898902C3.*"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 314)),
                ],
                negativeExamples: [
                    Rule.Example(text: "P<GBRDOE<<JOHN<ALEXANDER<<<<<<<<<<<<<<<<<<<<\nX123456785GBR8507217M3101159<<<<<<<<<<<<<<02", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 316)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 308)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "new-year-birth-dates",
                rules: ["date-of-birth"],
                source: "the first of January as a date of birth, the default that forms, registries and test-data generators fill in when the day is unknown or made up (1994-01-01, 01/01/1990)",
                references: ["https://en.wikipedia.org/wiki/January_1#Birthdays"],
                values: [],
                patterns: ["(?:19|20)\\d{2}0101", "0?10?1(?:19|20)?\\d{2}", "JAN(?:UARY)?1,?(?:19|20)\\d{2}", "0?1JAN(?:UARY)?(?:19|20)\\d{2}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "\"address\": {\"street\": \"123 Main St\", \"city\": \"Tech City\", \"country\": \"Pythonia\"}, \"birthday\": \"1994-01-01\", \"skills\": [\"Python\"]", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 328)),
                    Rule.Example(text: "DOB: 01/01/1990", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 329)),
                    Rule.Example(text: "Born: January 1, 1985", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 330)),
                ],
                negativeExamples: [
                    Rule.Example(text: "\"birthday\": \"1994-01-11\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 332)),
                    Rule.Example(text: "DOB: 01/10/1990", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 333)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 318)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "sequential-record-numbers",
                rules: ["medical-record-number", "us-passport-number"],
                source: "sequential and repeated-digit record-number placeholders (MRN 123456, 000000, passport 12345678 …)",
                references: ["https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html"],
                values: [],
                patterns: ["12345(?:6(?:7(?:8(?:9(?:0)?)?)?)?)?", "(\\d)\\1{4,11}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "MRN 123456", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 341)),
                    Rule.Example(text: "ds.PatientID = \"123456\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 342)),
                    Rule.Example(text: "MRN: 0000000", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 343)),
                    Rule.Example(text: "\"passport\": \"12345678\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 344)),
                ],
                negativeExamples: [
                    Rule.Example(text: "MRN 123457", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 346)),
                    Rule.Example(text: "MRN: 00123456", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 347)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 335)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "reserved-domains",
                rules: ["email-address"],
                source: "domains reserved for documentation and testing (RFC 2606, RFC 6761)",
                references: ["https://www.rfc-editor.org/rfc/rfc2606", "https://www.rfc-editor.org/rfc/rfc6761"],
                values: [],
                patterns: [],
                domains: ["example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"],
                networks: [],
                examples: [
                    Rule.Example(text: "email jane@example.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 356)),
                    Rule.Example(text: "email: jane@dept.example.org", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 357)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: jane.doe@example-clinic.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 360)),
                    Rule.Example(text: "email: jane@myexample.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 361)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 350)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "placeholder-mail-domains",
                rules: ["email-address"],
                source: "placeholder domains in tutorials and form copy (test.com, email.com, example.edu, company.com, domain.com, work.com, personal.com, localhost.com, and example.com's national stand-ins example.co.uk, example.com.au, example.de); not reserved, so addresses there are notes, not silence",
                references: ["https://www.rfc-editor.org/rfc/rfc2606"],
                values: [],
                patterns: [],
                domains: ["test.com", "email.com", "example.edu", "company.com", "domain.com", "work.com", "personal.com", "localhost.com", "example.co.uk", "example.com.au", "example.de"],
                networks: [],
                examples: [
                    Rule.Example(text: "email: 'user@test.com'", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 369)),
                    Rule.Example(text: "email formats (`first.last@company.com`)", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 370)),
                    Rule.Example(text: "email: name@domain.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 371)),
                    Rule.Example(text: "email john.smith@email.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 372)),
                    Rule.Example(text: "email: alumni@example.edu", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 373)),
                    Rule.Example(text: "email: jason@work.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 374)),
                    Rule.Example(text: "email: jason@personal.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 375)),
                    Rule.Example(text: "email: member@localhost.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 376)),
                    Rule.Example(text: "email: claimant@example.co.uk", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 377)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: jane@mytest.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 379)),
                    Rule.Example(text: "email: claimant@example-insurer.co.uk", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 380)),
                    Rule.Example(text: "email: jason@workday.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 381)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 363)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "fictional-organisations",
                rules: ["email-address"],
                source: "domains of the fictional companies that vendors' documentation uses (Microsoft's Contoso, Fabrikam, Northwind Traders, Adventure Works …; Google's documentation domains; the Chinook sample database's Chinook Corp, which SQL-agent tutorials query; the companies of HBO's Silicon Valley (Pied Piper, Hooli, Aviato, Raviga), whose staff fill many sample employee tables; the Acme of cartoons and tutorials)",
                references: ["https://developers.google.com/style/examples", "https://learn.microsoft.com/en-us/style-guide/a-z-word-list-term-collections/term-collections/names"],
                values: [],
                patterns: [],
                domains: ["contoso.com", "fabrikam.com", "northwindtraders.com", "adventure-works.com", "adatum.com", "wingtiptoys.com", "tailspintoys.com", "woodgrovebank.com", "litwareinc.com", "proseware.com", "fourthcoffee.com", "alpineskihouse.com", "wideworldimporters.com", "treyresearch.net", "lucernepublishing.com", "cohowinery.com", "margiestravel.com", "blueyonderairlines.com", "altostrat.com", "examplepetstore.com", "example-pet-store.com", "myownpersonaldomain.com", "my-own-personal-domain.com", "cymbalgroup.com", "chinookcorp.com", "piedpiper.com", "hooli.com", "aviato.com", "raviga.com", "acme.com", "acme.co", "acme.org", "acme.io", "acmecorp.com", "acme-corp.com"],
                networks: [],
                examples: [
                    Rule.Example(text: "email: dana@acme.co", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 395)),
                    Rule.Example(text: "email: megan.bowen@contoso.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 396)),
                    Rule.Example(text: "contact: alex@altostrat.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 397)),
                    Rule.Example(text: "email: gilfoyle@piedpiper.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 398)),
                    Rule.Example(text: "Employee(3, \"Peacock\", \"Jane\", email=\"jane@chinookcorp.com\")", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 399)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: dana@acmebrick.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 401)),
                    Rule.Example(text: "email: jane.okafor@gmail.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 402)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 383)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "fake-name-generator-domains",
                rules: ["email-address"],
                source: "the mail domains of the identities fakenamegenerator.com generates (each made-up person gets an address at one of these ten); data sets and tests of PII tools are built from its exports",
                references: ["https://www.fakenamegenerator.com/faq.php"],
                values: [],
                patterns: [],
                domains: ["armyspy.com", "cuvox.de", "dayrep.com", "einrot.com", "fleckens.hu", "gustr.com", "jourrapide.com", "rhyta.com", "superrito.com", "teleworm.us"],
                networks: [],
                examples: [
                    Rule.Example(text: "EmailAddress: PatriciaDesrosiers@superrito.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 410)),
                    Rule.Example(text: "email: MarieHamanova@armyspy.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 411)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: marie.hamanova@gmail.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 413)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 404)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "vendor-mascot-addresses",
                rules: ["email-address"],
                source: "GitHub's mascot account, the example user of GitHub's documentation and API samples (octocat@github.com)",
                references: ["https://docs.github.com/en/rest/users/users"],
                values: [],
                patterns: ["OCTOCAT@GITHUB\\.COM"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "\"email\": \"octocat@github.com\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 421)),
                ],
                negativeExamples: [
                    Rule.Example(text: "\"email\": \"monalisa.octocat@gmail.com\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 423)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 415)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "your-placeholders",
                rules: ["email-address"],
                source: "fill-in placeholders (YOUR-PROJECT, your_email, your.email, yourdomain, first.last)",
                references: ["https://cloud.google.com/iam/docs/service-account-overview"],
                values: [],
                patterns: ["(?:(?:TODO|FIXME|CHANGEME|REPLACE|REPLACE-WITH|INSERT)[._-])?YOUR[._-][A-Z0-9._%+-]*@.*", "(?:FIRST|FIRSTNAME|FNAME)[._-]?(?:LAST|LASTNAME|LNAME|SURNAME)@.*", "(?:USER|USERNAME|SOMEONE|SOMEBODY|NAME|EMAIL)@.*", "(?:THEM|THEY|YOU|HIM|HER|ANYONE|ANYBODY|EVERYONE)@.*", "(?:NONE|NOONE|NO-ONE|NULL|NIL|UNDEFINED|UNKNOWN|NOTSET|NOT-SET)@.*", "(?:XYZ|ABC|ABCD|ABCDE|ABC123|XYZ123|FOO|FOOBAR|BAR|BAZ|QWERTY|ASDF)@.*", "YOUR(?:EMAIL|NAME|USER|USERNAME|ADDRESS|MAIL)@.*", ".*@(?:[A-Z0-9-]+\\.)*(?:YOUR-[A-Z0-9-]+|YOUR_[A-Z0-9_]+|YOURDOMAIN|YOURCOMPANY|YOURSITE|YOUR-?ORG|YOURTENANT|YOURAPP|YOURSERVER|YOURHOST|YOURPROJECT|YOURTEAM|YOURBUSINESS|YOURSTORE|YOURORGANI[SZ]ATION)\\.[A-Z0-9.-]+", "[A-Z]@[A-Z]\\.(?:COM|NET|ORG|IO|CO)"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "Email: `play-publisher@YOUR-PROJECT.appspot.com`", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 445)),
                    Rule.Example(text: "email=\"your_email@institution.edu\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 446)),
                    Rule.Example(text: "   sender_email = \"your.email@gmail.com\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 447)),
                    Rule.Example(text: "email: firstname.lastname@stmarys-hospital.org", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 448)),
                    Rule.Example(text: "  - **Email**: `user@openlit.io`", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 449)),
                    Rule.Example(text: "            \"You: \\\\\"My name is Siddharth and my email id is xyz@gmail.com\\\\n\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 450)),
                    Rule.Example(text: "email: jane.doe@your-company.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 451)),
                    Rule.Example(text: "\"creator_email\": \"none@ibm.com\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 452)),
                    Rule.Example(text: "email: my-agent-user@yourtenant.onmicrosoft.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 453)),
                    Rule.Example(text: "email: a@b.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 454)),
                    Rule.Example(text: "        \"email = \\\\\"TODO-your-email@gmail.com\\\\\" #  @param {type:\\\\\"string\\\\\"}\\\\n\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 455)),
                    Rule.Example(text: "   (phone like `+15551234567` or email like `them@icloud.com`) and offer to", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 456)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: yourself@stmarys-hospital.org", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 458)),
                    Rule.Example(text: "email: me@dana-okafor.dev", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 459)),
                    Rule.Example(text: "email: nonesuch.okafor@gmail.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 460)),
                    Rule.Example(text: "email: a@bd.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 461)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 425)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "transformer-paper-authors",
                rules: ["email-address"],
                source: "the author addresses printed on the first page of \"Attention Is All You Need\" (Vaswani et al., 2017), the PDF that retrieval tutorials and document-parser tests load more than any other",
                references: ["https://arxiv.org/abs/1706.03762"],
                values: ["avaswani@google.com", "noam@google.com", "nikip@google.com", "usz@google.com", "llion@google.com", "aidan@cs.toronto.edu", "lukaszkaiser@google.com", "illia.polosukhin@gmail.com"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "Google Brain, email: avaswani@google.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 469)),
                    Rule.Example(text: "Illia Polosukhin, e-mail: illia.polosukhin@gmail.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 470)),
                ],
                negativeExamples: [
                    Rule.Example(text: "contact: avaswani.lab@gmail.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 472)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 463)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "datablist-sample-customers",
                rules: ["email-address", "phone-number-nanp", "phone-number-nanp-bare", "phone-number-international"],
                source: "the e-mail addresses and phone numbers of Datablist's sample file customers-100.csv (Faker-generated people and companies), which CSV and retrieval tutorials load as their customer table",
                references: ["https://www.datablist.com/learn/csv/download-sample-csv-files"],
                values: ["zunigavanessa@smith.info", "vmata@colon.com", "beckycarr@hogan.com", "stanleyblackwell@benson.org", "colinalvarado@miles.net", "louis27@gilbert.com", "tgates@cantrell.com", "asnow@colon.com", "mariokhan@ryan-pope.org", "mdyer@escobar.net", "kirksalas@webb.com", "mark42@robbins.com", "alex56@walls.org", "holdenmiranda@clarke.com", "cassieparrish@blevins-chapman.net", "vduncan@parks-hardy.com", "holtgwendolyn@watson-davenport.com", "jaredjuarez@carroll.org", "joseph26@jacobson.com", "tuckerangie@salazar.net", "fgibson@drake-webb.com", "blanchardbob@wallace-shannon.com", "rsingleton@ryan-cherry.com", "stefanie71@spence.com", "mariah88@santos.com", "donnamullins@norris-barrett.org", "stacey67@fields.org", "jacobkhan@bright.biz", "wterrell@clark.com", "qjimenez@boyd.com", "gfigueroa@boone-zavala.com", "tapiagreg@beard.info", "coleolson@jennings.net", "georgeross@miles.org", "willistonya@randolph-baker.com", "harrisisaiah@jenkins.com", "fwolfe@dorsey.com", "tiffanydavies@harris-mcfarland.org", "preese@frye-vega.com", "ann48@miller.com", "tcummings@fitzpatrick-ashley.com", "woodwardandres@phelps.com", "barbarapittman@holder.com", "bstuart@williamson-mcclure.com", "zkrueger@wolf-chavez.net", "juan80@henson.net", "bauercrystal@gay.com", "bartlettjenna@zuniga-moss.biz", "mccalltyrone@durham-rose.biz", "bobhammond@barry.biz", "uwarner@steele-arias.com", "xpittman@ritter-carney.net", "vaughanchristy@lara.biz", "clinton85@colon-arias.org", "greenemiranda@zimmerman.com", "goodmancesar@figueroa.biz", "yhanson@warner-diaz.org", "howelldarren@house-cohen.com", "ncamacho@boone-simmons.org", "kristopher62@oliver.com", "mpham@rios-guzman.com", "zachary96@mitchell-bryant.org", "kristiwhitney@bernard.com", "leah85@sutton-terrell.com", "levigiles@vincent.com", "fisherlinda@schaefer.net", "scottcurtis@hurley.biz", "nicholsonnina@montgomery.info", "zvalencia@phelps.com", "alex06@galloway.com", "lee48@manning.com", "aharper@maddox-townsend.org", "buckleycory@odonnell.net", "angie04@oconnell.com", "zrosario@rojas-hardin.net", "shieldskerry@robles.com", "mchandler@cochran-huerta.org", "katrinalane@fitzgerald.com", "cookejill@powell.com", "elizabethbarr@ewing.com", "corey75@wiggins.com", "chloelester@higgins-wilkinson.com", "isaac26@benton-finley.com", "justinwalters@jimenez.com", "maurice46@morgan.com", "walter83@juarez.org", "kmercer@wagner.com", "vcantu@norton.com", "hilljesse@barrett.info", "tyrone77@valenzuela.info", "elliserica@frank.com", "nsteele@sparks.com", "dudleyemily@gonzales.biz", "alan79@gates-mclaughlin.com", "grayjean@lowery-good.com", "hhart@jensen.com", "vkemp@ferrell.com", "swagner@kane.org", "mccarthystephen@horn-green.biz", "colleen91@faulkner.biz", "0010544010347", "0010677136440", "0010848459524", "0010853604426", "0011513303524", "0011717162175", "0011994463860", "0012158016392", "0012342030635", "0012430384271", "0012486910006", "0012575828850", "0012740403582", "0012767344113", "0013331450369", "0013360256849", "0013959594736", "0014392424986", "0014698480724", "0014699486341", "0014808512496", "0015080646725", "0015833527197", "0016229483641", "0016250007132", "0016261145844", "0016737796713", "0016838377651", "0017108025565", "0017311682893", "0017610137121", "0017695646303", "0018086176467", "0018412933519", "0018694520943", "0019279658550", "0019498448787", "0019624340867", "0071553406", "0203242191", "0264017353", "0276096460", "0278463705", "0286917497", "0417373846", "0469061442", "0501369025", "0533087653", "0533443205", "0544010347", "0677136440", "0711521376", "0752560829", "0771211558", "0786998982", "0789004760", "0848459524", "0853604426", "0925080269", "10071553406", "10203242191", "10264017353", "10276096460", "10278463705", "10286917497", "10417373846", "10469061442", "10501369025", "10533087653", "10533443205", "10711521376", "10752560829", "10771211558", "10786998982", "10789004760", "10925080269", "11117414173", "11143360784", "11148541159", "1117414173", "11269226153", "11270819339", "11280590206", "1143360784", "1148541159", "11586871764", "11589514131", "11622340249", "11881691674", "11935085151", "11951561861", "12028800688", "12032871003", "12071853665", "12239271999", "12290775154", "12356571073", "12472660963", "12647427149", "12661317001", "1269226153", "1270819339", "1280590206", "12833125579", "12834373886", "12885524666", "13039614491", "13121644545", "13156271796", "13162708934", "13225497139", "13232391456", "13309205422", "13441568632", "13542595062", "13652738144", "13719878576", "13863743398", "13864588944", "13978840519", "13998206418", "14046455351", "14077245425", "14141128700", "14163383758", "14230980315", "14232623059", "14241578216", "14290059030", "14303008770", "14310283337", "14383756207", "14391711846", "14456036729", "14477106202", "14489102276", "14500370767", "14634453702", "14678869467", "14720214814", "14721435037", "14964526181", "14969783969", "14978299038", "14991225415", "14996084612", "15004332022", "15040771311", "15067315952", "1513303524", "15153435776", "15281750973", "15302874548", "15303119786", "15394020259", "15400853135", "15411164501", "15555098691", "15568883485", "15595294424", "15814406539", "15856062980", "15862170359", "1586871764", "1589514131", "16004626432", "16054133198", "1622340249", "16261169535", "16291986346", "16303643286", "16326667507", "16365447783", "16378540256", "16460440696", "16614256042", "16693848597", "16746778623", "16794151210", "16846820021", "16846982911", "16866201820", "16900684641", "16912474128", "16977745822", "16983034267", "17010872415", "1717162175", "17208417020", "17307973594", "17338336754", "17339109968", "17392182516", "17418490139", "17484777174", "17527763286", "17530678419", "17538136941", "17681826014", "17758907209", "17818617180", "17836391472", "17862843358", "18022427457", "18035336772", "18048424715", "18098625566", "18133248756", "18181991403", "18225690302", "18275702958", "18309968238", "18464686834", "18467062218", "18541384911", "18554367641", "18557138773", "18746175668", "1881691674", "18886250654", "18977267952", "19092775485", "1935085151", "19362224746", "19458423659", "19471157711", "1951561861", "19651084406", "19752358921", "19759981519", "19782898785", "19815449452", "19831886873", "19857827463", "1994463860", "19997281637", "2028800688", "2032871003", "2071853665", "2158016392", "2239271999", "2290775154", "2342030635", "2356571073", "2430384271", "2472660963", "2486910006", "2575828850", "2647427149", "2661317001", "2740403582", "2767344113", "2833125579", "2834373886", "2885524666", "3039614491", "3121644545", "3156271796", "3162708934", "3225497139", "3232391456", "3309205422", "3331450369", "3360256849", "3441568632", "3542595062", "3652738144", "3719878576", "3863743398", "3864588944", "3959594736", "3978840519", "3998206418", "4046455351", "4077245425", "4141128700", "4163383758", "4230980315", "4232623059", "4241578216", "4290059030", "4303008770", "4310283337", "4383756207", "4391711846", "4392424986", "4456036729", "4477106202", "4489102276", "4500370767", "4634453702", "4678869467", "4698480724", "4699486341", "4720214814", "4721435037", "4808512496", "4964526181", "4969783969", "4978299038", "4991225415", "4996084612", "5004332022", "5040771311", "5067315952", "5080646725", "5153435776", "5281750973", "5302874548", "5303119786", "5394020259", "5400853135", "5411164501", "5555098691", "5568883485", "5595294424", "5814406539", "5833527197", "5856062980", "5862170359", "6004626432", "6054133198", "6229483641", "6250007132", "6261145844", "6261169535", "6291986346", "6303643286", "6326667507", "6365447783", "6378540256", "6460440696", "6614256042", "6693848597", "6737796713", "6746778623", "6794151210", "6838377651", "6846820021", "6846982911", "6866201820", "6900684641", "6912474128", "6977745822", "6983034267", "7010872415", "7108025565", "7208417020", "7307973594", "7311682893", "7338336754", "7339109968", "7392182516", "7418490139", "7484777174", "7527763286", "7530678419", "7538136941", "7610137121", "7681826014", "7695646303", "7758907209", "7818617180", "7836391472", "7862843358", "8022427457", "8035336772", "8048424715", "8086176467", "8098625566", "8133248756", "8181991403", "8225690302", "8275702958", "8309968238", "8412933519", "8464686834", "8467062218", "8541384911", "8554367641", "8557138773", "8694520943", "8746175668", "8886250654", "8977267952", "9092775485", "9279658550", "9362224746", "9458423659", "9471157711", "9498448787", "9624340867", "9651084406", "9752358921", "9759981519", "9782898785", "9815449452", "9831886873", "9857827463", "9997281637"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "Email: zunigavanessa@smith.info", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 555)),
                    Rule.Example(text: "phone: +1-539-402-0259", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 556)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: zunigavanessa.okafor@smith-legal.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 558)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 474)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "first-name-free-mail-addresses",
                rules: ["email-address"],
                source: "a lone common first name at a large free-mail provider (alice@gmail.com, bob@yahoo.com), the Alice-and-Bob stand-ins of tutorials; those mailboxes were claimed in the providers' first days, and people's own addresses there carry a surname, initials or digits",
                references: ["https://en.wikipedia.org/wiki/Alice_and_Bob"],
                values: [],
                patterns: ["(?:ALICE|BOB|CAROL|CHARLIE|DAVE|DAVID|EVE|FRANK|GRACE|HEIDI|IVAN|JUDY|MALLORY|OSCAR|PEGGY|TRENT|VICTOR|WALTER|ADAM|JOHN|JANE|MARY|MIKE|MICHAEL|SARAH|EMMA|EMILY|OLIVIA|SOPHIA|JAMES|ROBERT|WILLIAM|RICHARD|JOSEPH|THOMAS|DANIEL|MATTHEW|ANTHONY|MARK|PAUL|STEVEN|STEVE|ANDREW|JOSHUA|KEVIN|BRIAN|GEORGE|EDWARD|JASON|JEFF|RYAN|JACOB|GARY|NICK|ERIC|TOM|JERRY|KATE|LISA|NANCY|KAREN|BETTY|HELEN|SANDRA|DONNA|LAURA|LINDA|SUSAN|JESSICA|JENNIFER|ELIZABETH|BARBARA|ANNA|ANNE|AMY|ANGELA|MELISSA|REBECCA|RACHEL|HANNAH|CHLOE|MIA|ZOE|MAX|LEO|LUCY|JACK|HARRY|SAM|BEN|JOE|TONY|PETER|CHRIS|ALEX)@(?:GMAIL|GOOGLEMAIL|YAHOO|HOTMAIL|OUTLOOK|LIVE|ICLOUD|AOL|PROTONMAIL|PROTON|GMX|MAIL)\\.(?:COM|ME|NET)"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "    \"Adam\": UserProfile(user_id=\"1\", name=\"Adam\", email=\"adam@gmail.com\"),", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 567)),
                    Rule.Example(text: "{'user_id': '2', 'name': 'Bob', 'email': 'bob@yahoo.com'}", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 568)),
                ],
                negativeExamples: [
                    Rule.Example(text: "    \"Adam\": UserProfile(user_id=\"1\", name=\"Adam Okafor\", email=\"adam.okafor84@gmail.com\"),", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 570)),
                    Rule.Example(text: "{'user_id': '2', 'email': 'bobkowalczyk@yahoo.com'}", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 571)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 560)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "message-id-hosts",
                rules: ["email-address"],
                source: "hosts that mail servers put in message ids (`<CAOw…@mail.gmail.com>`, `<…GMR@mx.google.com>`); no mailbox lives there (Gmail addresses end in gmail.com)",
                references: ["https://www.rfc-editor.org/rfc/rfc5322#section-3.6.4"],
                values: [],
                patterns: [],
                domains: ["mail.gmail.com", "mx.google.com"],
                networks: [],
                examples: [
                    Rule.Example(text: "email: CAOwS8o1hH9Y8jeKDkM86daaBz65Qpdib3SWun1TWLuoCwOQ@mail.gmail.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 579)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: shub.okafor@gmail.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 581)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 573)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "no-reply-addresses",
                rules: ["email-address"],
                source: "no-reply and GitHub noreply addresses (not a person's mailbox)",
                references: ["https://docs.github.com/en/account-and-profile/setting-up-and-managing-your-personal-account-on-github/managing-email-preferences/setting-your-commit-email-address"],
                values: [],
                patterns: ["NO-?REPLY@.*"],
                domains: ["users.noreply.github.com"],
                networks: [],
                examples: [
                    Rule.Example(text: "email: 12345+octo@users.noreply.github.com", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 590)),
                ],
                negativeExamples: [
                    Rule.Example(text: "email: reply@stmarys-hospital.org", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 592)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 583)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "nanp-fictional-numbers",
                rules: ["phone-number-nanp", "phone-number-international"],
                source: "NANP numbers for fiction (555-0100 … 555-0199) and the unassigned 555 area code and 555 information exchange",
                references: ["https://nationalnanpa.com/number_resource_info/555_numbers.html"],
                values: [],
                patterns: ["1?\\d{3}555\\d{4}", "1?555\\d{7}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "call (212) 555-0147", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 600)),
                    Rule.Example(text: "phone: (555) 234-5678", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 601)),
                    Rule.Example(text: "\"telephone\": \"+1-555-555-5555\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 602)),
                ],
                negativeExamples: [
                    Rule.Example(text: "phone: (646) 273-8841", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 604)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 594)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "sequential-phone-placeholders",
                rules: ["phone-number-nanp", "phone-number-international"],
                source: "sequential- or repeated-digit phone placeholders (+1234567890, 123-456-7890, 987-654-3210, +1 999 999 99 9999)",
                references: ["https://www.itu.int/rec/T-REC-E.164"],
                values: ["+1234567890", "+11234567890", "+12345678901", "1234567890", "+9876543210", "9876543210"],
                patterns: ["\\d{0,3}?(\\d)\\1{6,14}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "phone \"+12345678901\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 616)),
                    Rule.Example(text: "Phone numbers must be in E.164 format (+12345678901)", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 617)),
                    Rule.Example(text: "please provide the following phone number for a more personalized experience: +44 7777 777777.", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 618)),
                ],
                negativeExamples: [
                    Rule.Example(text: "phone +1 415-624-3190", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 620)),
                    Rule.Example(text: "phone +44 7777 777778", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 621)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 606)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "ofcom-drama-numbers",
                rules: ["phone-number-international", "phone-number-uk"],
                source: "Ofcom numbers reserved for TV and radio drama",
                references: ["https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama"],
                values: [],
                patterns: ["(?:44|440|0)(?:(?:11[3-8]|121|131|141|151|161)4960\\d{3}|1914980\\d{3}|2079460\\d{3}|2920180\\d{3}|2890180\\d{3}|1632960\\d{3}|7700900\\d{3}|8081570\\d{3}|9098790\\d{3}|3069990\\d{3})"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "phone +44 20 7946 0958", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 630)),
                    Rule.Example(text: "mobile: 07700 900123", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 631)),
                    Rule.Example(text: "tel: (01632) 960 001", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 632)),
                ],
                negativeExamples: [
                    Rule.Example(text: "mobile: +44 7911 123456", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 634)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 623)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "example-street-addresses",
                rules: ["street-address", "street-address-us", "street-address-uk", "street-address-eu", "street-address-narrative", "fhir-address-line"],
                source: "placeholder and fictional street addresses (123 Main St, 456 Elm St, 742 Evergreen Terrace, 221B Baker Street)",
                references: ["https://pe.usps.com/text/pub28/welcome.htm"],
                values: [],
                patterns: ["(?:1|12|123|1234|12345|234|345|456|567|678|789|321|432|543|654|765|876|987|4321|54321)(?:MAIN|ELM|OAK|MAPLE|PINE|CEDAR|BIRCH|ASH|WILLOW|SPRUCE|WALNUT|CHESTNUT|FAKE|EXAMPLE|SAMPLE|TEST|ANY|ANYWHERE)(?:ST|STREET|AVE|AVENUE|RD|ROAD|LN|LANE|DR|DRIVE|BLVD|BOULEVARD|WAY|CT|COURT)(?:,[A-Z0-9,#]*)?", "(?:742EVERGREENTERRACE|221BBAKERSTREET)(?:,[A-Z0-9,#]*)?", "(?:123|1234|12345)[A-Z]+?(?:ST|STREET|AVE|AVENUE|RD|ROAD|LN|LANE|DR|DRIVE|BLVD|BOULEVARD|WAY|CT|COURT|PL|PLACE)(?:,[A-Z0-9,#]*)?"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "street: 123 Main St", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 647)),
                    Rule.Example(text: "address: 1234 Elm Street", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 648)),
                    Rule.Example(text: "Delivery address: 456 Elm St", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 649)),
                    Rule.Example(text: "Shipping Address: 321 Birch Ln,  Smallville USA, 34567", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 650)),
                    Rule.Example(text: "\"content\": \"Extract John is 18 years old and lives at 123 First Avenue.\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 651)),
                    Rule.Example(text: "    \"address\": \"123 Business Ave, Suite 100, San Francisco, CA 94105\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 652)),
                    Rule.Example(text: "Sarah Johnson resides at 123 Maple Street, Springfield, IL 62701.", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 653)),
                ],
                negativeExamples: [
                    Rule.Example(text: "address: 1357 Innovation Avenue", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 655)),
                    Rule.Example(text: "address: 1357 Innovation Avenue, Suite 100, San Francisco, CA 94105", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 656)),
                    Rule.Example(text: "Shipping Address: 327 Birch Ln, Springfield", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 657)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 636)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "placeholder-person-names",
                rules: ["person-name-field", "person-name-contact-record", "person-name-signoff", "person-name-birth-date-row", "person-name-table-cell", "person-name-text-table-cell", "patient-name", "patient-name-clinical", "patient-name-narrative", "hl7v2-pid-name", "hl7v3-person-name", "x12-person-name"],
                source: "stand-in names for an unknown or anonymous person in legal and form conventions (John Doe, Jane Roe, Joe Bloggs, Max Mustermann) and the example persons of the HL7 standards (Adam Everyman, Eve Everywoman)",
                references: ["https://en.wikipedia.org/wiki/John_Doe", "https://www.hl7.org/fhir/patient-example.html"],
                values: [],
                patterns: ["(?:JOHN|JANE|JOHNNY|BABY|RICHARD)(?:Q)?(?:DOE|ROE)|JOHN(?:Q)?PUBLIC|(?:JOE|FRED)BLOGGS|(?:MAX|ERIKA)MUSTERMANN", "(?:(?:ADAM|EVE|EVAN|ALICE)[A-Z]?)?EVERY(?:MAN|WOMAN)(?:\\^*(?:ADAM|EVE|EVAN|ALICE)[A-Z^]*)?", "(?:FIRST|GIVEN)NAME(?:MIDDLENAME)?(?:LAST|FAMILY|SUR)NAME", "SMITH|JONES|DOE|ROE|BLOGGS"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "customer_name: Jane Doe", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 672)),
                    Rule.Example(text: "Patient: John Q. Public", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 673)),
                    Rule.Example(text: "Mr. Smith was admitted with acute decompensated heart failure.", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 674)),
                    Rule.Example(text: "PID|1||10006579^^^1^MRN^1||EVERYMAN^ADAM^A^III||19610615|M", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 675)),
                    Rule.Example(text: "customer_name: Firstname Lastname", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 676)),
                ],
                negativeExamples: [
                    Rule.Example(text: "customer_name: Jane Dorsey", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 678)),
                    Rule.Example(text: "Mr. Okafor was admitted with acute decompensated heart failure.", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 679)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 659)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "placeholder-family-names",
                rules: ["fhir-human-name"],
                source: "the family names of the stand-in persons above when a record gives the family name alone (a FHIR HumanName's `family`); Smith and Jones are left out, being the common surnames of real people too",
                references: ["https://en.wikipedia.org/wiki/John_Doe", "https://www.hl7.org/fhir/patient-example.html"],
                values: [],
                patterns: ["DOE|ROE|BLOGGS|MUSTERMANN|EVERY(?:MAN|WOMAN)|(?:LAST|FAMILY|SUR)NAME(?:UPDATED|\\d{1,3})?|FAMILY"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "{\"name\": [{\"family\": \"Everyman\", \"given\": [\"Adam\"]}]}", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 688)),
                    Rule.Example(text: "{\"name\": [{\"family\": \"DOE\", \"given\": [\"JOHN\"]}]}", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 689)),
                    Rule.Example(text: "\"name\": [{\"given\": [\"Firstname\"], \"family\": \"Lastname\"}],", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 690)),
                ],
                negativeExamples: [
                    Rule.Example(text: "{\"name\": [{\"family\": \"Smith\", \"given\": [\"Maria\"]}]}", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 692)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 681)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "documentation-address-ranges",
                rules: ["ip-address-v4", "ip-address-v6"],
                source: "address ranges reserved for documentation (RFC 5737, RFC 3849)",
                references: ["https://www.rfc-editor.org/rfc/rfc5737", "https://www.rfc-editor.org/rfc/rfc3849"],
                values: [],
                patterns: [],
                domains: [],
                networks: ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"],
                examples: [
                    Rule.Example(text: "ip 192.0.2.44", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 701)),
                    Rule.Example(text: "client ip 203.0.113.9", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 702)),
                    Rule.Example(text: "ip 2001:db8::1", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 703)),
                    Rule.Example(text: "ip ::ffff:192.0.2.1", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 704)),
                ],
                negativeExamples: [
                    Rule.Example(text: "client ip 81.2.69.142", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 706)),
                    Rule.Example(text: "client ip 192.0.3.1", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 707)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 695)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "public-dns-resolvers",
                rules: ["ip-address-v4", "ip-address-v6"],
                source: "public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS), infrastructure rather than a person's address",
                references: ["https://developers.google.com/speed/public-dns/docs/using", "https://developers.cloudflare.com/1.1.1.1/ip-addresses/", "https://www.quad9.net/service/service-addresses-and-features"],
                values: [],
                patterns: [],
                domains: [],
                networks: ["8.8.8.8/32", "8.8.4.4/32", "2001:4860:4860::8888/128", "2001:4860:4860::8844/128", "1.1.1.1/32", "1.0.0.1/32", "2606:4700:4700::1111/128", "2606:4700:4700::1001/128", "9.9.9.9/32", "149.112.112.112/32", "2620:fe::fe/128", "2620:fe::9/128", "208.67.222.222/32", "208.67.220.220/32"],
                examples: [
                    Rule.Example(text: "ip address: 8.8.8.8", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 729)),
                    Rule.Example(text: "ip 1.1.1.1", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 730)),
                    Rule.Example(text: "ipv6 2606:4700:4700::1111", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 731)),
                ],
                negativeExamples: [
                    Rule.Example(text: "ip address: 8.8.8.9", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 733)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 709)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "cdn-edge-networks",
                rules: ["ip-address-v4", "ip-address-v6"],
                source: "published address ranges of content-delivery edges (Cloudflare, Fastly) and of GitHub's web and content hosts, which download and connection logs resolve host names to; servers, not a person's address",
                references: ["https://www.cloudflare.com/ips/", "https://api.fastly.com/public-ip-list", "https://api.github.com/meta"],
                values: [],
                patterns: [],
                domains: [],
                networks: ["173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18", "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17", "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22", "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32", "2a06:98c0::/29", "2c0f:f248::/32", "23.235.32.0/20", "43.249.72.0/22", "103.244.50.0/24", "103.245.222.0/23", "103.245.224.0/24", "104.156.80.0/20", "140.248.64.0/18", "140.248.128.0/17", "146.75.0.0/17", "151.101.0.0/16", "157.52.64.0/18", "167.82.0.0/17", "172.111.64.0/18", "185.31.16.0/22", "199.27.72.0/21", "199.232.0.0/16", "2a04:4e40::/32", "2a04:4e42::/32", "192.30.252.0/22", "185.199.108.0/22", "140.82.112.0/20", "143.55.64.0/20", "2a0a:a440::/29", "2606:50c0::/32"],
                examples: [
                    Rule.Example(text: "ip \"172.66.172.236, 104.20.41.146, 2606:4700:10::ac42:acec, ...\\r\\n\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 791)),
                    Rule.Example(text: "client ip 151.101.1.69", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 792)),
                    Rule.Example(text: "ip 140.82.114.4", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 793)),
                ],
                negativeExamples: [
                    Rule.Example(text: "client ip 81.2.69.142", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 795)),
                    Rule.Example(text: "client ip 172.72.0.1", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 796)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 735)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "aws-documentation-keys",
                rules: ["aws-access-key-id", "aws-secret-access-key"],
                source: "AWS documentation example credentials",
                references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html"],
                values: ["AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"],
                patterns: ["(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{4,12}EXAMPLE", "wJalrXUtnFEMI/K7MDENG[/+]bPxRfiCY[A-Z0-9]{10}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "const FAKE_AWS_SECRET = 'AWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETSKEY';", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 809)),
                    Rule.Example(text: "    expect(redactSecrets(\"temp creds ASIAIOSFODNN7EXAMPLE end\")).toBe(", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 810)),
                    Rule.Example(text: "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 811)),
                    Rule.Example(text: "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 812)),
                    Rule.Example(text: "\"secretAccessKey\": \"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 813)),
                ],
                negativeExamples: [
                    Rule.Example(text: "AWS_ACCESS_KEY_ID=AKIAOURCVMIYWZ5MJ6T3", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 815)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 799)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "vendor-documentation-keys",
                rules: ["google-api-key", "stripe-live-secret-key", "stripe-test-key", "prefixed-live-key", "generic-api-key-assignment"],
                source: "keys that vendors' and scanners' documentation print as the example of a format (Google's AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe; Stripe's documentation test key with its mode changed to live, as detector tests write it)",
                references: ["https://cloud.google.com/docs/authentication/api-keys", "https://docs.stripe.com/keys"],
                values: ["AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "    \"The API key string is an encrypted string, for example, AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe\",  # Google API example", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 823)),
                    Rule.Example(text: "    \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\",  # Stripe api key example", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 824)),
                ],
                negativeExamples: [
                    Rule.Example(text: "GOOGLE_API_KEY=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQf", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 826)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 817)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "vault-documentation-tokens",
                rules: ["vault-service-token"],
                source: "the dev-mode root token that HashiCorp's Vault getting-started guides print (hvs.6j4cuewowBGit65rheNoceI7)",
                references: ["https://developer.hashicorp.com/vault/tutorials/get-started/setup"],
                values: ["hvs.6j4cuewowBGit65rheNoceI7"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "$ export VAULT_TOKEN=\"hvs.6j4cuewowBGit65rheNoceI7\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 834)),
                ],
                negativeExamples: [
                    Rule.Example(text: "$ export VAULT_TOKEN=\"hvs.6j4cuewowBGit65rheNoceI8\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 836)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 828)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "product-default-keys",
                rules: ["env-list-secret-value", "generic-api-key-assignment", "generic-secret-assignment", "generic-token-assignment"],
                source: "API keys that products ship as their documented default (Open WebUI Pipelines' 0p3n-w3bu!), the same in every installation until changed",
                references: ["https://docs.openwebui.com/features/pipelines/"],
                values: ["0p3n-w3bu!"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "  - name: OPENAI_API_KEY\n    value: \"0p3n-w3bu!\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 844)),
                ],
                negativeExamples: [
                    Rule.Example(text: "  - name: OPENAI_API_KEY\n    value: \"0p3n-w3bu!x7Q\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 846)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 838)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "aws-repeated-key-ids",
                rules: ["aws-access-key-id"],
                source: "AWS key id prefix followed by one repeated character (AKIA6666666666666666, a test stub) or ending in a run of one character (a masked id); real ids are random base32",
                references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids"],
                values: [],
                patterns: ["(?:AKIA|ASIA|ABIA|ACCA)([A-Z2-7])\\1{15}", "(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{0,8}([A-Z2-7])\\1{7,}"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "aws_access_key_id=os.getenv('AWS_ACCESS_KEY_ID', 'AKIA6666666666666666'),", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 856)),
                    Rule.Example(text: "AWS_ACCESS_KEY_ID=ASIAAAAAAAAAAAAAAAAA", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 857)),
                    Rule.Example(text: "\"value\": \"AWS4-HMAC-SHA256 Credential=AKIA3QIBJIQWWWWWWWWW/20250826/us-east-2/bedrock/aws4_request\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 858)),
                ],
                negativeExamples: [
                    Rule.Example(text: "AWS_ACCESS_KEY_ID=AKIA6666666666666667", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 860)),
                    Rule.Example(text: "AWS_ACCESS_KEY_ID=AKIA3QIBJIQWWWWWWWXY", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 861)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 848)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "azure-emulator-keys",
                rules: ["azure-storage-account-key", "generic-api-key-assignment", "generic-secret-assignment", "generic-token-assignment"],
                source: "the fixed account keys of Microsoft's local emulators, published in their docs and the same on every machine (Azurite and the Storage Emulator's devstoreaccount1; the Azure Cosmos DB emulator)",
                references: ["https://learn.microsoft.com/en-us/azure/storage/common/storage-use-azurite#http-connection-strings", "https://learn.microsoft.com/en-us/azure/cosmos-db/emulator#authentication"],
                values: ["Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 873)),
                    Rule.Example(text: "WELL_KNOWN_COSMOS_CONNECTION_STRING = \"AccountEndpoint=https://127.0.0.1:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 874)),
                ],
                negativeExamples: [
                    Rule.Example(text: "AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jx==", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 876)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 863)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "supabase-local-development-keys",
                rules: ["jwt", "authorization-bearer-token", "generic-token-assignment", "generic-api-key-assignment", "generic-secret-assignment", "generic-password-assignment"],
                source: "the anon and service_role keys of Supabase's local development stack (issuer supabase-demo, signed with the stack's published default JWT secret), the same on every machine that runs `supabase start`, and the realtime SECRET_KEY_BASE of Supabase's published self-hosting docker-compose",
                references: ["https://supabase.com/docs/guides/local-development/cli/getting-started", "https://supabase.com/docs/guides/self-hosting/docker"],
                values: ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU", "UpNVntn3cDxHJpq99YMc1T1AQgQpc8kfYTuRgBiYa15BLrx8etQoXz3gZv1/u2oq"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "      SECRET_KEY_BASE: UpNVntn3cDxHJpq99YMc1T1AQgQpc8kfYTuRgBiYa15BLrx8etQoXz3gZv1/u2oq", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 887)),
                    Rule.Example(text: "  service_role_key TEXT := 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 888)),
                    Rule.Example(text: "SUPABASE_ANON_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 889)),
                ],
                negativeExamples: [
                    Rule.Example(text: "  service_role_key TEXT := 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IJ';", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 891)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 878)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "edge-read-aloud-client-token",
                rules: ["generic-token-assignment", "generic-secret-assignment", "generic-api-key-assignment"],
                source: "the trusted-client token that Microsoft Edge's Read Aloud sends to its speech service, a constant shipped in the browser and copied into every text-to-speech library that calls the service",
                references: ["https://github.com/rany2/edge-tts"],
                values: ["6A5AA1D4EAFF4E9FB37E23D68491D6F4"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "  private static TRUSTED_CLIENT_TOKEN = \"6A5AA1D4EAFF4E9FB37E23D68491D6F4\";", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 899)),
                ],
                negativeExamples: [
                    Rule.Example(text: "  private static TRUSTED_CLIENT_TOKEN = \"6A5AA1D4EAFF4E9FB37E23D68491D6F5\";", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 901)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 893)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "yarn-npm-search-key",
                rules: ["generic-api-key-assignment", "algolia-admin-api-key"],
                source: "the search-only Algolia key of the npm package search (application OFCNCOG2CU, index npm-search) that every Yarn release bundles in .yarn/releases/yarn-*.cjs; public by design",
                references: ["https://github.com/yarnpkg/berry/blob/master/packages/plugin-interactive-tools/sources/algolia.ts"],
                values: ["6fe4476ee5a1832882e326b506d14126"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "U6={appId:\"OFCNCOG2CU\",apiKey:\"6fe4476ee5a1832882e326b506d14126\",indexName:\"npm-search\"}", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 909)),
                ],
                negativeExamples: [
                    Rule.Example(text: "U6={appId:\"OFCNCOG2CU\",apiKey:\"6fe4476ee5a1832882e326b506d14127\",indexName:\"npm-search\"}", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 911)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 903)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "solana-token-mints",
                rules: ["generic-token-assignment", "generic-api-key-assignment", "generic-secret-assignment"],
                source: "the mint addresses of the most traded Solana tokens (USDC, USDT, wrapped SOL), public account addresses that swap code names as its input or output \"token\"",
                references: ["https://solscan.io/token/EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"],
                values: ["EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB", "So11111111111111111111111111111111111111112"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "        outputToken: \"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 919)),
                ],
                negativeExamples: [
                    Rule.Example(text: "        outputToken: \"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt2v\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 921)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 913)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "library-readme-tokens",
                rules: ["jwt"],
                source: "the token PyJWT's README and docs encode as their first example (jwt.encode with the payload some=payload and the key secret), copied into every vendored copy and pip report of the package",
                references: ["https://pyjwt.readthedocs.io/en/stable/"],
                values: ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: ">>> encoded = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 929)),
                ],
                negativeExamples: [
                    Rule.Example(text: "token = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyMTciLCJyb2xlIjoiYWRtaW4ifQ.Qm9ndXNTaWduYXR1cmVWYWx1ZUhlcmVYWVo\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 931)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 923)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "documentation-passwords",
                rules: ["generic-password-assignment", "generic-password-cli-flag", "postgres-uri-password", "mysql-uri-password", "mongodb-uri-password", "redis-uri-password", "amqp-uri-password", "mssql-uri-password", "jdbc-connection-string-password", "adonet-connection-string-password", "url-basic-auth-credentials", "env-list-secret-value", "redis-config-password"],
                source: "passwords that tutorials and docs use as examples, all on common-password lists (SuperSecret123!, password123, P@ssw0rd, changeme …)",
                references: ["https://www.ncsc.gov.uk/static-assets/documents/PwnedPasswordsTop100k.txt"],
                values: ["password", "password1", "password123", "password123!", "Password1", "Password1!", "Password123", "Password123!", "P@ssw0rd", "P@ssw0rd!", "P@ssw0rd1", "P@ssw0rd123", "P@55w0rd", "Passw0rd", "Passw0rd!", "changeme", "changeme123", "secret123", "supersecret", "SuperSecret123", "SuperSecret123!", "SecurePass123!", "securepass123", "admin123", "Admin123!", "Admin@123", "Admin@1234", "letmein123", "qwerty123", "Test@123", "test1234", "12345678", "123456789", "my-password", "mypassword", "my-secret-password"],
                patterns: ["[A-Za-z0-9_-]*[A-Za-z]{4}(?:0123|1234|2345|3456|4567|5678|6789|123|234|345|456|567|678|789|987|876|765|654|543|432|321|9876|8765|7654|6543|5432|4321)[!@#$%&*.?]?", "(?:[Tt][Ee3][Ss$5][Tt7][-_.]?)?[Pp][Aa@4][Ss$5]{2}[Ww][Oo0][Rr][Dd]\\d{0,4}[!@#$%&*.?]?", "(?:[A-Za-z@$!]|[013457]){2,16}?(?:[Pp][Aa@4][Ss$5]{2}(?:[Ww][Oo0][Rr][Dd])?|[Pp][Ww][Dd])\\d{0,4}[!@#$%&*.?]?", "[Tt]r[Oo0]ub[Aa4]d[Oo0]r&?3[A-Za-z]{0,2}[!@#$%&*.?]?(?:-[A-Z][a-z]+)?", "(?i:correct[-_ ]?horse[-_ ]?battery[-_ ]?staple)"],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "OWNER_PASSWORD = \"ownerpass123!\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 983)),
                    Rule.Example(text: "    owner_user: User = await create_user(email=\"owner@test.com\", password=\"password456\")", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 984)),
                    Rule.Example(text: "        - name: DB_PASSWORD\n          value: \"SuperSecret123!\"  # NEVER DO THIS", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 985)),
                    Rule.Example(text: "password: SuperSecret123!", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 986)),
                    Rule.Example(text: "DB_PASSWORD=\"P@ssw0rd123\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 987)),
                    Rule.Example(text: "mysql --password=SecurePass123! -h db01", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 988)),
                    Rule.Example(text: "    new_password = \"new_reset_password789\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 989)),
                    Rule.Example(text: "TestSqlConnectionString: 'Server=(local);User ID=sa;Password=T3stP@ssw0rd;MultipleActiveResultSets=False'", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 990)),
                    Rule.Example(text: "    password = \"s3cr3tP@ssw0rd!\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 991)),
                    Rule.Example(text: "        json={\"current_password\": \"Tr0ub4dor3a\", \"new_password\": \"An0therStrongPwd!\"},", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 992)),
                    Rule.Example(text: "    req = RegisterRequest(email=\"x@example.com\", password=\"Tr0ub4dor&3-Horse\")", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 993)),
                    Rule.Example(text: "        \"password\": \"Str0ng!Pass99\",", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 994)),
                ],
                negativeExamples: [
                    Rule.Example(text: "DB_PASSWORD=w0zO3pAQ62!922", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 996)),
                    Rule.Example(text: "DB_PASSWORD=\"SuperSecret1357!\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 997)),
                    Rule.Example(text: "DB_PASSWORD=\"T3stP@ssw0rdQx7#Lm\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 998)),
                    Rule.Example(text: "DB_PASSWORD=\"xK9#mQ2Pass\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 999)),
                    Rule.Example(text: "DB_PASSWORD=\"Passage7fQ2x9Lm\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 1000)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 933)
            ))
        file.knownExamples.append(
            KnownExample(
                id: "documented-image-defaults",
                rules: ["generic-password-assignment", "generic-password-cli-flag", "postgres-uri-password", "mysql-uri-password", "mongodb-uri-password", "redis-uri-password", "amqp-uri-password", "mssql-uri-password", "jdbc-connection-string-password", "adonet-connection-string-password", "url-basic-auth-credentials"],
                source: "default or example passwords in official image and product docs (postgres mysecretpassword, mysql my-secret-pw, SQL Server yourStrong(!)Password, MinIO minioadmin, Java keystore changeit)",
                references: ["https://hub.docker.com/_/postgres", "https://hub.docker.com/_/mysql", "https://learn.microsoft.com/en-us/sql/linux/quickstart-install-connect-docker", "https://min.io/docs/minio/linux/administration/identity-access-management/minio-user-management.html", "https://docs.oracle.com/en/java/javase/21/docs/specs/man/keytool.html"],
                values: ["mysecretpassword", "my-secret-pw", "yourStrong(!)Password", "YourStrong@Passw0rd", "YourStrong!Passw0rd", "minioadmin", "changeit"],
                patterns: [],
                domains: [],
                networks: [],
                examples: [
                    Rule.Example(text: "ConnectionString=\"Server=db01;Database=app;User Id=sa;Password=yourStrong(!)Password;\"", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 1015)),
                ],
                negativeExamples: [
                    Rule.Example(text: "docker run -e MYSQL_ROOT_PASSWORD=\"w0zO3pAQ62!922\" -d mysql", expectedSecret: nil, origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 1017)),
                ],
                origin: Rule.Origin(file: "Patterns/known-examples.yml", line: 1002)
            ))
    }
}
