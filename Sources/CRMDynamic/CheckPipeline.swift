@_spi(Generated) import CRMRuntime
import Foundation

/// The threads of a check with several jobs. `jobs` threads take turns at reading the input: the job
/// whose turn it is reads a chunk and splits it into lines (a `memchr` per line) and batches; every job
/// checks batches; the caller takes the results in input order. A batch is most often checked by the job
/// that split it, on the core whose caches already hold its bytes; and no thread only splits, to take a
/// core's time from the jobs. A line that begins with `{` and ends with `}` is checked by a job on its
/// own: accepted by the compiled rules, or, when they decline it and its brackets show it is complete,
/// scanned by itself. Every other line, and a line that follows a value not yet closed, is scanned by the
/// caller's ``RecordScanner`` in order, exactly as one job would scan it, so the results do not depend on
/// `jobs`. All state shared by the threads is behind `condition`, except the input and its splitter,
/// which only the job whose turn it is to read touches; at most a few batches, and 16 MiB, are held.
final class CheckPipeline: @unchecked Sendable {
    /// A line of a batch: its bytes in `Batch.bytes`, without the line feed.
    struct Line {
        var bytes: Range<Int>
        var number: Int
        /// For a line whose first byte that is not white space is `{` and whose last is `}`: from one to
        /// the other. A job reads it.
        var object: Range<Int>?
        /// Whether a line feed follows: not after the last line of an input without one, nor after a piece
        /// of a line too long to hold (the rest of it follows).
        var endsLine: Bool
    }

    /// Lines in one buffer, and what a job made of them.
    struct Batch {
        var bytes: [UInt8] = []
        var lines: [Line] = []
        /// What the jobs found, line after line.
        var results: [RecordCheckResult] = []
        /// Per line: where its results are in ``results``, or `nil` when the caller must scan it. (Ranges,
        /// not slices: a slice per line would retain `results` on a job's thread and release it on the
        /// caller's, an atomic operation on another core's cache line for every record.)
        var outcomes: [Range<Int>?] = []
        /// Set on the batch after the last when the input could not be read to its end.
        var readError: String?
    }

    /// Emptied batches kept for the splitter: the caller returns one for each it takes, and the
    /// splitter takes one for each it hands over, so a few are enough.
    static let sparesKept = 4

    /// A line longer than this is not held whole: it goes to the caller's scanner in pieces.
    static let longestLine = 1 << 20

    private let condition = NSCondition()
    /// The input and what splits it: touched only by the job that is `reading`.
    private var stream: RecordStream
    private var splitter = LineSplitter()
    private var reading = false
    private let validator: DynamicValidator
    private var pending: [(number: Int, batch: Batch)] = []
    private var finished: [Int: Batch] = [:]
    /// Batches the caller has finished with, emptied, for the splitter (at most ``sparesKept``).
    private var spares: [Batch] = []
    private var sizes: [Int: Int] = [:]
    private var split = 0
    private var taken = 0
    private var bytesHeld = 0
    private var splittingDone = false
    private let limit: Int

    init(stream: RecordStream, validator: DynamicValidator, jobs: Int) {
        self.stream = stream
        self.validator = validator
        limit = 4 * jobs
        for _ in 0..<jobs {
            Thread.detachNewThread { [self] in work() }
        }
    }

    // MARK: Reading and checking

    /// A job: checks the batches waiting, and when there are none, reads and splits the next chunk of
    /// input if it is its turn and too much is not held already.
    private func work() {
        var checker = validator.compiled.makeChecker()
        condition.lock()
        while true {
            if !pending.isEmpty {
                var (number, batch) = pending.removeFirst()
                condition.unlock()
                Self.check(&batch, validator: validator, checker: &checker)
                condition.lock()
                finished[number] = batch
                condition.broadcast()
                continue
            }
            if splittingDone {
                condition.unlock()
                return
            }
            if reading || split - taken >= limit || bytesHeld >= RecordChecks.bytesInFlight {
                condition.wait()
                continue
            }
            reading = true
            condition.unlock()
            let isLast = readChunk()
            condition.lock()
            reading = false
            if isLast { splittingDone = true }
            condition.broadcast()
        }
    }

