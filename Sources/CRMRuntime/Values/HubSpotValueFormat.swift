import Foundation

/// How HubSpot writes property values in record JSON, where every value is a string: bools
/// `"true"`, dates `"2020-02-29"`, datetimes ISO 8601 or epoch milliseconds, multi-select `"a;b"`.
/// (Numbers are ``CRMNumber``.)
@_spi(Generated) public enum HubSpotValueFormat {
    // MARK: Booleans

    public static func bool(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }

    // MARK: Datetimes

    /// ISO 8601 (`2024-11-20T20:12:09.236Z`, `…+01:00`, with or without fraction) or epoch milliseconds.
    public static func datetime(_ text: String) -> Date? {
        guard ValueGrammar.isDatetime(text) else { return nil }
        if let milliseconds = ValueGrammar.epochMilliseconds(text) {
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let date = CalendarDate(hubSpotValue: String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2), let second = digits(bytes, 17, 2),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, let digit = digits(bytes, index, 1) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = digits(bytes, index + 1, 2), let minutes = digits(bytes, index + 4, 2) else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let seconds = Double(date.daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// `2024-11-20T20:12:09.236Z`: UTC with milliseconds, as HubSpot returns datetimes.
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let days = floorDivide(Int(milliseconds), 86_400_000)
        let inDay = Int(milliseconds) - days * 86_400_000
        let day = CalendarDate(daysSince1970: days)?.description ?? "0000-01-01"
        return day + "T" + pad(inDay / 3_600_000, 2) + ":" + pad(inDay / 60_000 % 60, 2) + ":"
            + pad(inDay / 1000 % 60, 2) + "." + pad(inDay % 1000, 3) + "Z"
    }

    // MARK: Multi-select

    /// `a;b;c` → `[a, b, c]`; empty parts (HubSpot's leading `;` means "append") are dropped. Split at
    /// each U+003B code point: not by `Character`, which would keep `;` and a combining mark after it
    /// together and take the Greek question mark U+037E (canonically equivalent) for a `;`.
    public static func multiSelect(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: ";", omittingEmptySubsequences: true).map { String(String.UnicodeScalarView($0)) }
    }

    // MARK: Helpers

    static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
