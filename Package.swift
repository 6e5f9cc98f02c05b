// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "promptscan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "promptscan", targets: ["promptscan"]),
        .library(name: "PromptScanCore", targets: ["PromptScanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The only target that imports Glibc (or Darwin), CPCRE2 and CZlib: typed Swift wrappers
        // for files and directories, subprocesses, the atomic report file, PCRE2 and gzip.
        .target(
            name: "PromptScanSystem",
            dependencies: ["CPCRE2", "CZlib"]
        ),
        .target(
            name: "PromptScanCore",
            dependencies: [
                "PromptScanSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "promptscan",
            dependencies: ["PromptScanCore", "PromptScanSystem", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            plugins: ["BuildCommit"]
        ),
        // Writes the commit being built into the `promptscan` target, for `promptscan --version`.
        .plugin(
            name: "BuildCommit",
            capability: .buildTool()
        ),
        // The rule generator (`swift run generate-rules`): writes Patterns/*.yml as Swift source into
        // PromptScanCore/Rules/Generated; DefaultRulesTests checks the result is current.
        .target(
            name: "PromptScanRuleSource",
            dependencies: ["PromptScanCore"]
        ),
        .executableTarget(
            name: "generate-rules",
            dependencies: ["PromptScanRuleSource"]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["PromptScanCore"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "PromptScanCoreTests",
            dependencies: ["PromptScanCore", "PromptScanRuleSource", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "PromptScanCLITests",
            dependencies: ["promptscan", "PromptScanCore", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
