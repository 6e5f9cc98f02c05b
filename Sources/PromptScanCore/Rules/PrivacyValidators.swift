import Foundation

/// Checksums, ranges and parsers for personal and health identifiers (docs/detection.md,
/// "Validators"). Each takes the matched value as bytes, separators included.
extension Validators {
    static let privacyValidators: [Validator] = [
        Validator(name: "us-ssn", summary: "SSN ranges: area not 000, 666 or 9xx; group not 00; serial not 0000; one delimiter kind", check: usSSN),
        Validator(name: "us-itin", summary: "ITIN: 9xx area and group 50-65, 70-88, 90-92 or 94-99", check: usITIN),
        Validator(
            name: "payment-card", summary: "13-19 digits, one delimiter kind, grouped as cards are printed, a known IIN prefix, Luhn", check: paymentCard),
        Validator(
            name: "iban", summary: "IBAN country length (ISO 13616), digits-only account part where the country's format says so, mod-97 == 1", check: iban),
        Validator(name: "aba-routing", summary: "ABA routing number: weights 3-7-1, sum mod 10 == 0", check: abaRouting),
        Validator(name: "npi", summary: "NPI: 10 digits starting 1 or 2, Luhn over 80840 + the digits", check: npi),
        Validator(name: "dea", summary: "DEA number: (d1+d3+d5) + 2(d2+d4+d6) ends in d7", check: dea),
        Validator(name: "mbi", summary: "Medicare Beneficiary Identifier positions (no S, L, O, I, B, Z), consistent dashes", check: mbi),
        Validator(name: "nhs-mod11", summary: "NHS number: mod-11 check digit (weights 10..2), 10 invalid", check: nhsMod11),
        Validator(name: "ca-sin", summary: "Canadian SIN: Luhn over 9 digits, first digit not 0 or 8", check: canadianSIN),
        Validator(name: "uk-nino", summary: "UK National Insurance number prefixes and suffix A-D", check: ukNINO),
        Validator(name: "vin", summary: "VIN check digit (position 9, weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2)", check: vin),
        Validator(name: "calendar-date", summary: "a real calendar date (MM/DD or DD/MM tried), year 1900 to this year", check: calendarDate),
        Validator(name: "ipv4", summary: "IPv4: private, loopback and link-local ranges low", assess: ipv4),
        Validator(name: "ipv6", summary: "IPv6 (inet_pton, at least 2 colons): global unicast 2000::/3; private/link-local low", assess: ipv6),
        Validator(
            name: "email",
            summary:
                "a TLD of the IANA root zone that is not a file extension; not a retina asset name (logo@2x.png); not a role, list or organisation mailbox (info@, gwas-info@, biopython@biopython.org)",
            assess: emailAssessment),
        Validator(name: "e164-phone", summary: "8-15 digits after the plus, not all one digit, an assigned country code", check: e164Phone),
        Validator(name: "nanp-phone", summary: "NANP: area and exchange not N11; not a toll-free area code", check: nanpPhone),
        Validator(name: "mrz-td3", summary: "passport MRZ (ICAO 9303 TD3) check digits, weights 7-3-1", check: mrzTD3),
    ]

    // MARK: - Helpers

    static func digits(_ value: [UInt8]) -> [Int] { value.filter { $0 >= 48 && $0 <= 57 }.map { Int($0 - 48) } }

    /// The non-digit, non-letter bytes of `value` are all the same byte (or there are none).
    static func oneDelimiterKind(_ value: [UInt8]) -> Bool {
        Set(value.filter { !isAlphanumeric($0) }).count <= 1
    }

    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

