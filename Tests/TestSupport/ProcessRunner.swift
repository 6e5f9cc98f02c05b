import Foundation

/// What a finished process left behind.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// CI variables that say a run checks a pull or merge request (README, "Trust model").
public let pullRequestVariables = ["GITHUB_EVENT_NAME", "CI_MERGE_REQUEST_IID", "BITBUCKET_PR_ID", "SYSTEM_PULLREQUEST_PULLREQUESTID"]

/// Runs an executable to completion, capturing both streams; `input` is its standard input
/// (written while the output is read, so neither side can block the other), else `/dev/null`.
public func runProcess(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil, input: Data? = nil
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    // The variables that make a run untrusted (a pull request in CI) are left out unless a test
    // sets them, so the suite behaves the same on a pull request's CI job as on a laptop.
    var inherited = ProcessInfo.processInfo.environment
    for name in pullRequestVariables { inherited[name] = nil }
    process.environment = inherited.merging(environment ?? [:]) { _, new in new }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let inputPipe = input.map { _ in Pipe() }
    process.standardInput = inputPipe ?? FileHandle.nullDevice
    try process.run()
    if let inputPipe, let input {
        DispatchQueue.global().async {
            // (Tests give input a child reads whole, or that fits in the pipe's buffer.)
            try? inputPipe.fileHandleForWriting.write(contentsOf: input)
            try? inputPipe.fileHandleForWriting.close()
        }
    }
    // Read both pipes before waiting so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        outData = out.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the built `promptscan` binary.
public func promptscan(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil, input: Data? = nil
) throws -> ProcessResult {
    try runProcess(TestPaths.binary, arguments, in: directory, environment: environment, input: input)
}

/// Runs `python3` with `arguments` (for ../shared tools).
public func python3(_ arguments: [String]) throws -> ProcessResult {
    try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
}

/// What ../shared/eval/score.py printed for a SARIF file: its exit status, its error output, its
/// last line (the overall figures) and that line's `name=value` numbers (`recall`, `precision`, …).
public struct EvalScore {
    public let result: ProcessResult
    public let summary: String
    public let metrics: [String: Double]
}

/// Scores `sarif` (a file) against the labelled corpus in `root` (`LABELS.tsv` and `corpus/`) with
/// ../shared/eval/score.py; nil when ../shared is not beside the project.
public func scoreWithSharedEval(sarif: URL, corpusRoot root: URL) throws -> EvalScore? {
    guard let shared = TestPaths.shared else { return nil }
    let result = try python3([
        shared.appendingPathComponent("eval/score.py").path, root.appendingPathComponent("LABELS.tsv").path,
        sarif.path, "--root", root.appendingPathComponent("corpus").path,
    ])
    let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    let metrics = Dictionary(
        uniqueKeysWithValues: summary.split(separator: " ").compactMap { field -> (String, Double)? in
            let parts = field.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1]) else { return nil }
            return (String(parts[0]), value)
        })
    return EvalScore(result: result, summary: summary, metrics: metrics)
}
