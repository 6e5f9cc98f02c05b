/// One thing to scan: a path to report it under, its class, and where its bytes come from
/// (a file on disk, or bytes already in memory such as a git blob).
public struct ScanItem: Sendable {
    public enum Source: Sendable {
        case file(absolutePath: String, size: Int)
        case bytes([UInt8])
    }

    public let path: String
    public let source: Source
    private let explicitClass: FileClass?
    private let classifier: FileClassifier?

    /// The item's class: the one given, or its path classified (computed on use, so that the
    /// classification runs on the worker threads rather than in the walk).
    public var fileClass: FileClass { explicitClass ?? (classifier ?? FileClassifier()).classify(path) }

    public init(path: String, fileClass: FileClass? = nil, source: Source) {
        self.path = path
        self.explicitClass = fileClass
        self.classifier = nil
        self.source = source
    }

    /// An item classified by `classifier` when it is scanned.
    public init(path: String, classifier: FileClassifier, source: Source) {
        self.path = path
        self.explicitClass = nil
        self.classifier = classifier
        self.source = source
    }

    /// The same item with its class fixed.
    func classified() -> ScanItem {
        ScanItem(path: path, fileClass: fileClass, source: source)
    }

    var size: Int {
        switch source {
        case let .file(_, size): size
        case let .bytes(bytes): bytes.count
        }
    }
}
