import PromptScanCore

/// Rule loader: arbitrary bytes as a rule file, then compiling what loads into a rule set.
/// Errors are expected; crashes, hangs and sanitizer reports are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let rules = try? RuleLoader.parse(yaml: text, path: "fuzz.yml"), !rules.isEmpty else { return 0 }
    guard let ruleSet = try? RuleSet(rules) else { return 0 }
    // Run the loaded rules over the rule file itself, so patterns that compiled are also matched.
    let scanner = FileScanner(ruleSet: ruleSet)
    let scratch = MatchScratch(groups: ruleSet.maxGroups + 1)
    _ = scanner.scanContent(Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.txt", fileClass: .other, scratch: scratch)
    return 0
}
