import Foundation
import PromptScanCore

/// Config parser: arbitrary bytes as `.promptscan.yml`, as a baseline file and as an ignore file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: buffer, as: UTF8.self)
    if let config = try? ScanConfig.parse(yaml: text, path: ".promptscan.yml") {
        _ = config.isScanned("a/b/CLAUDE.md")
        _ = config.fileClass(for: "prompts/x.txt")
    }
    _ = ScanConfig.parseSize(text)
    _ = try? Baseline.parse(Data(buffer), path: "baseline.json")
    let ignore = IgnoreFile(contents: text, base: "")
    _ = ignore.match("src/a/b.txt", isDirectory: false)
    _ = ignore.match("node_modules", isDirectory: true)
    _ = GlobList(text.split(separator: "\n").map(String.init)).matches("a/b/c.md")
    return 0
}
