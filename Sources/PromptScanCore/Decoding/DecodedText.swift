/// Text recovered from an encoding inside a file, with an offset map back to the file: byte `i`
/// of `bytes` came from the original byte `map.original(at: i)`; `map.end` is the end of the
/// encoded region. Findings in it are reported at the original place.
public struct DecodedText: Sendable, Equatable {
    public var bytes: [UInt8]
    public var map: OffsetMap
    /// How it was decoded: `gzip`, `!!binary`, `har-base64`, `vcr-base64`, `json-string`, `notebook`.
    public var kind: String

    public init(bytes: [UInt8], map: OffsetMap, kind: String) {
        precondition(map.count == bytes.count, "one mapped offset per byte")
        self.bytes = bytes
        self.map = map
        self.kind = kind
    }

    /// From one original offset per byte plus the end (`offsets.count == bytes.count + 1`).
    public init(bytes: [UInt8], offsets: [Int], kind: String) {
        precondition(offsets.count == bytes.count + 1, "one offset per byte plus the end")
        var builder = OffsetMap.Builder()
        for offset in offsets.dropLast() { builder.append(offset) }
        self.init(bytes: bytes, map: builder.finish(end: offsets[bytes.count]), kind: kind)
    }

    /// One original offset per byte plus the end, expanded from the map (8 bytes per byte: for
    /// tests and checks, not for scanning).
    public var offsets: [Int] {
        var cursor = map.cursor()
        return (0..<bytes.count).map { cursor.original(at: $0) } + [map.end]
    }

    /// The first `count` bytes (the end moves to where byte `count` came from).
    public func prefix(_ count: Int) -> DecodedText {
        guard count < bytes.count else { return self }
        return DecodedText(bytes: Array(bytes.prefix(count)), map: map.prefix(count), kind: kind)
    }

    /// The original byte range of decoded bytes `range`.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        let start = map.original(at: range.lowerBound)
        let end = max(start + 1, map.original(at: range.upperBound))
        return start..<end
    }
}

/// Where each decoded byte came from, as piecewise-linear segments instead of one offset per
/// byte: a segment is a run of decoded bytes whose original offsets follow one slope from its
/// start: 0 (every byte from one place: an inflated gzip body, a `\u` escape), 1 (bytes copied
/// as they are) or 4/3 (base64: four characters give three bytes). A base64 body wrapped at 76
/// columns costs one 16-byte segment per 57 decoded bytes; an unescaped string or an inflated body
/// costs one segment in all.
public struct OffsetMap: Sendable, Equatable {
    struct Segment: Equatable {
        var originalStart: Int
        var decodedStart: UInt32
        var slope: Slope
    }

    enum Slope: UInt8 {
        case constant = 1
        case identity = 2
        case base64 = 4

        func offset(_ relative: Int) -> Int {
            switch self {
            case .constant: 0
            case .identity: relative
            case .base64: relative * 4 / 3
            }
        }
    }

    private(set) var segments: [Segment] = []
    /// Number of decoded bytes mapped.
    public private(set) var count = 0
    /// The original offset just past the encoded region (what `original(at: count)` gives).
    public private(set) var end = 0

    /// Memory held by the map, in bytes.
    public var footprint: Int { segments.count * MemoryLayout<Segment>.stride }

    /// The original offset of decoded byte `index` (`end` for `index == count`).
    public func original(at index: Int) -> Int {
        guard index < count, !segments.isEmpty else { return end }
        var low = 0
        var high = segments.count
        while low + 1 < high {
            let mid = (low + high) / 2
            if Int(segments[mid].decodedStart) <= index { low = mid } else { high = mid }
        }
        let segment = segments[low]
        return segment.originalStart + segment.slope.offset(index - Int(segment.decodedStart))
    }

    /// The map of the first `count` decoded bytes.
    public func prefix(_ count: Int) -> OffsetMap {
        guard count < self.count else { return self }
        var done = OffsetMap()
        done.end = original(at: count)
        done.count = count
        done.segments = segments.filter { Int($0.decodedStart) < count }
        return done
    }

    /// Reads offsets in increasing order in amortised constant time.
    public struct Cursor {
        let map: OffsetMap
        var segment = 0

        public mutating func original(at index: Int) -> Int {
            guard index < map.count, !map.segments.isEmpty else { return map.end }
            if Int(map.segments[segment].decodedStart) > index { segment = 0 }
            while segment + 1 < map.segments.count, Int(map.segments[segment + 1].decodedStart) <= index { segment += 1 }
            let s = map.segments[segment]
            return s.originalStart + s.slope.offset(index - Int(s.decodedStart))
        }
    }

    public func cursor() -> Cursor { Cursor(map: self) }

    /// Builds a map one decoded byte (or run) at a time, extending the last segment while some
    /// slope still explains every offset in it.
    public struct Builder {
        var map = OffsetMap()
        /// The slopes (`Slope` bits) that fit every byte of the last segment.
        var fits: UInt8 = 0

        public init() {}

        public var count: Int { map.count }

        /// Maps the next decoded byte to `original`.
        public mutating func append(_ original: Int) {
            if fits != 0, let last = map.segments.last {
                let relative = map.count - Int(last.decodedStart)
                var still: UInt8 = 0
                if fits & Slope.constant.rawValue != 0, original == last.originalStart { still |= Slope.constant.rawValue }
                if fits & Slope.identity.rawValue != 0, original == last.originalStart + relative { still |= Slope.identity.rawValue }
                if fits & Slope.base64.rawValue != 0, original == last.originalStart + relative * 4 / 3 { still |= Slope.base64.rawValue }
                if still != 0 {
                    fits = still
                    map.segments[map.segments.count - 1].slope = Self.first(still)
                    map.count += 1
                    return
                }
            }
            map.segments.append(Segment(originalStart: original, decodedStart: UInt32(map.count), slope: .constant))
            fits = Slope.constant.rawValue | Slope.identity.rawValue | Slope.base64.rawValue
            map.count += 1
        }

        /// Maps the next `length` decoded bytes to `original` (slope 0) or to `original`,
        /// `original + 1`, … (`copied`).
        public mutating func appendRun(from original: Int, length: Int, copied: Bool) {
            guard length > 0 else { return }
            append(original)
            guard length > 1 else { return }
            let slope: Slope = copied ? .identity : .constant
            if fits & slope.rawValue != 0 {
                fits = slope.rawValue
                map.segments[map.segments.count - 1].slope = slope
            } else {
                map.segments.append(Segment(originalStart: copied ? original + 1 : original, decodedStart: UInt32(map.count), slope: slope))
                fits = slope.rawValue
            }
            map.count += length - 1
        }

        /// Appends a whole map (its decoded bytes follow the ones mapped so far).
        public mutating func append(_ other: OffsetMap) {
            let base = map.count
            for var segment in other.segments {
                segment.decodedStart += UInt32(base)
                map.segments.append(segment)
            }
            map.count += other.count
            fits = 0  // (the appended segments are final)
        }

        public func finish(end: Int) -> OffsetMap {
            var done = map
            done.end = end
            return done
        }

        static func first(_ bits: UInt8) -> Slope {
            bits & Slope.constant.rawValue != 0 ? .constant : bits & Slope.identity.rawValue != 0 ? .identity : .base64
        }
    }
}
