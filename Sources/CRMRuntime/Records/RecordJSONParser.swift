import Foundation

/// Why bytes could not be read as a HubSpot record.
public struct RecordJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The bytes are not JSON.
        case syntax
        /// JSON, but not a record's shape (`"id": 5`, a property that is a number).
        case shape
    }

    public var kind: Kind
    public var message: String
    /// Byte offset of the problem.
    public var offset: Int

    public var description: String { message }
}

extension RecordEnvelope {
    /// Reads one record from its JSON bytes, several times faster than `JSONDecoder`: it knows the
    /// record's shape (`id`, `properties` of strings, timestamps, `archived`, `associations`) and
    /// skips any other top-level key. Gives the same envelope as `JSONDecoder` does.
    public init(json: Data) throws(RecordJSONError) {
        let result: Result<RecordEnvelope, RecordJSONError> = json.withUnsafeBytes { raw in
            var parser = RecordJSONParser(raw.bindMemory(to: UInt8.self))
            do throws(RecordJSONError) {
                return .success(try parser.parseRecord())
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }
}

/// A JSON reader specialized to HubSpot records. Strings are decoded without an intermediate
/// tree; nesting is bounded, so no input can exhaust the stack.
struct RecordJSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private static let maximumDepth = 256

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseRecord() throws(RecordJSONError) -> RecordEnvelope {
        var record = RecordEnvelope()
        try expect(UInt8(ascii: "{"))
        try forEachKey { parser, key throws(RecordJSONError) in
            switch key {
            case "id": record.id = try parser.optionalString(for: key)
            case "properties": record.properties = try parser.properties()
            case "createdAt": record.createdAt = try parser.datetime(for: key)
            case "updatedAt": record.updatedAt = try parser.datetime(for: key)
            case "archivedAt": record.archivedAt = try parser.datetime(for: key)
            case "archived": record.archived = try parser.optionalBool(for: key)
            case "associations": record.associations = try parser.associations()
            default: try parser.skipValue(depth: 1)
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw syntax("unexpected text after the record") }
        return record
    }

    // MARK: Record parts

    /// `{"name": "value" | null, ...}`; null and `""` are left out, as HubSpot means "no value".
    private mutating func properties() throws(RecordJSONError) -> [String: String] {
        var result: [String: String] = [:]
        if try null() { return result }
        result.reserveCapacity(64)
        try expect(UInt8(ascii: "{"))
        try forEachKey { parser, key throws(RecordJSONError) in
            if let value = try parser.optionalString(for: "properties.\(key)"), !value.isEmpty { result[key] = value }
        }
        return result
    }

    private mutating func associations() throws(RecordJSONError) -> [String: AssociationResults]? {
        if try null() { return nil }
        var result: [String: AssociationResults] = [:]
        try expect(UInt8(ascii: "{"))
        try forEachKey { parser, object throws(RecordJSONError) in
            var records: [AssociatedRecord] = []
            try parser.expect(UInt8(ascii: "{"))
            try parser.forEachKey { parser, key throws(RecordJSONError) in
                guard key == "results" else { return try parser.skipValue(depth: 3) }
                try parser.expect(UInt8(ascii: "["))
                try parser.forEachElement { parser throws(RecordJSONError) in
                    var id: String?
                    var type: String?
                    try parser.expect(UInt8(ascii: "{"))
                    try parser.forEachKey { parser, key throws(RecordJSONError) in
                        switch key {
                        case "id": id = try parser.optionalString(for: "associations.\(object).results.id")
                        case "type": type = try parser.optionalString(for: "associations.\(object).results.type")
                        default: try parser.skipValue(depth: 5)
                        }
                    }
                    guard let id, let type else { throw parser.shape("associations.\(object).results: missing 'id' or 'type'") }
                    records.append(AssociatedRecord(id: id, type: type))
                }
            }
            result[object] = AssociationResults(results: records)
        }
        return result
    }

    private mutating func datetime(for key: String) throws(RecordJSONError) -> Date? {
        guard let text = try optionalString(for: key) else { return nil }
        guard let date = HubSpotValueFormat.datetime(text) else { throw shape("\(key): '\(text)' is not an ISO 8601 datetime") }
        return date
    }

    private mutating func optionalBool(for key: String) throws(RecordJSONError) -> Bool? {
        skipWhitespace()
        if try literal("true") { return true }
        if try literal("false") { return false }
        if try null() { return nil }
        throw shape("\(key): expected true or false")
    }

    /// `key` names the value in an error message; it is only built when there is one.
    private mutating func optionalString(for key: @autoclosure () -> String) throws(RecordJSONError) -> String? {
        skipWhitespace()
        guard index < bytes.count else { throw syntax("unexpected end of input") }
        if bytes[index] == UInt8(ascii: "\"") { return try string() }
        if try null() { return nil }
        try skipValue(depth: 1)
        throw shape("\(key()): expected a string")
    }

    // MARK: JSON

    /// Calls `body` with each key of an object whose `{` was just read; `body` reads the value.
    private mutating func forEachKey(_ body: (inout RecordJSONParser, String) throws(RecordJSONError) -> Void) throws(RecordJSONError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw syntax("unexpected end of input in an object") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else { throw syntax("expected ',' or '}'") }
        }
    }

    /// Calls `body` for each element of an array whose `[` was just read.
    private mutating func forEachElement(_ body: (inout RecordJSONParser) throws(RecordJSONError) -> Void) throws(RecordJSONError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return }
        while true {
            try body(&self)
            skipWhitespace()
            guard index < bytes.count else { throw syntax("unexpected end of input in an array") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw syntax("expected ',' or ']'") }
        }
    }

