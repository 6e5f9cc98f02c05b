import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile inputs (issue 7) through the real binary: odd bytes, odd line endings, huge and many
/// files, deep and looping trees, special files, unreadable files and names, hostile rules. Each
/// must finish, report what it did not scan with the reason, and lose no finding.
@Suite struct HostileInputTests {
    /// A planted key and the text line holding it.
    static func key(_ seed: UInt64) -> String {
        var fake = FakeSecrets(seed: seed)
        return fake.anthropicKey()
    }

    /// JSON report of a scan, parsed.
    static func json(_ arguments: [String], in directory: URL? = nil) throws -> (ProcessResult, [String: Any]) {
        let result = try promptscan(["scan", "--format", "json"] + arguments, in: directory)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (result, object)
    }

    static func findings(_ object: [String: Any]) -> [[String: Any]] { object["findings"] as? [[String: Any]] ?? [] }
    static func notices(_ object: [String: Any]) -> [String: [String: Any]] {
        var byPath: [String: [String: Any]] = [:]
        for notice in object["notices"] as? [[String: Any]] ?? [] { byPath[notice["path"] as? String ?? ""] = notice }
        return byPath
    }

    @Test func invalidUTF8AndNULBytesMidFileAreScanned() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        // Invalid UTF-8 before the key, and a NUL past the 8 KiB binary-detection window.
        var bytes: [UInt8] = [0xC3, 0x28, 0xFF, 0xFE, 0x80, 0x0A]
        bytes += Array(String(repeating: "filler text line\n", count: 600).utf8)
        bytes += [0x00, 0x0A, 0xED, 0xA0, 0x80, 0x0A]  // a NUL and an encoded surrogate
        bytes += Array("ANTHROPIC_API_KEY=\(Self.key(1))\n".utf8)
        try dir.write("notes.txt", Data(bytes))
        // A NUL inside the window marks a binary file: skipped, and said so.
        try dir.write("blob.dat", Data([0x41, 0x00, 0x42] + Array("ANTHROPIC_API_KEY=\(Self.key(2))\n".utf8)))
        let (result, object) = try Self.json(["."], in: dir.url)
        #expect(result.status == 1)
        let found = Self.findings(object)
        #expect(found.count == 1)
        #expect(found.first?["path"] as? String == "notes.txt")
        #expect(found.first?["line"] as? Int == 604)
        #expect(found.first?["column"] as? Int == 19)
        #expect((Self.notices(object)["blob.dat"]?["message"] as? String)?.contains("NUL byte") == true)
    }

    @Test func utf16FileWithByteOrderMarkIsReportedAsSkippedWithTheReason() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        let text = "ANTHROPIC_API_KEY=\(Self.key(3))\r\n"
        try dir.write("le.txt", Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        try dir.write("be.txt", Data([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }))
        let (result, object) = try Self.json(["."], in: dir.url)
        #expect(result.status == 0)
        let notices = Self.notices(object)
        for name in ["le.txt", "be.txt"] {
            #expect(notices[name]?["kind"] as? String == "skipped")
            #expect((notices[name]?["message"] as? String)?.contains("UTF-16") == true, "\(name)")
        }
        let text2 = try promptscan(["scan", "."], in: dir.url)
        #expect(text2.stdout.contains("le.txt: skipped: UTF-16") || text2.stdout.contains("le.txt") && text2.stdout.contains("UTF-16"))
        #expect(text2.stdout.contains("0 files scanned, 2 skipped"))
    }

    @Test func crlfAndLoneCRLineEndingsGiveTheSameLines() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        let lines = ["first", "second ✓", "ANTHROPIC_API_KEY=\(Self.key(4))", "last"]
        try dir.write("lf.md", lines.joined(separator: "\n"))
        try dir.write("crlf.md", lines.joined(separator: "\r\n"))
        try dir.write("cr.md", lines.joined(separator: "\r"))
        try dir.write("mixed.md", lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n" + lines[3])
        let (result, object) = try Self.json(["."], in: dir.url)
        #expect(result.status == 1)
        let found = Self.findings(object)
        #expect(found.count == 4)
        for finding in found {
            #expect(finding["line"] as? Int == 3, "\(finding["path"] ?? "")")
            #expect(finding["column"] as? Int == 19, "\(finding["path"] ?? "")")
            #expect(finding["end_line"] as? Int == 3)
        }
    }

    @Test func hundredMegabyteOneLineFileIsScannedInWindows() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        // Minified-JS-like: one line of 100 MB, with keys near the start, across the first window
        // boundary (16 MiB) and at the very end.
        let size = 100 * 1024 * 1024
        let path = dir.path + "/bundle.min.js"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let chunk = Array("var a=function(b){return b+1};".utf8)
        var block = [UInt8]()
        while block.count < 1 << 20 { block += chunk }
        block = Array(block.prefix(1 << 20))
        let keys = [Self.key(5), Self.key(6), Self.key(7)]
        let places = [1000, (16 << 20) - 40, size - 200]
        var written = 0
        while written < size {
            var piece = block
            for (key, place) in zip(keys, places) where place >= written && place < written + piece.count {
                let text = Array("k=\"\(key)\";".utf8)
                let at = place - written
                piece.replaceSubrange(at..<min(at + text.count, piece.count), with: text)
            }
            let count = min(piece.count, size - written)
            let result = piece.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, count) }
            #expect(result == count)
            written += count
        }
        close(fd)
        let started = Date()
        let (result, object) = try Self.json([".", "--max-file-size", "200M"], in: dir.url)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1)
        let found = Self.findings(object)
        #expect(found.count == 3, "\(result.stderr)")
        #expect(found.allSatisfy { $0["line"] as? Int == 1 })
        #expect(found.compactMap { $0["column"] as? Int } == places.map { $0 + 4 })
        #expect(elapsed < 300, "hang guard: 100 MB scan took \(elapsed) s")
    }

    /// A recorded fixture over 10 MiB (the old default) is scanned by default: the limit is 100 MiB.
    @Test func aTwelveMegabyteFixtureIsScannedByDefault() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        let filler = String(repeating: "{\"role\": \"assistant\", \"content\": \"ok\"}\n", count: (12 << 20) / 40)
        try dir.write("fixtures/transcript.jsonl", filler + "{\"env\": \"ANTHROPIC_API_KEY=\(Self.key(9))\"}\n")
        let (result, object) = try Self.json(["."], in: dir.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.findings(object).map { $0["rule_id"] as? String } == ["anthropic-api-key"])
        #expect(Self.notices(object)["fixtures/transcript.jsonl"] == nil)
    }

    @Test func oneGigabyteFileOverTheLimitIsSkippedWithoutBeingRead() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        let path = dir.path + "/huge.log"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 1 << 30) == 0)  // sparse: no disk used
        close(fd)
        try dir.write("small.md", "ANTHROPIC_API_KEY=\(Self.key(8))\n")
        let (result, object) = try Self.json(["."], in: dir.url)
        #expect(result.status == 1)
        #expect(Self.findings(object).count == 1)
        let notice = Self.notices(object)["huge.log"]
        #expect(notice?["kind"] as? String == "skipped")
        #expect((notice?["message"] as? String)?.contains("1073741824 bytes, over the 104857600-byte limit") == true)
        // With a limit above its size it is streamed in windows (never held whole); all NUL, it is
        // then skipped as binary after reading one window.
        let big = try Self.json([".", "--max-file-size", "2G"], in: dir.url).1
        #expect((Self.notices(big)["huge.log"]?["message"] as? String)?.contains("NUL byte") == true)
    }

    @Test func hundredThousandTinyFiles() throws {
        // On tmpfs when there is one: creating 100,000 files on the ext4 test disk alone takes
        // over a minute, on tmpfs about three seconds.
        let shm = URL(fileURLWithPath: "/dev/shm")
        let dir =
            access(shm.path, W_OK) == 0
            ? try TemporaryDirectory(at: shm.appendingPathComponent("promptscan-many-\(UUID().uuidString)"))
            : try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        let count = 100_000
        let key = Self.key(9)
        for index in 0..<count {
            let folder = dir.path + "/d\(index / 1000)"
            if index % 1000 == 0 { mkdir(folder, 0o755) }
            let text = index == 77_777 ? "ANTHROPIC_API_KEY=\(key)\n" : "x\(index)\n"
            let fd = open(folder + "/f\(index).txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
            close(fd)
        }
        let started = Date()
        let result = try promptscan(["scan", "."], in: dir.url)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1)
        #expect(result.stdout.contains("d77/f77777.txt:1:19"))
        #expect(result.stdout.contains("1 finding (secret 1) at or above medium; 100000 files scanned, 0 skipped, 0 unreadable"))
        #expect(elapsed < 600, "hang guard: 100,000 files took \(elapsed) s")
    }

    @Test func twoHundredLevelsDeep() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        let deep = (0..<200).map { "l\($0)" }.joined(separator: "/")
        try dir.write(deep + "/CLAUDE.md", "ANTHROPIC_API_KEY=\(Self.key(10))\n")
        let (result, object) = try Self.json(["."], in: dir.url)
        #expect(result.status == 1)
        #expect(Self.findings(object).first?["path"] as? String == deep + "/CLAUDE.md")
    }

    @Test func symlinkLoopsEndAndAreReported() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        try dir.write("a/CLAUDE.md", "ANTHROPIC_API_KEY=\(Self.key(11))\n")
        symlink("..", dir.path + "/a/up")  // a/up -> the root: a loop
        symlink(dir.path + "/a", dir.path + "/a/self")  // a/self -> a
        symlink("self-loop", dir.path + "/self-loop")  // ELOOP
        symlink("b-link", dir.path + "/a-link")
        symlink("a-link", dir.path + "/b-link")  // a two-link cycle
        for extra in [[], ["--follow-symlinks"]] {
            let (result, object) = try Self.json(["."] + extra, in: dir.url)
            #expect(result.status == 1, "\(extra)")
            #expect(Self.findings(object).map { $0["path"] as? String } == ["a/CLAUDE.md"], "\(extra)")
            let notices = Self.notices(object)
            for link in ["a/up", "a/self", "self-loop", "a-link", "b-link"] {
                #expect(notices[link]?["kind"] as? String == "skipped", "\(link) \(extra)")
            }
        }
    }

    @Test func fifosSocketsAndDevicesAreNeverOpened() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        #expect(mkfifo(dir.path + "/pipe", 0o644) == 0)
        // A socket bound to a path in the tree.
        let sock = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let socketPath = dir.path + "/control.sock"
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        defer { close(sock) }
        #expect(bound == 0)
        // A character device (root can mknod; otherwise a link to /dev/zero, followed).
        let madeDevice = mknod(dir.path + "/zero", S_IFCHR | 0o644, dev_t((1 << 8) | 5)) == 0  // makedev(1, 5): /dev/zero
        if !madeDevice { symlink("/dev/zero", dir.path + "/zero") }
        symlink("/dev/urandom", dir.path + "/random")
        try dir.write("ok.md", "ANTHROPIC_API_KEY=\(Self.key(12))\n")
        // Reading the FIFO would block forever and reading /dev/zero would never end: the scan
        // finishing at all shows they were not opened for reading.
        let result = try runProcess(
            URL(fileURLWithPath: "/usr/bin/timeout"),
            ["60", TestPaths.binary.path, "scan", "--format", "json", "--follow-symlinks", "."], in: dir.url)
        #expect(result.status == 1, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let notices = Self.notices(object)
        #expect(notices["pipe"]?["message"] as? String == "a FIFO, not read")
        #expect(notices["control.sock"]?["message"] as? String == "a socket, not read")
        #expect(notices["zero"]?["message"] as? String == "a character device, not read")
        #expect(notices["random"]?["message"] as? String == "a character device, not read")
        #expect(Self.findings(object).count == 1)
    }

    /// How to run a command as an unprivileged user: root ignores file permissions, so a
    /// permission test run by root must drop privileges to mean anything.
    static var unprivileged: [String]? {
        if getuid() != 0 { return [] }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        }
        return nil
    }

    @Test func permissionDeniedFilesAndFoldersAreReportedAndExitTwo() throws {
        guard let prefix = Self.unprivileged else {
            print("skipped: running as root without setpriv, so permissions cannot be denied")
            return
        }
        // The test binary must be reachable by the unprivileged user: copy it to /tmp.
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer {
            chmod(dir.path + "/locked", 0o755)
            dir.remove()
        }
        chmod(dir.path, 0o755)
        let binary = dir.path + "/bin/promptscan"
        try FileManager.default.createDirectory(atPath: dir.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.binary.path, toPath: binary)
        let tree = dir.path + "/tree"
        try dir.write("tree/open.md", "ANTHROPIC_API_KEY=\(Self.key(13))\n")
        try dir.write("tree/secret.md", "ANTHROPIC_API_KEY=\(Self.key(14))\n")
        try dir.write("tree/locked/inside.md", "ANTHROPIC_API_KEY=\(Self.key(15))\n")
        for path in [dir.path + "/tree", dir.path + "/tree/locked", dir.path + "/bin"] { chmod(path, 0o755) }
        chmod(tree + "/open.md", 0o644)
        chmod(tree + "/secret.md", 0o000)
        chmod(tree + "/locked", 0o000)
        defer { chmod(tree + "/locked", 0o755) }
        func run(_ extra: [String]) throws -> ProcessResult {
            try runProcess(
                URL(fileURLWithPath: prefix.first ?? binary),
                Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [binary])
                    + ["scan", tree, "--format", "sarif", "--output", dir.path + "/out.sarif"] + extra)
        }
        chmod(dir.path + "/", 0o777)  // the unprivileged user writes the report here
        let result = try run([])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("1 finding"))
        #expect(result.stderr.contains("2 unreadable"))
        #expect(result.stderr.contains("error: 2 file(s) could not be read"))
        let sarif = try String(contentsOfFile: dir.path + "/out.sarif", encoding: .utf8)
        #expect(sarif.contains("secret.md") && sarif.contains("Permission denied"))
        #expect(sarif.contains("\"locked\"") || sarif.contains("locked"))
        let allowed = try run(["--allow-unreadable"])
        #expect(allowed.status == 1, "\(allowed.stderr)")
    }

    @Test func emptyFilesAreScannedAndClean() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        for name in ["empty.md", ".env", "CLAUDE.md", "a.ipynb", "b.json", "tests/fixtures/c.har"] { try dir.write(name, Data()) }
        let result = try promptscan(["scan", "."], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 findings at or above medium; 6 files scanned, 0 skipped, 0 unreadable"))
    }

    @Test func catastrophicallyBacktrackingRuleIsBoundedReportedAndTheScanGoesOn() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        try dir.write(
            "rules/evil.yml",
            """
            rules:
              - id: evil-backtracking
                name: Evil
                category: secret
                severity: high
                description: nested quantifiers that backtrack exponentially
                remediation: none
                keywords: [aaaa]
                pattern: '(?<secret>(a|aa)+\\d\\d)'
                examples: ['aaaa12']
            """)
        try dir.write("tree/attack.txt", String(repeating: "a", count: 20_000) + "\n")
        try dir.write("tree/CLAUDE.md", "ANTHROPIC_API_KEY=\(Self.key(16))\n")
        let started = Date()
        let (result, object) = try Self.json([".", "--rules", "../rules"], in: dir.url.appendingPathComponent("tree"))
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(elapsed < 300, "hang guard")
        #expect(Self.findings(object).map { $0["rule_id"] as? String } == ["anthropic-api-key"])
        let notice = Self.notices(object)["attack.txt"]
        #expect(notice?["kind"] as? String == "rule-limit")
        #expect(notice?["rule_id"] as? String == "evil-backtracking")
    }

    @Test func nonUTF8FileNamesAreScannedAndReportedEscaped() throws {
        let dir = try TemporaryDirectory("promptscan-hostile")
        defer { dir.remove() }
        let key = Self.key(17)
        // "caf\xE9.md" (Latin-1) and a name with an invalid byte after valid multi-byte text.
        for (index, name) in [Array("caf".utf8) + [0xE9] + Array(".md".utf8), Array("ü-".utf8) + [0xFF, 0x41]].enumerated() {
            let path = Array(dir.path.utf8) + [47] + name
            let fd = (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
            #expect(fd >= 0)
            let text = "ANTHROPIC_API_KEY=\(index == 0 ? key : Self.key(18))\n"
            _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
            close(fd)
        }
        let bad = Array(dir.path.utf8) + [47] + Array("dir".utf8) + [0xFE]
        _ = (bad.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { mkdir($0.baseAddress!, 0o755) }
        let (result, object) = try Self.json(["."], in: dir.url)
        #expect(result.status == 1, "\(result.stderr)")
        let paths = Self.findings(object).compactMap { $0["path"] as? String }
        #expect(paths == ["caf\\xE9.md", "ü-\\xFFA"])
        #expect(Self.notices(object)["dir\\xFE"]?["kind"] as? String == "skipped")
        let sarif = try promptscan(["scan", ".", "--format", "sarif"], in: dir.url)
        #expect(sarif.status == 1)
        #expect((try? JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8))) != nil)
        #expect(!sarif.stdout.contains(key))
    }
}
