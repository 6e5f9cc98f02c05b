import PromptScanCore

/// The whole default rule set, compiled once.
let scanner: FileScanner = {
    let rules = try! RuleCatalog.defaultRules()
    return FileScanner(ruleSet: try! RuleSet(rules))
}()
// libFuzzer calls the entry point from one thread.
nonisolated(unsafe) let scratch = MatchScratch(groups: scanner.ruleSet.maxGroups + 1)
let classes = FileClass.allCases
let paths = ["CLAUDE.md", "prompts/a.txt", "tests/fixtures/cassette.yaml", "n.ipynb", ".env", "a.swift", "README.md", "x.bin"]

/// Matcher: arbitrary bytes through the per-file pipeline (prefilter, every default rule's PCRE2
/// pattern, confirmation, locations, decoding). The first byte picks the path and file class.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let selector = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let path = paths[selector % paths.count]
    let fileClass = classes[(selector / paths.count) % classes.count]
    let result = scanner.scanContent(bytes, path: path, fileClass: fileClass, scratch: scratch)
    for finding in result.findings {
        // Every reported location lies inside the file.
        precondition(finding.line >= 1 && finding.column >= 1 && finding.endLine >= finding.line)
        precondition(finding.byteRange.upperBound <= max(result.bytes, bytes.count) || finding.decodedFrom != nil)
        precondition(finding.revealed == nil)
    }
    return 0
}
