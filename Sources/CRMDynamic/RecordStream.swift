import CRMRuntime
import Foundation

/// Reads HubSpot records from a file of any size, one at a time: a JSON object, a JSON array
/// of records, a list response (`{"results": [...], "paging": ...}`) or NDJSON — or any mix of
/// these one after another. Only the record being read is held in memory.
///
/// Every item carries the line where its record starts. Text that is not JSON is reported as
/// an item (`.notJSON`) and skipped to the end of its line; reading goes on.
public struct RecordStream: Sequence, IteratorProtocol {
    public enum Item {
        case record(RecordEnvelope, line: Int)
        /// JSON that is not a record (`"id"` not a string, say), with the decoder's reason.
        case notARecord(String, line: Int)
        /// Bytes that are not JSON at all, such as a log line in an NDJSON file.
        case notJSON(line: Int)
    }

    /// Records larger than this are reported, not read: it also bounds memory on an unterminated record.
    public static let maximumRecordSize = 16 << 20

    private var source: ByteSource
    private var scanner = Scanner()
    private var pending: [Item] = []

    public init(url: URL) throws {
        source = try ByteSource(url: url)
    }

    public init(data: Data) {
        source = ByteSource(data: data)
    }

    public mutating func next() -> Item? {
        while pending.isEmpty {
            guard let byte = source.next() else {
                if let line = scanner.finish() { pending.append(.notJSON(line: line)) }
                break
            }
            switch scanner.feed(byte) {
            case .none: break
            case .record(let bytes, let line): pending.append(decode(bytes, line: line))
            case .notJSON(let line): pending.append(.notJSON(line: line))
            }
        }
        return pending.isEmpty ? nil : pending.removeFirst()
    }

    private func decode(_ bytes: [UInt8], line: Int) -> Item {
        do throws(RecordJSONError) {
            return .record(try RecordEnvelope(json: Data(bytes)), line: line)
        } catch where error.kind == .syntax {
            return .notJSON(line: line)
        } catch {
            return .notARecord(error.message, line: line)
        }
    }
}

/// Finds where records begin and end in a byte stream, without parsing them: it follows
/// strings and nesting only. A top-level object is a record unless it has a `"results"` array,
/// whose elements are then the records; a top-level array's elements are records.
private struct Scanner {
    enum Output {
        case record([UInt8], line: Int)
        case notJSON(line: Int)
    }

    private var line = 1
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// Depth at which objects are records: 0 for top-level records, 1 in a top-level array, 2 in "results".
    private var recordDepth = 0
    private var recording = false
    private var buffer: [UInt8] = []
    private var recordLine = 0
    private var skippingLine = false
    /// Inside a top-level object: the key just read at depth 1, to spot `"results"`.
    private var keyBytes: [UInt8] = []
    private var readingKey = false
    private var expectingKey = false
    private var lastKey: [UInt8] = []
    private var resultsArrayDepth: Int?

    mutating func feed(_ byte: UInt8) -> Output? {
        if byte == UInt8(ascii: "\n") {
            line += 1
            if skippingLine {
                skippingLine = false
                return nil
            }
        }
        if skippingLine { return nil }
        if recording {
            buffer.append(byte)
            if buffer.count > RecordStream.maximumRecordSize {
                let start = recordLine
                reset()
                skippingLine = true
                return .notJSON(line: start)
            }
        }
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                if readingKey { readingKey = false; lastKey = keyBytes }
            } else if readingKey {
                keyBytes.append(byte)
            }
            return nil
        }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            return nil
        case UInt8(ascii: "\""):
            guard depth > 0 else { return startOfNotJSON() }
            inString = true
            if depth == 1, expectingKey {
                readingKey = true
                keyBytes.removeAll(keepingCapacity: true)
            }
            expectingKey = false
            return nil
        case UInt8(ascii: "{"):
            if depth == recordDepth, !recording {
                recording = true
                buffer = [byte]
                recordLine = line
            }
            depth += 1
            if depth == 1 { expectingKey = true; lastKey = [] }
            return nil
        case UInt8(ascii: "["):
            if depth == 0 {
                recordDepth = 1
            } else if depth == 1, lastKey == Array("results".utf8), recordDepth == 0 {
                // A list response: drop the envelope, read its results.
                recording = false
                buffer = []
                resultsArrayDepth = depth
                recordDepth = 2
            }
            depth += 1
            return nil
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            guard depth > 0 else { return startOfNotJSON() }
            depth -= 1
            if byte == UInt8(ascii: "]"), let arrayDepth = resultsArrayDepth, depth == arrayDepth {
                resultsArrayDepth = nil
                recordDepth = 0
            }
            if depth == 0 { recordDepth = 0 }
            if recording, depth == recordDepth || (depth == 0 && recordDepth == 0) {
                if byte == UInt8(ascii: "}") {
                    let record = buffer
                    recording = false
                    buffer = []
                    return .record(record, line: recordLine)
                }
            }
            return nil
        case UInt8(ascii: ","):
            if depth == 1 { expectingKey = true }
            return nil
        default:
            return depth == 0 ? startOfNotJSON() : nil
        }
    }

    private mutating func startOfNotJSON() -> Output {
        reset()
        skippingLine = true
        return .notJSON(line: line)
    }

    private mutating func reset() {
        depth = 0
        inString = false
        escaped = false
        recordDepth = 0
        recording = false
        buffer = []
        readingKey = false
        expectingKey = false
        lastKey = []
        resultsArrayDepth = nil
    }

    /// At the end of input: an unterminated record or value is reported at its start.
    mutating func finish() -> Int? {
        defer { reset() }
        if recording { return recordLine }
        return depth > 0 ? line : nil
    }
}

/// Bytes of a file, read in large chunks.
private struct ByteSource {
    private let handle: FileHandle?
    private var chunk: [UInt8] = []
    private var index = 0
    private var finished = false

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    init(data: Data) {
        handle = nil
        chunk = Array(data)
    }

    mutating func next() -> UInt8? {
        if index < chunk.count {
            defer { index += 1 }
            return chunk[index]
        }
        guard let handle, !finished else { return nil }
        guard let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty else {
            finished = true
            return nil
        }
        chunk = Array(data)
        index = 1
        return chunk[0]
    }
}
