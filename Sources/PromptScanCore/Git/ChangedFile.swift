/// One entry of a git diff (`--raw` plus the `-U0` patch): what changed, the new blob, and which
/// lines of the new version the change adds.
public struct ChangedFile: Sendable, Equatable {
    /// `A`dded, `C`opied, `D`eleted, `M`odified, `R`enamed, `T`ype changed, `U`nmerged.
    public let status: Character
    /// The path after the change, '/'-separated and relative to the top of the work tree; bytes
    /// that are not UTF-8 are written `\xNN`.
    public let path: String
    /// The path before a rename or copy.
    public let oldPath: String?
    /// The octal mode after the change (`100644`, `100755`, `120000` symlink, `160000` submodule).
    public let mode: String
    /// The object id of the new version.
    public let blob: String
    /// Lines (1-based, in the new version) that the change adds.
    public var added = LineRanges()
    /// git treated the file as binary (no line diff): the whole new version counts as added.
    public var binaryDiff = false
    /// The commit this change belongs to (history scans).
    public var commit: String?

    public var isSubmodule: Bool { mode == "160000" }
    public var isDeletion: Bool { status == "D" }
}
