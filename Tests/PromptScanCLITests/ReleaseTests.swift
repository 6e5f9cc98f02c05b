import Foundation
import TestSupport
import Testing

/// The release tarball `scripts/release.sh` builds (dist/, or PROMPTSCAN_RELEASE_TARBALL): what it
/// holds, its checksum, a binary whose only shared libraries are glibc's, and a binary that scans
/// demo/ with the Swift toolchain's folder hidden. Skipped when no tarball was built (a release
/// build takes minutes, so the test suite does not make one).
@Suite struct ReleaseTests {
    /// The tarball to check, or nil.
    static let tarball: URL? = {
        if let path = ProcessInfo.processInfo.environment["PROMPTSCAN_RELEASE_TARBALL"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let dist = TestPaths.packageRoot.appendingPathComponent("dist")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dist.path)) ?? []
        return names.filter { $0.hasPrefix("promptscan-") && $0.hasSuffix(".tar.gz") }.sorted().last.map { dist.appendingPathComponent($0) }
    }()

    /// Whether this process may make a mount namespace (root, or a user namespace allowed).
    static let mayUnshare: Bool = (try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["unshare", "-m", "true"]))?.status == 0

    /// The toolchain folder the debug binary loads the Swift runtime from (`…/usr/lib/swift/linux/libswiftCore.so`).
    static func toolchainFolder() throws -> String {
        let ldd = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["ldd", TestPaths.binary.path])
        let line = try #require(ldd.stdout.split(separator: "\n").first { $0.contains("libswiftCore.so =>") })
        let path = try #require(line.split(separator: " ").first { $0.hasPrefix("/") && $0.hasSuffix("libswiftCore.so") })
        let marker = "/usr/lib/swift/"
        let range = try #require(path.range(of: marker))
        return String(path[..<range.lowerBound])
    }

    /// The tarball unpacked into a temporary folder; returns the folder and the unpacked release.
    static func unpack() throws -> (TemporaryDirectory, URL) {
        let tarball = try #require(tarball)
        let dir = try TemporaryDirectory("promptscan-release")
        let untar = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-xzf", tarball.path, "-C", dir.path])
        #expect(untar.status == 0, "\(untar.stderr)")
        let name = tarball.lastPathComponent.replacingOccurrences(of: ".tar.gz", with: "")
        return (dir, dir.url.appendingPathComponent(name))
    }

    @Test(.enabled(if: tarball != nil, "no release tarball in dist/ (scripts/release.sh builds one): release checks skipped"))
    func tarballHoldsTheBinaryDocsCompletionsAndManualWithItsChecksum() throws {
        let tarball = try #require(Self.tarball)
        #expect(tarball.lastPathComponent.range(of: #"^promptscan-[0-9][0-9A-Za-z.+-]*-linux-x86_64\.tar\.gz$"#, options: .regularExpression) != nil)
        let sums = try String(contentsOf: tarball.deletingLastPathComponent().appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        let actual = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", tarball.path]).stdout.split(separator: " ").first.map(String.init)
        #expect(sums.contains("\(actual ?? "?")  \(tarball.lastPathComponent)"))
        let (dir, release) = try Self.unpack()
        defer { dir.remove() }
        for file in [
            "promptscan", "LICENSE", "README.md", "CHANGELOG.md", "completions/promptscan.bash", "completions/_promptscan",
            "completions/promptscan.fish", "man/man1/promptscan.1",
        ] {
            #expect(FileManager.default.fileExists(atPath: release.appendingPathComponent(file).path), "\(file) missing")
        }
        #expect(try String(contentsOf: release.appendingPathComponent("man/man1/promptscan.1"), encoding: .utf8).contains("pre-commit"))
        let ldd = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["ldd", release.appendingPathComponent("promptscan").path])
        let libraries = ldd.stdout.split(separator: "\n").compactMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) }
        let glibc = ["linux-vdso.so", "libc.so", "libm.so", "libpthread.so", "libdl.so", "librt.so", "/lib64/ld-linux", "ld-linux"]
        for library in libraries {
            #expect(glibc.contains { library.hasPrefix($0) }, "the release binary needs \(library)")
        }
        let version = try runProcess(release.appendingPathComponent("promptscan"), ["--version"])
        let number = version.stdout.split(separator: " ").first.map(String.init) ?? ""
        #expect(tarball.lastPathComponent.contains("-\(number)-linux"))
    }

    @Test(
        .enabled(if: tarball != nil, "no release tarball in dist/ (scripts/release.sh builds one): release checks skipped"),
        .enabled(if: mayUnshare, "unshare -m is not permitted here: the run without a toolchain was not checked"))
    func releaseBinaryScansDemoWithTheToolchainHidden() throws {
        let (dir, release) = try Self.unpack()
        defer { dir.remove() }
        let toolchain = try Self.toolchainFolder()
        let empty = try TemporaryDirectory("promptscan-empty")
        defer { empty.remove() }
        let hidden = "mount --bind \"$1\" \"$2\" && cd \"$3\" && exec \"$4\" scan demo --no-color"
        func hiddenRun(_ binary: String) throws -> ProcessResult {
            try runProcess(
                URL(fileURLWithPath: "/usr/bin/env"), ["unshare", "-m", "sh", "-c", hidden, "sh", empty.path, toolchain, TestPaths.packageRoot.path, binary])
        }
        // The debug build cannot start there (so the toolchain really is hidden) ...
        let debug = try hiddenRun(TestPaths.binary.path)
        #expect(debug.status != 0 && debug.status != 1, "\(debug.stderr)")
        #expect(debug.stderr.contains("libswiftCore.so") || debug.stderr.contains("error while loading shared libraries"))
        // ... and the release binary prints what the debug build prints with the toolchain present.
        let result = try hiddenRun(release.appendingPathComponent("promptscan").path)
        #expect(result.status == 1, "\(result.stderr)")
        let expected = try promptscan(["scan", "demo", "--no-color"], in: TestPaths.packageRoot)
        #expect(result.stdout == expected.stdout)
        #expect(result.stdout.contains("findings"))
    }
}
