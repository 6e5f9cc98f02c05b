import Foundation
import PromptScanCore
import TestSupport
import Testing

/// The typed wrappers of PromptScanSystem: errors as values with errno's text, the atomic file
/// replaced in full or left alone, directory entries as bytes.
@Suite struct SystemTests {
    @Test func statusOfAMissingPathIsNoSuchEntry() throws {
        let dir = try TemporaryDirectory("promptscan-system")
        defer { dir.remove() }
        #expect(throws: SystemError.self) { try FileSystem.status(dir.path + "/missing") }
        do {
            _ = try FileSystem.status(dir.path + "/missing")
        } catch {
            #expect(error.isNoSuchEntry && error.message == "No such file or directory")
        }
        #expect(try FileSystem.status(dir.path).kind == .directory)
        #expect(!FileSystem.entryExists(dir.path + "/missing"))
    }

    @Test func directoryEntriesAreBytesWithoutDotEntries() throws {
        let dir = try TemporaryDirectory("promptscan-system")
        defer { dir.remove() }
        try dir.write("a.txt", "a")
        try dir.write("sub/b.txt", "b")
        let names = try FileSystem.directoryEntries(dir.path).map { String(decoding: $0, as: UTF8.self) }.sorted()
        #expect(names == ["a.txt", "sub"])
        #expect(try FileSystem.status(dir.path + "/a.txt").size == 1)
    }

    @Test func anOpenDirectoryTellsEachEntrysStatusByName() throws {
        let dir = try TemporaryDirectory("promptscan-system")
        defer { dir.remove() }
        try dir.write("a.txt", "abc")
        try dir.write("sub/b.txt", "b")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link", withDestinationPath: "a.txt")
        let listing = try FileSystem.openDirectory(dir.path)
        #expect(listing.entries().map { String(decoding: $0, as: UTF8.self) }.sorted() == ["a.txt", "link", "sub"])
        #expect(try listing.status(of: Array("a.txt".utf8), followingLinks: false).size == 3)
        #expect(try listing.status(of: Array("sub".utf8), followingLinks: false).kind == .directory)
        // The link itself unless asked to follow it, as lstat(2) and stat(2).
        #expect(try listing.status(of: Array("link".utf8), followingLinks: false).kind == .symbolicLink)
        #expect(try listing.status(of: Array("link".utf8), followingLinks: true).kind == .regular)
        do {
            _ = try listing.status(of: Array("missing".utf8), followingLinks: false)
            Issue.record("a missing entry has no status")
        } catch {
            #expect(error.isNoSuchEntry)
        }
        #expect(throws: SystemError.self) { try FileSystem.openDirectory(dir.path + "/a.txt") }
    }

    @Test func anAtomicFileReplacesItsDestinationOnlyWhenCommitted() throws {
        let dir = try TemporaryDirectory("promptscan-system")
        defer { dir.remove() }
        let path = try dir.write("report.txt", "old").path
        let discarded = try AtomicFile(path: path)
        try discarded.write(Array("new".utf8))
        discarded.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        let committed = try AtomicFile(path: path)
        try committed.write(Array("new".utf8))
        try committed.commit(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        // No temporary file is left beside it either way.
        #expect(try FileSystem.directoryEntries(dir.path).count == 1)
    }

    @Test func aReadableFileFillsFromAnOffset() throws {
        let dir = try TemporaryDirectory("promptscan-system")
        defer { dir.remove() }
        let path = try dir.write("data.txt", "0123456789").path
        let file = try ReadableFile(cPath: Array(path.utf8CString))
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(try file.fill(&buffer, at: 4) == 6)
        #expect(String(decoding: buffer.prefix(6), as: UTF8.self) == "456789")
        #expect(try file.status().kind == .regular)
    }

    @Test func byteSearchFindsTheFirstByte() {
        let bytes: [UInt8] = Array("ab\ncd\n".utf8)
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            #expect(ByteSearch.first(10, in: base, count: raw.count).map { base.distance(to: $0) } == 2)
            #expect(ByteSearch.first(10, in: base + 3, count: 3).map { base.distance(to: $0) } == 5)
            #expect(ByteSearch.first(0, in: base, count: raw.count) == nil)
            #expect(ByteSearch.first(97, in: base, count: 0) == nil)
        }
    }
}
