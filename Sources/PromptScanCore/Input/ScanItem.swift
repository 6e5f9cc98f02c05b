/// One thing to scan: a path to report it under, its class, and where its bytes come from
/// (a file on disk, or bytes already in memory such as a git blob).
public struct ScanItem: Sendable {
    public enum Source: Sendable {
        case file(absolutePath: String, size: Int)
        case bytes([UInt8])
    }

    public let path: String
    public let fileClass: FileClass
    public let source: Source

    public init(path: String, fileClass: FileClass? = nil, source: Source) {
        self.path = path
        self.fileClass = fileClass ?? FileClass.classify(path)
        self.source = source
    }

    var size: Int {
        switch source {
        case let .file(_, size): size
        case let .bytes(bytes): bytes.count
        }
    }
}
