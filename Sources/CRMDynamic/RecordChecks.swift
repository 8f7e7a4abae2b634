@_spi(Generated) import CRMRuntime
import Foundation

/// One part of the input checked: a record and its issues, or input that is not a record.
public struct RecordCheckResult: Sendable {
    public enum Outcome: Sendable {
        /// A record without issues.
        case valid
        /// A record with issues, in property order; `id` is the record's `id`, if it has one.
        case invalid(id: String?, issues: [ValidationIssue])
        /// Input that is not a record (``RecordStream/Item/problem``).
        case notARecord(String)
    }

    public var outcome: Outcome
    /// The line where the record or the problem starts.
    public var line: Int
}

/// Every record of an input checked against an object's rules, in input order: what `crmgen check`
/// reports. With more than one job, a thread scans the input into batches of records while `jobs`
/// threads check them; results still come in input order, and at most a few batches per job are held,
/// so memory does not grow with the input.
///
/// Each record is first read by the compiled ``RecordRules``; only a record they do not accept is
/// parsed into a ``RecordEnvelope`` and validated by ``DynamicValidator``, which writes the issues.
public struct RecordChecks: Sequence, IteratorProtocol {
    private var stream: RecordStream?
    /// The checker of the calling thread; with one job, the stream also asks it about each line first.
    private let checker: CheckerBox
    private let validator: DynamicValidator
    private let pipeline: CheckPipeline?
    private var batch: [RecordCheckResult] = []
    private var batchIndex = 0

    /// Records in a batch handed to a job: enough to make the hand-over cheap, few enough to keep memory small.
    static let batchSize = 256
    /// A batch also ends after this many bytes of records.
    static let batchBytes = 1 << 20
    /// The scanner waits while batches of this many bytes are scanned and not yet taken (a batch may
    /// pass it by one record: records of up to 16 MiB are read whole).
    static let bytesInFlight = 16 << 20

    public init(_ stream: RecordStream, validator: DynamicValidator, jobs: Int = 1) {
        self.init(stream, validator: validator, jobs: jobs, readingLinesWhole: true)
    }

    /// As ``init(_:validator:jobs:)``; tests compare the results with `readingLinesWhole` and without.
    init(_ stream: RecordStream, validator: DynamicValidator, jobs: Int, readingLinesWhole: Bool) {
        var stream = stream
        stream.readsLinesWhole = readingLinesWhole
        self.validator = validator
        let checker = CheckerBox(validator.compiled.makeChecker())
        self.checker = checker
        if jobs > 1 {
            pipeline = CheckPipeline(stream: stream, validator: validator, jobs: jobs)
            self.stream = nil
        } else {
            // One thread scans and checks: a line the checker accepts need not be scanned at all.
            if readingLinesWhole { stream.acceptsLine = { bytes in checker.checker.accepts(json: UnsafeRawBufferPointer(bytes)) } }
            pipeline = nil
            self.stream = stream
        }
    }

    public mutating func next() -> RecordCheckResult? {
        while batchIndex == batch.count {
            batchIndex = 0
            if let pipeline {
                guard let results = pipeline.nextResults() else { return nil }
                batch = results
            } else {
                guard let part = stream?.nextPart() else { return nil }
                batch.removeAll(keepingCapacity: true)
                Self.check(part, validator: validator, checker: &checker.checker, into: &batch)
            }
        }
        defer { batchIndex += 1 }
        return batch[batchIndex]
    }

    /// Appends the results of one part: one, or for a line read whole that the compiled rules do not
    /// accept, those of each event scanning the line gives (none, for `{"results": []}`).
    static func check(_ part: RecordStream.Part, validator: DynamicValidator, checker: inout RecordRules.Checker,
                      into results: inout [RecordCheckResult]) {
        if case .scanned(.acceptedLine(let line)) = part {
            results.append(RecordCheckResult(outcome: .valid, line: line))
            return
        }
        guard case .scanned(.line(let bytes, let line, let declined)) = part else {
            results.append(check(part, validator: validator, checker: &checker))
            return
        }
        // The checker reads JSON at least as strictly as the scanner and declines a list response's
        // `"results"`, so a line it accepts is the one record the scanner would have found.
        if !declined, bytes.withUnsafeBytes({ checker.accepts(json: $0) }) {
            results.append(RecordCheckResult(outcome: .valid, line: line))
            return
        }
        for event in RecordScanner.events(ofLine: bytes, number: line) {
            results.append(checkByRules(.scanned(event), validator: validator))
        }
    }

