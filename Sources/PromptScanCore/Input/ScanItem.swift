/// One thing to scan: a path to report it under, its class, and where its bytes come from
/// (a file on disk, or bytes already in memory such as a git blob).
public struct ScanItem: Sendable {
    public enum Source: Sendable {
        case file(absolutePath: String, size: Int)
        case bytes([UInt8])
    }

    public let path: String
    public let source: Source
    /// The bytes of the file's absolute path when its name is not valid UTF-8 (`path` and
    /// `absolutePath` then hold a display form with `\xNN` escapes, which cannot be opened).
    let rawAbsolutePath: [UInt8]?
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
        self.rawAbsolutePath = nil
    }

    /// An item at `path` (from the same root) classified as this one is, with no content: what
    /// the run would take a file beside this one for.
    func sibling(_ path: String) -> ScanItem {
        ScanItem(path: path, classifier: classifier, fileClass: nil, source: .bytes([]), rawAbsolutePath: nil)
    }

    /// An item classified by `classifier` when it is scanned.
    public init(path: String, classifier: FileClassifier, source: Source) {
        self.init(path: path, classifier: classifier, source: source, rawAbsolutePath: nil)
    }

    init(path: String, classifier: FileClassifier?, fileClass: FileClass? = nil, source: Source, rawAbsolutePath: [UInt8]?) {
        self.path = path
        self.explicitClass = fileClass
        self.classifier = classifier
        self.source = source
        self.rawAbsolutePath = rawAbsolutePath
    }

    /// The same item with its class fixed.
    func classified() -> ScanItem {
        ScanItem(path: path, classifier: nil, fileClass: fileClass, source: source, rawAbsolutePath: rawAbsolutePath)
    }

    /// The NUL-terminated path to open: the raw bytes when the name is not UTF-8.
    func openPath(_ absolutePath: String) -> [CChar] {
        guard let rawAbsolutePath else { return Array(absolutePath.utf8CString) }
        return rawAbsolutePath.map { CChar(bitPattern: $0) } + [0]
    }

    var size: Int {
        switch source {
        case let .file(_, size): size
        case let .bytes(bytes): bytes.count
        }
    }
}
