import ArgumentParser
import Foundation
import PromptScanCore

/// `promptscan pre-push [REMOTE [URL]]`: the pre-push hook. Scans the lines each commit being
/// pushed adds, as `history` does for a range, and blocks the push on a finding.
struct PrePush: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-push",
        abstract: "The pre-push hook: the lines each commit being pushed adds.",
        discussion: """
            As a git pre-push hook it reads git's lines on stdin (local ref, local id, remote ref, \
            remote id) and scans the commits the remote does not have: REMOTE-ID..LOCAL-ID, or for a new \
            branch every commit not on REMOTE's branches. Under the pre-commit framework (stage \
            pre-push) it reads PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF instead. Each finding names its \
            commit. Exit codes: 0 clean; 1 findings at or above --fail-on; 2 configuration, I/O or git \
            error; 64 usage.
            """)

    @OptionGroup var options: RunOptions

    @Argument(help: "The remote's name and URL, as git passes them to a pre-push hook.")
    var remote: [String] = []

    /// What to scan: commits reachable from `tips`, not from `excluded`, nor from the remote's branches.
    struct Range: Equatable, Sendable {
        var tips: [String]
        var excluded: [String] = []
        var notOnRemote: String?
    }

    static let zeroID = Set(["0000000000000000000000000000000000000000", String(repeating: "0", count: 64)])

    /// The ranges git's pre-push lines ask for (`<local ref> <local id> <remote ref> <remote id>`);
    /// a deleted branch pushes nothing. `remoteName` "" stands for every remote.
    static func ranges(gitLines text: String, remoteName: String) -> [Range] {
        text.split(separator: "\n").compactMap { line -> Range? in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 4, !zeroID.contains(fields[1]) else { return nil }
            if zeroID.contains(fields[3]) { return Range(tips: [fields[1]], notOnRemote: remoteName) }
            return Range(tips: [fields[1]], excluded: [fields[3]], notOnRemote: remoteName)
        }
    }

    /// The range the pre-commit framework names in its environment, or nil when it names none.
    /// Pushing a branch whose root commit is new, it sets no refs but the remote and the branch.
    static func frameworkRange(_ environment: [String: String]) -> Range? {
        let remote = environment["PRE_COMMIT_REMOTE_NAME"].map { isName($0) ? $0 : "" }
        if let to = environment["PRE_COMMIT_TO_REF"], !to.isEmpty {
            if let from = environment["PRE_COMMIT_FROM_REF"], !from.isEmpty { return Range(tips: [to], excluded: [from]) }
            return Range(tips: [to], notOnRemote: remote ?? "")
        }
        guard let remote else { return nil }
        let branch = environment["PRE_COMMIT_LOCAL_BRANCH"].flatMap { $0.isEmpty ? nil : $0 } ?? "HEAD"
        return Range(tips: [branch], notOnRemote: remote)
    }

    /// A remote's name (a push to a URL names the URL instead, which is not a ref pattern).
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-") && !text.hasPrefix("/")
            && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-/".unicodeScalars.contains($0) }
            && !text.contains("//")
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var ranges: [Range]
        if let range = PrePush.frameworkRange(environment) {
            ranges = [range]
        } else if standardInputIsTerminal {
            ranges = []  // run by hand at a terminal: git gives a hook its lines on stdin
        } else {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let name = remote.first.map { PrePush.isName($0) ? $0 : "" } ?? ""
            ranges = PrePush.ranges(gitLines: String(decoding: input, as: UTF8.self), remoteName: name)
        }
        do {
            let ranges = ranges
            try runGitScan(options: options, allLines: false, command: "pre-push") { git in
                .changes(git) { changes throws(PromptScanError) in
                    var seen = Set<String>()
                    var files: [ChangedFile] = []
                    for range in ranges {
                        let commits = try changes.commits(reachableFrom: range.tips, excluding: range.excluded, notOnRemote: range.notOnRemote)
                        for commit in commits where seen.insert(commit.id).inserted {
                            files.append(contentsOf: try changes.changes(in: commit))
                        }
                    }
                    return files
                }
            }
        } catch let code as ExitCode where code.rawValue == 1 {
            Console.error(HookScript.blockedPush)
            throw code
        }
    }
}
