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

    /// Builds the automaton; keyword `i` is reported as index `i`. Empty keywords are ignored.
    public init(keywords: [String]) {
        keywordCount = keywords.count
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
        // Trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var out: [[Int32]] = [[]]
        for (index, keyword) in folded.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword {
                let c = Int(classOf[Int(byte)])
                if goto[state][c] < 0 {
                    goto.append([Int32](repeating: -1, count: classCount))
                    out.append([])
                    goto[state][c] = Int32(goto.count - 1)
                }
                state = Int(goto[state][c])
            }
            out[state].append(Int32(index))
        }
        // Failure links, breadth first, turning the trie into a complete DFA.
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for c in 0..<classCount {
            if goto[0][c] < 0 {
                goto[0][c] = 0
            } else {
                fail[Int(goto[0][c])] = 0
                queue.append(Int(goto[0][c]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            out[state].append(contentsOf: out[fail[state]])
            for c in 0..<classCount {
                let target = goto[state][c]
                if target < 0 {
                    goto[state][c] = goto[fail[state]][c]
                } else {
                    fail[Int(target)] = Int(goto[fail[state]][c])
                    queue.append(Int(target))
                }
            }
        }
        self.classOf = classOf
        self.classCount = classCount
        var outputStart = [Int32](repeating: -1, count: goto.count)
        var outputs: [Int32] = []
        for (state, list) in out.enumerated() where !list.isEmpty {
            outputStart[state] = Int32(outputs.count)
            outputs.append(contentsOf: Set(list).sorted())
            outputs.append(-1)
        }
        precondition(goto.count * classCount < Int(KeywordAutomaton.outputFlag), "too many keyword states")
        transitions = goto.flatMap { row in
            row.map { next in
                UInt32(Int(next) * classCount) | (out[Int(next)].isEmpty ? 0 : KeywordAutomaton.outputFlag)
            }
        }
        self.outputStart = outputStart
        self.outputs = outputs
    }

    @inline(__always) static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    /// Marks in `seen` (one flag per keyword) every keyword that occurs in `bytes`, and for each
    /// keyword whose `track` flag is set, appends the end offset of every occurrence to `hits`.
    /// Returns the number of distinct keywords found.
    @discardableResult
    public func scan(
        _ bytes: UnsafeRawBufferPointer, into seen: inout [Bool], track: [Bool]? = nil, hits: inout [[Int]]
    ) -> Int {
        precondition(seen.count == keywordCount)
        var found = 0
        guard keywordCount > 0 else { return 0 }
        let tracking = track != nil
        let width = UInt32(classCount)
        transitions.withUnsafeBufferPointer { transitions in
            classOf.withUnsafeBufferPointer { classOf in
                outputStart.withUnsafeBufferPointer { outputStart in
                    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
                    let count = bytes.count
                    var state: UInt32 = 0  // premultiplied by width
                    var offset = 0
                    while offset < count {
                        let next = transitions[Int(state &+ UInt32(classOf[Int(base[offset])]))]
                        offset &+= 1
                        state = next & ~KeywordAutomaton.outputFlag
                        guard next & KeywordAutomaton.outputFlag != 0 else { continue }
                        var index = Int(outputStart[Int(state / width)])
                        while outputs[index] >= 0 {
                            let keyword = Int(outputs[index])
                            if !seen[keyword] {
                                seen[keyword] = true
                                found += 1
                            }
                            if tracking && track![keyword] { hits[keyword].append(offset) }
                            index += 1
                        }
                        if found == keywordCount && !tracking { return }
                    }
                }
            }
        }
        return found
    }

    /// Marks in `seen` every keyword that occurs in `bytes`; returns how many distinct ones did.
    @discardableResult
    public func scan(_ bytes: UnsafeRawBufferPointer, into seen: inout [Bool]) -> Int {
        var none: [[Int]] = []
        return scan(bytes, into: &seen, track: nil, hits: &none)
    }
}