    static func luhn(digits: [Int]) -> Bool {
        guard digits.count >= 2 else { return false }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    static func allSame(_ digits: [Int]) -> Bool { Set(digits).count <= 1 }

    static func number(_ digits: ArraySlice<Int>) -> Int { digits.reduce(0) { $0 * 10 + $1 } }

    // MARK: - National and health identifiers

    @Sendable static func usSSN(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        guard d.count == 9, oneDelimiterKind(value), !allSame(d) else { return false }
        let area = number(d[0..<3])
        // A power of two, or one less (`134217728`, `268435455`), is a bit flag or mask: React's
        // lanes in a minified bundle, not anyone's number.
        let whole = number(d[0..<9])
        if whole & (whole - 1) == 0 || whole & (whole + 1) == 0 { return false }
        return area != 0 && area != 666 && area < 900 && number(d[3..<5]) != 0 && number(d[5..<9]) != 0
    }

    @Sendable static func usITIN(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        guard d.count == 9, oneDelimiterKind(value), d[0] == 9 else { return false }
        let group = number(d[3..<5])
        return (50...65).contains(group) || (70...88).contains(group) || (90...92).contains(group) || (94...99).contains(group)
    }

    @Sendable static func paymentCard(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        guard (13...19).contains(d.count), oneDelimiterKind(value), !allSame(d) else { return false }
        let p2 = number(d[0..<2])
        let p3 = number(d[0..<3])
        let p4 = number(d[0..<4])
        let knownIIN =
            d[0] == 4 || (51...55).contains(p2) || (2221...2720).contains(p4) || p2 == 34 || p2 == 37 || p4 == 6011
            || (644...649).contains(p3) || p2 == 65 || (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39
            || (3528...3589).contains(p4) || p2 == 62 || p2 == 50 || (56...58).contains(p2) || p2 == 63 || p2 == 67
        return knownIIN && luhn(digits: d) && cardGrouping(value)
    }

    /// Whether a card number written in groups is grouped as cards are printed: four-digit groups
    /// (the last may be shorter), or 4-6-5 and 4-6-4 (American Express, Diners Club). A row of
    /// numbers (`[379 100 300 485 159]`) is not a card. An ungrouped number passes.
    static func cardGrouping(_ value: [UInt8]) -> Bool {
        let groups = value.split(whereSeparator: { $0 < 48 || $0 > 57 }).map(\.count)
        guard groups.count > 1 else { return true }
        if groups == [4, 6, 5] || groups == [4, 6, 4] { return true }
        return groups.dropLast().allSatisfy { $0 == 4 } && (groups.last.map { (1...4).contains($0) } ?? false)
    }

    /// IBAN lengths by country, as registered under ISO 13616 (docs/detection.md, "Validators").
    static let ibanLengths: [String: Int] = {
        let table = """
            AD:24 AE:23 AL:28 AT:20 AZ:28 BA:20 BE:16 BG:22 BH:22 BR:29 BY:28 CH:21 CR:22 CY:28 CZ:24 DE:22 \
            DK:18 DO:28 EE:20 EG:29 ES:24 FI:18 FO:18 FR:27 GB:22 GE:22 GI:23 GL:18 GR:27 GT:28 HR:21 HU:28 \
            IE:22 IL:23 IQ:23 IS:26 IT:27 JO:30 KW:30 KZ:20 LB:28 LC:32 LI:21 LT:20 LU:20 LV:21 LY:25 MC:27 \
            MD:24 ME:22 MK:19 MR:27 MT:31 MU:28 NL:18 NO:15 PK:24 PL:28 PS:25 PT:21 QA:25 RO:24 RS:22 SA:24 \
            SC:31 SE:24 SI:19 SK:24 SM:27 TL:23 TN:24 TR:26 UA:29 VA:22 VG:24 XK:20
            """
        return Dictionary(
            uniqueKeysWithValues: table.split(separator: " ").map { entry in
                let parts = entry.split(separator: ":")
                return (String(parts[0]), Int(parts[1])!)
            })
    }()

    /// Countries whose IBAN account part (after the check digits) is digits only (ISO 13616 registry).
    static let numericBBANCountries: Set<String> = [
        "AT", "BA", "BE", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "GL", "HR", "HU", "IL", "LT", "ME", "NO", "PL", "PT",
        "RS", "SE", "SI", "SK", "TN",
    ]

    @Sendable static func iban(_ value: [UInt8]) -> Bool {
        let compact = value.filter { $0 != 32 && $0 != 45 }
        guard compact.count >= 5, compact.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else { return false }
        let country = String(decoding: compact[0..<2], as: UTF8.self)
        guard let length = ibanLengths[country], compact.count == length else { return false }
        // Where the account part is digits only by the country's format, a letter rules it out
        // (a GUID's tail, `BE54-9A1E7A4F7556`, has the right length and may pass mod-97).
        if numericBBANCountries.contains(country), !compact[4...].allSatisfy({ $0 >= 48 && $0 <= 57 }) { return false }
        var remainder = 0
        for byte in compact[4...] + compact[0..<4] {
            let v = byte <= 57 ? Int(byte - 48) : Int(byte - 55)
            remainder = v >= 10 ? (remainder * 100 + v) % 97 : (remainder * 10 + v) % 97
        }
        return remainder == 1
    }

    @Sendable static func abaRouting(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        guard d.count == 9, !allSame(d) else { return false }
        let weights = [3, 7, 1, 3, 7, 1, 3, 7, 1]
        return zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 } % 10 == 0
    }

    @Sendable static func npi(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        guard d.count == 10, oneDelimiterKind(value), d[0] == 1 || d[0] == 2, !allSame(Array(d.dropLast())) else { return false }
        return luhn(digits: [8, 0, 8, 4, 0] + d)
    }

    @Sendable static func dea(_ value: [UInt8]) -> Bool {
        guard value.count == 9 else { return false }
        let letters = Array("ABCDEFGHJKLMPRSTUX".utf8)
        guard letters.contains(value[0]), (value[1] >= 65 && value[1] <= 90) || value[1] == 57 else { return false }
        let d = value[2...].map { Int($0) - 48 }
        guard d.allSatisfy({ (0...9).contains($0) }) else { return false }
        return ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]
    }

