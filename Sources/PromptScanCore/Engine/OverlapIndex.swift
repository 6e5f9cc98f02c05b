/// Answers "does any of these byte ranges overlap this one?" in O(log n): the ranges sorted by
/// start, with the largest end seen so far at each position. Replaces a linear scan per query,
/// which made files with many findings quadratic.
struct OverlapIndex {
    private var starts: [Int] = []
    private var maxEnds: [Int] = []

    init(_ ranges: some Sequence<Range<Int>>) {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        starts.reserveCapacity(sorted.count)
        maxEnds.reserveCapacity(sorted.count)
        var end = Int.min
        for range in sorted {
            end = max(end, range.upperBound)
            starts.append(range.lowerBound)
            maxEnds.append(end)
        }
    }

    var isEmpty: Bool { starts.isEmpty }

    /// Whether a range of the index overlaps `range` (empty ranges overlap nothing, as with `Range.overlaps`).
    func overlaps(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, !starts.isEmpty else { return false }
        // The ranges starting before `range` ends; one of them overlaps iff the largest end among them is past its start.
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < range.upperBound { low = mid + 1 } else { high = mid }
        }
        return low > 0 && maxEnds[low - 1] > range.lowerBound
    }
}
