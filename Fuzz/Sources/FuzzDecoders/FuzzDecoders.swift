import PromptScanCore

let paths = ["cassette.yaml", "nb.ipynb", "data.json", "recording.har", "notes.md", "x.txt"]
let classes = FileClass.allCases

/// Decoders: container decoding (JSON strings, notebooks, cassettes, base64 bodies), gzip and the
/// base64 and JSON-string decoders directly, checking that every decoded offset maps back inside
/// the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let selector = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let path = paths[selector % paths.count]
    let fileClass = classes[(selector / paths.count) % classes.count]
    bytes.withUnsafeBytes { raw in
        let result = ContainerDecoder.decode(raw, path: path, fileClass: fileClass)
        for mask in result.masks { precondition(mask.lowerBound >= 0 && mask.upperBound <= raw.count) }
        if let decoded = result.decoded {
            precondition(decoded.offsets.allSatisfy { $0 >= 0 && $0 <= raw.count }, "decoded offset outside the input")
            if !decoded.bytes.isEmpty {
                let range = decoded.originalRange(of: 0..<decoded.bytes.count)
                precondition(range.lowerBound >= 0 && range.lowerBound <= range.upperBound)
                _ = result.kind(at: 0)
            }
        }
        if let text = JSONStringDecoder.decode(raw, 0..<raw.count), !text.bytes.isEmpty {
            _ = text.originalRange(of: 0..<text.bytes.count)
        }
        if let text = Base64Decoder.decode(raw, [0..<raw.count], kind: "base64"), !text.bytes.isEmpty {
            _ = text.originalRange(of: 0..<text.bytes.count)
        }
    }
    if Gzip.isGzip(bytes) { _ = try? Gzip.inflate(bytes, limit: 1 << 20) }
    return 0
}
