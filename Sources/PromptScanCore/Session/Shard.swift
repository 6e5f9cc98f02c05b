import Crypto
import Foundation

/// One part of a run split across machines (`--shard K/N`): every machine computes the same split
/// from the same input, so the N parts together are the whole run, each item in exactly one part.
/// Files go by a stable hash of their repository-relative path, except heavy ones (at least
/// `heavyBytes`), which are dealt heaviest first to the part with the least work so far; commits of
/// a history go the same way, weighed by the files they change.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based: 1...count.
    public let index: Int
    public let count: Int

    /// The most parts a run may be split into.
    public static let maximumCount = 1024
    /// A file at least this large is dealt by weight rather than by hash.
    public static let heavyBytes = 1 << 20
    /// A commit changing at least this many files is dealt by weight rather than by hash.
    public static let heavyCommitFiles = 64

    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Shard.maximumCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` (1 ≤ K ≤ N).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Where a CI engine says which parallel job this is, and the engine's name for it. GitLab
    /// counts from 1; Buildkite, CircleCI and Kubernetes Indexed Jobs from 0.
    static let engines: [(name: String, index: String, total: String?, base: Int)] = [
        ("GitLab parallel", "CI_NODE_INDEX", "CI_NODE_TOTAL", 1),
        ("Buildkite parallelism", "BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0),
        ("CircleCI parallelism", "CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0),
        ("Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", nil, 0),
    ]

    /// The part a CI engine's variables name, with the variables' names (for the run's notice);
    /// nil when none is set. `total` is the count for engines that do not publish it (a Kubernetes
    /// Indexed Job's `completions`). Variables that are set but do not make a part are an error:
    /// a job that meant to scan its part must not scan everything or nothing in silence.
    public static func fromEnvironment(
        _ environment: [String: String], total: Int? = nil
    ) throws(PromptScanError) -> (shard: Shard, source: String)? {
        for engine in engines {
            guard let indexText = environment[engine.index], !indexText.isEmpty else { continue }
            let totalText = engine.total.flatMap { environment[$0] } ?? total.map(String.init)
            guard let totalText else {
                throw .configuration(
                    path: nil, line: nil, message: "\(engine.index) is set (\(engine.name)) but the number of parts is not; give --shard-total N")
            }
            guard let index = Int(indexText), let count = Int(totalText),
                let shard = Shard(index: index - engine.base + 1, count: count)
            else {
                let names = [engine.index] + (engine.total.map { [$0] } ?? ["--shard-total"])
                throw .configuration(
                    path: nil, line: nil,
                    message:
                        "\(names.joined(separator: " and ")) do not name a part (got \(OneLine.clean(indexText, limit: 20)) of \(OneLine.clean(totalText, limit: 20)))"
                )
            }
            return (shard, engine.name + " (" + engine.index + ")")
        }
        return nil
    }

    /// FNV-1a, 64 bits, of the key's UTF-8: the same on every machine and in every release.
    public static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The part (0-based) of each item: light items by the hash of their key; heavy ones, heaviest
    /// first (ties by key), to the part whose items weigh least so far (ties: the lowest part).
    public static func assign(keys: [String], weights: [Int], heavy: Int, count: Int) -> [Int] {
        precondition(keys.count == weights.count)
        var parts = [Int](repeating: 0, count: keys.count)
        var load = [Int](repeating: 0, count: count)
        var heavyItems: [Int] = []
        for item in keys.indices {
            if weights[item] >= heavy {
                heavyItems.append(item)
            } else {
                let part = Int(hash(keys[item]) % UInt64(count))
                parts[item] = part
                load[part] += weights[item]
            }
        }
        heavyItems.sort { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : Array(keys[$0].utf8).lexicographicallyPrecedes(Array(keys[$1].utf8)) }
        for item in heavyItems {
            var lightest = 0
            for part in 1..<count where load[part] < load[lightest] { lightest = part }
            parts[item] = lightest
            load[lightest] += weights[item]
        }
        return parts
    }

    /// Whether an item that is not weighed (a skipped file's notice) belongs to this part.
    public func owns(key: String) -> Bool {
        Int(Shard.hash(key) % UInt64(count)) == index - 1
    }
}

/// What a part of a split run says about itself in its report, so that `promptscan merge` can
/// tell a complete set of parts from an incomplete or mixed one.
public struct ShardInfo: Sendable, Codable, Equatable {
    /// 1-based part and the number of parts.
    public var index: Int
    public var count: Int
    /// `scan`, `diff` or `history`.
    public var command: String
    /// The commit the run scanned (HEAD of the repository; empty outside one).
    public var revision: String
    /// A digest of the rules and settings that decide the findings.
    public var settings: String
    /// What the part covered: `files` or `commits`, and how many.
    public var unit: String
    public var covered: Int
    /// Findings of this part that fail the run, at `fail_on`.
    public var failing: Int
    public var failOn: String

    enum CodingKeys: String, CodingKey {
        case index, count, command, revision, settings, unit, covered, failing
        case failOn = "fail_on"
    }

    public init(
        shard: Shard, command: String, revision: String, settings: String, unit: String, covered: Int, failing: Int, failOn: Severity
    ) {
        index = shard.index
        count = shard.count
        self.command = command
        self.revision = revision
        self.settings = settings
        self.unit = unit
        self.covered = covered
        self.failing = failing
        self.failOn = failOn.rawValue
    }
}

extension RunSetup {
    /// A digest of what decides a run's findings besides its input: the rules, thresholds, caps,
    /// path filters, and whether terms and a baseline were used. Parts of one split run agree on it.
    public func settingsDigest(limits: FindingLimits) -> String {
        var text = "promptscan-settings-v1\n\(failOn.rawValue)\n\(maxFileSize)\n\(limits.perRule)\n\(limits.perFile)\n"
        text += "terms:\(terms != nil)\nbaseline:\(baseline?.entries.count ?? -1)\n"
        text += config.allowPaths.globs.joined(separator: "\u{1}") + "\n"
        for rule in rules {
            text += "\(rule.id)\u{1}\(rule.pattern)\u{1}\(rule.severity.rawValue)\u{1}\(rule.category.rawValue)\n"
        }
        let digest = SHA256.hash(data: Data(text.utf8))
        return digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
