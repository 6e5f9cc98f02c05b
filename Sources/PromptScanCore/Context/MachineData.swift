/// Where a pii/phi match sits in machine data: recordings and notebooks are mostly values that no
/// person typed (base64 media, CDN cookies, WebRTC session descriptions, seeds, log-probabilities,
/// request ids, SVG geometry), and a digit or dot pattern there is not an identifier of a person.
/// Every check looks only at a few hundred bytes around one candidate, so none of them adds work
/// per byte of a file.
public enum MachineData {
    /// Why a match in machine data is not reported; nil when it is not in machine data.
    /// `context` is the rule's own context test (its words around the match): a value under a
    /// key the rule names (`x-forwarded-for`, `phone`) is never machine data. Rules without context
    /// words (their label is part of the pattern) are not tested for bare numbers.
    public static func reason(
        in bytes: UnsafeRawBufferPointer, around range: Range<Int>, context: ContextMatcher
    ) -> String? {
        if insideBase64Run(bytes, range) { return "inside a base64 run" }
        if let sdp = sessionDescriptionLine(bytes, before: range.lowerBound) { return "in the SDP \(sdp) line" }
        if networkToolLine(bytes, before: range.lowerBound) { return "in a download or connection log line" }
        if lineOpens(bytes, before: range.lowerBound, withOneOf: mailAuthenticationOpenings) {
            return "on a mail server's SPF or authentication line (a domain's sending servers)"
        }
        if amongVersions(bytes, range), !context.hit(in: bytes, around: range) { return "among package version numbers" }
        if versionRequirement(bytes, range) { return "a version in a package requirement" }
        if shortenedVersionOnLine(bytes, range) { return "a version: the line also has it without its last part" }
        if urlHost(bytes, range), !context.hit(in: bytes, around: range) { return "the host of a URL (a server, not a person)" }
        if urlPath(bytes, range), !bytes[range].contains(UInt8(ascii: "@")), !labelledQueryValue(bytes, range, context: context),
            !context.hit(in: bytes, around: range)
        {
            return "in the path or query of a URL (a page's or a record's identifier)"
        }
        if packageInstallerLine(bytes, range) { return "in a package installer's output line" }
        if whoisRecord(bytes, range) { return "in a WHOIS record" }
        guard let key = key(of: range, in: bytes) else { return nil }
        if !context.isEmpty && context.matches(key) { return nil }
        if isMachineKey(key) { return "under the machine key \(String(decoding: key, as: UTF8.self))" }
        if !context.isEmpty, isBareNumber(bytes, range), !context.hit(in: bytes, around: range) {
            return "a bare number under a key that names no person's data"
        }
        return nil
    }

    // MARK: - Base64 runs

    /// The shortest base64 run (letters, digits, `+`, `/`, with a match glued inside it) that counts
    /// as an encoded body rather than a word.
    static let base64RunMinimum = 96
    /// How far the run is followed either side of the match.
    static let base64Reach = 512

    /// Whether `range` lies inside a run of at least `base64RunMinimum` base64 characters that
    /// reaches past the match on at least one side (the match is glued to other base64 text: an
    /// image, audio clip or other encoded body, where any short pattern occurs by chance).
    public static func insideBase64Run(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var low = range.lowerBound
        let floor = max(0, range.lowerBound - base64Reach)
        while low > floor && isBase64(bytes[low - 1]) { low -= 1 }
        var high = range.upperBound
        let ceiling = min(bytes.count, range.upperBound + base64Reach)
        while high < ceiling && isBase64(bytes[high]) { high += 1 }
        guard low < range.lowerBound || high > range.upperBound else { return false }
        // The run may continue through the match itself only when the match is base64 text too
        // (an IP address or e-mail address has dots or `@` and ends the run).
        for i in range where !isBase64(bytes[i]) && bytes[i] != 45 && bytes[i] != 32 { return false }
        return high - low >= base64RunMinimum
    }

