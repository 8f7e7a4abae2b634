// record-bench generate COUNT FILE   — COUNT synthetic bench_record records as NDJSON (about 1 in 10 invalid)
// record-bench run MODE FILE         — MODE: decode | generated | dynamic | jsondecoder | jsondecoder-generated
import CRMDynamic
@_spi(Generated) import CRMRuntime
import Foundation

/// SplitMix64: the same records on every machine.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func value(for property: PropertySchema, valid: Bool, random: inout SeededRandom) -> String {
    switch property.type {
    case .string where property.pattern != nil: return valid ? "AB-\(random.next() % 100_000)" : "ab_\(random.next() % 9)"
    case .string where property.format == .email: return valid ? "user\(random.next() % 1000)@example.com" : "not-an-email"
    case .string: return valid ? "text \(random.next() % 1_000_000)" : String(repeating: "x", count: 250)
    case .number: return valid ? String(random.next() % 1000) : (random.next() % 2 == 0 ? "1001" : "many")
    case .date: return valid ? "2024-0\(1 + random.next() % 9)-1\(random.next() % 9)" : "2024-02-30"
    case .datetime: return valid ? "2024-11-20T20:12:09.236Z" : "tomorrow"
    case .bool: return valid ? (random.next() % 2 == 0 ? "true" : "false") : "yes"
    case .enumeration: return valid ? (property.options.randomElement(using: &random)?.value ?? "x") : "omega"
    }
}

func generate(count: Int, to path: String, object: ObjectSchema) throws {
    var random = SeededRandom(state: 42)
    guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var batch = Data()
    for index in 0..<count {
        let invalidProperty = random.next() % 10 == 0 ? Int(random.next() % UInt64(object.properties.count)) : -1
        var properties: [String: String] = [:]
        for (position, property) in object.properties.enumerated() where !property.readOnly {
            properties[property.name] = value(for: property, valid: position != invalidProperty, random: &random)
        }
        batch += try encoder.encode(RecordEnvelope(id: String(index + 1), properties: RecordProperties(properties)))
        batch.append(UInt8(ascii: "\n"))
        if batch.count > 1 << 22 {
            handle.write(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    handle.write(batch)
    try handle.close()
}

/// Calls `body` with each line of the file, read in 4 MiB chunks: the same loop for every mode.
func forEachLine(_ path: String, _ body: (Data) throws -> Void) throws {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    var carry: [UInt8] = []
    while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
        let bytes = carry + chunk
        var start = 0
        try bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == UInt8(ascii: "\n") {
                try body(Data(UnsafeBufferPointer(rebasing: buffer[start..<index])))
                start = index + 1
            }
        }
        carry = Array(bytes[start...])
    }
    if !carry.isEmpty { try body(Data(carry)) }
}

/// Decodes (and validates) every record of the file; locals, not globals, so that counting costs nothing.
func run(mode: String, path: String, object: ObjectSchema) throws {
    let decoder = JSONDecoder()
    let validator = DynamicValidator(object: object)
    var checker = RecordRules(object: object).makeChecker()
    var records = 0
    var withIssues = 0
    let start = Date()
    try forEachLine(path) { line in
        records += 1
        switch mode {
        case "decode":  // the floor: only reading the JSON into a record envelope
            _ = try RecordEnvelope(json: line)
        case "generated":
            if !(try BenchRecord(json: line)).validate().isEmpty { withIssues += 1 }
        case "dynamic":
            if !validator.validate(try RecordEnvelope(json: line)).isEmpty { withIssues += 1 }
        case "check":  // what `crmgen check` does: the compiled rules on the bytes, the rules on the rest
            if !line.withUnsafeBytes({ checker.accepts(json: $0) }),
               !validator.validate(try RecordEnvelope(json: line)).isEmpty { withIssues += 1 }
        case "jsondecoder":  // Foundation's JSONDecoder, for reference
            _ = try decoder.decode(RecordEnvelope.self, from: line)
        case "jsondecoder-generated":
            if !(try decoder.decode(BenchRecord.self, from: line).validate().isEmpty) { withIssues += 1 }
        default:
            print("unknown mode \(mode)")
            exit(2)
        }
    }
    let seconds = Date().timeIntervalSince(start)
    print("\(mode): \(records) records in \(String(format: "%.2f", seconds)) s = \(Int(Double(records) / seconds)) records/s, \(withIssues) with issues")
}

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    print("usage: RecordBench generate COUNT FILE | RecordBench run decode|generated|dynamic FILE")
    exit(2)
}
let object = BenchRecord.schema
switch arguments[1] {
case "generate":
    try generate(count: Int(arguments[2]) ?? 1_000_000, to: arguments[3], object: object)
case "run":
    try run(mode: arguments[2], path: arguments[3], object: object)
default:
    print("unknown command \(arguments[1])")
    exit(2)
}
