/// A set of 1-based line numbers kept as sorted, disjoint closed ranges: the lines a diff adds.
public struct LineRanges: Sendable, Equatable {
    public private(set) var ranges: [ClosedRange<Int>] = []

    public init(_ ranges: [ClosedRange<Int>] = []) {
        for range in ranges { insert(range) }
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// Adds `range`, merging it with ranges it touches.
    public mutating func insert(_ range: ClosedRange<Int>) {
        var merged = range
        var kept: [ClosedRange<Int>] = []
        var inserted = false
        for existing in ranges {
            if existing.upperBound + 1 < merged.lowerBound {
                kept.append(existing)
            } else if merged.upperBound + 1 < existing.lowerBound {
                if !inserted {
                    kept.append(merged)
                    inserted = true
                }
                kept.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            }
        }
        if !inserted { kept.append(merged) }
        ranges = kept
    }

    /// Whether any line in `lines` is in the set (binary search).
    public func overlaps(_ lines: ClosedRange<Int>) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < lines.lowerBound { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].lowerBound <= lines.upperBound
    }
}
