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
/// reports. With more than one job, `jobs` threads take turns at splitting the input into batches of
/// records and check them; results still come in input order, and at most a few batches per job are
/// held, so memory does not grow with the input.
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
    /// With several jobs: the lines they leave are scanned here, in order.
    private var serial = RecordScanner()
    private var pipelineDone = false

    /// Records in a batch handed to a job: enough to make the hand-over cheap, few enough to keep memory small.
    static let batchSize = 1024
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
                batch.removeAll(keepingCapacity: true)
                guard takeBatch(from: pipeline) else { return nil }
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
            results.append(checkByRules(.scanned(event), validator: validator, rules: checker.rules))
        }
    }

    /// The result of a part that is not a line read whole.
    private static func check(_ part: RecordStream.Part, validator: DynamicValidator, checker: inout RecordRules.Checker) -> RecordCheckResult {
        if case .scanned(.record(let bytes, let line)) = part, bytes.withUnsafeBytes({ checker.accepts(json: $0) }) {
            return RecordCheckResult(outcome: .valid, line: line)
        }
        return checkByRules(part, validator: validator, rules: checker.rules)
    }

    /// Appends the results of the pipeline's next batch, scanning here the lines its jobs left (and every
    /// line after a value they began, until it ends); `false` after the last.
    private mutating func takeBatch(from pipeline: CheckPipeline) -> Bool {
        guard !pipelineDone else { return false }
        guard var next = pipeline.nextBatch() else {
            pipelineDone = true
            if let event = serial.finish() { batch.append(Self.check(.scanned(event), validator: validator, checker: &checker.checker)) }
            return !batch.isEmpty
        }
        if let readError = next.readError {
            pipelineDone = true
            batch.append(RecordCheckResult(outcome: .notARecord(readError), line: serial.currentLine))
            return true
        }
        next.bytes.withUnsafeBufferPointer { bytes in
            for (index, line) in next.lines.enumerated() {
                if let results = next.outcomes[index], serial.isBetweenLines {
                    batch.append(contentsOf: next.results[results])
                    serial.skipLine()
                    continue
                }
                scan(UnsafeBufferPointer(rebasing: bytes[line.bytes]))
                if line.endsLine { Self.lineFeed.withUnsafeBufferPointer { scan($0) } }
            }
        }
        pipeline.recycle(&next)
        return true
    }

    private static let lineFeed: [UInt8] = [UInt8(ascii: "\n")]

    /// Scans `bytes` with the serial scanner and checks what it finds.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < bytes.count {
            if let event = serial.scan(bytes, from: &index) {
                batch.append(Self.check(.scanned(event), validator: validator, checker: &checker.checker))
            }
        }
    }

    /// The result of a part, the record validated by the rules one by one (the compiled rules declined it,
    /// or read only the line that holds it). `rules`: the calling job's copy of the compiled rules.
    static func checkByRules(_ part: RecordStream.Part, validator: DynamicValidator, rules: RecordRules) -> RecordCheckResult {
        let item = RecordStream.item(part)
        guard case .record(let record, let line) = item else {
            return RecordCheckResult(outcome: .notARecord(item.problem ?? "not a record"), line: item.line)
        }
        let issues = validator.issues(ofDeclined: record.properties, acceptedBy: rules)
        return RecordCheckResult(outcome: issues.isEmpty ? .valid : .invalid(id: record.id, issues: issues), line: line)
    }
}

/// A checker that a closure of the stream and the iterator both use, on one thread.
private final class CheckerBox {
    var checker: RecordRules.Checker

    init(_ checker: RecordRules.Checker) { self.checker = checker }
}
