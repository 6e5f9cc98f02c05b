/// The parts of the confidence model (DETECTION.md §0.3, §4.5) that depend on the file class.
public enum PrivacyPolicy {
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
