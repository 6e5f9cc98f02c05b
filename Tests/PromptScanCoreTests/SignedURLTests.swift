import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Signed URLs past their expiry: an Azure SAS whose `se` (or user delegation key `ske`) is over
/// is reported low with the date, one still valid keeps its severity.
@Suite struct SignedURLTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func sas(_ text: String) -> [Finding] {
        scanText(text, rules: Self.rules, as: .fixture, path: "tests/recordings/run.yaml").filter { $0.ruleID == "azure-sas-token" }
    }

    static let signature = "3FJPilXjuXXOKP6hI4KBu%2BC8rBN3a0sZlXr1TgFXHq8%3D"

    @Test func anExpiredSignatureIsLowAndSaysWhen() {
        let recorded =
            #"  "sasUrl": "https://acme.blob.core.windows.net/runs/flow.dag.yaml?sv=2019-07-07&sr=b&sig="#
            + Self.signature
            + #"&skoid=55b92eba&skt=2024-05-12T20%3A24%3A15Z&ske=2024-05-14T04%3A34%3A15Z&sks=b&skv=2019-07-07&st=2024-05-13T10%3A00%3A00Z&se=2024-05-13T18%3A10%3A00Z&sp=r""#
            + "\n"
        let found = sas(recorded)
        #expect(found.map(\.severity) == [.low])
        #expect(found.first?.message.contains("expired on 2024-05-13") == true, "\(found.map(\.message))")
    }

    @Test func aValidSignatureKeepsItsSeverity() {
        let live =
            "https://acme.blob.core.windows.net/exports/p.csv?sp=r&st=2025-07-01T08:00:00Z&se=2099-07-01T16:00:00Z&sv=2022-11-02&sr=b&sig="
            + Self.signature + "\n"
        #expect(sas(live).map(\.severity) == [.high])
        // No expiry at all: nothing says it is dead.
        #expect(sas("https://acme.blob.core.windows.net/e/p.csv?sv=2022-11-02&sr=b&sp=r&sig=" + Self.signature + "\n").map(\.severity) == [.high])
    }

    /// A read-only signature for one image (a generated picture, a shared assistant's avatar) opens
    /// that file only: low. Read-only access to one data file, or write access to an image, keeps
    /// its severity.
    @Test func aReadOnlyLinkToOneImageIsLow() {
        let avatar =
            "https://files.example.net/file-pZO1spqW9X?se=2123-10-18T23%3A51%3A44Z&sp=r&sv=2021-08-06&sr=b&rscd=attachment%3B%20filename%3Davatar.png&sig="
            + Self.signature + "\n"
        let found = sas(avatar)
        #expect(found.map(\.severity) == [.low])
        #expect(found.first?.message.contains("only reads one image or media file") == true, "\(found.map(\.message))")
        #expect(
            sas("https://acme.blob.core.windows.net/img/cat.webp?sp=r&se=2123-01-01&sv=2022-11-02&sr=b&sig=" + Self.signature + "\n").map(\.severity) == [.low])
        #expect(
            sas("https://acme.blob.core.windows.net/img/cat.webp?sp=rw&se=2123-01-01&sv=2022-11-02&sr=b&sig=" + Self.signature + "\n").map(\.severity) == [
                .high
            ])
        #expect(sas("https://acme.blob.core.windows.net/img?sp=r&se=2123-01-01&sv=2022-11-02&sr=c&sig=" + Self.signature + "\n").map(\.severity) == [.high])
        #expect(
            sas("https://acme.blob.core.windows.net/e/patients.csv?sp=r&se=2123-01-01&sv=2022-11-02&sr=b&sig=" + Self.signature + "\n").map(\.severity) == [
                .high
            ])
    }

    /// An S3 presigned URL (SigV4) from 2024, valid for 300 seconds, with a temporary key and its session token.
    static func presigned(date: String, expires: String) -> String {
        "https://bucket.s3.amazonaws.com/report.pdf?X-Amz-Security-Token=" + String(repeating: "IQoJb3JpZ2luX2VjEIj%2F%2FwEaCXVzLWVhc3QtMSJHMEU", count: 3)
            + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=\(date)&X-Amz-SignedHeaders=host&X-Amz-Expires=\(expires)"
            + "&X-Amz-Credential=ASIAQ3PHCVTYRWFBXLOR%2F20240630%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc\n"
    }

    @Test func anExpiredPresignedURLIsLow() {
        let found = scanText(Self.presigned(date: "20240630T084836Z", expires: "300"), rules: Self.rules, as: .fixture, path: "data/qa.csv")
            .filter { $0.ruleID.hasPrefix("aws-") }
        #expect(Set(found.map(\.ruleID)) == ["aws-access-key-id", "aws-session-token"])
        #expect(found.allSatisfy { $0.severity == .low }, "\(found.map(\.severity))")
        #expect(found.first?.message.contains("expired on 2024-06-30") == true, "\(found.map(\.message))")
        // Signed in the future (or today): still a credential.
        let live = scanText(Self.presigned(date: "20990630T084836Z", expires: "300"), rules: Self.rules, as: .fixture, path: "data/qa.csv")
            .filter { $0.ruleID.hasPrefix("aws-") }
        #expect(!live.isEmpty && live.allSatisfy { $0.severity > .low })
    }

    /// A presigned URL inside a recorded JSON response writes `&` as `\u0026` (or `&amp;` in HTML).
    @Test func anEscapedPresignedURLInARecordedResponseIsLowToo() {
        for separator in ["\\u0026", "&amp;"] {
            let text =
                "{\"url\": \""
                + Self.presigned(date: "20240630T084836Z", expires: "3600").replacingOccurrences(of: "\n", with: "")
                .replacingOccurrences(of: "&", with: separator) + "\"}\n"
            let found = scanText(text, rules: Self.rules, as: .fixture, path: "tests/cassettes/upload.yaml").filter { $0.ruleID.hasPrefix("aws-") }
            #expect(!found.isEmpty && found.allSatisfy { $0.severity == .low }, "\(separator): \(found.map(\.severity))")
        }
    }

    @Test func presignedLifetimeIsCappedAtSevenDays() {
        let text = Self.presigned(date: "20240630T235959Z", expires: "99999999")
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            let moment = SignedURL.expiry(around: 0..<10, in: raw, parameters: ["X-Amz-Date"])
            #expect(moment?.date == "2024-07-07")
        }
        #expect(SignedURL.parseBasic("20240630T084836Z")?.hour == 8)
        #expect(SignedURL.parseBasic("2024-06-30") == nil)
    }

    @Test func expiryParsing() {
        let text = "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=se=2026-01-01T00:00:00Z&sp=r&sig=x"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            let moment = SignedURL.expiry(around: (text.utf8.count - 1)..<text.utf8.count, in: raw, parameters: ["se"])
            #expect(moment?.date == "2026-01-01")
        }
        #expect(SignedURL.parse("2024-05-14T04:34:15Z")?.second == 15)
        #expect(SignedURL.parse("2024-13-14") == nil)
        #expect(SignedURL.parse("soon") == nil)
        #expect(SignedURL.Moment(year: 2024, month: 5, day: 14, hour: 0, minute: 0, second: 0) < SignedURL.Moment.now)
    }
}