    private mutating func skipValue(depth: Int) throws(RecordJSONError) {
        guard depth < Self.maximumDepth else { throw syntax("nesting is deeper than \(Self.maximumDepth) levels") }
        skipWhitespace()
        guard index < bytes.count else { throw syntax("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            index += 1
            try forEachKey { parser, _ throws(RecordJSONError) in try parser.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            index += 1
            try forEachElement { parser throws(RecordJSONError) in try parser.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): guard try literal("true") else { throw syntax("invalid literal") }
        case UInt8(ascii: "f"): guard try literal("false") else { throw syntax("invalid literal") }
        case UInt8(ascii: "n"): guard try literal("null") else { throw syntax("invalid literal") }
        default: try number()
        }
    }

    private mutating func number() throws(RecordJSONError) {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
            || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: ".")
            || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
        }
        guard index > start else { throw syntax("unexpected character") }
    }

    /// A string whose opening quote is at `index`; escapes decoded, control characters rejected.
    private mutating func string() throws(RecordJSONError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw syntax("expected a string") }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw syntax("control character in a string") }
            index += 1
        }
        throw syntax("unterminated string")
    }

    private mutating func escapedString(from start: Int) throws(RecordJSONError) -> String {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw syntax("invalid surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw syntax("invalid \\u escape") }
                    utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw syntax("invalid escape")
                }
            default:
                if byte < 0x20 { throw syntax("control character in a string") }
                utf8.append(byte)
            }
        }
        throw syntax("unterminated string")
    }

    private mutating func hex4() throws(RecordJSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw syntax("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func null() throws(RecordJSONError) -> Bool {
        skipWhitespace()
        return try literal("null")
    }

    private mutating func literal(_ word: StaticString) throws(RecordJSONError) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    private mutating func expect(_ byte: UInt8) throws(RecordJSONError) {
        skipWhitespace()
        guard peek() == byte else { throw syntax("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private func syntax(_ message: String) -> RecordJSONError { RecordJSONError(kind: .syntax, message: message, offset: index) }
    private func shape(_ message: String) -> RecordJSONError { RecordJSONError(kind: .shape, message: message, offset: index) }
}
