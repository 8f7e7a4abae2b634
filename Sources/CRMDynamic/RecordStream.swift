@_spi(Generated) import CRMRuntime
import Foundation

/// Reads HubSpot records from a file of any size, one at a time: a JSON object, a JSON array
/// of records, a list response (`{"results": [...], "paging": ...}`) or NDJSON — or any mix of
/// these one after another. A UTF-8 byte order mark at the start is skipped.
///
/// Every part of the input is either a record or a problem, each with the line where it starts, so
/// nothing is passed over in silence: text that is not JSON, JSON that is not a record (a number, an
/// array inside the array of records, an object without `properties`), a record larger than
/// ``maximumRecordSize`` and nesting deeper than `RecordEnvelope.maximumNestingDepth` levels (counted
/// from the top of the input). After a syntax error, reading resumes at the start of the next line,
/// or right at the offending `{` or `[` when it begins its line: a record after an unterminated one in
/// NDJSON is read. Only the record being read is held in memory.
public struct RecordStream: Sequence, IteratorProtocol {
    public enum Item: Hashable, Sendable {
        case record(RecordEnvelope, line: Int)
        /// JSON that is not a HubSpot record, with what it is instead: a record the parser rejects
        /// (`"id"` not a string, a key given twice, no `properties`), a number or an array where a record
        /// belongs, a `results` that is not an array.
        case notARecord(String, line: Int)
        /// Input that is not JSON (a log line, an unterminated string, invalid UTF-8, nesting too deep,
        /// an empty input), with the reason and where reading went on.
        case notJSON(String, line: Int)
        /// A record larger than ``RecordStream/maximumRecordSize``: its structure was followed, its
        /// bytes were not kept.
        case tooLarge(line: Int)
        /// The input could not be read to its end.
        case unreadable(String, line: Int)

        /// The line where the record or the problem starts.
        public var line: Int {
            switch self {
            case .record(_, let line), .notARecord(_, let line), .notJSON(_, let line), .tooLarge(let line), .unreadable(_, let line): line
            }
        }

        /// What is wrong, as the sentence a diagnostic shows; `nil` for a record.
        public var problem: String? {
            switch self {
            case .record: nil
            case .notARecord(let message, _), .notJSON(let message, _), .unreadable(let message, _): message
            case .tooLarge: "record is larger than \(RecordStream.maximumRecordSize) bytes, crmgen's limit for one record"
            }
        }
    }

    /// Records larger than this (16 MiB) are reported, not read: it also bounds memory on an
    /// unterminated record.
    public static let maximumRecordSize = 16 << 20

    private var source: ByteSource
    private var scanner = RecordScanner()
    private var finished = false
    /// The events of a line read whole, not yet returned by ``next()``.
    private var lineEvents: [RecordScanner.Event] = []
    private var lineEventIndex = 0

    /// Whether a line that holds one top-level object is handed over whole by ``nextPart()``
    /// (`RecordScanner.readsLinesWhole`); ``next()`` gives the same items either way.
    var readsLinesWhole: Bool {
        get { scanner.readsLinesWhole }
        set { scanner.readsLinesWhole = newValue }
    }

    /// `RecordScanner.acceptsLine`: set, ``nextPart()`` gives `.acceptedLine` for the lines it accepts.
    var acceptsLine: ((UnsafeBufferPointer<UInt8>) -> Bool)? {
        get { scanner.acceptsLine }
        set { scanner.acceptsLine = newValue }
    }

    public init(url: URL) throws {
        try self.init(url: url, chunkSize: 1 << 20)
    }

    /// Reads the file `chunkSize` bytes at a time (tests use small chunks to cross every boundary).
    init(url: URL, chunkSize: Int) throws {
        source = try ByteSource(url: url, chunkSize: chunkSize)
    }

    public init(data: Data) {
        source = ByteSource(data: data)
    }

    /// Reads standard input (`crmgen check OBJECT -`), which it leaves open.
    public static func standardInput() -> RecordStream {
        RecordStream(source: ByteSource(handle: FileHandle.standardInput, chunkSize: 1 << 20))
    }

    private init(source: ByteSource) {
        self.source = source
    }

    /// Whether reading on would wait for the input's writer: nothing is left of the current chunk and
    /// the pipe or terminal has nothing to read yet. Never for a file, whose next bytes are always
    /// there, nor for data.
    var wouldWaitForInput: Bool { source.wouldWait }

    public mutating func next() -> Item? {
        while lineEventIndex == lineEvents.count {
            guard let part = nextPart() else { return nil }
            guard case .scanned(.line(let bytes, let line, _)) = part else { return Self.item(part) }
            lineEvents = RecordScanner.events(ofLine: bytes, number: line)
            lineEventIndex = 0
        }
        defer { lineEventIndex += 1 }
        return Self.item(lineEvents[lineEventIndex])
    }

    /// What comes next in the input, a record's bytes not yet parsed.
    enum Part {
        case scanned(RecordScanner.Event)
        case unreadable(String, line: Int)
    }

