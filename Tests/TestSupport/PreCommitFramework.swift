import Foundation

/// The pre-commit framework (https://pre-commit.com, from PyPI) for the hook tests. Taken from
/// `PROMPTSCAN_PRE_COMMIT_PYTHON` (a python that has `pre_commit`) when set, else installed once into
/// a virtual environment under the system temporary directory and reused by later runs. nil when it
/// cannot be installed (no python3 with venv, no network): the tests that need it are skipped.
public enum PreCommitFramework {
    /// The version installed: pinned, so a new release cannot change what the tests see.
    public static let version = "4.7.0"

    /// The command that runs pre-commit (`python -m pre_commit`), or nil.
    public static let command: [String]? = locate()

    static func locate() -> [String]? {
        if let python = ProcessInfo.processInfo.environment["PROMPTSCAN_PRE_COMMIT_PYTHON"], !python.isEmpty {
            return works(python) ? [python, "-m", "pre_commit"] : nil
        }
        let manager = FileManager.default
        let venv = manager.temporaryDirectory.appendingPathComponent("promptscan-pre-commit-\(version)")
        let python = venv.appendingPathComponent("bin/python").path
        if works(python) { return [python, "-m", "pre_commit"] }
        // Install beside the final place and rename into it: concurrent runs never see half a venv
        // (a venv's own python finds its environment from where it is, so the rename is safe when
        // pre-commit is run as `python -m pre_commit`).
        let staging = manager.temporaryDirectory.appendingPathComponent("promptscan-pre-commit-\(version).tmp-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: staging) }
        guard let created = try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", staging.path]), created.status == 0 else {
            return nil
        }
        let pip = try? runProcess(
            staging.appendingPathComponent("bin/python"),
            ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--retries", "1", "--timeout", "30", "pre-commit==\(version)"])
        guard pip?.status == 0 else { return nil }
        try? manager.moveItem(at: staging, to: venv)  // fails when another run got there first: use theirs
        return works(python) ? [python, "-m", "pre_commit"] : nil
    }

    static func works(_ python: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python),
            let result = try? runProcess(URL(fileURLWithPath: python), ["-m", "pre_commit", "--version"])
        else { return false }
        return result.status == 0 && result.stdout.contains("pre-commit")
    }
}
