/// Reads a JSON document in one pass with an explicit stack (no recursion, so nesting is limited
/// only by `maxDepth`, which the caller derives from its memory budget) and records what the
/// container decoder needs, without building a tree: the strings to decode (those holding
/// escapes; HAR bodies marked `"encoding": "base64"`; VCR `base64_string` members) and the
/// notebook image payloads to mask. Each string is recorded with an order key, so that sorting
/// the records gives the order of a walk that visits an object's base64 body before its members.
struct JSONScan {
    enum Action: UInt8 { case string, harBase64, vcrBase64 }
    enum StringKind: UInt8 {
        case json, notebookSource, notebookOutput

        var name: String {
            switch self {
            case .json: "json-string"
            case .notebookSource: "notebook-source"
            case .notebookOutput: "notebook-output"
            }
        }
    }

    /// A string to decode: its contents (between the quotes, still escaped) and how.
    struct Emission {
        var order: Int
        var range: Range<Int>
        var sub: UInt8
        var action: Action
        var kind: StringKind
    }

    /// Why reading stopped before the end.
    enum Failure: Equatable {
        case invalid(at: Int)
        case tooDeep(at: Int)
    }

    /// The part a member plays in its object (the first `encoding`, `text` and `base64_string`
    /// members decide how the object is decoded; `image/…` values are masked, not scanned).
    private enum Role: UInt8 { case plain, firstEncoding, firstText, firstBase64String, image }

    private struct Frame {
        var isObject: Bool
        var start: Int
        var inOutputs: Bool
        var suppressed: Bool
        var role: Role = .plain
        var keyIsOutputs = false
        var seenEncoding = false
        var seenText = false
        var seenBase64String = false
        var base64 = false
        var textEmission: Int? = nil
    }

    let bytes: UnsafeRawBufferPointer
    let notebook: Bool
    let maxDepth: Int
    var emissions: [Emission] = []
    var masks: [Range<Int>] = []

    init(_ bytes: UnsafeRawBufferPointer, notebook: Bool, maxDepth: Int) {
        self.bytes = bytes
        self.notebook = notebook
        self.maxDepth = maxDepth
    }

    /// Reads `range` as one JSON value (surrounding whitespace allowed). What was read before a
    /// failure is kept (open objects are settled as if they ended there).
    mutating func read(_ range: Range<Int>) -> Failure? {
        var stack: [Frame] = []
        var i = range.lowerBound
        let end = range.upperBound
        enum State { case value, afterValue, memberKey }
        var state = State.value
        func skipWhitespace() {
            while i < end, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        }
        /// The string at `i` (a quote): its contents and whether they hold an escape.
        func string() -> (Range<Int>, Bool)? {
            guard i < end, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            var escaped = false
            while i < end {
                let c = bytes[i]
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    i += 2
                    continue
                }
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return (start..<(i - 1), escaped)
                }
                i += 1
            }
            return nil
        }
        func fail(_ failure: Failure) -> Failure {
            while let frame = stack.popLast() { settle(frame) }
            return failure
        }
        while true {
            switch state {
            case .value:
                skipWhitespace()
                guard i < end else { return fail(.invalid(at: i)) }
                var inOutputs = false
                var suppressed = false  // inside an `image/…` value: nothing decoded, nothing masked
                var role = Role.plain
                if let top = stack.last {
                    inOutputs = top.inOutputs || (top.isObject && top.keyIsOutputs)
                    suppressed = top.suppressed
                    if top.isObject { role = top.role }
                }
                switch bytes[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard stack.count < maxDepth else { return fail(.tooDeep(at: i)) }
                    let isObject = bytes[i] == UInt8(ascii: "{")
                    stack.append(Frame(isObject: isObject, start: i, inOutputs: inOutputs, suppressed: suppressed || role == .image))
                    i += 1
                    skipWhitespace()
                    if i < end, bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                        settle(stack.removeLast())
                        state = .afterValue
                    } else {
                        state = isObject ? .memberKey : .value
                    }
                case UInt8(ascii: "\""):
                    guard let (contents, escaped) = string() else { return fail(.invalid(at: i)) }
                    if !suppressed {
                        let kind: StringKind = notebook ? (inOutputs ? .notebookOutput : .notebookSource) : .json
                        switch role {
                        case .image:
                            masks.append(contents)
                        case .firstText:
                            // Kept whether or not it holds escapes: it is the body if the object says base64.
                            stack[stack.count - 1].textEmission = emissions.count
                            emissions.append(Emission(order: contents.lowerBound, range: contents, sub: 0, action: .string, kind: kind))
                        case .firstBase64String:
                            emissions.append(Emission(order: stack[stack.count - 1].start, range: contents, sub: 1, action: .vcrBase64, kind: kind))
                        case .firstEncoding:
                            stack[stack.count - 1].base64 = JSONScan.text(bytes, contents).lowercased() == "base64"
                            fallthrough
                        case .plain:
                            if escaped {
                                emissions.append(Emission(order: contents.lowerBound, range: contents, sub: 0, action: .string, kind: kind))
                            }
                        }
                    }
                    state = .afterValue
                default:
                    let start = i
                    while i < end {
                        let c = bytes[i]
                        if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 32 || c == 10 || c == 13 || c == 9 {
                            break
                        }
                        i += 1
                    }
                    guard i > start else { return fail(.invalid(at: i)) }
                    state = .afterValue
                }
            case .afterValue:
                skipWhitespace()
                guard let top = stack.last else { return i == end ? nil : fail(.invalid(at: i)) }
                guard i < end else { return fail(.invalid(at: i)) }
                let c = bytes[i]
                if c == UInt8(ascii: ",") {
                    i += 1
                    state = top.isObject ? .memberKey : .value
                } else if c == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1
                    settle(stack.removeLast())
                } else {
                    return fail(.invalid(at: i))
                }
            case .memberKey:
                skipWhitespace()
                guard let (keyRange, _) = string() else { return fail(.invalid(at: i)) }
                skipWhitespace()
                guard i < end, bytes[i] == UInt8(ascii: ":") else { return fail(.invalid(at: i)) }
                i += 1
                skipWhitespace()
                let key = JSONScan.text(bytes, keyRange)
                let isString = i < end && bytes[i] == UInt8(ascii: "\"")
                var frame = stack[stack.count - 1]
                frame.keyIsOutputs = key == "outputs"
                frame.role = .plain
                if key.lowercased().hasPrefix("image/") {
                    frame.role = .image
                } else if key == "encoding", !frame.seenEncoding {
                    frame.seenEncoding = true
                    if isString { frame.role = .firstEncoding }
                } else if key == "text", !frame.seenText {
                    frame.seenText = true
                    if isString { frame.role = .firstText }
                } else if key == "base64_string", !frame.seenBase64String {
                    frame.seenBase64String = true
                    if isString { frame.role = .firstBase64String }
                }
                stack[stack.count - 1] = frame
                state = .value
            }
        }
    }

    /// An object that ends: a `text` body of an object whose `encoding` is base64 is decoded as
    /// base64, before the object's other strings.
    private mutating func settle(_ frame: Frame) {
        guard frame.isObject, frame.base64, let index = frame.textEmission else { return }
        emissions[index].order = frame.start
        emissions[index].action = .harBase64
    }

    /// The decoded text of a string (escapes resolved; invalid escapes left as written).
    static func text(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        if let decoded = JSONStringDecoder.decode(bytes, range) { return String(decoding: decoded.bytes, as: UTF8.self) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
