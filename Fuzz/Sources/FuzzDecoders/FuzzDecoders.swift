import PromptScanCore

let paths = ["cassette.yaml", "nb.ipynb", "data.json", "recording.har", "notes.md", "x.txt"]
let classes = FileClass.allCases

/// Decoders: container decoding (JSON strings, notebooks, cassettes, base64 bodies), gzip and the
/// base64 and JSON-string decoders directly, under budgets the input picks, checking that every
/// decoded offset maps back inside the input, that no budget or limit is exceeded, and that giving
/// up is always said (a notice reason) when the budget cut decoding short.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 1 else { return 0 }
    let selector = Int(data[0])
    // The budget: from nothing to 255 KiB in 1 KiB steps (0xFF: the file's default budget).
    let budgetByte = Int(data[1])
    let budget: Int? = budgetByte == 0xFF ? nil : budgetByte << 10
    let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    let path = paths[selector % paths.count]
    let fileClass = classes[(selector / paths.count) % classes.count]
    bytes.withUnsafeBytes { raw in
        let result = ContainerDecoder.decode(raw, path: path, fileClass: fileClass, budget: budget)
        for mask in result.masks { precondition(mask.lowerBound >= 0 && mask.upperBound <= raw.count) }
        if let decoded = result.decoded {
            precondition(decoded.bytes.count <= (budget ?? ContainerDecoder.budget(forFileSize: raw.count)), "over the budget")
            precondition(decoded.map.count == decoded.bytes.count)
            precondition(decoded.offsets.allSatisfy { $0 >= 0 && $0 <= raw.count }, "decoded offset outside the input")
            precondition(decoded.map.footprint <= 16 * (decoded.bytes.count + 1), "offset map larger than one segment per byte")
            if !decoded.bytes.isEmpty {
                let range = decoded.originalRange(of: 0..<decoded.bytes.count)
                precondition(range.lowerBound >= 0 && range.lowerBound <= range.upperBound)
                _ = result.kind(at: 0)
            }
        }
        if let text = JSONStringDecoder.decode(raw, 0..<raw.count), !text.bytes.isEmpty {
            _ = text.originalRange(of: 0..<text.bytes.count)
        }
        let limit = budget ?? Base64Decoder.defaultLimit
        if let body = Base64Decoder.decodeBody(raw, [0..<raw.count], kind: "base64", limit: limit) {
            precondition(body.text.bytes.count <= limit, "body over its limit")
            if !body.text.bytes.isEmpty { _ = body.text.originalRange(of: 0..<body.text.bytes.count) }
        }
    }
    if Gzip.isGzip(bytes) {
        _ = try? Gzip.inflate(bytes, limit: 1 << 20)
        if let (prefix, complete) = try? Gzip.inflatePrefix(bytes, limit: budget ?? (1 << 20)) {
            precondition(prefix.count <= budget ?? (1 << 20) && (complete || prefix.count == budget ?? (1 << 20)))
        }
    }
    return 0
}
