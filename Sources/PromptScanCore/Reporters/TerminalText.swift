/// Text from the scanned tree (file names above all) made safe to print on one line of a terminal:
/// control characters are written as escapes, so a file name cannot end a line, forge a summary
/// line, move the cursor or recolour the terminal. Tab, newline and carriage return become `\t`,
/// `\n` and `\r`; other C0 characters, DEL and ESC become `\xNN` (as bytes of a name that is not
/// UTF-8 already are); C1 characters (U+0080–U+009F) become the `\xNN` of their two UTF-8 bytes;
/// the bidirectional overrides and isolates that reorder what a line shows become `\u{NNNN}`.
/// A backslash is kept as it is.
public enum TerminalText {
    /// `text` with every character that could change how the line reads escaped.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00...0x7F: out += hex(UInt8(scalar.value))
            case 0x80...0x9F:
                for byte in String(scalar).utf8 { out += hex(byte) }
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// C0 controls, DEL, C1 controls, and the bidirectional formatting characters.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }
}