    /// Reads and splits the next chunk, queuing the batches it completes; at the end of the input (or at
    /// a read error, which ends it where it happened: what was read is checked, the unfinished line
    /// included, and then the error is reported), the last of them and the end. `true` at the end.
    private func readChunk() -> Bool {
        // The closure that queues a batch is passed down for every line. Capturing `self` strongly
        // there, the reader retained and released the pipeline once a line, an atomic write to the object
        // whose lock every job takes (a profile of two jobs had 1.7% of its time in that `swift_release`).
        // This method runs on `self`, so `self` outlives the unretained reference.
        let pipeline = Unmanaged.passUnretained(self)
        // A pipe that pauses (records written as an export runs) would hold a half-filled batch, and the
        // diagnostics of records already read, until it sends a batch's worth more: they go now.
        if stream.wouldWaitForInput { splitter.handOver { batch in queue(batch) } }
        var readError: String?
        do {
            if try stream.nextRawChunk({ bytes in
                splitter.add(bytes) { batch in pipeline._withUnsafeGuaranteedRef { $0.queue(batch) } }
            }) {
                return false
            }
        } catch {
            readError = "cannot read the rest of the input: \(error.localizedDescription)"
        }
        splitter.finish { batch in queue(batch) }
        var last = Batch()
        last.readError = readError
        _ = queue(last)
        return true
    }

    /// Queues a batch for the jobs (an empty one only to carry a read error), and gives back a spare
    /// one, emptied, if the caller has returned one (``recycle(_:)``).
    private func queue(_ batch: Batch) -> Batch? {
        guard !batch.lines.isEmpty || batch.readError != nil else { return nil }
        condition.lock()
        defer { condition.unlock() }
        pending.append((split, batch))
        sizes[split] = batch.bytes.count
        bytesHeld += batch.bytes.count
        split += 1
        condition.broadcast()
        return spares.popLast()
    }

    /// Takes back a batch the caller is done with, emptied, for the splitter to fill again.
    func recycle(_ batch: inout Batch) {
        var spare = Batch()
        swap(&spare, &batch)
        spare.bytes.removeAll(keepingCapacity: true)
        spare.lines.removeAll(keepingCapacity: true)
        spare.results.removeAll(keepingCapacity: true)
        spare.outcomes.removeAll(keepingCapacity: true)
        spare.readError = nil
        condition.lock()
        defer { condition.unlock() }
        if spares.count < Self.sparesKept { spares.append(spare) }
    }

    /// Fills `batch.results` and `batch.outcomes`: results for each `{` … `}` line that a job can decide alone.
    static func check(_ batch: inout Batch, validator: DynamicValidator, checker: inout RecordRules.Checker) {
        // The arrays of a recycled batch (emptied by `recycle`), taken out so that they are not copied
        // as they are filled.
        var results = batch.results
        var ranges = batch.outcomes
        batch.results = []
        batch.outcomes = []
        results.reserveCapacity(batch.lines.count)
        ranges.reserveCapacity(batch.lines.count)
        batch.bytes.withUnsafeBufferPointer { bytes in
            for line in batch.lines {
                guard let range = line.object else {
                    ranges.append(nil)
                    continue
                }
                let object = UnsafeBufferPointer(rebasing: bytes[range])
                if checker.accepts(json: UnsafeRawBufferPointer(object)) {
                    ranges.append(results.count..<results.count + 1)
                    results.append(RecordCheckResult(outcome: .valid, line: line.number))
                    continue
                }
                // Declined: scanned by itself if its brackets close at its end, else by the caller.
                guard RecordScanner.isWholeObject(object) else {
                    ranges.append(nil)
                    continue
                }
                let first = results.count
                for event in RecordScanner.events(ofLine: Data(object), number: line.number) {
                    results.append(RecordChecks.checkByRules(.scanned(event), validator: validator, rules: checker.rules))
                }
                ranges.append(first..<results.count)
            }
        }
        batch.results = results
        batch.outcomes = ranges
    }

    /// The next batch in input order, checked; `nil` after the last.
    func nextBatch() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while finished[taken] == nil, !(splittingDone && taken == split) { condition.wait() }
        guard let batch = finished.removeValue(forKey: taken) else { return nil }
        bytesHeld -= sizes.removeValue(forKey: taken) ?? 0
        taken += 1
        condition.broadcast()
        return batch
    }
}

/// Splits chunks of input into lines and batches them: a batch ends at `RecordChecks.batchSize` lines or
/// `RecordChecks.batchBytes` bytes. A line longer than `CheckPipeline.longestLine` is handed over in
/// pieces, never whole.
struct LineSplitter {
    /// Takes a full batch, and gives back an emptied one to fill next when one is spare (its memory
    /// already mapped: a new megabyte for every batch faulted in 256 pages, 85% of a two-job check's
    /// page faults).
    typealias Hand = (CheckPipeline.Batch) -> CheckPipeline.Batch?

