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

    /// Runs `script` (sh, with "$@" = `arguments`) in a private mount namespace where the toolchain's
    /// folder is an empty one; returns its result and the wall time it took.
    static func withToolchainHidden(_ script: String, _ arguments: [String]) throws -> (ProcessResult, Duration) {
        let toolchain = try toolchainFolder()
        let empty = try TemporaryDirectory("promptscan-empty")
        defer { empty.remove() }
        let hide = "mount --bind \"$1\" \"$2\" || exit 99; shift 2; " + script
        let clock = ContinuousClock()
        var result: ProcessResult?
        let elapsed = try clock.measure {
            result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["unshare", "-m", "sh", "-c", hide, "sh", empty.path, toolchain] + arguments)
        }
        return (try #require(result), elapsed)
    }

    /// Runs the install `script` ("$1" a fresh download folder, "$2" the package root) with the
    /// toolchain hidden, checking each result with `check`; again, from a fresh download, while it
    /// took 30 seconds or more, at most three times (the other suites share the machine's two cores
    /// while this runs). Returns the wall times.
    static func timedInstalls(_ script: String, check: (ProcessResult) -> Void) throws -> [Duration] {
        var times: [Duration] = []
        while times.count < 3 && !times.contains(where: { $0 < .seconds(30) }) {
            let download = try download()
            defer { download.remove() }
            let (result, elapsed) = try withToolchainHidden(script, [download.path, TestPaths.packageRoot.path])
            check(result)
            times.append(elapsed)
        }
        return times
    }

    /// The release folder (tarball, wheel, SHA256SUMS) copied into a fresh folder, as a user downloads it.
    static func download() throws -> TemporaryDirectory {
        let tarball = try #require(tarball)
        let dir = try TemporaryDirectory("promptscan-download")
        let dist = tarball.deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: dist.path)
        where name == "SHA256SUMS" || name.hasSuffix(".tar.gz") || name.hasSuffix(".whl") {
            try FileManager.default.copyItem(at: dist.appendingPathComponent(name), to: dir.url.appendingPathComponent(name))
        }
        return dir
    }

    @Test(
        .enabled(if: tarball != nil, "no release tarball in dist/ (scripts/release.sh builds one): release checks skipped"),
        .enabled(if: mayUnshare, "unshare -m is not permitted here: the run without a toolchain was not checked"))
    func debugBuildCannotStartWithTheToolchainHidden() throws {
        // So the hidden folder really is the toolchain the binaries would otherwise load from.
        let (debug, _) = try Self.withToolchainHidden(#"cd "$1" && exec "$2" scan demo --no-color"#, [TestPaths.packageRoot.path, TestPaths.binary.path])
        #expect(debug.status != 0 && debug.status != 1 && debug.status != 99, "\(debug.stderr)")
        #expect(debug.stderr.contains("libswiftCore.so") || debug.stderr.contains("error while loading shared libraries"))
    }

    /// The README's tarball install, word for word but into a folder of its own instead of
    /// /usr/local/bin: checksum, unpack, install, `--version`, then `scan demo`, all with the
    /// toolchain hidden and within 30 seconds.
    @Test(
        .enabled(if: tarball != nil, "no release tarball in dist/ (scripts/release.sh builds one): release checks skipped"),
        .enabled(if: mayUnshare, "unshare -m is not permitted here: the run without a toolchain was not checked"))
    func tarballInstallPathScansDemoWithTheToolchainHiddenInUnder30Seconds() throws {
        let install = #"""
            cd "$1" && sha256sum -c SHA256SUMS >&2 && tar -xzf promptscan-*-linux-x86_64.tar.gz \
              && mkdir bin && install promptscan-*/promptscan bin/ && PATH="$1/bin:$PATH" && promptscan --version >&2 \
              && cd "$2" && exec promptscan scan demo --no-color
            """#
        let expected = try promptscan(["scan", "demo", "--no-color"], in: TestPaths.packageRoot)
        let times = try Self.timedInstalls(install) { result in
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains(": OK") && !result.stderr.contains("FAILED"), "\(result.stderr)")
            #expect(result.stdout == expected.stdout)
            #expect(result.stdout.contains("findings"))
        }
        #expect(times.contains { $0 < .seconds(30) }, "the tarball install and first scan took \(times)")
    }

    /// The README's wheel install with the toolchain hidden: a fresh virtual environment, `pip
    /// install` of the downloaded wheel (no index), then `scan demo`, within 30 seconds.
    @Test(
        .enabled(if: tarball != nil, "no release tarball in dist/ (scripts/release.sh builds one): release checks skipped"),
        .enabled(if: mayUnshare, "unshare -m is not permitted here: the run without a toolchain was not checked"),
        .enabled(if: WheelTests.venvAvailable, "python3 cannot make a virtual environment (python3-venv): wheel install not checked"))
    func wheelInstallPathScansDemoWithTheToolchainHiddenInUnder30Seconds() throws {
        let install = #"""
            cd "$1" && sha256sum -c SHA256SUMS >&2 && python3 -m venv venv \
              && venv/bin/python -m pip install --quiet --no-index --no-deps --disable-pip-version-check ./promptscan_bin-*.whl >&2 \
              && cd "$2" && exec "$1/venv/bin/promptscan" scan demo --no-color
            """#
        let expected = try promptscan(["scan", "demo", "--no-color"], in: TestPaths.packageRoot)
        let times = try Self.timedInstalls(install) { result in
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stdout == expected.stdout)
        }
        #expect(times.contains { $0 < .seconds(30) }, "the wheel install and first scan took \(times)")
    }
}
