import Foundation
import PromptScanRuleSource

// Writes the built-in rules of Patterns/*.yml as Swift source into
// Sources/PromptScanCore/Rules/Generated/, one file per pattern file.
//
//   swift run generate-rules [PACKAGE_ROOT]      (default: the current folder)
//
// Files that are already current are left alone (their modification time too), generated files whose
// pattern file is gone are removed, and each change is listed. Exit 0 when done, 1 on a pattern file
// that does not parse or a file that cannot be written (one line on standard error), 64 on bad usage.

let arguments = CommandLine.arguments.dropFirst()
if arguments.count > 1 || arguments.contains(where: { $0.hasPrefix("-") }) {
    FileHandle.standardError.write(Data("usage: generate-rules [PACKAGE_ROOT]\n".utf8))
    exit(64)
}
let root = URL(fileURLWithPath: arguments.first ?? FileManager.default.currentDirectoryPath)

do {
    let files = try RuleSourceEmitter.parsePatterns(packageRoot: root)
    let changes = try RuleSourceEmitter.write(RuleSourceEmitter.render(files), packageRoot: root)
    for change in changes { print(change) }
    let count = files.reduce(0) { $0 + $1.rules.count }
    print("\(count) rules from \(files.count) pattern files; \(changes.isEmpty ? "all generated files were current" : "\(changes.count) file(s) changed")")
} catch {
    FileHandle.standardError.write(Data("generate-rules: error: \(error)\n".utf8))
    exit(1)
}