    mutating func nextPart() -> Part? {
        while !finished {
            if let event = source.scan(with: &scanner) { return .scanned(event) }
            do {
                if try source.refill() { continue }
            } catch {
                finished = true
                return .unreadable("cannot read the rest of the input: \(error.localizedDescription)", line: scanner.currentLine)
            }
            finished = true
            return scanner.finish().map(Part.scanned)
        }
        return nil
    }

    /// Lends the rest of the input as it is, a chunk at a time, for a reader that splits it itself
    /// (`check`'s jobs); `false` at the end. Not to be mixed with ``next()`` or ``nextPart()``.
    mutating func nextRawChunk(_ body: (UnsafeBufferPointer<UInt8>) -> Void) throws -> Bool {
        if source.takeRest(body) { return true }
        guard try source.refill() else { return false }
        return source.takeRest(body)
    }

    static func item(_ part: Part) -> Item {
        switch part {
        case .scanned(let event): Self.item(event)
        case .unreadable(let message, let line): .unreadable(message, line: line)
        }
    }

    static func item(_ event: RecordScanner.Event) -> Item {
        switch event {
        // A line is expanded into its events before it gets here (`next()`, `RecordChecks`); read alone, it
        // is read as the record it nearly always is.
        case .record(let bytes, let line), .line(let bytes, let line, _):
            do throws(RecordJSONError) {
                return .record(try RecordEnvelope(json: bytes, requiringProperties: true), line: line)
            } catch where error.kind == .syntax {
                return .notJSON("not JSON: \(error.message)", line: line)
            } catch {
                return .notARecord("not a HubSpot record: \(error.message)", line: line)
            }
        // Only `RecordChecks` sets an `acceptsLine`, and it takes these lines as records without issues.
        case .acceptedLine(let line): return .notARecord("a line was accepted without being read (crmgen's mistake)", line: line)
        case .tooLarge(let line): return .tooLarge(line: line)
        case .notARecord(let message, let line): return .notARecord(message, line: line)
        case .notJSON(let message, let line): return .notJSON(message, line: line)
        }
    }
}

/// The input in chunks: a file read `chunkSize` bytes at a time into one buffer, or data already in memory.
private struct ByteSource {
    /// Keeps the file open while it is read (and closes it after).
    private let handle: FileHandle?
    /// File input: the buffer each read fills, allocated once.
    private var buffer: [UInt8]
    /// Data input: all of it, one chunk.
    private let data: Data
    /// The end of the bytes read into `buffer`.
    private var end = 0
    private var index = 0

    init(url: URL, chunkSize: Int) throws {
        self.init(handle: try FileHandle(forReadingFrom: url), chunkSize: chunkSize)
    }

    init(data: Data) {
        handle = nil
        buffer = []
        self.data = data
        end = data.count
    }

    init(handle: FileHandle, chunkSize: Int) {
        self.handle = handle
        buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
        data = Data()
    }

    /// ``RecordStream/wouldWaitForInput``: `poll(2)` without waiting finds nothing to read (an end or
    /// an error counts as something: the read that follows reports it).
    var wouldWait: Bool {
        guard index >= end, let handle else { return false }
        var request = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) == 0
    }

    /// Lends bytes `range` of the current chunk.
    private func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if handle == nil {
            return data.withUnsafeBytes { raw in body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range])) }
        }
        return buffer.withUnsafeBufferPointer { bytes in body(UnsafeBufferPointer(rebasing: bytes[range])) }
    }

    /// Scans the rest of the current chunk until the scanner finds something.
    mutating func scan(with scanner: inout RecordScanner) -> RecordScanner.Event? {
        guard index < end else { return nil }
        var position = index
        defer { index = position }
        return withBytes(0..<end) { chunk in scanner.scan(chunk, from: &position) }
    }

    /// Lends the unread part of the current chunk, which is then read; `false` when there is none.
    mutating func takeRest(_ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard index < end else { return false }
        withBytes(index..<end, body)
        index = end
        return true
    }

    /// Reads the next chunk; `false` at the end of the input. A read error is thrown, not taken for the end.
    ///
    /// One `read(2)` a chunk, into the same buffer: `FileHandle.read(upToCount:)` reads 4 KiB a call
    /// into new `Data` (77,000 calls for a 314 MB file).
    mutating func refill() throws -> Bool {
        guard let handle else { return false }
        let descriptor = handle.fileDescriptor
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in readBytes(descriptor, raw.baseAddress, raw.count) }
            if count > 0 {
                index = 0
                end = count
                return true
            }
            if count == 0 { return false }
            if errno != EINTR { throw ReadFailure(code: errno) }
        }
    }

    /// A failed `read(2)`, described as `strerror` does.
    struct ReadFailure: LocalizedError {
        let code: Int32
        var errorDescription: String? { String(cString: strerror(code)) }
    }
}

/// The system's `read(2)` (named apart from the members called `read`).
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
