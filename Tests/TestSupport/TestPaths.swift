import Foundation

/// Locations the tests need: the package root, the built binary, and `../shared` when present.
public enum TestPaths {
    /// The package root (this file is Tests/TestSupport/TestPaths.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the project (developers and CI have it; a user's clone does not).
    public static var shared: URL? {
        if let override = ProcessInfo.processInfo.environment["PROMPTSCAN_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("tools/check-sarif").path) ? url : nil
    }

    /// The `promptscan` executable built beside the test bundle.
    public static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("promptscan"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("promptscan"),
            packageRoot.appendingPathComponent(".build/debug/promptscan"),
        ]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return candidates[candidates.count - 1]
    }
}
