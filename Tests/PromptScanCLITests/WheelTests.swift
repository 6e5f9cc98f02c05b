import Foundation
import TestSupport
import Testing

/// `packaging/build_wheel.py`: a platform wheel that puts promptscan on PATH. Built here from the
/// test build's binary (the release wheel is the same file around the release binary), installed
/// into a fresh virtual environment from the file alone, and run on demo/.
@Suite struct WheelTests {
    static let venvAvailable: Bool = (try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import venv, ensurepip"]))?.status == 0

    @Test(.enabled(if: venvAvailable, "python3 cannot make a virtual environment (python3-venv): wheel test skipped"))
    func wheelInstallsIntoAFreshVenvAndScansDemo() throws {
        let dir = try TemporaryDirectory("promptscan-wheel")
        defer { dir.remove() }
        // `--version` prints the version, then the commit in brackets.
        let version = try promptscan(["--version"]).stdout.split(separator: " ").first.map(String.init) ?? ""
        let built = try python3([
            TestPaths.packageRoot.appendingPathComponent("packaging/build_wheel.py").path, TestPaths.binary.path, version, dir.path + "/dist",
            "--license", TestPaths.packageRoot.appendingPathComponent("LICENSE").path,
        ])
        #expect(built.status == 0, "\(built.stderr)")
        let wheel = built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = URL(fileURLWithPath: wheel).lastPathComponent
        #expect(name.range(of: #"^promptscan_bin-\#(version)-py3-none-manylinux_2_[0-9]+_x86_64\.whl$"#, options: .regularExpression) != nil, "\(name)")
        // The same binary gives the same wheel, byte for byte.
        let again = try python3([
            TestPaths.packageRoot.appendingPathComponent("packaging/build_wheel.py").path, TestPaths.binary.path, version, dir.path + "/again",
            "--license", TestPaths.packageRoot.appendingPathComponent("LICENSE").path,
        ])
        #expect(
            FileManager.default.contents(atPath: wheel) == FileManager.default.contents(atPath: again.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        // A fresh environment, no index: pip checks the RECORD and puts the binary in bin/.
        let venv = dir.path + "/venv"
        #expect(try python3(["-m", "venv", venv]).status == 0)
        let python = URL(fileURLWithPath: venv + "/bin/python")
        let pip = try runProcess(python, ["-m", "pip", "install", "--quiet", "--no-index", "--no-deps", "--disable-pip-version-check", wheel])
        #expect(pip.status == 0, "\(pip.stdout)\(pip.stderr)")
        let installed = URL(fileURLWithPath: venv + "/bin/promptscan")
        #expect(FileManager.default.isExecutableFile(atPath: installed.path))
        let scan = try runProcess(installed, ["scan", "demo", "--no-color"], in: TestPaths.packageRoot)
        #expect(scan.status == 1)
        let expected = try promptscan(["scan", "demo", "--no-color"], in: TestPaths.packageRoot)
        #expect(scan.stdout == expected.stdout)
        // Uninstalling removes it again.
        #expect(try runProcess(python, ["-m", "pip", "uninstall", "--quiet", "--yes", "promptscan-bin"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: installed.path))
    }
}
