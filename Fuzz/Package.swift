// swift-tools-version:6.0
// libFuzzer targets for promptscan. Not part of the main package: `swift build` and `swift test`
// at the top level never see them. Build and run with `Fuzz/run.sh [SECONDS]`.
import PackageDescription

let package = Package(
    name: "promptscan-fuzz",
    dependencies: [.package(name: "promptscan", path: "..")],
    targets: ["FuzzRuleLoader", "FuzzMatcher", "FuzzDecoders", "FuzzConfig"].map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "PromptScanCore", package: "promptscan")],
            path: "Sources/\(name)"
        )
    },
    swiftLanguageModes: [.v6]
)
