/// A JSON value whose objects keep their keys in the order they were built, so that request bodies
/// print the same way every time, in the order HubSpot's docs write them.
public indirect enum JSONValue: Hashable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case let (.array(a), .array(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .object(let pairs):
            hasher.combine(0)
            for pair in pairs { hasher.combine(pair.key); hasher.combine(pair.value) }
        case .array(let items): hasher.combine(1); hasher.combine(items)
        case .string(let text): hasher.combine(2); hasher.combine(text)
        case .integer(let number): hasher.combine(3); hasher.combine(number)
        case .bool(let flag): hasher.combine(4); hasher.combine(flag)
        case .null: hasher.combine(5)
        }
    }

    /// The value for `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Pretty JSON, two spaces a level, keys in their order.
    public func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + Self.quote($0.key) + ": " + $0.value.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .string(let text): return Self.quote(text)
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\u00XX`.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

import Foundation

extension JSONValue: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue _: Int) { nil }
    }

    /// Objects come with their keys sorted (a decoder does not keep the text's order); numbers must be whole.
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map { key in
                (key.stringValue, try object.decode(JSONValue.self, forKey: key))
            })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let flag = try? single.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? single.decode(Int.self) { self = .integer(number) }
        else if let text = try? single.decode(String.self) { self = .string(text) }
        else { throw DecodingError.dataCorruptedError(in: single, debugDescription: "a number that is not whole, or not JSON") }
    }

    /// Parses JSON text.
    /// - Throws: ``TooManyValues`` for text of more than ``maximumValueCount`` values, else the decoder's error.
    public static func parse(_ data: Data) throws -> JSONValue {
        try checkValueCount(data)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Most values one JSON text may hold, about a million: HubSpot's largest answers hold a few
    /// hundred thousand. Parsed, a value takes some 250 bytes, so 64 MiB of `[{},{},…]` (20 million
    /// values) would take 5 GB.
    public static let maximumValueCount = 1 << 20

    /// JSON text of more values than ``JSONValue/maximumValueCount``, refused before parsing.
    public struct TooManyValues: Error, CustomStringConvertible {
        public var limit: Int
        public var description: String { "it holds more than \(limit) JSON values, more than any HubSpot answer; it was not read" }
    }

    /// Throws ``TooManyValues`` when `data` may hold more than `limit` values.
    public static func checkValueCount(_ data: Data, limit: Int = maximumValueCount) throws(TooManyValues) {
        if valueCount(in: data, atMost: limit) > limit { throw TooManyValues(limit: limit) }
    }

    /// An upper estimate of the values in JSON text, counted up to `limit + 1`: one, and one more for
    /// each `{`, `[`, `,` and `:` outside strings (a key counts as a value: it becomes a string too).
    static func valueCount(in data: Data, atMost limit: Int) -> Int {
        data.withUnsafeBytes { bytes in
            var count = 1
            var inString = false
            var escaped = false
            for byte in bytes {
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: ":"):
                    count += 1
                    if count > limit { return count }
                default: break
                }
            }
            return count
        }
    }

    /// The text as `Data`.
    public var data: Data { Data(rendered().utf8) }
}
