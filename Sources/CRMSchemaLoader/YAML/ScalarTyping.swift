import CRMModel

/// What a scalar means under YAML 1.2's core schema, read from its bytes: plain, untagged scalars
/// are typed by their content (`~` is null, `true` a bool, `0x1F` an int); quoted ones are strings;
/// an explicit tag (`!!int`) asks for its type. The common cases are decided on the bytes; anything
/// unusual goes through the same `String` rules as always, so the fast paths never change an answer.
enum ScalarTyping {
    @inline(__always)
    private static func isTypedByContent(_ style: YAMLScalar.Style, _ tag: YAMLDocument.Tag) -> Bool {
        style == .plain && tag == .none
    }

    static func isNull(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style, tag: YAMLDocument.Tag) -> Bool {
        if tag == .null { return true }
        guard isTypedByContent(style, tag) else { return false }
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4: return equals(bytes, "null") || equals(bytes, "Null") || equals(bytes, "NULL")
        default: return false
        }
    }

    static func bool(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style, tag: YAMLDocument.Tag) -> Bool? {
        guard isTypedByContent(style, tag) || tag == .bool else { return nil }
        switch bytes.count {
        case 4 where equals(bytes, "true") || equals(bytes, "True") || equals(bytes, "TRUE"): return true
        case 5 where equals(bytes, "false") || equals(bytes, "False") || equals(bytes, "FALSE"): return false
        default: return nil
        }
    }

    static func int(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style, tag: YAMLDocument.Tag) -> Int? {
        guard isTypedByContent(style, tag) || tag == .int else { return nil }
        return plainInteger(bytes) ?? generalInt(String(decoding: bytes, as: UTF8.self))
    }

    /// The general rule for ints, on the scalar's text.
    static func generalInt(_ text: String) -> Int? {
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// A YAML 1.2 int or float (`100`, `-1.5`, `1e3`, `0x1F`) as an exact decimal, with the exponent
    /// written out (`1e3` → `1000`), so that bounds never pass through `Double`. `nil` for `.inf`,
    /// `.nan`, anything else that is not a number, and numbers of more than 1,000 digits.
    static func exactNumber(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style, tag: YAMLDocument.Tag) -> CRMNumber? {
        guard isTypedByContent(style, tag) || tag == .float || tag == .int else { return nil }
        if let digits = plainDigits(bytes) {
            // `[+-]?[0-9]+`: the digits as written, a minus kept and a plus dropped (what the general rule below gives).
            let negative = bytes[0] == UInt8(ascii: "-")
            return CRMNumber((negative ? "-" : "") + String(decoding: UnsafeBufferPointer(rebasing: bytes[digits]), as: UTF8.self))
        }
        return generalExactNumber(String(decoding: bytes, as: UTF8.self), style: style, tag: tag)
    }

    /// The general rule for exact numbers, on the scalar's text (of a scalar that may be a number).
    static func generalExactNumber(_ text: String, style: YAMLScalar.Style, tag: YAMLDocument.Tag) -> CRMNumber? {
        if text.hasPrefix("0x") || text.hasPrefix("0o") {
            guard isTypedByContent(style, tag) || tag == .int else { return nil }
            return generalInt(text).map { CRMNumber($0) }
        }
        var rest = Substring(text)
        var sign = ""
        if rest.hasPrefix("-") { sign = "-"; rest = rest.dropFirst() } else if rest.hasPrefix("+") { rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(rest[rest.index(after: e)...]), abs(value) <= 1_000 else { return nil }
            exponent = value
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(integer.isEmpty && fraction.isEmpty), (integer + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var digits = String(integer + fraction)
        var point = integer.count + exponent
        if point < 0 { digits = String(repeating: "0", count: -point) + digits; point = 0 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        let whole = digits.prefix(point)
        let decimals = digits.dropFirst(point)
        let result = sign + (whole.isEmpty ? "0" : String(whole)) + (decimals.isEmpty ? "" : "." + decimals)
        guard result.utf8.count <= 1_000 else { return nil }
        return CRMNumber(result)
    }

    // MARK: Bytes

    /// The range of the digits of `[+-]?[0-9]{1,18}`, or `nil` for anything else.
    @inline(__always)
    private static func plainDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let first = bytes.first else { return nil }
        let start = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? 1 : 0
        guard bytes.count > start, bytes.count - start <= 18 else { return nil }
        for index in start..<bytes.count where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { return nil }
        return start..<bytes.count
    }

    /// `-?[0-9]{1,18}` as an Int, as `Int(_:)` reads it; `nil` for anything else (a `+` included, which
    /// the general rule treats on its own).
    @inline(__always)
    private static func plainInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let digits = plainDigits(bytes), bytes[0] != UInt8(ascii: "+") else { return nil }
        var value = 0
        for index in digits { value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0")) }
        return digits.lowerBound == 1 ? -value : value
    }

    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let other = literal.utf8Start
        for index in 0..<bytes.count where bytes[index] != other[index] { return false }
        return true
    }
}

/// A `String`-backed enumeration that a scalar may name (`type: number`): its raw values as bytes,
/// so a scalar is matched without becoming a `String`.
protocol YAMLChoice: RawRepresentable, CaseIterable, Equatable, Sendable where RawValue == String {
    static var yamlChoices: YAMLChoices<Self> { get }
}

/// The raw values of a ``YAMLChoice``, as bytes, in declaration order. A scalar is compared with a
/// value only when their lengths and first eight bytes agree (kept in plain arrays of their own, so
/// the search touches nothing that is reference counted).
struct YAMLChoices<Value: RawRepresentable & CaseIterable & Equatable & Sendable>: Sendable where Value.RawValue == String {
    private let values: [Value]
    private let names: [[UInt8]]
    private let lengths: [Int]
    private let prefixes: [UInt64]

    init() {
        values = Array(Value.allCases)
        names = values.map { Array($0.rawValue.utf8) }
        lengths = names.map(\.count)
        prefixes = names.map { $0.withUnsafeBufferPointer(Self.prefix) }
    }

    /// Up to the first eight bytes, as one number.
    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var prefix: UInt64 = 0
        for index in 0..<min(8, bytes.count) { prefix |= UInt64(bytes[index]) << UInt64(index * 8) }
        return prefix
    }

    /// Where `value` is among the cases, in declaration order.
    func position(of value: Value) -> Int? { values.firstIndex(of: value) }

    /// The value whose raw value has exactly these bytes.
    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let prefix = Self.prefix(bytes)
        for index in prefixes.indices where prefixes[index] == prefix && lengths[index] == bytes.count {
            if bytes.count <= 8 || names[index].withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return values[index] }
        }
        return nil
    }
}

extension ObjectDefinition.Kind: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension ObjectCategory: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension SubscriptionTier: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension Activation: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension PropertyType: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension FieldType: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension PropertyFormat: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension NumberDisplayHint: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension OptionSource: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
extension Cardinality: YAMLChoice { static let yamlChoices = YAMLChoices<Self>() }