    @Sendable static func mbi(_ value: [UInt8]) -> Bool {
        let dashes = value.filter { $0 == 45 }.count
        let compact = value.filter { $0 != 45 }
        guard compact.count == 11, dashes == 0 || (dashes == 2 && value.count == 13 && value[4] == 45 && value[8] == 45) else { return false }
        let letters = Set("ACDEFGHJKMNPQRTUVWXY".utf8)
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        for (index, byte) in compact.enumerated() {
            switch index + 1 {
            case 1: if !(byte >= 49 && byte <= 57) { return false }
            case 2, 5, 8, 9: if !letters.contains(byte) { return false }
            case 3, 6: if !(letters.contains(byte) || isDigit(byte)) { return false }
            default: if !isDigit(byte) { return false }
            }
        }
        return true
    }

    @Sendable static func nhsMod11(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        guard d.count == 10, oneDelimiterKind(value), !allSame(d) else { return false }
        let sum = zip(d.prefix(9), stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        if check == 10 { return false }
        return (check == 11 ? 0 : check) == d[9]
    }

    @Sendable static func canadianSIN(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        guard d.count == 9, oneDelimiterKind(value), d[0] != 0, d[0] != 8, !allSame(d) else { return false }
        return luhn(digits: d)
    }

    @Sendable static func ukNINO(_ value: [UInt8]) -> Bool {
        let compact = value.filter { $0 != 32 }
        guard compact.count == 9 else { return false }
        let first = Set("ABCEGHJKLMNOPRSTWXYZ".utf8)
        let second = Set("ABCEGHJKLMNPRSTWXYZ".utf8)
        guard first.contains(compact[0]), second.contains(compact[1]) else { return false }
        let prefix = String(decoding: compact[0..<2], as: UTF8.self)
        guard !["BG", "GB", "NK", "KN", "NT", "TN", "ZZ"].contains(prefix) else { return false }
        guard compact[2..<8].allSatisfy({ $0 >= 48 && $0 <= 57 }), (65...68).contains(compact[8]) else { return false }
        return true
    }

    @Sendable static func vin(_ value: [UInt8]) -> Bool {
        guard value.count == 17 else { return false }
        let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
        var sum = 0
        var letters = 0
        for (index, byte) in value.enumerated() {
            let v: Int
            switch byte {
            case 48...57: v = Int(byte - 48)
            case 65...72:
                v = Int(byte - 64)  // A-H = 1-8
                letters += 1
            case 74...78:
                v = Int(byte - 73)  // J-N = 1-5
                letters += 1
            case 80:
                v = 7
                letters += 1
            case 82:
                v = 9
                letters += 1
            case 83...90:
                v = Int(byte - 81)  // S-Z = 2-9
                letters += 1
            default: return false
            }
            sum += v * weights[index]
        }
        // A VIN has a manufacturer code and a model-year letter; all-digit runs are other numbers.
        guard letters >= 2 else { return false }
        let remainder = sum % 11
        let expected: UInt8 = remainder == 10 ? UInt8(ascii: "X") : UInt8(48 + remainder)
        return value[8] == expected
    }

    // MARK: - Dates

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        guard (1900...currentYear).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// `1961-03-14`, `19610314`, `03/14/1961`, `14.03.61`, `March 14, 1961`, `14 Mar 1961`.
    @Sendable static func calendarDate(_ value: [UInt8]) -> Bool {
        let text = String(decoding: value, as: UTF8.self).lowercased()
        let parts = text.split(whereSeparator: { " ,./-".contains($0) }).map(String.init)
        func year(_ s: String) -> Int? {
            guard let n = Int(s) else { return nil }
            if s.count == 4 { return n }
            if s.count == 2 {
                let current = Calendar(identifier: .gregorian).component(.year, from: Date()) % 100
                return n <= current ? 2000 + n : 1900 + n
            }
            return nil
        }
        func month(_ s: String) -> Int? {
            if let n = Int(s) { return n }
            return monthNames.firstIndex { s.hasPrefix($0) }.map { $0 + 1 }
        }
        if parts.count == 1, text.count == 8, let y = Int(text.prefix(4)), let m = Int(text.dropFirst(4).prefix(2)),
            let d = Int(text.suffix(2))
        {
            return isValidDate(year: y, month: m, day: d)
        }
        guard parts.count == 3 else { return false }
        if parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            return isValidDate(year: y, month: m, day: d)
        }
        guard let y = year(parts[2]) else { return false }
        if Int(parts[0]) == nil, let m = month(parts[0]), let d = Int(parts[1]) {  // March 14, 1961
            return isValidDate(year: y, month: m, day: d)
        }
        if Int(parts[1]) == nil, let m = month(parts[1]), let d = Int(parts[0]) {  // 14 Mar 1961
            return isValidDate(year: y, month: m, day: d)
        }
        guard let a = Int(parts[0]), let b = Int(parts[1]) else { return false }
        return isValidDate(year: y, month: a, day: b) || isValidDate(year: y, month: b, day: a)
    }

