import Foundation

/// Why bytes could not be read as a HubSpot record.
public struct RecordJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong with the bytes.
    public enum Kind: Hashable, Sendable {
        /// The bytes are not JSON (or not UTF-8).
        case syntax
        /// JSON, but not a record's shape (`"id": 5`, a property that is a number, a key twice).
        case shape
    }

    /// Whether the bytes are not JSON or not a record.
    public var kind: Kind
    /// What is wrong, for people.
    public var message: String
    /// Byte offset of the problem.
    public var offset: Int

    /// The message.
    public var description: String { message }
}

extension RecordEnvelope {
    /// Reads one record from its JSON bytes, several times faster than `JSONDecoder`: it knows the
    /// record's shape (`id`, `properties` of strings, timestamps, `archived`, `associations`) and
    /// skips any other top-level key.
    ///
    /// Stricter than `JSONDecoder`: a key given twice in one object, invalid UTF-8 and lone
    /// surrogates are errors (`JSONDecoder` silently keeps one of two duplicate values). A UTF-8
    /// byte order mark at the start is skipped.
    public init(json: Data) throws(RecordJSONError) {
        try self.init(json: json, requiringProperties: false)
    }

    /// How deeply arrays and objects may nest in record JSON, the record's own object counted as the first
    /// level. Deeper input is an error, so that no input can exhaust the stack; `RecordStream` applies
    /// the same limit to whole files.
    public static let maximumNestingDepth = 256

    /// As ``init(json:)``; with `requiringProperties`, an object without `properties` is not a record.
    @_spi(Generated) public init(json: Data, requiringProperties: Bool) throws(RecordJSONError) {
        try self.init(json: json, requiringProperties: requiringProperties, layout: nil)
    }

    /// As ``init(json:requiringProperties:)``, keeping the values of `layout`'s names in its slots (how a
    /// generated type reads its records: no dictionary hashing, and a value without escapes kept as bytes of
    /// a copy of the JSON, made a `String` only when read).
    @_spi(Generated) public init(json: Data, requiringProperties: Bool, layout: PropertyLayout?) throws(RecordJSONError) {
        let result: Result<RecordEnvelope, RecordJSONError> = json.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            // The layout's values stay in a copy of the JSON's bytes until read.
            var builder = RecordEnvelopeBuilder(layout: layout, source: layout == nil ? nil : bytes)
            do throws(RecordJSONError) {
                var parser = RecordJSONParser(bytes)
                try parser.parseRecord(into: &builder, requiringProperties: requiringProperties)
                if layout != nil { builder.record.properties.setSource(bytes) }
                return .success(builder.record)
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }
}

/// What a record's JSON holds, handed over as the parser reads it: strings as their UTF-8 bytes (escapes
/// decoded), valid only during the call. The same parser feeds ``RecordEnvelope`` and the compiled
/// record rules, so both accept and reject exactly the same JSON.
protocol RecordJSONHandler {
    mutating func id(_ text: UnsafeBufferPointer<UInt8>?)
    /// `false` when the text is not a datetime.
    mutating func timestamp(_ key: RecordEnvelope.TimestampKey, _ text: UnsafeBufferPointer<UInt8>?) -> Bool
    mutating func archived(_ value: Bool?)
    mutating func associations(_ value: [String: AssociationResults]?)
    /// One of `properties`; `value` is `nil` for JSON `null`. `false` when the record already has that name.
    mutating func property(_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>?) throws(RecordJSONError) -> Bool
    /// A top-level key the parser does not read, written without escapes (one with them is not passed).
    mutating func otherKey(_ raw: UnsafeBufferPointer<UInt8>) throws(RecordJSONError)
}

extension RecordJSONHandler {
    mutating func otherKey(_: UnsafeBufferPointer<UInt8>) {}
}

/// Builds a ``RecordEnvelope``: every string becomes a `String`, but a name of the layout only its slot,
/// and with `source`, a value of the layout written without escapes only its place in `source`.
private struct RecordEnvelopeBuilder: RecordJSONHandler {
    var record = RecordEnvelope()
    let layout: PropertyLayout?
    /// The bytes being parsed, when the record keeps them (`RecordProperties.setSource(_:)`).
    let source: UnsafeBufferPointer<UInt8>?

