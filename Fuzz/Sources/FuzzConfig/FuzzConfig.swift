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
    // The trust path: the same bytes as a base revision's config (errors one line, never the
    // content), and every path it names through the containment check.
    switch Result(catching: { () throws(PromptScanError) in try ScanConfig.parse(Data(buffer), path: "0123456789ab:.promptscan.yml") }) {
    case let .success(config):
        for named in config.namedPaths {
            for folder in ["", "sub", "a/b"] {
                guard let relative = PathContainment.relative(named.value, under: folder) else { continue }
                let parts = relative.split(separator: "/")
                precondition(!relative.hasPrefix("/") && !parts.contains("..") && !parts.contains("."), "containment escaped")
            }
        }
    case let .failure(error):
        precondition(!error.description.contains("\n") && error.description.count < 600, "error is not one short line")
    }
    _ = try? TermsFile.parse(Data(buffer), path: "terms.yaml")
    for line in text.split(separator: "\n").prefix(8) { _ = PathGlob.alternativeCount(String(line)) }
    _ = ScanConfig.parseSize(text)
    _ = try? Baseline.parse(Data(buffer), path: "baseline.json")
    let ignore = IgnoreFile(contents: text, base: "")
    _ = ignore.match("src/a/b.txt", isDirectory: false)
    _ = ignore.match("node_modules", isDirectory: true)
    _ = GlobList(text.split(separator: "\n").map(String.init)).matches("a/b/c.md")
    return 0
}
