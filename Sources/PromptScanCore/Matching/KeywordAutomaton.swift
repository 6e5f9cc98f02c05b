/// A case-insensitive Aho–Corasick automaton over all rules' keywords, compiled to a dense DFA
/// over byte classes: one table lookup per input byte, one pass per file, whatever the number of
/// keywords.
public struct KeywordAutomaton: Sendable {
    /// Number of keywords the automaton was built from.
    public let keywordCount: Int
    private let classOf: [UInt8]  // byte -> byte class (ASCII letters folded to lower case)
    private let classCount: Int
    /// `state * classCount + class` -> the next state, premultiplied by `classCount`, with
    /// `outputFlag` set when that state ends a keyword: one load per input byte after the class.
    private let transitions: [UInt32]
    private static let outputFlag: UInt32 = 1 << 31
    private let outputStart: [Int32]  // state -> first index in `outputs`, -1 when none
    private let outputs: [Int32]  // keyword indices, grouped by state, each group ended by -1
    /// The length in bytes of the longest keyword (at least 1).
    private let longestKeyword: Int

    /// Builds the automaton; keyword `i` is reported as index `i`. Empty keywords are ignored.
    public init(keywords: [String]) {
        keywordCount = keywords.count
        longestKeyword = max(1, keywords.map(\.utf8.count).max() ?? 1)
        let folded = keywords.map { Array($0.utf8).map(KeywordAutomaton.fold) }
        // Byte classes: every byte that occurs in a keyword gets its own class; all others share 0.
        var classOf = [UInt8](repeating: 0, count: 256)
        var next = 1
        var used = [Bool](repeating: false, count: 256)
        for keyword in folded { for byte in keyword { used[Int(byte)] = true } }
        for byte in 0..<256 where used[byte] {
            classOf[byte] = UInt8(truncatingIfNeeded: next)
            next += 1
        }
        precondition(next <= 256, "keywords use too many distinct bytes")
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(upper)] = classOf[Int(upper + 32)] }
        let classCount = next
        // Trie, one flat row of `classCount` transitions per state, in one buffer reserved for the
        // most states the keywords can make (no copy as it grows), turned into `transitions` in place.
        let none = UInt32.max
        var goto: [UInt32] = []
        goto.reserveCapacity((folded.reduce(0) { $0 + $1.count } + 1) * classCount)
        // (A row appended from an array is one copy; from `repeatElement`, an element at a time.)
        let emptyRow = [UInt32](repeating: none, count: classCount)
        goto.append(contentsOf: emptyRow)
        var stateCount = 1
        var out: [[Int32]] = [[]]
        for (index, keyword) in folded.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword {
                let c = Int(classOf[Int(byte)])
                if goto[state * classCount + c] == none {
                    goto.append(contentsOf: emptyRow)
                    out.append([])
                    goto[state * classCount + c] = UInt32(stateCount)
                    stateCount += 1
                }
                state = Int(goto[state * classCount + c])
            }
            out[state].append(Int32(index))
        }
        // Failure links, breadth first, turning the trie into a complete DFA. (Through buffer
        // pointers: this loop visits every state's row, and a guard call builds it on each start.)
        var fail = [Int](repeating: 0, count: stateCount)
        var queue = [Int](repeating: 0, count: stateCount)
        var queued = 0
        goto.withUnsafeMutableBufferPointer { goto in
            fail.withUnsafeMutableBufferPointer { fail in
                queue.withUnsafeMutableBufferPointer { queue in
                    for c in 0..<classCount {
                        if goto[c] == none {
                            goto[c] = 0
                        } else {
                            fail[Int(goto[c])] = 0
                            queue[queued] = Int(goto[c])
                            queued += 1
                        }
                    }
                    var head = 0
                    while head < queued {
                        let state = queue[head]
                        head += 1
                        if !out[fail[state]].isEmpty { out[state].append(contentsOf: out[fail[state]]) }
                        let row = state * classCount
                        let failRow = fail[state] * classCount
                        for c in 0..<classCount {
                            let target = goto[row + c]
                            if target == none {
                                goto[row + c] = goto[failRow + c]
                            } else {
                                fail[Int(target)] = Int(goto[failRow + c])
                                queue[queued] = Int(target)
                                queued += 1
                            }
                        }
                    }
                }
            }
        }
        self.classOf = classOf
        self.classCount = classCount
        var outputStart = [Int32](repeating: -1, count: stateCount)
        var outputs: [Int32] = []
        for (state, list) in out.enumerated() where !list.isEmpty {
            outputStart[state] = Int32(outputs.count)
            outputs.append(contentsOf: list.count == 1 ? list : Set(list).sorted())
            outputs.append(-1)
        }
        precondition(stateCount * classCount < Int(KeywordAutomaton.outputFlag), "too many keyword states")
        let hasOutput = out.map { !$0.isEmpty }
        goto.withUnsafeMutableBufferPointer { goto in
            hasOutput.withUnsafeBufferPointer { hasOutput in
                for index in goto.indices {
                    let next = Int(goto[index])
                    goto[index] = UInt32(next * classCount) | (hasOutput[next] ? KeywordAutomaton.outputFlag : 0)
                }
            }
        }
        transitions = goto
        self.outputStart = outputStart
        self.outputs = outputs
    }

    @inline(__always) static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    /// Marks in `seen` (one flag per keyword) every keyword that occurs in `bytes`, and for each
    /// keyword whose `track` flag is set, appends every occurrence (keyword, end offset) to `hits`
    /// (in no particular order). Returns the distinct keywords found, in the order first seen.
    ///
    /// A buffer of some size is walked as two halves (four quarters from 4 KiB) at once: each step
    /// advances independent states, so the table loads overlap instead of waiting on each other.
    /// Each later part starts `longest - 1` bytes early (from the start state), so it sees every
    /// keyword that ends in it; its hits ending in the part before are dropped, since the walk over
    /// that part records them.
    @discardableResult
    public func scan(
        _ bytes: UnsafeRawBufferPointer, into seen: inout [Bool], track: [Bool]? = nil, hits: inout [(keyword: Int, end: Int)]
    ) -> [Int] {
        precondition(seen.count == keywordCount)
        guard keywordCount > 0, let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        var found: [Int] = []
        let width = UInt32(classCount)
        let flag = KeywordAutomaton.outputFlag
        transitions.withUnsafeBufferPointer { transitions in
            classOf.withUnsafeBufferPointer { classOf in
                /// Records the keywords ending at `end` (the state `next` has its output flag);
                /// hits at or before `floor` are left to the other walk.
                @inline(never) func report(_ next: UInt32, end: Int, floor: Int) {
                    var index = Int(outputStart[Int((next & ~flag) / width)])
                    while outputs[index] >= 0 {
                        let keyword = Int(outputs[index])
                        if !seen[keyword] {
                            seen[keyword] = true
                            found.append(keyword)
                        }
                        if let track, track[keyword], end > floor { hits.append((keyword, end)) }
                        index += 1
                    }
                }
                /// One walk over `range`, from `state` (the start state unless a walk is continued).
                func walk(_ range: Range<Int>, floor: Int, from state: UInt32 = 0) {
                    var state = state  // premultiplied by width
                    var offset = range.lowerBound
                    while offset < range.upperBound {
                        let next = transitions[Int(state &+ UInt32(classOf[Int(start[offset])]))]
                        offset &+= 1
                        state = next & ~flag
                        if next & flag != 0 { report(next, end: offset, floor: floor) }
                    }
                }
                let count = bytes.count
                let overlap = longestKeyword - 1
                if count >= 4096 && overlap < count / 4 {
                    // Four walks: [0, q), [q - overlap, 2q), [2q - overlap, 3q), [3q - overlap, count).
                    let q = count / 4
                    var s0: UInt32 = 0
                    var s1: UInt32 = 0
                    var s2: UInt32 = 0
                    var s3: UInt32 = 0
                    var p0 = 0
                    var p1 = q - overlap
                    var p2 = 2 * q - overlap
                    var p3 = 3 * q - overlap
                    while p0 < q {
                        let n0 = transitions[Int(s0 &+ UInt32(classOf[Int(start[p0])]))]
                        let n1 = transitions[Int(s1 &+ UInt32(classOf[Int(start[p1])]))]
                        let n2 = transitions[Int(s2 &+ UInt32(classOf[Int(start[p2])]))]
                        let n3 = transitions[Int(s3 &+ UInt32(classOf[Int(start[p3])]))]
                        p0 &+= 1
                        p1 &+= 1
                        p2 &+= 1
                        p3 &+= 1
                        s0 = n0 & ~flag
                        s1 = n1 & ~flag
                        s2 = n2 & ~flag
                        s3 = n3 & ~flag
                        if (n0 | n1 | n2 | n3) & flag != 0 {
                            if n0 & flag != 0 { report(n0, end: p0, floor: -1) }
                            if n1 & flag != 0 { report(n1, end: p1, floor: q) }
                            if n2 & flag != 0 { report(n2, end: p2, floor: 2 * q) }
                            if n3 & flag != 0 { report(n3, end: p3, floor: 3 * q) }
                        }
                    }
                    // The later walks are `overlap` bytes longer (the last one also takes `count % 4`).
                    walk(p1..<2 * q, floor: q, from: s1)
                    walk(p2..<3 * q, floor: 2 * q, from: s2)
                    walk(p3..<count, floor: 3 * q, from: s3)
                    return
                }
                guard count >= 512, overlap < count / 2 else { return walk(0..<count, floor: -1) }
                let middle = count / 2
                // First walk: [0, middle). Second: [middle - overlap, count), hits after `middle`.
                var first: UInt32 = 0
                var second: UInt32 = 0
                var a = 0
                var b = middle - overlap
                while a < middle {
                    let nextA = transitions[Int(first &+ UInt32(classOf[Int(start[a])]))]
                    let nextB = transitions[Int(second &+ UInt32(classOf[Int(start[b])]))]
                    a &+= 1
                    b &+= 1
                    first = nextA & ~flag
                    second = nextB & ~flag
                    if (nextA | nextB) & flag != 0 {
                        if nextA & flag != 0 { report(nextA, end: a, floor: -1) }
                        if nextB & flag != 0 { report(nextB, end: b, floor: middle) }
                    }
                }
                // The second walk is `overlap` bytes (plus one when `count` is odd) longer.
                walk(b..<count, floor: middle, from: second)
            }
        }
        return found
    }

    /// Marks in `seen` every keyword that occurs in `bytes`; returns them in the order first seen.
    @discardableResult
    public func scan(_ bytes: UnsafeRawBufferPointer, into seen: inout [Bool]) -> [Int] {
        var none: [(keyword: Int, end: Int)] = []
        return scan(bytes, into: &seen, track: nil, hits: &none)
    }
}