    init(layout: PropertyLayout?, source: UnsafeBufferPointer<UInt8>? = nil) {
        self.layout = layout
        self.source = source
        if let layout { record.properties = RecordProperties(layout: layout) }
    }

    mutating func id(_ text: UnsafeBufferPointer<UInt8>?) { record.id = text.map { String(decoding: $0, as: UTF8.self) } }

    mutating func timestamp(_ key: RecordEnvelope.TimestampKey, _ text: UnsafeBufferPointer<UInt8>?) -> Bool {
        record.setTimestamp(key, text: text.map { String(decoding: $0, as: UTF8.self) })
    }

    mutating func archived(_ value: Bool?) { record.archived = value }

    mutating func associations(_ value: [String: AssociationResults]?) { record.associations = value }

    mutating func property(_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>?) -> Bool {
        if let slot = layout?.position(of: name) {
            // A value without escapes is a part of the source itself; a decoded one is elsewhere.
            if let value, let offset = source?.offset(of: value) {
                return record.properties.insertReceived(slot: slot, sourceStart: offset, count: value.count)
            }
            return record.properties.insertReceived(slot: slot, value.map { String(decoding: $0, as: UTF8.self) })
        }
        let text = value.map { String(decoding: $0, as: UTF8.self) }
        return record.properties.insertReceived(String(decoding: name, as: UTF8.self), text)
    }
}

/// A JSON reader specialized to HubSpot records. Strings are decoded without an intermediate
/// tree; nesting is bounded by `RecordEnvelope.maximumNestingDepth`, so no input can exhaust the stack.
struct RecordJSONParser {
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    /// The top-level keys the parser reads, as bits of a mask for "given twice".
    private enum RecordKey: Int {
        case id, properties, createdAt, updatedAt, archivedAt, archived, associations

        init?(_ key: UnsafeBufferPointer<UInt8>) {
            switch key.count {
            case 2 where Self.equal(key, "id"): self = .id
            case 8 where Self.equal(key, "archived"): self = .archived
            case 9 where Self.equal(key, "createdAt"): self = .createdAt
            case 9 where Self.equal(key, "updatedAt"): self = .updatedAt
            case 10 where Self.equal(key, "properties"): self = .properties
            case 10 where Self.equal(key, "archivedAt"): self = .archivedAt
            case 12 where Self.equal(key, "associations"): self = .associations
            default: return nil
            }
        }

        private static func equal(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
            guard let base = key.baseAddress else { return false }
            return memcmp(base, name.utf8Start, name.utf8CodeUnitCount) == 0
        }

        var timestamp: RecordEnvelope.TimestampKey? {
            switch self {
            case .createdAt: .createdAt
            case .updatedAt: .updatedAt
            case .archivedAt: .archivedAt
            default: nil
            }
        }
    }

