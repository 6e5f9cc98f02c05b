@testable import PromptScanCore

/// Scans `text` as one file of `fileClass` at `path` with `rules`, values unredacted so tests can
/// assert on them: the one helper the scanner suites share instead of each building its own.
func scanText(_ text: String, rules: RuleSet, as fileClass: FileClass, path: String) -> [Finding] {
    let scanner = FileScanner(ruleSet: rules, showSecrets: true)
    return Array(text.utf8).withUnsafeBytes {
        scanner.scan($0, path: path, fileClass: fileClass, scratch: MatchScratch(groups: rules.maxGroups + 1)).findings
    }
}
