/// Text recovered from an encoding inside a file, with an offset map back to the file: byte `i`
/// of `bytes` came from the original byte `offsets[i]`; `offsets[bytes.count]` is the end of the
/// encoded region. Findings in it are reported at the original place.
public struct DecodedText: Sendable, Equatable {
    public var bytes: [UInt8]
    public var offsets: [Int]
    /// How it was decoded: `gzip`, `!!binary`, `har-base64`, `vcr-base64`, `json-string`, `notebook`.
    public var kind: String

    public init(bytes: [UInt8], offsets: [Int], kind: String) {
        precondition(offsets.count == bytes.count + 1, "one offset per byte plus the end")
        self.bytes = bytes
        self.offsets = offsets
        self.kind = kind
    }

    /// The original byte range of decoded bytes `range`.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        let start = offsets[range.lowerBound]
        let end = max(start + 1, offsets[range.upperBound])
        return start..<end
    }
}