    mutating func parseRecord<Handler: RecordJSONHandler>(into handler: inout Handler, requiringProperties: Bool) throws(RecordJSONError) {
        var seen = 0
        var hasProperties = false
        var others = KeySet()
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            guard peek() != nil else { throw syntax("unexpected end of input") }
            let what = describeValueHere()
            try skipValue(depth: 0)  // broken JSON is a syntax error first
            throw RecordJSONError(kind: .shape, message: "a record is a JSON object, not \(what)", offset: 0)
        }
        index += 1
        try forEachKeyText { parser, keyText throws(RecordJSONError) in
            guard let known = parser.withBytes(keyText, RecordKey.init) else {
                if case .raw(let range) = keyText { try handler.otherKey(UnsafeBufferPointer(rebasing: parser.bytes[range])) }
                let key = parser.string(keyText)
                guard others.insert(key) else { throw parser.shape("'\(key)' appears twice in the record") }
                return try parser.skipValue(depth: 1)
            }
            guard seen & (1 << known.rawValue) == 0 else { throw parser.shape("'\(parser.string(keyText))' appears twice in the record") }
            seen |= 1 << known.rawValue
            switch known {
            case .id:
                let text = try parser.optionalText(for: "id", depth: 1)
                parser.withBytes(text) { handler.id($0) }
            case .properties: hasProperties = try parser.properties(into: &handler)
            case .createdAt, .updatedAt, .archivedAt:
                let timestamp = known.timestamp ?? .createdAt
                let text = try parser.optionalText(for: timestamp.rawValue, depth: 1)
                guard parser.withBytes(text, { handler.timestamp(timestamp, $0) }) else {
                    throw parser.shape("\(timestamp.rawValue): '\(text.map(parser.string) ?? "")' is not an ISO 8601 datetime")
                }
            case .archived: handler.archived(try parser.optionalBool(for: "archived"))
            case .associations: handler.associations(try parser.associations())
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw syntax("unexpected text after the record") }
        if requiringProperties, !hasProperties {
            let message = seen & (1 << RecordKey.properties.rawValue) == 0 ? "no 'properties'" : "'properties' must be an object, not null"
            throw RecordJSONError(kind: .shape, message: message, offset: 0)
        }
    }

    /// What the value at `index` is, for messages.
    private func describeValueHere() -> String {
        switch peek() {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case nil: "nothing"
        default: "a number"
        }
    }

    // MARK: Record parts

    /// `{"name": "value" | null, ...}`, kept as received: `""` and `null` included. `false` for
    /// `"properties": null`, which holds none (and is no record where properties are required).
    private mutating func properties<Handler: RecordJSONHandler>(into handler: inout Handler) throws(RecordJSONError) -> Bool {
        if try null() { return false }
        try expect(UInt8(ascii: "{"), what: "'properties' must be an object")
        try forEachKeyText { parser, name throws(RecordJSONError) in
            let keys = parser  // a copy for the message: `parser` is being read from
            let value = try parser.optionalText(for: "properties.\(keys.string(name))", depth: 2)
            let added = try parser.withBytes(name) { name throws(RecordJSONError) in
                try parser.withBytes(value) { value throws(RecordJSONError) in try handler.property(name, value) }
            }
            guard added else { throw parser.shape("properties: '\(parser.string(name))' appears twice") }
        }
        return true
    }

