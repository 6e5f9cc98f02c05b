import Testing

@testable import PromptScanCore

/// `ByteScan.firstIndex` (a `memchr` for the needle's rarest byte, then a compare) finds what a
/// plain search finds: the first needle wholly inside the window, case folded when asked.
@Suite struct ByteScanTests {
    /// The first `needle` inside `window`, one position at a time.
    static func plainSearch(_ needle: [UInt8], _ window: Range<Int>, _ bytes: [UInt8], ignoringCase: Bool) -> Int? {
        guard window.count >= needle.count else { return nil }
        for start in window.lowerBound...(window.upperBound - needle.count) {
            let fits = needle.indices.allSatisfy { index in
                let byte = bytes[start + index]
                let wanted = needle[index]
                return byte == wanted || (ignoringCase && wanted >= 97 && wanted <= 122 && byte | 0x20 == wanted)
            }
            if fits { return start }
        }
        return nil
    }

    @Test func findsWhatAPlainSearchFinds() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab.:<R ".utf8)
        let needles = ["a.b", "Rb", "<ab", "b:", "ab a", "R", ".", "ba.:R"].map { Array($0.utf8) }
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let low = Int.random(in: 0...bytes.count, using: &generator)
            let window = low..<Int.random(in: low...bytes.count, using: &generator)
            for needle in needles {
                let found = bytes.withUnsafeBytes { ByteScan.firstIndex(of: needle, in: window, of: $0) }
                #expect(found == Self.plainSearch(needle, window, bytes, ignoringCase: false), "\(needle) in \(bytes) \(window)")
            }
        }
    }

    @Test func foldsCaseAroundItsPunctuationAnchor() {
        let bytes = Array("x <TABLE> y <table> <Tr".utf8)
        bytes.withUnsafeBytes { raw in
            #expect(ByteScan.firstIndex(of: Array("<table".utf8), in: 0..<raw.count, of: raw, ignoringCase: true) == 2)
            #expect(ByteScan.firstIndex(of: Array("<table".utf8), in: 3..<raw.count, of: raw, ignoringCase: true) == 12)
            #expect(ByteScan.firstIndex(of: Array("<tr".utf8), in: 0..<raw.count, of: raw, ignoringCase: true) == 20)
            #expect(ByteScan.firstIndex(of: Array("<tr".utf8), in: 0..<22, of: raw, ignoringCase: true) == nil)
        }
    }

    @Test func anchorIsTheRarestByte() {
        #expect(ByteScan.anchor(of: Array("whois.iana.org".utf8), ignoringCase: false) == 5)
        #expect(ByteScan.anchor(of: Array("Registrar IANA ID".utf8), ignoringCase: false) == 0)
        #expect(ByteScan.anchor(of: Array("name".utf8), ignoringCase: false) == 0)
        #expect(ByteScan.anchor(of: Array("</tr".utf8), ignoringCase: true) == 0)
    }
}
