/// An exact decimal number, as HubSpot writes `number` property values in record JSON
/// (`"12000"`, `"0.5"`, `"-3.25"`).
///
/// The number keeps its text, so a value read from HubSpot is written back digit for digit
/// (`"9007199254740993"` stays that, where a `Double` would drop the last digit), and numbers
/// compare and hash by value (`"1.50" == "1.5"`, `"-0" == "0"`).
///
/// The grammar is HubSpot's: an optional `-`, digits, and optionally `.` and more digits
/// (`-?[0-9]+(\.[0-9]+)?`). Exponents (`1e3`), a leading `+`, `.5` and `5.` are not numbers.
///
/// ```swift
/// let score: CRMNumber = 87.5
/// let price = CRMNumber("134.10")!        // keeps "134.10"
/// price.decimalValue                      // Decimal 134.1
/// score < 100                             // true, compared exactly
/// ```
public struct CRMNumber: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// The number as written (`"134.10"`).
    public let text: String

    /// `nil` unless `text` follows the number grammar (``ValueGrammar/isNumber(_:)``).
    public init?(_ text: String) {
        guard ValueGrammar.isNumber(text) else { return nil }
        self.text = text
    }

    /// For text already known to be a number (generated code reaches it through CRMRuntime).
    package init(checked text: String) {
        self.text = text
    }

    public init(_ value: Int) {
        text = String(value)
    }

    /// The shortest decimal text that reads back as `value` (`0.1` → `"0.1"`, `1e-7` → `"0.0000001"`);
    /// `nil` for infinities and NaN.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        text = Self.plainDecimal(fromSwiftDescription: value == 0 ? "0" : "\(value)")
    }

    public var description: String { text }

    /// The nearest `Double`; large or long numbers round.
    public var doubleValue: Double { Double(text) ?? .nan }

    /// The value as an `Int` when it is a whole number within `Int`'s range (`"12.0"` → 12).
    public var intValue: Int? {
        guard let parts = Parts(text), parts.fraction.isEmpty else { return nil }
        return Int((parts.isNegative ? "-" : "") + (parts.integer.isEmpty ? "0" : String(decoding: parts.integer, as: UTF8.self)))
    }

    // MARK: Value semantics

    public static func == (lhs: CRMNumber, rhs: CRMNumber) -> Bool {
        lhs.text == rhs.text || compare(lhs.text, rhs.text) == 0
    }

    public func hash(into hasher: inout Hasher) {
        guard let parts = Parts(text) else { return hasher.combine(text) }
        hasher.combine(parts.isNegative)
        hasher.combine(parts.integer)
        hasher.combine(parts.fraction)
    }

    public static func < (lhs: CRMNumber, rhs: CRMNumber) -> Bool {
        compare(lhs.text, rhs.text) < 0
    }

    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`, exactly (``DecimalRangePattern/compare(_:_:)``).
    public static func compare(_ a: String, _ b: String) -> Int {
        DecimalRangePattern.compare(a, b)
    }

    /// A number's digits without the zeros that do not change its value: no leading zeros in the
    /// integer part, no trailing zeros in the fraction, and no sign on zero. For hashing: equal by
    /// `compare` means equal parts.
    struct Parts {
        var isNegative: Bool
        var integer: ArraySlice<UInt8>
        var fraction: ArraySlice<UInt8>

        init?(_ text: String) {
            let bytes = Array(text.utf8)
            var index = 0
            let negative = bytes.first == UInt8(ascii: "-")
            if negative { index = 1 }
            let integerStart = index
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            guard index > integerStart else { return nil }
            let integerEnd = index
            var fractionStart = index
            var fractionEnd = index
            if index < bytes.count {
                guard bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
                fractionStart = index
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
                guard index > fractionStart, index == bytes.count else { return nil }
                fractionEnd = index
            }
            var leading = integerStart
            while leading < integerEnd, bytes[leading] == UInt8(ascii: "0") { leading += 1 }
            while fractionEnd > fractionStart, bytes[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
            integer = bytes[leading..<integerEnd]
            fraction = bytes[fractionStart..<fractionEnd]
            isNegative = negative && !(integer.isEmpty && fraction.isEmpty)
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }

    /// `1e-07` → `0.0000001`, `1.5e+20` → `150000000000000000000`: Swift's shortest description of a
    /// `Double`, with the exponent written out, so the text follows the number grammar.
    package static func plainDecimal(fromSwiftDescription description: String) -> String {
        var text = Substring(description)
        var sign = ""
        if text.hasPrefix("-") { sign = "-"; text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var integer = String(text.prefix { $0 != "." })
        var fraction = text.contains(".") ? String(text.drop { $0 != "." }.dropFirst()) : ""
        if exponent > 0 {
            let moved = min(exponent, fraction.count)
            integer += fraction.prefix(moved) + String(repeating: "0", count: exponent - moved)
            fraction = String(fraction.dropFirst(moved))
        } else if exponent < 0 {
            let moved = min(-exponent, integer.count)
            fraction = String(repeating: "0", count: -exponent - moved) + integer.suffix(moved) + fraction
            integer = String(integer.dropLast(moved))
        }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let leadingZeros = integer.prefix { $0 == "0" }.count
        integer = String(integer.dropFirst(min(leadingZeros, max(0, integer.count - 1))))
        if integer.isEmpty { integer = "0" }
        if integer == "0", fraction.isEmpty { return "0" }
        return sign + integer + (fraction.isEmpty ? "" : "." + fraction)
    }
}

extension CRMNumber: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self.init(value) }

    /// A literal's shortest decimal text: `87.5` is `"87.5"`.
    public init(floatLiteral value: Double) {
        text = Self.plainDecimal(fromSwiftDescription: value == 0 ? "0" : "\(value)")
    }
}

extension CRMNumber: Codable {
    /// Reads a JSON string (as record JSON has numbers) or a JSON number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let number = CRMNumber(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a number (-?[0-9]+(.[0-9]+)?)")
            }
            self = number
            return
        }
        let value = try container.decode(Double.self)
        guard let number = CRMNumber(value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(value) is not a finite number")
        }
        self = number
    }

    /// Writes the text, as record JSON has numbers.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