    /// Whether a base64 run around `range` decodes to binary data (media, compressed or encrypted
    /// bytes): the first 256 characters of the run do not decode to UTF-8 text (control bytes
    /// other than blanks, or byte sequences that are not UTF-8). Secret rules with a checksum or
    /// structure check still run there; others do not.
    public static func insideBinaryBase64(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard insideBase64Run(bytes, range) else { return false }
        var low = range.lowerBound
        let floor = max(0, range.lowerBound - base64Reach)
        while low > floor && isBase64(bytes[low - 1]) { low -= 1 }
        var chunk: [UInt8] = []
        var i = low
        while i < bytes.count && chunk.count < 256 && isBase64(bytes[i]) {
            chunk.append(bytes[i])
            i += 1
        }
        chunk.removeLast(chunk.count % 4)
        guard chunk.count >= 64, let decoded = Base64.decode(chunk, urlSafe: false) else { return false }
        return !isText(decoded)
    }

    /// Whether `bytes` (cut from a longer text at both ends) is UTF-8 text without control bytes
    /// other than tab, line feed and carriage return.
    static func isText(_ bytes: [UInt8]) -> Bool {
        var slice = bytes[...]
        // A character cut at the start leaves continuation bytes; one cut at the end, a lead byte.
        var dropped = 0
        while dropped < 3, let first = slice.first, first & 0xC0 == 0x80 {
            slice = slice.dropFirst()
            dropped += 1
        }
        if let lead = slice.lastIndex(where: { $0 & 0xC0 != 0x80 }), slice[lead] >= 0xC0 { slice = slice[..<lead] }
        if slice.contains(where: { ($0 < 32 && $0 != 9 && $0 != 10 && $0 != 13) || $0 == 127 }) { return false }
        return String(validating: slice, as: UTF8.self) != nil
    }

    @inline(__always) static func isBase64(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 43 || b == 47
    }

    // MARK: - SDP

    /// SDP attributes and lines that carry transport and media parameters, never a person's data.
    static let sessionAttributes: Set<String> = [
        "candidate", "ssrc", "ssrc-group", "ice-ufrag", "ice-pwd", "ice-options", "fingerprint", "msid", "msid-semantic",
        "rtcp", "rtcp-fb", "rtcp-mux", "rtpmap", "fmtp", "mid", "extmap", "group", "setup", "sctp-port", "sctpmap",
        "max-message-size", "remote-candidates",
    ]

    /// How far back the start of an SDP line is looked for (a candidate line is about 120 bytes,
    /// plus the indentation a folded YAML string adds).
    static let sessionLineReach = 256

    /// The SDP line type (`a=candidate`, `o=`, `c=`) holding the byte at `offset`, when it holds
    /// one: the nearest `a=`, `o=` or `c=` before it on its line (lines end at a newline or an
    /// escaped `\n` of a JSON or YAML string; the indented continuation lines of a folded YAML
    /// string are followed) that opens a word, for a transport attribute (`a=candidate:`), `o=`
    /// or `c=IN `.
    static func sessionDescriptionLine(_ bytes: UnsafeRawBufferPointer, before offset: Int) -> String? {
        let floor = max(0, offset - sessionLineReach)
        var i = offset - 1
        while i >= floor {
            let b = bytes[i]
            if b == 92 && i + 1 < offset && bytes[i + 1] == 110 { return nil }  // escaped \n
            if b == 10 && i + 1 < bytes.count && bytes[i + 1] != 32 && bytes[i + 1] != 9 { return nil }
            if (b == 97 || b == 111 || b == 99) && i + 1 < offset && bytes[i + 1] == 61
                && (i == 0 || !ContextMatcher.isWordByte(bytes[i - 1]) || (i >= 2 && bytes[i - 1] == 110 && bytes[i - 2] == 92))
            {
                return sessionLineType(bytes, at: i, before: offset)
            }
            i -= 1
        }
        return nil
    }