    /// The result of a part that is not a line read whole.
    private static func check(_ part: RecordStream.Part, validator: DynamicValidator, checker: inout RecordRules.Checker) -> RecordCheckResult {
        if case .scanned(.record(let bytes, let line)) = part, bytes.withUnsafeBytes({ checker.accepts(json: $0) }) {
            return RecordCheckResult(outcome: .valid, line: line)
        }
        return checkByRules(part, validator: validator)
    }

    /// The result of a part, the record validated by the rules one by one (the compiled rules declined it).
    private static func checkByRules(_ part: RecordStream.Part, validator: DynamicValidator) -> RecordCheckResult {
        let item = RecordStream.item(part)
        guard case .record(let record, let line) = item else {
            return RecordCheckResult(outcome: .notARecord(item.problem ?? "not a record"), line: item.line)
        }
        let issues = validator.validate(record)
        return RecordCheckResult(outcome: issues.isEmpty ? .valid : .invalid(id: record.id, issues: issues), line: line)
    }
}

/// The threads of a check with several jobs: one scans, `jobs` check, the caller takes results in order.
/// All state is behind `condition`.
private final class CheckPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var stream: RecordStream
    private let validator: DynamicValidator
    /// Batches scanned and not yet checked, with their numbers.
    private var pending: [(number: Int, parts: [RecordStream.Part])] = []
    /// Checked batches not yet taken, by number.
    private var finished: [Int: [RecordCheckResult]] = [:]
    private var scanned = 0
    private var taken = 0
    /// Bytes of the batches scanned and not yet taken, by batch number.
    private var sizes: [Int: Int] = [:]
    private var bytesHeld = 0
    private var scanningDone = false
    /// Batches scanned but not taken: the scanner waits above this, which bounds memory.
    private let limit: Int

    init(stream: RecordStream, validator: DynamicValidator, jobs: Int) {
        self.stream = stream
        self.validator = validator
        limit = 4 * jobs
        Thread.detachNewThread { [self] in scan() }
        for _ in 0..<jobs {
            Thread.detachNewThread { [self] in work() }
        }
    }

    private func scan() {
        while true {
            condition.lock()
            while scanned - taken >= limit || bytesHeld >= RecordChecks.bytesInFlight { condition.wait() }
            condition.unlock()
            var parts: [RecordStream.Part] = []
            parts.reserveCapacity(RecordChecks.batchSize)
            var bytes = 0
            var ended = false
            while parts.count < RecordChecks.batchSize, bytes < RecordChecks.batchBytes {
                guard let part = stream.nextPart() else {
                    ended = true
                    break
                }
                if case .scanned(.record(let data, _)) = part { bytes += data.count }
                if case .scanned(.line(let data, _, _)) = part { bytes += data.count }
                parts.append(part)
            }
            condition.lock()
            if !parts.isEmpty {
                pending.append((scanned, parts))
                sizes[scanned] = bytes
                bytesHeld += bytes
                scanned += 1
            }
            if ended { scanningDone = true }
            condition.broadcast()
            condition.unlock()
            if ended { return }
        }
    }

    private func work() {
        var checker = validator.compiled.makeChecker()
        while true {
            condition.lock()
            while pending.isEmpty, !scanningDone { condition.wait() }
            guard !pending.isEmpty else {
                condition.unlock()
                return
            }
            let (number, parts) = pending.removeFirst()
            condition.unlock()
            var results: [RecordCheckResult] = []
            results.reserveCapacity(parts.count)
            for part in parts { RecordChecks.check(part, validator: validator, checker: &checker, into: &results) }
            condition.lock()
            finished[number] = results
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next batch's results in input order; `nil` after the last.
    func nextResults() -> [RecordCheckResult]? {
        condition.lock()
        defer { condition.unlock() }
        while finished[taken] == nil, !(scanningDone && taken == scanned) { condition.wait() }
        guard let results = finished.removeValue(forKey: taken) else { return nil }
        bytesHeld -= sizes.removeValue(forKey: taken) ?? 0
        taken += 1
        condition.broadcast()
        return results
    }
}

/// A checker that a closure of the stream and the iterator both use, on one thread.
private final class CheckerBox {
    var checker: RecordRules.Checker

    init(_ checker: RecordRules.Checker) { self.checker = checker }
}