    private var batch = LineSplitter.newBatch(bytes: 1 << 16)
    /// The start of a line that has not ended in the chunks so far.
    private var partial: [UInt8] = []
    /// Whether pieces of the current line were already handed over.
    private var inLongLine = false
    private var number = 1

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, _ hand: LineSplitter.Hand) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
            let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            if partial.isEmpty {
                appendLine(UnsafeBufferPointer(rebasing: bytes[start..<end]), endsLine: true, hand)
            } else {
                partial.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                partial.withUnsafeBufferPointer { appendLine($0, endsLine: true, hand) }
                partial.removeAll(keepingCapacity: partial.count <= CheckPipeline.longestLine)
            }
            start = end + 1
        }
        partial.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        if partial.count > CheckPipeline.longestLine {
            partial.withUnsafeBufferPointer { appendLine($0, endsLine: false, hand) }
            partial = []
        }
    }

    /// Hands over the lines split so far, as a batch of their own (a line not yet ended stays).
    mutating func handOver(_ hand: LineSplitter.Hand) {
        guard !batch.lines.isEmpty else { return }
        handBatch(room: batch.bytes.capacity, hand)
    }

    /// Hands over the batch and begins the next, a spare one if `hand` gives one back.
    private mutating func handBatch(room: Int, _ hand: LineSplitter.Hand) {
        let spare = hand(batch)
        batch = Self.newBatch(reusing: spare, bytes: room)
    }

    /// Hands over what is left: the last line if the input does not end with a line feed, and the batch.
    mutating func finish(_ hand: LineSplitter.Hand) {
        if !partial.isEmpty {
            partial.withUnsafeBufferPointer { appendLine($0, endsLine: false, hand) }
            partial = []
        }
        if !batch.lines.isEmpty { _ = hand(batch) }
        batch = CheckPipeline.Batch()
    }

    /// An empty batch with room for `bytes` bytes and a full batch of lines: `spare`, or a new one.
    /// A spare that holds a batch's worth is taken as it is: reserving a few bytes more than it has
    /// would move it into new memory, the faults it is kept to avoid.
    private static func newBatch(reusing spare: CheckPipeline.Batch? = nil, bytes: Int) -> CheckPipeline.Batch {
        if let spare, spare.bytes.capacity >= min(bytes, RecordChecks.batchBytes) { return spare }
        var batch = spare ?? CheckPipeline.Batch()
        batch.bytes.reserveCapacity(bytes)
        batch.lines.reserveCapacity(RecordChecks.batchSize)
        return batch
    }

    /// Appends a line, or a piece of one (`endsLine` false), in pieces when it is too long to hold.
    private mutating func appendLine(_ line: UnsafeBufferPointer<UInt8>, endsLine: Bool, _ hand: LineSplitter.Hand) {
        guard line.count <= CheckPipeline.longestLine else {
            var start = 0
            while start < line.count {
                let end = min(start + CheckPipeline.longestLine, line.count)
                append(UnsafeBufferPointer(rebasing: line[start..<end]), object: false, endsLine: end == line.count && endsLine, hand)
                start = end
            }
            inLongLine = !endsLine
            return
        }
        append(line, object: !inLongLine, endsLine: endsLine, hand)
        inLongLine = !endsLine
    }

    private mutating func append(_ line: UnsafeBufferPointer<UInt8>, object: Bool, endsLine: Bool, _ hand: LineSplitter.Hand) {
        let offset = batch.bytes.count
        batch.bytes.append(contentsOf: line)
        // Only a whole line with its line feed is read by a job.
        let bounds = object && endsLine ? RecordScanner.objectBounds(line) : nil
        batch.lines.append(CheckPipeline.Line(bytes: offset..<batch.bytes.count, number: number,
                                              object: bounds.map { (offset + $0.lowerBound)..<(offset + $0.upperBound) },
                                              endsLine: endsLine))
        if endsLine { number += 1 }
        if batch.lines.count >= RecordChecks.batchSize || batch.bytes.count >= RecordChecks.batchBytes {
            // The next batch gets room for as many bytes as this one took, and an eighth more: appended
            // to a growing array, its bytes would be copied again at each doubling (a batch of records
            // is some hundreds of kilobytes).
            let room = min(batch.bytes.count + batch.bytes.count / 8, RecordChecks.batchBytes + CheckPipeline.longestLine)
            handBatch(room: room, hand)
        }
    }
}