    private mutating func associations() throws(RecordJSONError) -> [String: AssociationResults]? {
        if try null() { return nil }
        var result: [String: AssociationResults] = [:]
        try expect(UInt8(ascii: "{"), what: "'associations' must be an object")
        try forEachKey { parser, object throws(RecordJSONError) in
            guard result[object] == nil else { throw parser.shape("associations: '\(object)' appears twice") }
            var records: [AssociatedRecord] = []
            try parser.expect(UInt8(ascii: "{"), what: "associations.\(object) must be an object")
            var keys = KeySet()
            try parser.forEachKey { parser, key throws(RecordJSONError) in
                guard keys.insert(key) else { throw parser.shape("associations.\(object): '\(key)' appears twice") }
                guard key == "results" else { return try parser.skipValue(depth: 3) }
                try parser.expect(UInt8(ascii: "["), what: "associations.\(object).results must be an array")
                try parser.forEachElement { parser throws(RecordJSONError) in
                    var id: String?
                    var type: String?
                    var fields = KeySet()
                    try parser.expect(UInt8(ascii: "{"), what: "associations.\(object).results items must be objects")
                    try parser.forEachKey { parser, key throws(RecordJSONError) in
                        guard fields.insert(key) else { throw parser.shape("associations.\(object).results: '\(key)' appears twice") }
                        switch key {
                        case "id": id = try parser.optionalString(for: "associations.\(object).results.id", depth: 5)
                        case "type": type = try parser.optionalString(for: "associations.\(object).results.type", depth: 5)
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

    private mutating func optionalBool(for key: String) throws(RecordJSONError) -> Bool? {
        skipWhitespace()
        if try literal("true") { return true }
        if try literal("false") { return false }
        if try null() { return nil }
        throw shape("\(key): expected true or false")
    }

    /// `key` names the value in an error message; it is only built when there is one. The value is inside
    /// `depth` arrays and objects.
    private mutating func optionalString(for key: @autoclosure () -> String, depth: Int) throws(RecordJSONError) -> String? {
        try optionalText(for: key(), depth: depth).map(string)
    }

    /// As ``optionalString(for:depth:)``, the string's bytes where they are.
    private mutating func optionalText(for key: @autoclosure () -> String, depth: Int) throws(RecordJSONError) -> JSONText? {
        skipWhitespace()
        guard index < bytes.count else { throw syntax("unexpected end of input") }
        if bytes[index] == UInt8(ascii: "\"") { return try text() }
        if try null() { return nil }
        let what = describeValueHere()
        try skipValue(depth: depth)
        throw shape("\(key()): expected a string, found \(what)")
    }

    // MARK: JSON

    /// Calls `body` with each key of an object whose `{` was just read; `body` reads the value.
    private mutating func forEachKey(_ body: (inout RecordJSONParser, String) throws(RecordJSONError) -> Void) throws(RecordJSONError) {
        try forEachKeyText { parser, key throws(RecordJSONError) in try body(&parser, parser.string(key)) }
    }

    /// As ``forEachKey(_:)``, each key's bytes where they are.
    private mutating func forEachKeyText(_ body: (inout RecordJSONParser, JSONText) throws(RecordJSONError) -> Void) throws(RecordJSONError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            let key = try text()
            try expect(UInt8(ascii: ":"), what: "expected ':' after a key")
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

    /// Skips the value at `index`, which is inside `depth` arrays and objects.
    private mutating func skipValue(depth: Int) throws(RecordJSONError) {
        skipWhitespace()
        guard index < bytes.count else { throw syntax("unexpected end of input") }
        let byte = bytes[index]
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "["), depth >= RecordEnvelope.maximumNestingDepth {
            throw syntax("nesting is deeper than \(RecordEnvelope.maximumNestingDepth) levels, crmgen's limit")
        }
        switch byte {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            index += 1
            var keys = KeySet()
            try forEachKey { parser, key throws(RecordJSONError) in
                guard keys.insert(key) else { throw parser.shape("'\(key)' appears twice in an object") }
                try parser.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            index += 1
            try forEachElement { parser throws(RecordJSONError) in try parser.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): guard try literal("true") else { throw syntax("invalid literal") }
        case UInt8(ascii: "f"): guard try literal("false") else { throw syntax("invalid literal") }
        case UInt8(ascii: "n"): guard try literal("null") else { throw syntax("invalid literal") }
        default: try number()
        }
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() throws(RecordJSONError) {
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), Self.isDigit(first) else { throw syntax("unexpected character") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let digit = peek(), Self.isDigit(digit) else { throw syntax("invalid number") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek(), Self.isDigit(digit) else { throw syntax("invalid number") }
            skipDigits()
        }
    }

    private mutating func skipDigits() {
        while let byte = peek(), Self.isDigit(byte) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A JSON string's UTF-8: the bytes between its quotes when it has no escape, else decoded.
    enum JSONText {
        case raw(Range<Int>)
        case decoded([UInt8])
    }

    func withBytes<R, E: Error>(_ text: JSONText, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        switch text {
        case .raw(let range): return try body(UnsafeBufferPointer(rebasing: bytes[range]))
        case .decoded(let utf8):
            let result: Result<R, E> = utf8.withUnsafeBufferPointer { buffer in
                do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
            }
            return try result.get()
        }
    }

    func withBytes<R, E: Error>(_ text: JSONText?, _ body: (UnsafeBufferPointer<UInt8>?) throws(E) -> R) throws(E) -> R {
        guard let text else { return try body(nil) }
        return try withBytes(text) { (bytes: UnsafeBufferPointer<UInt8>) throws(E) -> R in try body(bytes) }
    }

    func string(_ text: JSONText) -> String {
        withBytes(text) { String(decoding: $0, as: UTF8.self) }
    }

    /// A string whose opening quote is at `index`, as a `String`.
    private mutating func string() throws(RecordJSONError) -> String {
        string(try text())
    }

    /// A string whose opening quote is at `index`; control characters and invalid UTF-8 rejected.
    private mutating func text() throws(RecordJSONError) -> JSONText {
        guard peek() == UInt8(ascii: "\"") else { throw syntax("expected a string") }
        index += 1
        let start = index
        while index < bytes.count {
            index = JSONStringBytes.skipPlain(bytes, from: index, stoppingAtNonASCII: true)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return .raw(start..<index)
            }
            if byte == UInt8(ascii: "\\") { return .decoded(try escapedString(from: start)) }
            if byte < 0x20 { throw syntax("control character in a string") }
            if byte >= 0x80 {
                guard let length = UTF8Validation.sequenceLength(in: bytes, at: index) else { throw syntax("invalid UTF-8 in a string") }
                index += length
            } else {
                index += 1
            }
        }
        throw syntax("unterminated string")
    }

    private mutating func escapedString(from start: Int) throws(RecordJSONError) -> [UInt8] {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return utf8
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw syntax("unterminated string") }
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
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw syntax("a lone surrogate (\\u\(String(scalar, radix: 16, uppercase: true))) is not a character")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw syntax("invalid surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else {
                        throw syntax("a lone surrogate (\\u\(String(scalar, radix: 16, uppercase: true))) is not a character")
                    }
                    utf8.append(contentsOf: String(unicode).utf8)
                default:
                    throw syntax("invalid escape")
                }
            default:
                if byte < 0x20 { throw syntax("control character in a string") }
                if byte >= 0x80 {
                    guard let length = UTF8Validation.sequenceLength(in: bytes, at: index) else { throw syntax("invalid UTF-8 in a string") }
                    utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                    index += length
                } else {
                    utf8.append(byte)
                    index += 1
                }
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

    private mutating func expect(_ byte: UInt8, what: @autoclosure () -> String) throws(RecordJSONError) {
        skipWhitespace()
        guard peek() == byte else {
            let found = describeValueHere()
            throw peek() == UInt8(ascii: "\"") || peek() == UInt8(ascii: "[") || peek() == UInt8(ascii: "{") || peek() == nil
                ? shape(what() + ", found \(found)") : syntax(what())
        }
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

/// The keys of one JSON object, to find one given twice. A linear scan: records' objects are small
/// and the few large ones (`properties`) keep their own dictionary.
private struct KeySet {
    private var keys: [String] = []
    private var set: Set<String>?

    /// `false` when `key` is already in.
    mutating func insert(_ key: String) -> Bool {
        if let inserted = set?.insert(key).inserted { return inserted }
        if keys.contains(key) { return false }
        keys.append(key)
        if keys.count > 16 { set = Set(keys) }
        return true
    }

    func contains(_ key: String) -> Bool { set?.contains(key) ?? keys.contains(key) }
}

extension UnsafeBufferPointer<UInt8> {
    /// Where `part` starts in these bytes, when it lies within them.
    fileprivate func offset(of part: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = baseAddress, let start = part.baseAddress, start >= base, start + part.count <= base + count else { return nil }
        return base.distance(to: start)
    }
}