    // MARK: - Network and contact

    @Sendable static func ipv4(_ value: [UInt8]) -> Validator.Assessment {
        let text = String(decoding: value, as: UTF8.self)
        let address = text.split(separator: "/").first.map(String.init) ?? text
        let octets = address.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard octets.count == 4, octets.allSatisfy({ (0...255).contains($0) }) else { return .reject }
        let (a, b) = (octets[0], octets[1])
        if a == 10 || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168) || a == 127 || (a == 169 && b == 254)
            || (a == 100 && (64...127).contains(b)) || a == 0 || a >= 224 || (a == 255)
        {
            return .low("private, loopback, link-local, shared or multicast address")
        }
        // Four small numbers (`1.3.4.1`, `11.4.3.5`, `7.7.3.12`) number a clause of a standard, a
        // release or an OID far more often than a host (a public address has all four parts up to
        // 20 about once in 5,000); the few such hosts are resolvers, not people.
        if octets.allSatisfy({ $0 <= 20 }) && Set(octets).count > 1 {
            return .low("four small numbers: a clause, release or object number more often than a host")
        }
        return .accept
    }

    @Sendable static func ipv6(_ value: [UInt8]) -> Validator.Assessment {
        var text = String(decoding: value, as: UTF8.self)
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }
        guard text.filter({ $0 == ":" }).count >= 2 else { return .reject }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return .reject }
        let bytes = withUnsafeBytes(of: &address) { Array($0) }
        // ::ffff:a.b.c.d carries an IPv4 address: classify that.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return ipv4(Array("\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])".utf8))
        }
        if bytes.allSatisfy({ $0 == 0 }) || (bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1) || (bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80)
            || bytes[0] & 0xfe == 0xfc || bytes[0] == 0xff
        {
            return .low("unspecified, loopback, link-local, unique-local or multicast address")
        }
        // Only 2000::/3 is assigned for global unicast: anything else (`::3`, `0::2`,
        // `1:203:405:607:809:a0b:c0d:e0f`) is a slice or a test literal, not a device's address.
        return bytes[0] & 0xe0 == 0x20 ? .accept : .reject
    }

    static let fileExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "pdf", "js", "mjs", "ts", "tsx", "jsx", "css", "scss",
        "less", "html", "htm", "json", "yaml", "yml", "toml", "xml", "md", "txt", "swift", "py", "pyc", "rb", "go", "rs", "java", "kt",
        "c", "h", "cc", "cpp", "hpp", "m", "mm", "cs", "php", "sh", "lock", "map", "woff", "woff2", "ttf", "otf", "eot", "mp3",
        "mp4", "wav", "ogg", "webm", "gz", "tgz", "bz2", "xz", "tar", "jar", "war", "whl", "egg", "so", "dylib", "dll", "exe", "bin",
        "wasm", "o", "a", "lib", "obj", "class", "log", "csv", "tsv", "ini", "cfg", "conf", "env", "bak", "tmp", "swp", "old", "orig",
        "patch", "diff", "plist", "xib", "storyboard", "nib", "strings", "sql", "db", "sqlite", "proto", "lua", "pl", "pm", "r",
        "dart", "ex", "exs", "erl", "vue", "svelte", "astro", "mdx", "rst", "adoc", "tex", "bib", "ipynb", "local", "internal",
        "lan", "home", "corp", "intranet", "private",
    ]

    @Sendable static func email(_ value: [UInt8]) -> Bool {
        guard let at = value.firstIndex(of: UInt8(ascii: "@")), let dot = value.lastIndex(of: UInt8(ascii: ".")), dot > at else { return false }
        let local = value[..<at]
        let tld = String(decoding: value[(dot + 1)...], as: UTF8.self).lowercased()
        guard tld.count >= 2, topLevelDomains.contains(tld), !fileExtensions.contains(tld) else { return false }
        // Retina asset names: logo@2x.png, icon@3x.
        let localText = String(decoding: local, as: UTF8.self)
        if localText.isEmpty { return false }
        if value[(at + 1)...].first.map({ $0 >= 48 && $0 <= 57 }) == true, value[(at + 1)...].dropFirst().first == UInt8(ascii: "x") {
            return false
        }
        return true
    }

    /// Shared mailboxes, not people: the `email` validator drops them rather than reporting them low
    /// (docs/detection.md, "Validators"), since they are not personal data and code is full of them
    /// (`from_email="digest@…"`).
    static let roleAccounts: Set<String> = [
        "info", "support", "team", "admin", "administrator", "contact", "hello", "sales", "help", "helpdesk", "noreply", "no-reply",
        "donotreply", "digest", "billing", "security", "abuse", "postmaster", "hostmaster", "webmaster", "office", "hr", "jobs",
        "careers", "press", "media", "marketing", "dev", "devs", "developers", "ops", "it", "notifications", "notification",
        "alerts", "alert", "news", "newsletter", "feedback", "privacy", "legal", "root", "mail", "mailer-daemon", "service",
        "bot", "ci", "build", "release", "releases", "test", "tests", "accounts", "accounting", "finance", "orders", "shop",
        "store", "team-lead", "engineering", "maintainers", "maintainer", "bugs", "bug", "issues", "community", "docs", "api",
        // a product's shared demonstration or visitor login (`demo@vendor.com` / `password`), a CI bot's commit address
        "demo", "guest", "action", "actions",
        // outreach desks (`social@`, `partnerships@`, `investors@`), a newsletter's sender (`crew@`)
        "social", "partners", "partnerships", "investors", "sponsors", "sponsorships", "crew",
        // a payment or claims service's sender (`payouts@`, `claims-notify@`)
        "payouts", "payout", "payments", "invoices", "receipts", "notify", "reports", "claims",
        // the SSH user of a git host (`git@github.com`, `git@hf.co` in a clone URL)
        "git",
    ]

    /// Words that make a mailbox a list or a desk when they are one part of its name
    /// (`gwas-info@`, `utilities-announce@`), or a list's command address (`camel-users+subscribe@`).
    static let roleWords: Set<String> = roleAccounts.union([
        "announce", "list", "lists", "mailinglist", "listserv", "desk", "inquiries", "enquiries", "subscribe", "unsubscribe",
        "request", "owner", "users", "devel", "discuss",
    ])
    /// The first label of a mailing-list server's domain (`lists.apache.org`, `googlegroups.com`).
    static let listHosts: Set<String> = ["lists", "list", "listserv", "groups", "googlegroups", "mailman"]
    /// Hosts that take a mailing's bounces (`…@gaia.bounces.google.com`): a machine's return path,
    /// whichever label of the domain names it.
    static let bounceHosts: Set<String> = ["bounces", "bounce"]

    @Sendable static func emailAssessment(_ value: [UInt8]) -> Validator.Assessment {
        guard email(value), let at = value.firstIndex(of: UInt8(ascii: "@")) else { return .reject }
        let local = String(decoding: value[..<at], as: UTF8.self).lowercased()
        if roleAccounts.contains(local) { return .reject }
        // A message's id (`<f8e91234-a876-4321-b098-c3d2e1f09876@vendor.com>`): no one's mailbox is a UUID.
        if isUUID(Array(local.utf8)) { return .reject }
        let parts = local.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "+" || $0 == "." }).map(String.init)
        if parts.count > 1, parts.contains(where: roleWords.contains) { return .reject }
        let domain = String(decoding: value[(at + 1)...], as: UTF8.self).lowercased()
        let labels = domain.split(separator: ".")
        if let host = labels.first, listHosts.contains(String(host)) { return .reject }
        if labels.dropLast().contains(where: { bounceHosts.contains(String($0)) }) { return .reject }
        // A Google Cloud service account (`name@project.iam.gserviceaccount.com`): a machine's
        // identity, whose key file is what matters (the private-key rules report that).
        if labels.suffix(2) == ["gserviceaccount", "com"] { return .reject }
        // An organisation's own mailbox: a dot-less name that holds one of its domain's labels
        // (`biopython@biopython.org`, `open-fda@fda.hhs.gov`). People's addresses are mostly
        // `first.last@`, and a person's name is seldom their employer's domain.
        if !local.contains(".") {
            let names = labels.dropLast().map(String.init)
            if parts.contains(where: { $0.count >= 3 && names.contains($0) }) { return .reject }
        }
        return .accept
    }

    /// Eight, four, four, four and twelve hex digits joined by `-`.
    static func isUUID(_ text: [UInt8]) -> Bool {
        let groups = text.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) } }
    }

    @Sendable static func nanpPhone(_ value: [UInt8]) -> Bool {
        var d = digits(value)
        if d.count == 11 && d[0] == 1 { d.removeFirst() }
        guard d.count == 10 else { return false }
        let areaN11 = d[1] == 1 && d[2] == 1
        let exchangeN11 = d[4] == 1 && d[5] == 1
        // Toll-free area codes are business and help lines, never a person's number.
        let area = number(d[0..<3])
        if tollFreeAreaCodes.contains(area) { return false }
        return d[0] >= 2 && d[3] >= 2 && !areaN11 && !exchangeN11 && !allSame(d)
    }

    /// NANP toll-free area codes (800, 833, 844, 855, 866, 877, 888).
    static let tollFreeAreaCodes: Set<Int> = [800, 833, 844, 855, 866, 877, 888]

    @Sendable static func e164Phone(_ value: [UInt8]) -> Bool {
        let d = digits(value)
        // +1 and a NANP toll-free area code (+1 800-242-8478): a business's line, as `nanpPhone` says.
        if d.count == 11 && d[0] == 1 && tollFreeAreaCodes.contains(number(d[1..<4])) { return false }
        // Country code 1 is the NANP, whose numbers all have ten digits after it: `+1-555-0456`
        // is a made-up short number.
        if d.first == 1 && d.count != 11 { return false }
        return (8...15).contains(d.count) && !allSame(d) && !unassignedCountryCode(d)
    }

    /// Whether the number starts with a country-code prefix the ITU has not assigned (E.164
    /// list of assigned country codes): +28x, +83x, +89x, +80x but 800/808, +87x but 870/878,
    /// +85x but 850/852/853/855/856, +42[4-9], +69[3-9], +969, +978, +990, +991, +999, +21[04579],
    /// +29[2-6]. Such numbers are made up (`+87 668 098 344`).
    static func unassignedCountryCode(_ d: [Int]) -> Bool {
        guard d.count >= 3 else { return false }
        switch (d[0], d[1], d[2]) {
        case (2, 8, _), (8, 3, _), (8, 9, _): return true
        case (8, 0, let x): return x != 0 && x != 8
        case (8, 7, let x): return x != 0 && x != 8
        case (8, 5, let x): return ![0, 2, 3, 5, 6].contains(x)
        case (4, 2, let x): return x >= 4
        case (6, 9, let x): return x >= 3
        case (9, 6, 9), (9, 7, 8), (9, 9, 0), (9, 9, 1), (9, 9, 9): return true
        case (2, 1, let x): return [0, 4, 5, 7, 9].contains(x)
        case (2, 9, let x): return (2...6).contains(x)
        default: return false
        }
    }

    // MARK: - Passport machine-readable zone

    /// ICAO 9303 check digit of `field`: weights 7-3-1, `<` = 0, A = 10 … Z = 35.
    static func mrzCheckDigit<C: Collection>(_ field: C) -> Int where C.Element == UInt8 {
        var sum = 0
        for (index, byte) in field.enumerated() {
            let v: Int
            switch byte {
            case 48...57: v = Int(byte - 48)
            case 65...90: v = Int(byte - 55)
            default: v = 0
            }
            sum += v * [7, 3, 1][index % 3]
        }
        return sum % 10
    }

    /// The second line of a TD3 passport MRZ (44 characters): passport number, birth date and
    /// expiry date check digits.
    @Sendable static func mrzTD3(_ value: [UInt8]) -> Bool {
        // The second line is the match's last 44 bytes, whatever joins it to the first (a newline,
        // indentation, an escaped newline).
        guard value.count >= 44 else { return false }
        let line = Array(value.suffix(44))
        func digit(_ b: UInt8) -> Int? { b >= 48 && b <= 57 ? Int(b - 48) : nil }
        guard let c1 = digit(line[9]), let c2 = digit(line[19]), let c3 = digit(line[27]) else { return false }
        return mrzCheckDigit(line[0..<9]) == c1 && mrzCheckDigit(line[13..<19]) == c2 && mrzCheckDigit(line[21..<27]) == c3
    }
}
