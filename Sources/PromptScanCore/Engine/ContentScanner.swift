/// The whole per-file pipeline around `FileScanner.scan`: a gzip file is inflated first, binary
/// content is skipped, the text is scanned, then what `ContainerDecoder` decodes out of it is
/// scanned too and its findings are moved back to the place in the file that holds them.
extension FileScanner {
    /// What scanning one file's content produced.
    public struct ContentResult: Sendable {
        public var findings: [Finding] = []
        public var notices: [Notice] = []
        /// Bytes scanned (after inflating); 0 when the content was skipped.
        public var bytes = 0
        public var scanned = false
    }

    /// Scans the content of one file; `decodedLimit` bounds what gzip may inflate to, and
    /// `decodeBudget` (the run's) what recordings and notebooks may decode beyond the file's own budget.
    public func scanContent(
        _ content: [UInt8], path: String, fileClass: FileClass, scratch: MatchScratch, decodedLimit: Int = 64 * 1024 * 1024,
        decodeBudget: DecodeBudget? = nil
    ) -> ContentResult {
        var result = ContentResult()
        var text = content
        var container: String?
        if Gzip.isGzip(content) {
            do {
                text = try Gzip.inflate(content, limit: decodedLimit)
                container = "gzip"
            } catch {
                let reason: String
                switch error {
                case let .corrupt(message): reason = "gzip data that does not inflate (\(message))"
                case let .tooLarge(size): reason = "gzip data inflating past \(decodedLimit) bytes (at least \(size))"
                }
                result.notices.append(Notice(kind: .skipped, path: path, message: reason))
                return result
            }
        }
        if let reason = BinaryDetector.reasonToSkip(text) {
            result.notices.append(Notice(kind: .skipped, path: path, message: reason))
            return result
        }
        var decoded = ContainerDecoder.Result()
        if ContainerDecoder.mayDecode(path: path, fileClass: fileClass) {
            let own = ContainerDecoder.budget(forFileSize: content.count)
            let granted = decodeBudget?.reserve(own) ?? own
            decoded = text.withUnsafeBytes { ContainerDecoder.decode($0, path: path, fileClass: fileClass, budget: granted) }
            decodeBudget?.giveBack(granted - decoded.decodedBytes)
            for reason in decoded.incomplete {
                var message = reason
                if granted < own, let total = decodeBudget?.total, reason.hasPrefix(ContainerDecoder.budgetReachedPrefix) {
                    message = "decoding stopped: the run's budget of \(total) decoded bytes is used up; the rest of this file's encoded content was not decoded"
                }
                result.notices.append(Notice(kind: .partiallyDecoded, path: path, message: message))
            }
        }
        if !decoded.masks.isEmpty {
            for mask in decoded.masks { text.replaceSubrange(mask, with: repeatElement(UInt8(ascii: " "), count: mask.count)) }
        }
        text.withUnsafeBytes { raw in
            let (findings, notices) = scan(raw, path: path, fileClass: fileClass, scratch: scratch)
            result.findings = findings
            result.notices += notices
            if let inner = decoded.decoded {
                result.findings += decodedFindings(
                    inner, pieces: decoded, original: raw, path: path, fileClass: fileClass,
                    scratch: scratch, known: findings)
            }
        }
        if let container {
            result.findings = result.findings.map { $0.decoded(from: $0.decodedFrom.map { "\(container)+\($0)" } ?? container) }
        }
        result.findings.sort(by: Finding.reportOrder)
        fingerprinter.assignAnchored(&result.findings)  // ordinals over the file, decoded findings included
        result.bytes = text.count
        result.scanned = true
        return result
    }

    /// Findings in `decoded`, located in `original`; a value already reported there by the same rule is not repeated.
    func decodedFindings(
        _ decoded: DecodedText, pieces: ContainerDecoder.Result, original: UnsafeRawBufferPointer, path: String,
        fileClass: FileClass, scratch: MatchScratch, known: [Finding]
    ) -> [Finding] {
        let inner = decoded.bytes.withUnsafeBytes {
            scan($0, path: path, fileClass: fileClass, scratch: scratch, startsFile: false).findings  // (decoded text has no CSV header)
        }
        var seen = Set(known.map { "\($0.ruleID):\($0.fingerprint):\($0.byteRange.lowerBound)" })
        let knownByRule = Dictionary(grouping: known, by: \.ruleID).mapValues { OverlapIndex($0.map(\.byteRange)) }
        var out: [Finding] = []
        var locator = LineLocator(original)
        for finding in inner {
            let range = decoded.originalRange(of: finding.byteRange)
            if knownByRule[finding.ruleID]?.overlaps(range) == true { continue }
            guard seen.insert("\(finding.ruleID):\(finding.fingerprint):\(range.lowerBound)").inserted else { continue }
            let clamped = min(range.lowerBound, original.count)..<min(range.upperBound, original.count)
            let start = locator.position(of: clamped.lowerBound)
            let end = locator.end(of: clamped, startingAt: start)
            var placed = Finding(
                ruleID: finding.ruleID, ruleName: finding.ruleName, category: finding.category, severity: finding.severity,
                path: finding.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
                byteRange: range, fileClass: finding.fileClass, message: finding.message, preview: finding.preview,
                fingerprint: finding.fingerprint, fingerprintAnchor: finding.fingerprintAnchor, validator: finding.validator,
                revealed: finding.revealed,
                decodedFrom: pieces.kind(at: finding.byteRange.lowerBound))
            placed.hint = finding.hint
            out.append(placed)
        }
        return out
    }
}

extension Finding {
    /// The same finding, marked as found in content decoded by `kind`.
    func decoded(from kind: String) -> Finding {
        var copy = self
        copy.decodedFrom = kind
        return copy
    }
}
