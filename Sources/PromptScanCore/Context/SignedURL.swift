import Foundation

/// The expiry of a signed URL (an Azure SAS, for one) read from its query parameters: a signature
/// whose URL expired before the scan grants nothing, and recorded test traffic is full of them.
public enum SignedURL {
    /// A UTC time to the second, compared field by field.
    public struct Moment: Comparable, Sendable {
        public var year, month, day, hour, minute, second: Int

        public static func < (a: Moment, b: Moment) -> Bool {
            (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
        }

        /// The time of the scan, in UTC.
        public static var now: Moment { Moment(Date()) }

        /// The Gregorian calendar in UTC, in which moments are read and written.
        static let utc: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? TimeZone.current
            return calendar
        }()

        /// This moment `seconds` later, in UTC; nil when the calendar cannot say.
        func adding(seconds: Int) -> Moment? {
            let start = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            guard let date = Moment.utc.date(from: start), let later = Moment.utc.date(byAdding: .second, value: seconds, to: date) else { return nil }
            return Moment(later)
        }

        /// `YYYY-MM-DD`.
        public var date: String {
            String(format: "%04d-%02d-%02d", year, month, day)
        }
    }

    /// How far the URL holding a match is followed either side of it.
    static let reach = 2048

    /// The earliest of the `parameters` (`se=2024-05-14T04%3A34%3A15Z`) in the URL or connection
    /// string around `range`, parsed as ISO 8601 dates or times; nil when none is there.
    public static func expiry(around range: Range<Int>, in bytes: UnsafeRawBufferPointer, parameters: [String]) -> Moment? {
        let text = surrounding(range, in: bytes)
        var earliest: Moment?
        var signedAt: Moment?
        var lifetime: Int?
        for field in text.split(whereSeparator: { $0 == "&" || $0 == "?" || $0 == ";" }) {
            // `SharedAccessSignature=se=…` holds its first parameter after another `=`.
            let pair = field.hasPrefix("SharedAccessSignature=") ? field.dropFirst("SharedAccessSignature=".count) : field[...]
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let raw = pair[pair.index(after: equals)...]
            if name == amzExpires { lifetime = Int(raw) }
            guard parameters.contains(name) else { continue }
            if name == amzDate {
                signedAt = parseBasic(String(raw))
                continue
            }
            let value = raw.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":")
            guard let moment = parse(value) else { continue }
            if earliest.map({ moment < $0 }) ?? true { earliest = moment }
        }
        if let signedAt, let end = signedAt.adding(seconds: min(lifetime ?? longestPresign, longestPresign)) {
            if earliest.map({ end < $0 }) ?? true { earliest = end }
        }
        return earliest
    }

    /// The URL or connection string around `range` (out to `reach` bytes either side), with the
    /// separators that JSON strings (a recorded response) and HTML write escaped written plainly.
    static func surrounding(_ range: Range<Int>, in bytes: UnsafeRawBufferPointer) -> String {
        func ends(_ b: UInt8) -> Bool { b <= 32 || b == 34 || b == 39 || b == 60 || b == 62 || b == 96 }
        var low = range.lowerBound
        let floor = max(0, range.lowerBound - reach)
        while low > floor && !ends(bytes[low - 1]) { low -= 1 }
        var high = range.upperBound
        let ceiling = min(bytes.count, range.upperBound + reach)
        while high < ceiling && !ends(bytes[high]) { high += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
            .replacingOccurrences(of: "\\u0026", with: "&").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "\\u003d", with: "=").replacingOccurrences(of: "\\u003D", with: "=")
    }

    /// File name endings of images, audio and video.
    static let mediaExtensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".mp3", ".wav", ".ogg", ".mp4", ".webm"]

    /// Whether the signature around `range` reads one blob and nothing else (`sp=r`, `sr=b`) and
    /// that blob is an image, audio or video file, by the URL's path or the download name in
    /// `rscd`: a media link (a generated image, a shared assistant's avatar) that opens that one
    /// file. A read-only link to a data file (`exports/patients.csv`) is not one.
    public static func isReadOnlyMediaLink(around range: Range<Int>, in bytes: UnsafeRawBufferPointer) -> Bool {
        let text = surrounding(range, in: bytes)
        guard let query = text.firstIndex(of: "?") else { return false }
        var path = text[..<query].lowercased()
        if let scheme = path.range(of: "://") { path = String(path[scheme.upperBound...]) }
        var permissions: Substring?
        var resource: Substring?
        var download = ""
        for field in text[text.index(after: query)...].split(separator: "&") {
            guard let equals = field.firstIndex(of: "=") else { continue }
            let value = field[field.index(after: equals)...]
            switch field[..<equals] {
            case "sp": permissions = value
            case "sr": resource = value
            case "rscd": download = value.lowercased().replacingOccurrences(of: "%22", with: "")
            default: break
            }
        }
        guard permissions == "r", resource == "b" else { return false }
        return mediaExtensions.contains { path.hasSuffix($0) || download.hasSuffix($0) }
    }

    /// AWS Signature Version 4 query parameters: when the URL was signed and for how many seconds.
    static let amzDate = "X-Amz-Date"
    static let amzExpires = "X-Amz-Expires"
    /// The longest a SigV4 presigned URL can be valid: seven days.
    static let longestPresign = 604_800

    /// `20240630T084836Z`, the basic ISO 8601 form of `X-Amz-Date`; nil for anything else.
    static func parseBasic(_ text: String) -> Moment? {
        let digits = Array(text.utf8)
        guard digits.count == 16, digits[8] == 84, digits[15] == 90 else { return nil }
        let extended =
            String(decoding: digits[0..<4], as: UTF8.self) + "-" + String(decoding: digits[4..<6], as: UTF8.self) + "-"
            + String(decoding: digits[6..<8], as: UTF8.self) + "T" + String(decoding: digits[9..<11], as: UTF8.self) + ":"
            + String(decoding: digits[11..<13], as: UTF8.self) + ":" + String(decoding: digits[13..<15], as: UTF8.self) + "Z"
        return parse(extended)
    }

    /// `2024-05-14`, `2024-05-14T04:34Z` or `2024-05-14T04:34:15Z` (fractions and offsets after the
    /// seconds are ignored); nil for anything else.
    static func parse(_ text: String) -> Moment? {
        let digits = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= digits.count else { return nil }
            var value = 0
            for b in digits[start..<(start + count)] {
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let year = number(0, 4), digits.count >= 10, digits[4] == 45, let month = number(5, 2), digits[7] == 45,
            let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var moment = Moment(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        if digits.count >= 16, digits[10] == 84, let hour = number(11, 2), digits[13] == 58, let minute = number(14, 2) {
            moment.hour = hour
            moment.minute = minute
            if digits.count >= 19, digits[16] == 58, let second = number(17, 2) { moment.second = second }
        }
        return moment
    }
}

extension SignedURL.Moment {
    /// The moment of `date`, in UTC (an extension, so the memberwise initialiser stays).
    init(_ date: Date) {
        let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        self.init(
            year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0,
            hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
    }
}