    private static func sessionLineType(_ bytes: UnsafeRawBufferPointer, at start: Int, before offset: Int) -> String? {
        guard start + 2 <= offset, bytes[start + 1] == 61 else { return nil }  // "x="
        switch bytes[start] {
        case 111: return "o="
        case 99:
            guard start + 5 <= offset else { return nil }
            return bytes[start + 2] == 73 && bytes[start + 3] == 78 && bytes[start + 4] == 32 ? "c=" : nil
        case 97:
            var end = start + 2
            while end < offset && bytes[end] != 58 && bytes[end] != 32 && end - start < 40 { end += 1 }
            guard end < offset || bytes[end] == 58 else { return nil }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(start + 2)..<end]), as: UTF8.self)
            return sessionAttributes.contains(name) ? "a=\(name)" : nil
        default: return nil
        }
    }

    // MARK: - Network tool output

    /// Line openings of wget and curl progress output, whose addresses are the servers a host name
    /// resolved to (`Resolving raw.githubusercontent.com (…)... 185.199.108.133`).
    static let networkToolOpenings: [[UInt8]] = ["Resolving ", "Connecting to ", "Connected to ", "Trying "].map { Array($0.utf8) }

    /// Mail headers in which a receiving server records the sending domain's verdict: the
    /// addresses there are the domain's permitted servers (`designates … as permitted sender`,
    /// `client-ip=…`) and the mailboxes its bounce addresses, no person's.
    static let mailAuthenticationOpenings: [[UInt8]] = ["Received-SPF:", "Authentication-Results:", "ARC-Authentication-Results:"].map {
        Array($0.utf8)
    }

    /// Whether the line holding `offset` opens (after blanks, a quote or curl's `*`) with one of
    /// `networkToolOpenings`. Lines start after a newline or an escaped `\n` of a notebook or
    /// recording string.
    static func networkToolLine(_ bytes: UnsafeRawBufferPointer, before offset: Int) -> Bool {
        lineOpens(bytes, before: offset, withOneOf: networkToolOpenings)
    }

    /// Whether the line holding `offset` opens (after blanks, a quote or curl's `*`) with one of
    /// `openings`, found within `sessionLineReach` bytes before `offset`.
    static func lineOpens(_ bytes: UnsafeRawBufferPointer, before offset: Int, withOneOf openings: [[UInt8]]) -> Bool {
        let floor = max(0, offset - sessionLineReach)
        var i = offset
        while i > floor {
            let b = bytes[i - 1]
            if b == 10 || (b == 110 && i >= 2 && bytes[i - 2] == 92) { break }
            i -= 1
        }
        guard i == 0 || i > floor else { return false }
        while i < offset {
            if bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 34 || bytes[i] == 42 {
                i += 1
            } else if let end = terminalEscapeEnd(bytes, at: i, limit: offset) {
                i = end
            } else {
                break
            }
        }
        return openings.contains { i + $0.count <= offset && starts(bytes, at: i, with: $0) }
    }

    /// The end of a terminal control sequence at `index` (pip and progress bars open lines with
    /// them: `ESC [ ? 25 h`), raw or escaped in a JSON string (`\u001b[?25h`); nil when none starts there.
    static func terminalEscapeEnd(_ bytes: UnsafeRawBufferPointer, at index: Int, limit: Int) -> Int? {
        var i = index
        if bytes[i] == 27 {
            i += 1
        } else if i + 6 <= limit, starts(bytes, at: i, with: jsonEscape) || starts(bytes, at: i, with: jsonEscapeUpper) {
            i += 6
        } else {
            return nil
        }
        guard i < limit, bytes[i] == 91 else { return nil }  // `[`
        i += 1
        // Parameter and intermediate bytes, then one final byte (`@` … `~`).
        while i < limit && bytes[i] >= 0x20 && bytes[i] <= 0x3F { i += 1 }
        guard i < limit, bytes[i] >= 0x40 && bytes[i] <= 0x7E else { return nil }
        return i + 1
    }

    static let jsonEscape = Array("\\u001b".utf8)
    static let jsonEscapeUpper = Array("\\u001B".utf8)

    /// Whether `marker` is at `offset` in `bytes` (which holds at least `marker.count` bytes there).
    @inline(__always) static func starts(_ bytes: UnsafeRawBufferPointer, at offset: Int, with marker: [UInt8]) -> Bool {
        ByteScan.matches(marker, at: offset, in: bytes)
    }

    /// Whether `marker` occurs wholly inside `window` of `bytes`.
    static func occurs(_ marker: [UInt8], in window: Range<Int>, of bytes: UnsafeRawBufferPointer) -> Bool {
        ByteScan.firstIndex(of: marker, in: window, of: bytes) != nil
    }

    // MARK: - Package installers

    /// Line openings of pip's progress and resolver output, whose four-part numbers are package
    /// versions (`Requirement already satisfied: … (from torch>=1.13.0) (8.9.2.26)`,
    /// `Collecting nvidia-cudnn-cu12==8.9.2.26`).
    static let installerOpenings: [[UInt8]] = [
        "Requirement already satisfied", "Collecting ", "Downloading ", "Using cached ", "Successfully installed ",
        "Installing collected packages", "Found existing installation", "Attempting uninstall", "Successfully uninstalled ",
        "Obtaining ", "Building wheel", "Created wheel", "Stored in directory", "Looking in indexes",
        "ERROR: pip's dependency resolver",
    ].map { Array($0.utf8) }
    /// A phrase of pip's resolver report before an installed version (`… but you have
    /// nvidia-cublas-cu12 12.5.3.2 which is incompatible.`).
    static let installerPhrase = Array("but you have ".utf8)

    /// Whether `range` lies on a line of pip output: the line opens with one of
    /// `installerOpenings`, or the phrase `installerPhrase` comes before the match on its line.
    static func packageInstallerLine(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        if lineOpens(bytes, before: range.lowerBound, withOneOf: installerOpenings) { return true }
        let floor = max(0, range.lowerBound - versionReach)
        var start = range.lowerBound
        while start > floor && bytes[start - 1] != 10 { start -= 1 }
        return occurs(installerPhrase, in: start..<range.lowerBound, of: bytes)
    }

    /// Whether `range` follows a version comparison of a package requirement: `==`, `>=`, `<=`,
    /// `~=`, `!=` or `===`, or a `<` glued to a package name (`prance<24.0.0.0`), with blanks
    /// allowed between. A lone `>` is not one: in markup it closes a tag (`<td>81.2.69.142`).
    static func versionRequirement(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i > 0 && bytes[i - 1] == 32 { i -= 1 }
        guard i >= 2 else { return false }
        let last = bytes[i - 1]
        let before = bytes[i - 2]
        if last == 61 {  // `=` after one of `=`, `>`, `<`, `~`, `!`
            return before == 61 || before == 62 || before == 60 || before == 126 || before == 33
        }
        if last == 60 {  // `<` glued to a package name or extras: `prance<24.0.0.0`, `pkg[all]<2.0.0.0`
            return Validators.isAlphanumeric(before) || before == 93 || before == 95 || before == 45 || before == 46
        }
        return false
    }

    // MARK: - WHOIS records

    /// Fields only a WHOIS response has (ICANN's registration data format and IANA's), around which
    /// the addresses, phones and mailboxes are a registry's, registrar's or name server's: public
    /// registration data, with a person's own details redacted by the registries.
    static let whoisMarkers: [[UInt8]] = [
        "Registrar IANA ID", "Registry Domain ID", "Registrar WHOIS Server", "Registrar Abuse Contact", "% IANA WHOIS server",
        "whois.iana.org", "nserver:", "Name Server:",
    ].map { Array($0.utf8) }
    /// How far before and after a match the markers are looked for (a response runs to a few KB).
    static let whoisReachBefore = 4096
    static let whoisReachAfter = 1024

    /// Whether one of `whoisMarkers` occurs within `whoisReachBefore` bytes before `range` or
    /// `whoisReachAfter` after it.
    static func whoisRecord(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        let window = max(0, range.lowerBound - whoisReachBefore)..<min(bytes.count, range.upperBound + whoisReachAfter)
        return whoisMarkers.contains { occurs($0, in: window, of: bytes) }
    }

    // MARK: - Servers and versions

    /// Whether `range` directly follows `://` (optionally `user@`): the host part of a URL names a
    /// server the code talks to (`http://20.102.90.50:2017/wiki`), not a person's address.
    static func urlHost(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let floor = max(0, i - 64)
        if i > 0 && bytes[i - 1] == UInt8(ascii: "@") {
            i -= 1
            while i > floor && bytes[i - 1] != UInt8(ascii: "/") && bytes[i - 1] > 32 { i -= 1 }
        }
        return i >= 3 && bytes[i - 1] == 47 && bytes[i - 2] == 47 && bytes[i - 3] == 58
    }

    /// Whether `range` is a query value right after `=` or `|` for a rule whose label is part of
    /// its pattern (it has no context words): `Patient?identifier=MRN|94721171`, a FHIR search by
    /// medical record number, where the label is in the query beside the value.
    static func labelledQueryValue(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, context: ContextMatcher) -> Bool {
        guard context.isEmpty, range.lowerBound > 0 else { return false }
        let before = bytes[range.lowerBound - 1]
        return before == UInt8(ascii: "=") || before == UInt8(ascii: "|")
    }

    /// How far back the start of a URL is looked for.
    static let urlReach = 1024

    /// Whether `range` lies in the path or query of a URL (`https://host/…/US2589983`,
    /// `…?variant=43633642438953`, a news slug `…/101-year-old-veteran/…`): the bytes before it,
    /// without blanks or quotes, reach back to `scheme://host/`. Pages and records are named
    /// there by numbers and headlines; a person's data under its own parameter name
    /// (`?phone=…`) is the rule's context and stays, and so does an e-mail address.
    static func urlPath(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let floor = max(0, i - urlReach)
        var slash = false
        while i > floor {
            let b = bytes[i - 1]
            if b <= 32 || b == 34 || b == 39 || b == 60 || b == 62 || b == 96 || b == 92 { return false }
            if b == 47 {
                if i >= 3 && bytes[i - 2] == 47 && bytes[i - 3] == 58 { return slash }
                slash = true
            }
            i -= 1
        }
        return false
    }

    /// Whether a four-part dotted number (`3.53.4.1`) appears on its line, within `versionReach`,
    /// also as its first three parts on their own (`` `3.53.4` ``, `3.53.4.post1`): versions compared
    /// in prose, where the four-part one reads like an IPv4 address.
    static func shortenedVersionOnLine(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard dottedParts(bytes, range) == 4, let lastDot = range.last(where: { bytes[$0] == 46 }) else { return false }
        let prefix = Array(bytes[range.lowerBound..<lastDot])
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isDigitOrDot(_ b: UInt8) -> Bool { isDigit(b) || b == 46 }
        var start = range.lowerBound
        while start > max(0, range.lowerBound - versionReach) && bytes[start - 1] != 10 { start -= 1 }
        var end = range.upperBound
        while end < min(bytes.count, range.upperBound + versionReach) && bytes[end] != 10 { end += 1 }
        var i = start
        while i + prefix.count <= end {
            defer { i += 1 }
            if i == range.lowerBound { continue }
            guard i == 0 || !isDigitOrDot(bytes[i - 1]), starts(bytes, at: i, with: prefix) else { continue }
            let after = i + prefix.count
            if after >= end { return true }
            let next = bytes[after]
            if !isDigitOrDot(next) { return true }
            // `3.53.4.post1`, `3.53.4.dev0`: a dot then a letter.
            if next == 46, after + 1 < end, !isDigit(bytes[after + 1]) { return true }
        }
        return false
    }

    // MARK: - Version lists

    /// How far either side of a dotted number its sibling values are looked for.
    static let versionReach = 160
    /// Sibling version numbers that make a dotted number one of a list of package versions.
    static let versionSiblingsMinimum = 2

    /// Whether `range` is a quoted dotted number (`"4.11.0.86"`) among at least
    /// `versionSiblingsMinimum` other quoted values within `versionReach` bytes on its line that are
    /// dotted numbers of two or three parts (`"1.1.393"`, `"2.0.7"`): a list of installed packages
    /// and their versions, where a four-part version reads like an IPv4 address.
    static func amongVersions(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard range.lowerBound > 0, range.upperBound < bytes.count,
            bytes[range.lowerBound - 1] == 34, bytes[range.upperBound] == 34
        else { return false }
        for i in range where !(bytes[i] >= 48 && bytes[i] <= 57) && bytes[i] != 46 { return false }
        var siblings = 0
        func isVersion(_ value: Range<Int>) -> Bool {
            guard let parts = dottedParts(bytes, value), parts == 2 || parts == 3 else { return false }
            siblings += 1
            return siblings >= versionSiblingsMinimum
        }
        // Quotes pair up from the match's own outwards: before it, a closing quote comes first;
        // after it, an opening one.
        var pending: Int? = nil
        var i = range.lowerBound - 1
        let floor = max(0, range.lowerBound - versionReach)
        while i > floor && bytes[i - 1] != 10 {
            i -= 1
            guard bytes[i] == 34 else { continue }
            if let close = pending {
                if isVersion((i + 1)..<close) { return true }
                pending = nil
            } else {
                pending = i
            }
        }
        pending = nil
        i = range.upperBound + 1
        let ceiling = min(bytes.count, range.upperBound + versionReach)
        while i < ceiling && bytes[i] != 10 {
            if bytes[i] == 34 {
                if let open = pending {
                    if isVersion((open + 1)..<i) { return true }
                    pending = nil
                } else {
                    pending = i
                }
            }
            i += 1
        }
        return false
    }

    /// The number of parts of `bytes[value]` when it is a dotted number (digits in non-empty
    /// parts joined by dots: `1.1.393`), nil otherwise.
    static func dottedParts(_ bytes: UnsafeRawBufferPointer, _ value: Range<Int>) -> Int? {
        var parts = 1
        var digits = 0
        for i in value {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                digits += 1
            } else if b == 46 && digits > 0 {
                parts += 1
                digits = 0
            } else {
                return nil
            }
        }
        return digits > 0 ? parts : nil
    }

    // MARK: - Quoted values

    /// How far back the opening quote of the string holding a match is looked for.
    static let quotedValueReach = 1024

    /// The key of the quoted string value the match lies in (`author_email` in
    /// `"author_email": "A <a@x.org>, B <b@y.org>"`, `authors = "…"`, `maintainer: "…"`): the
    /// nearest unescaped double quote before the match on its line, within `quotedValueReach`
    /// bytes, when a key and its separator end just before it.
    public static func quotedValueKey(of range: Range<Int>, in bytes: UnsafeRawBufferPointer) -> ArraySlice<UInt8>? {
        let floor = max(0, range.lowerBound - quotedValueReach)
        var i = range.lowerBound
        while i > floor {
            let b = bytes[i - 1]
            if b == 10 { return nil }
            if b == 34 && !(i >= 2 && bytes[i - 2] == 92) { break }
            i -= 1
        }
        guard i > floor, bytes[i - 1] == 34 else { return nil }
        return key(endingBefore: i - 1, in: bytes, floor: max(0, i - 1 - 160))
    }

    // MARK: - Keys

    /// The key a value sits under, when it sits directly under one: `"key": value`, `key: value`,
    /// `key=value` (a cookie, a query parameter, an SDP `a=key:value`), with the value's own
    /// token before the match skipped (`__cf_bm=AbC…-1.0.1.1-…`), or the attribute of a quoted
    /// XML attribute value the match lies in (`d="M14,2H6 …"`).
    public static func key(of range: Range<Int>, in bytes: UnsafeRawBufferPointer) -> ArraySlice<UInt8>? {
        let floor = max(0, range.lowerBound - 160)
        var i = range.lowerBound
        // The value's own token: letters, digits and the punctuation of cookies and numbers.
        while i > floor && isValueByte(bytes[i - 1]) { i -= 1 }
        if let key = key(endingBefore: i, in: bytes, floor: floor) { return key }
        return attributeKey(of: range, in: bytes)
    }

    /// The key whose separator (`:` or `=`, quotes and blanks around it) ends just before `index`.
    static func key(endingBefore index: Int, in bytes: UnsafeRawBufferPointer, floor: Int) -> ArraySlice<UInt8>? {
        var i = index
        func skipBlanks() { while i > floor && (bytes[i - 1] == 32 || bytes[i - 1] == 9) { i -= 1 } }
        skipBlanks()
        // A value in angle brackets (`'<CAOw…@mail.gmail.com>'`, a mail header's message id).
        if i > floor && bytes[i - 1] == 60 { i -= 1 }
        if i > floor && (bytes[i - 1] == 34 || bytes[i - 1] == 39) { i -= 1 }
        skipBlanks()
        // The first item of a tuple under the key (`raddr=('35.201.124.182', 443)`).
        if i > floor + 1 && bytes[i - 1] == 40 && (bytes[i - 2] == 61 || bytes[i - 2] == 58) { i -= 1 }
        guard i > floor, bytes[i - 1] == 58 || bytes[i - 1] == 61 else { return nil }
        i -= 1
        skipBlanks()
        if i > floor && (bytes[i - 1] == 34 || bytes[i - 1] == 39) { i -= 1 }
        let end = i
        while i > floor && isKeyByte(bytes[i - 1]) { i -= 1 }
        guard i < end else { return nil }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[i..<end]))[...]
    }

    /// The attribute of the quoted XML attribute value holding `range` (`d` in `<path d="…">`):
    /// the nearest quote before the match on its line, preceded by `name=`. The quote may be
    /// escaped (`<path d=\"…\">` in a notebook's or recording's JSON string).
    static func attributeKey(of range: Range<Int>, in bytes: UnsafeRawBufferPointer) -> ArraySlice<UInt8>? {
        let floor = max(0, range.lowerBound - 2048)
        var i = range.lowerBound
        while i > floor && bytes[i - 1] != 34 && bytes[i - 1] != 10 { i -= 1 }
        guard i > floor + 1, bytes[i - 1] == 34 else { return nil }
        if bytes[i - 2] == 92 && i > floor + 2 { i -= 1 }
        guard bytes[i - 2] == 61 else { return nil }
        var start = i - 2
        let end = start
        while start > floor && isKeyByte(bytes[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))[...]
    }

    @inline(__always) static func isValueByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 46 || b == 95 || b == 43
            || b == 47 || b == 126 || b == 37
    }

    @inline(__always) static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 || b == 46
    }

    /// Keys (tokens joined, lower case) of CDN and load-balancer cookies, SVG geometry and
    /// telemetry whose values are never a person's data.
    static let machineKeys: Set<String> = [
        "cfbm", "cfuvid", "cfclearance", "cfray", "cflb", "cfduid", "awsalb", "awsalbcors", "awselb", "ga", "gid", "gcl",
        "d", "points", "viewbox", "transform", "seed", "ssrc", "candidate", "fingerprint", "msid", "cname", "mslabel",
        "xrequestid", "requestid", "traceid", "spanid", "traceparent", "xamzntraceid", "xamzcfid", "etag", "nonce",
        // The ends of a socket in Python's repr (`raddr=('35.201.124.182', 443)` in a ResourceWarning).
        "raddr", "laddr",
        // Mail headers that hold message ids, not mailboxes.
        "messageid", "inreplyto", "references",
    ]

    /// Last tokens of telemetry keys (`avgLogprobs`, `prompt_tokens`, `created_at`…).
    static let machineLastTokens: Set<String> = [
        "seed", "logprobs", "logprob", "tokens", "ssrc", "ufrag", "timestamp", "created", "duration", "latency", "elapsed",
        "ms", "bytes", "size", "length", "offset", "index", "count", "port", "pid", "hash", "checksum", "digest", "etag",
        "nonce", "fingerprint", "ray",
    ]

    /// Tokens that, before a final `id`, make an id a request, trace or object id of an API.
    static let machineIdOwners: Set<String> = [
        "request", "trace", "span", "response", "run", "message", "msg", "chat", "completion", "event", "call", "tool",
        "item", "object", "correlation", "conversation", "thread", "job", "batch", "file", "upload", "model", "generation",
        "org", "organization", "project", "deployment", "cf", "ray", "build", "commit", "container", "image",
    ]

    /// Whether `key` names machine data (see `machineKeys`, `machineLastTokens`, `machineIdOwners`).
    public static func isMachineKey(_ key: ArraySlice<UInt8>) -> Bool {
        let tokens = ContextMatcher.tokens(key)
        guard let last = tokens.last else { return false }
        if machineKeys.contains(tokens.joined()) || machineLastTokens.contains(last) { return true }
        if last == "id", tokens.count >= 2, machineIdOwners.contains(tokens[tokens.count - 2]) { return true }
        return false
    }

    /// Whether the match is a bare (unquoted) number value: only digits (a sign or decimal point
    /// allowed), right after the key's separator and ended by a delimiter of JSON or YAML.
    static func isBareNumber(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        for i in range where !(bytes[i] >= 48 && bytes[i] <= 57) { return false }
        var before = range.lowerBound
        while before > 0 && (bytes[before - 1] == 45 || bytes[before - 1] == 43) { before -= 1 }
        guard before > 0 else { return false }
        var i = before
        while i > 0 && bytes[i - 1] == 32 { i -= 1 }
        guard i > 0, bytes[i - 1] == 58 || bytes[i - 1] == 61 else { return false }
        guard range.upperBound < bytes.count else { return true }
        let next = bytes[range.upperBound]
        return next == 44 || next == 125 || next == 93 || next == 10 || next == 13 || next == 32
    }
}
