// RecordBench run MODE FILE [BAD_LINES]
//   MODE: decode | generated | dynamic | jsondecoder | jsondecoder-generated
// Reads NDJSON records of rich_record (rich_record.yaml beside this file; the type RichRecord is
// generated from it by CRMGenPlugin at build time) and decodes, or decodes and validates, each line:
//   decode                 the floor: JSON → RecordEnvelope with crmgen's parser, nothing checked
//   generated              RichRecord(json:).validate(): the generated type
//   dynamic                DynamicValidator (what `crmgen check` runs), without the CLI around it
//   jsondecoder            Foundation's JSONDecoder → RecordEnvelope, for reference
//   jsondecoder-generated  Foundation's JSONDecoder → RichRecord, then validate()
// BAD_LINES, when given, gets the line numbers of the records with issues, one a line, so that
// Benchmarks/run.sh can hold the verdicts to crmgen check's. Records: Benchmarks/Records/generate_records.py.
import CRMDynamic
@_spi(Generated) import CRMRuntime
import Foundation

/// Calls `body` with each line of the file (and its number), read in 4 MiB chunks into one buffer (one
/// `read(2)` each; `FileHandle.read(upToCount:)` reads 4 KiB a call): the same loop for every mode. Lines
/// are found with `memchr`, and only a line cut by a chunk's end is copied before `body` gets it.
func forEachLine(_ path: String, _ body: (Data, Int) throws -> Void) throws {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    var buffer = [UInt8](repeating: 0, count: 1 << 22)
    var carry: [UInt8] = []
    var number = 0
    while true {
        let count = buffer.withUnsafeMutableBytes { raw in read(handle.fileDescriptor, raw.baseAddress, raw.count) }
        if count < 0, errno == EINTR { continue }
        if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if count == 0 { break }
        try buffer.withUnsafeBytes { whole in
            let raw = UnsafeRawBufferPointer(rebasing: whole[..<count])
            guard let base = raw.baseAddress else { return }
            var start = 0
            while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
                let end = base.distance(to: UnsafeRawPointer(found))
                number += 1
                if carry.isEmpty {
                    if end > start { try body(Data(bytes: base + start, count: end - start), number) }
                } else {
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                    try body(Data(carry), number)
                    carry.removeAll(keepingCapacity: true)
                }
                start = end + 1
            }
            carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
    }
    if !carry.isEmpty { try body(Data(carry), number + 1) }
}

/// Decodes (and validates) every record of the file; locals, not globals, so that counting costs nothing.
func run(mode: String, path: String, badLinesPath: String?) throws {
    let decoder = JSONDecoder()
    let validator = DynamicValidator(object: RichRecord.schema)
    var records = 0
    var badLines: [Int] = []
    let start = Date()
    try forEachLine(path) { line, number in
        records += 1
        // Input the parser rejects is a bad record too, as crmgen check reports it.
        let bad: Bool
        do {
            switch mode {
            case "decode":  // the floor: only reading the JSON into a record envelope
                _ = try RecordEnvelope(json: line)
                bad = false
            case "generated":  // the generated type's own reader (into slots) and validate()
                bad = !(try RichRecord(json: line)).validate().isEmpty
            case "dynamic":
                bad = !validator.validate(try RecordEnvelope(json: line)).isEmpty
            case "jsondecoder":  // Foundation's JSONDecoder, for reference
                _ = try decoder.decode(RecordEnvelope.self, from: line)
                bad = false
            case "jsondecoder-generated":
                bad = !(try decoder.decode(RichRecord.self, from: line).validate().isEmpty)
            default:
                FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
                exit(2)
            }
        } catch {
            bad = true
        }
        if bad { badLines.append(number) }
    }
    let seconds = Date().timeIntervalSince(start)
    if let badLinesPath {
        let text = badLines.map(String.init).joined(separator: "\n") + (badLines.isEmpty ? "" : "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: badLinesPath))
    }
    print("\(mode): \(records) records in \(String(format: "%.2f", seconds)) s = \(Int(Double(records) / seconds)) records/s, \(badLines.count) with issues")
}

let arguments = CommandLine.arguments
guard arguments.count == 4 || arguments.count == 5, arguments[1] == "run" else {
    FileHandle.standardError.write(Data("usage: RecordBench run decode|generated|dynamic|jsondecoder|jsondecoder-generated FILE [BAD_LINES]\n".utf8))
    exit(2)
}
do {
    try run(mode: arguments[2], path: arguments[3], badLinesPath: arguments.count == 5 ? arguments[4] : nil)
} catch {
    FileHandle.standardError.write(Data("RecordBench: \(error)\n".utf8))
    exit(1)
}
