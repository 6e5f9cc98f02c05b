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
        public static var now: Moment {
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 0) ?? TimeZone.current, from: Date())
            return Moment(
                year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0,
                hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
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
        func ends(_ b: UInt8) -> Bool { b <= 32 || b == 34 || b == 39 || b == 60 || b == 62 || b == 96 }
        var low = range.lowerBound
        let floor = max(0, range.lowerBound - reach)
        while low > floor && !ends(bytes[low - 1]) { low -= 1 }
        var high = range.upperBound
        let ceiling = min(bytes.count, range.upperBound + reach)
        while high < ceiling && !ends(bytes[high]) { high += 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
        var earliest: Moment?
        for field in text.split(whereSeparator: { $0 == "&" || $0 == "?" || $0 == ";" }) {
            // `SharedAccessSignature=se=…` holds its first parameter after another `=`.
            let pair = field.hasPrefix("SharedAccessSignature=") ? field.dropFirst("SharedAccessSignature=".count) : field[...]
            guard let equals = pair.firstIndex(of: "="), parameters.contains(String(pair[..<equals])) else { continue }
            let value = pair[pair.index(after: equals)...].replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":")
            guard let moment = parse(value) else { continue }
            if earliest.map({ moment < $0 }) ?? true { earliest = moment }
        }
        return earliest
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
