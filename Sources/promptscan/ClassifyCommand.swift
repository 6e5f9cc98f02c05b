import ArgumentParser
import PromptScanCore

/// `promptscan classify PATH`: the class of every file a scan would read, for checking coverage.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Print the class of each file under PATH (agent-config, prompt, fixture, notebook, env, code, doc, other).",
        discussion: "One line per file: the class, two spaces, the path. Ignore files are honoured as in scan.")

    @Argument(help: "The directory or file to classify.")
    var path: String = "."

    @Flag(name: .long, help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Flag(name: .long, help: "Do not honour .gitignore and .promptscanignore files.")
    var noIgnore = false

    func run() throws {
        var options = FileWalker.Options()
        options.followSymlinks = followSymlinks
        options.useIgnoreFiles = !noIgnore
        options.maxFileSize = Int.max
        let walked: FileWalker.Result
        do {
            walked = try FileWalker(options: options).walk(root: path)
        } catch {
            throw fail(error)
        }
        let width = FileClass.allCases.map(\.rawValue.count).max() ?? 12
        var text = ""
        for item in walked.items.sorted(by: { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }) {
            text += item.fileClass.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + item.path + "\n"
        }
        Console.out(text)
    }
}
