import Foundation
import Testing

@testable import PromptScanCore

/// On a line longer than `RuleSet.longLine`, a rule searches only `RuleSet.hitReachBefore` bytes
/// before and `RuleSet.hitReach` after its keyword hits; what it finds must be what it finds on the
/// same text in short lines.
@Suite struct LongLineWindowTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    /// `count` bytes of base64-looking filler (a fixed generator: the same bytes every run).
    static func filler(_ count: Int, seed: UInt64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var state = seed
        var out = [UInt8]()
        out.reserveCapacity(count)
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(alphabet[Int(state >> 58)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func found(_ text: String, rule: String) -> [Finding] {
        scanText(text, rules: Self.rules, as: .fixture, path: "cassette.json").filter { $0.ruleID == rule }
    }

    @Test func windowsCoverTheBytesNearEachHitOnALongLine() {
        // Three keyword hits between spaces on a 300 KB line of encoded text, and a short line.
        let line =
            Self.filler(100_000, seed: 1) + " key " + Self.filler(500, seed: 2) + " key " + Self.filler(100_000, seed: 3)
            + " key " + Self.filler(100_000, seed: 4)
        let bytes = Array((line + "\nshort key line\n").utf8)
        let hits = [100_004, 100_509, 200_514]
        #expect(hits.allSatisfy { Array(bytes[($0 - 3)..<$0]) == Array("key".utf8) })
        bytes.withUnsafeBytes { raw in
            let long = RuleSet.longLines(in: raw)
            #expect(long.lines == [0..<(line.utf8.count + 1)])
            #expect(long.encodedRuns.count == 4, "the four stretches of filler")
            var ends = hits
            let ranges = RuleSet.lines(holding: &ends, in: raw, longLines: long)
            #expect(ranges.count == 2)
            #expect(ranges[0].contains(hits[0] - RuleSet.hitReachBefore) && ranges[0].contains(hits[1] + RuleSet.hitReach))
            #expect(ranges[1].contains(hits[2] - RuleSet.hitReachBefore) && ranges[1].contains(hits[2] + RuleSet.hitReach))
            #expect(ranges.allSatisfy { $0.count < 2 * RuleSet.longestToken && RuleSet.endsMidLine($0, in: raw) })
            // A keyword that turned up by chance inside the encoded text is not searched at all.
            var chance = [50_000]
            #expect(RuleSet.lines(holding: &chance, in: raw, longLines: long).isEmpty)
            // A hit on a short line: that whole line, as always.
            let shortStart = line.utf8.count + 1
            var short = [shortStart + 9]
            #expect(RuleSet.lines(holding: &short, in: raw, longLines: long) == [shortStart..<(shortStart + 15)])
            // The same hits on the same text, with no line counted long: whole lines.
            var plain = hits
            #expect(RuleSet.lines(holding: &plain, in: raw, longLines: .none) == [0..<(line.utf8.count + 1)])
        }
    }

    @Test func aSecretFarAlongALongLineIsFound() {
        let planted = #" "db_password": "Zx9kQ2vLm7pR4tWq" "#
        let text = Self.filler(150_000, seed: 3) + planted + Self.filler(150_000, seed: 5) + "\n"
        let long = found(text, rule: "generic-password-assignment")
        let short = found(planted + "\n", rule: "generic-password-assignment")
        #expect(long.count == 1 && short.count == 1)
        #expect(long.first?.byteRange.count == short.first?.byteRange.count)
    }

    @Test func aTokenLongerThanTheWindowIsFoundWhole() {
        // A JWT of about 5 KB: it runs past the window after its keyword, so the search resumes.
        let header = Self.base64URL(#"{"alg":"HS256","typ":"JWT"}"#)
        let payload = Self.base64URL(#"{"sub":"1234567890","name":"fixture","claims":""# + Self.filler(3_600, seed: 17) + #""}"#)
        let signature = Self.base64URL(Self.filler(32, seed: 19))
        let jwt = "\(header).\(payload).\(signature)"
        #expect(jwt.utf8.count > 2 * RuleSet.hitReach)
        let text = Self.filler(120_000, seed: 11) + #" "authorization": "Bearer "# + jwt + #"" "# + Self.filler(90_000, seed: 13) + "\n"
        #expect(found(#" "authorization": "Bearer "# + jwt + "\"\n", rule: "jwt").count == 1, "found on a short line")
        let long = found(text, rule: "jwt")
        #expect(long.count == 1)
        #expect(long.first?.byteRange.count == jwt.utf8.count)
    }

    @Test func aMatchThatBeginsFarBeforeItsKeywordIsFound() {
        // An ADO.NET connection string: the match runs from `Server=` to the password, and the
        // keyword (`password`) comes some 280 bytes in: a window reaches 512 bytes back from a hit.
        let options = (1...6).map { "Option\($0)=value-\($0)-0123456789" }.joined(separator: ";")
        let connection =
            #""ConnectionStrings": {"Main": "Server=db.internal.corp;Database=orders;"# + options
            + #";User Id=svc_orders;Password=Vq8#Lm2!zT5wRk9p;"}"#
        let short = found(connection + "\n", rule: "adonet-connection-string-password")
        #expect(short.count == 1, "found on a short line")
        let padding = (0..<200).map { #""field\#($0)": "value number \#($0)", "# }.joined()
        let long = found("{" + padding + connection + ", " + padding + "}\n", rule: "adonet-connection-string-password")
        #expect(long.count == 1)
        #expect(long.first?.byteRange.count == short.first?.byteRange.count)
    }
}
