/// The parts of the confidence model that depend on the file class (docs/detection.md,
/// "Confidence model" and "File classes and severity").
public enum PrivacyPolicy {
    /// Whether a file's name (not its folders: a checkout's own folder may be called anything)
    /// says the data in it are made up: it holds `fake` or `synthetic`, any case, and names no
    /// topic that is about fakes (`fake_real_news_classification.ipynb`).
    public static func namesMadeUpData(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return madeUpDataWords.contains { name.contains($0) } && !fakeTopicWords.contains { name.contains($0) }
    }

    static let madeUpDataWords = ["fake", "synthetic"]
    static let fakeTopicWords = ["news", "review", "detect", "classif"]

    /// Why personal data in such a file are reported as notes.
    static let madeUpDataSource = "the file's name says its data are made up (fake, synthetic)"

    /// Added to a match's confidence when a context word or key is found (at least 0.5 then).
    public static let contextBoost = 0.35
    /// A passing validator raises confidence to at least this.
    public static let validatedConfidence = 0.85
    /// Lines within which two identifier kinds make a PHI record.
    public static let recordLineSpan = 20

    /// The confidence a pii/phi match needs in a file of `fileClass`; nil where such rules do not
    /// run (`.env` files hold configuration, secrets rules cover them).
    public static func threshold(_ fileClass: FileClass) -> Double? {
        switch fileClass {
        case .agentConfig, .prompt, .fixture, .notebook: 0.4
        case .code, .other: 0.5
        case .doc: 0.6
        case .env: nil
        }
    }

    /// Classes whose content is sent to a model: pii/phi findings there are one level more severe.
    public static func escalates(_ fileClass: FileClass) -> Bool { fileClass == .agentConfig || fileClass == .prompt }

    /// Words that tie a value to a person: near them, organisation words (`Rule.organisationContext`)
    /// do not make an address or a mailbox an organisation's ("the patient's employer, Acme Inc.").
    public static let personWords = ContextMatcher(phrases: [
        "patient", "pt", "customer", "client", "member", "resident", "guest", "employee", "applicant",
        "beneficiary", "subscriber", "insured", "lives", "lives at", "resides", "residing", "home",
        "home address", "ship to", "deliver to", "billing", "shipping", "mr", "mrs", "ms", "miss", "dob",
        "date of birth", "born", "ssn", "mrn", "his", "her",
    ])

    /// Mailbox providers for individuals: an address there is a person's, whatever words surround it.
    static let personalMailboxHosts: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "hotmail.com", "outlook.com", "live.com",
        "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me",
        "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "mail.ru", "yandex.ru", "yandex.com", "qq.com",
        "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "btinternet.com",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "yahoo.co.uk", "hotmail.co.uk", "orange.fr",
        "free.fr", "laposte.net", "t-online.de", "libero.it", "naver.com", "hanmail.net", "rediffmail.com",
    ]

    /// Whether the organisation words of `compiled` around `range` make the match an organisation's:
    /// one of them within the rule's `organisationLines`, no person word there, and (for an e-mail
    /// address) a host that is not a personal mailbox provider.
    static func isOrganisations(_ compiled: CompiledRule, value: [UInt8], in bytes: UnsafeRawBufferPointer, around range: Range<Int>) -> Bool {
        guard !compiled.organisationContext.isEmpty else { return false }
        if let at = value.lastIndex(of: UInt8(ascii: "@")) {
            if isPersonalMailbox(host: String(decoding: value[(at + 1)...], as: UTF8.self)) { return false }
        }
        // A lease's parties or a letterhead sit a few lines above the address they own; a little
        // below it too (the premises' description).
        let before = compiled.rule.organisationLines
        let after = min(2, before)
        guard compiled.organisationContext.hitNearby(in: bytes, around: range, linesBefore: before, linesAfter: after) else { return false }
        if personWords.hitNearby(in: bytes, around: range, linesBefore: before, linesAfter: after) { return false }
        // A personal mailbox on the same line makes the line a person's contact details ("contact
        // Trustee Ned Sterling via email …@comcast.net or by phone at …"), whatever rows around it say.
        return !holdsPersonalMailbox(bytes, ContextMatcher.neighbourhood(in: bytes, around: range, linesBefore: 0, linesAfter: 0))
    }

    /// Whether `host` (any case) is a mailbox provider for individuals (`personalMailboxHosts`, and
    /// Yahoo's and Hotmail's country domains).
    static func isPersonalMailbox(host: String) -> Bool {
        let host = host.lowercased()
        return personalMailboxHosts.contains(host) || host.hasPrefix("yahoo.") || host.hasPrefix("hotmail.")
    }

    /// Whether `span` holds an e-mail address at a personal mailbox provider (`personalMailboxHosts`).
    static func holdsPersonalMailbox(_ bytes: UnsafeRawBufferPointer, _ span: Range<Int>) -> Bool {
        func isHostByte(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 45 || byte == 46
        }
        var index = span.lowerBound
        while index < span.upperBound {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "@"), index > span.lowerBound, isHostByte(bytes[index - 1]) else { continue }
            var end = index + 1
            while end < span.upperBound, isHostByte(bytes[end]) { end += 1 }
            var host = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            while host.hasSuffix(".") { host.removeLast() }
            if isPersonalMailbox(host: host) { return true }
        }
        return false
    }

    /// Classes in which the PHI record rule runs.
    public static let recordClasses: Set<FileClass> = [.prompt, .fixture, .notebook]

    /// The value compared with a rule's `known_test` regexes: upper case; spaces, dashes, dots,
    /// slashes, parentheses and `+` removed unless the value holds `@` or `:` (e-mail, IPv6).
    public static func normalisedForKnownTest(_ value: [UInt8]) -> [UInt8] {
        let keepPunctuation = value.contains(UInt8(ascii: "@")) || value.contains(UInt8(ascii: ":"))
        return value.compactMap { b in
            if !keepPunctuation && (b == 32 || b == 45 || b == 46 || b == 47 || b == 40 || b == 41 || b == 43) { return nil }
            return b >= 97 && b <= 122 ? b - 32 : b
        }
    }
}

extension Severity {
    /// One level up (critical stays critical).
    var raised: Severity {
        switch self {
        case .low: .medium
        case .medium: .high
        case .high, .critical: .critical
        }
    }
}
