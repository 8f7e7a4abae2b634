/// The grammars of HubSpot property values (every value is a string), each written twice: a matcher over
/// UTF-8 bytes, used when crmgen validates records, and a regular expression, used where crmgen exports a
/// JSON Schema. Both forms accept exactly the same strings: `Tests/CRMModelTests` checks them against one
/// corpus, and `value_grammar_corpus.py` there checks the same corpus with Python's `re`.
///
/// The patterns keep to what Python `re`, ECMA-262 (JSON Schema's dialect) and ICU (`NSRegularExpression`)
/// read alike: `^ $`, `(?: )`, `|`, classes with explicit ASCII ranges, `{m,n}` and lookahead. No `\d`,
/// `\w`, `\s` (Python's `\d` takes any Unicode digit) and no `.` (ECMA's and ICU's `.` skip U+2028 and the
/// like, which a domain label may contain); a non-ASCII code point is `[^\x00-\x7F]`. A `-` is escaped only
/// inside a class, as ECMA's `u` mode allows no `\-` outside one. Lengths count code points, as Python,
/// ICU and ECMA with the `u` flag do (ECMA without `u` would count UTF-16 units of astral characters).
/// Each pattern is one raw literal on one line because the Python script reads them from this file.
///
/// Every pattern is meant to match the whole value. Python's `$` also matches before a final `\n`, and
/// ICU's before a final line terminator (`\n`, `\r`, U+0085, U+2028, U+2029...), so match with
/// `re.fullmatch` in Python and compare the match with the whole range in ICU, as `CompiledPattern` does;
/// ECMA's `$` is strict. For the same reason no lookahead here relies on `$`: the domain length check ends its
/// run with "no further domain character", as a domain may end with U+0085 or U+2028.
public enum ValueGrammar {
    // MARK: - Patterns

    /// Numbers: an optional `-`, one or more ASCII digits (leading zeros allowed), and optionally a `.`
    /// followed by one or more digits. No exponent, no `+`, no `.5`, no `5.`.
    public static let numberPattern = #"^-?[0-9]+(?:\.[0-9]+)?$"#

    /// Dates: `YYYY-MM-DD` naming a real day of the Gregorian calendar in the years 0001–9999, or epoch
    /// milliseconds: an optional `-` and 1–15 ASCII digits (leading zeros allowed) whose value lies in
    /// −62135596800000...253402300799999, the instants of the years 0001–9999 in UTC.
    /// The year part excludes 0000; February 29 is allowed in years divisible by 4 but not by 100, and in
    /// years divisible by 400.
    public static let datePattern = #"^(?:(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)|[0-9]{1,14}|(?:[01][0-9]{14}|2(?:[0-4][0-9]{13}|5(?:[0-2][0-9]{12}|3(?:[0-3][0-9]{11}|40(?:[01][0-9]{9}|2(?:[0-2][0-9]{8}|300[0-7][0-9]{5}))))))|-0?(?:[0-9]{1,13}|(?:[0-5][0-9]{13}|6(?:[01][0-9]{12}|2(?:0[0-9]{11}|1(?:[0-2][0-9]{10}|3(?:[0-4][0-9]{9}|5(?:[0-4][0-9]{8}|5(?:[0-8][0-9]{7}|9(?:[0-5][0-9]{6}|6(?:[0-7][0-9]{5}|800000)))))))))))$"#

    /// Datetimes: a date `YYYY-MM-DD` (a real day, as for dates), `T` or `t`, `HH:MM:SS` (hours 00–23,
    /// minutes 00–59, seconds 00–60), optionally `.` and one or more digits, then a zone: `Z`, `z`,
    /// `+HH:MM` or `-HH:MM` (hours 00–23, minutes 00–59). Or epoch milliseconds, as for dates.
    public static let datetimePattern = #"^(?:(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?(?:[Zz]|[+\-](?:[01][0-9]|2[0-3]):[0-5][0-9])|[0-9]{1,14}|(?:[01][0-9]{14}|2(?:[0-4][0-9]{13}|5(?:[0-2][0-9]{12}|3(?:[0-3][0-9]{11}|40(?:[01][0-9]{9}|2(?:[0-2][0-9]{8}|300[0-7][0-9]{5}))))))|-0?(?:[0-9]{1,13}|(?:[0-5][0-9]{13}|6(?:[01][0-9]{12}|2(?:0[0-9]{11}|1(?:[0-2][0-9]{10}|3(?:[0-4][0-9]{9}|5(?:[0-4][0-9]{8}|5(?:[0-8][0-9]{7}|9(?:[0-5][0-9]{6}|6(?:[0-7][0-9]{5}|800000)))))))))))$"#

    /// Booleans: exactly `true` or `false`.
    public static let boolPattern = #"^(?:true|false)$"#

    /// Domains: 1–253 code points in all; at least two labels joined by single dots; each label 1–63 code
    /// points of ASCII letters, ASCII digits, non-ASCII code points and `-`, but not starting or ending
    /// with `-`. The lookahead bounds the whole length; the labels bound their own.
    public static let domainPattern = #"^(?=(?:[\-.0-9A-Za-z]|[^\x00-\x7F]){1,253}(?!(?:[\-.0-9A-Za-z]|[^\x00-\x7F])))(?:[0-9A-Za-z]|[^\x00-\x7F])(?:(?:[\-0-9A-Za-z]|[^\x00-\x7F]){0,61}(?:[0-9A-Za-z]|[^\x00-\x7F]))?(?:\.(?:[0-9A-Za-z]|[^\x00-\x7F])(?:(?:[\-0-9A-Za-z]|[^\x00-\x7F]){0,61}(?:[0-9A-Za-z]|[^\x00-\x7F]))?)+$"#

    /// Email addresses: a local part of one or more code points, none of them `@`, a space, a control
    /// character U+0000–U+001F or U+007F; then `@` and a domain (see `domainPattern`). Nothing else is
    /// asked of the local part: quotes, dots anywhere and non-ASCII code points are all accepted.
    public static let emailPattern = #"^[^\x00-\x20@\x7F]+@(?=(?:[\-.0-9A-Za-z]|[^\x00-\x7F]){1,253}(?!(?:[\-.0-9A-Za-z]|[^\x00-\x7F])))(?:[0-9A-Za-z]|[^\x00-\x7F])(?:(?:[\-0-9A-Za-z]|[^\x00-\x7F]){0,61}(?:[0-9A-Za-z]|[^\x00-\x7F]))?(?:\.(?:[0-9A-Za-z]|[^\x00-\x7F])(?:(?:[\-0-9A-Za-z]|[^\x00-\x7F]){0,61}(?:[0-9A-Za-z]|[^\x00-\x7F]))?)+$"#

    /// URLs: scheme `http` or `https` in any letter case, `://`, a host that is a domain (see
    /// `domainPattern`), optionally `:` and a port of 1–5 ASCII digits, then optionally `/`, `?` or `#`
    /// followed by any code points other than spaces, control characters U+0000–U+001F and U+007F.
    /// No user information and no IPv6 literal; a dotted IPv4 address passes as a domain of digit labels.
    public static let urlPattern = #"^[Hh][Tt][Tt][Pp][Ss]?:\/\/(?=(?:[\-.0-9A-Za-z]|[^\x00-\x7F]){1,253}(?!(?:[\-.0-9A-Za-z]|[^\x00-\x7F])))(?:[0-9A-Za-z]|[^\x00-\x7F])(?:(?:[\-0-9A-Za-z]|[^\x00-\x7F]){0,61}(?:[0-9A-Za-z]|[^\x00-\x7F]))?(?:\.(?:[0-9A-Za-z]|[^\x00-\x7F])(?:(?:[\-0-9A-Za-z]|[^\x00-\x7F]){0,61}(?:[0-9A-Za-z]|[^\x00-\x7F]))?)+(?::[0-9]{1,5})?(?:[\/?#][^\x00-\x20\x7F]*)?$"#

    /// Phone numbers: only ASCII digits, spaces, `+ - ( ) . /` and the letters `e x t E X T` (as in
    /// `+1 (555) 010-2030 ext. 4`), with 5–20 digits in all.
    public static let phonePattern = #"^[ +\-().\/extEXT]*(?:[0-9][ +\-().\/extEXT]*){5,20}$"#

    // MARK: - Matchers

    /// Whether `value` is a number: `-?[0-9]+(\.[0-9]+)?` (see `numberPattern`).
    public static func isNumber(_ value: String) -> Bool { withUTF8(value, number) }
    /// Whether `value` is a number: `-?[0-9]+(\.[0-9]+)?` (see `numberPattern`).
    public static func isNumber(_ value: Substring) -> Bool { withUTF8(value, number) }

    /// Whether `value` is a date: a real day `YYYY-MM-DD` in 0001–9999, or epoch milliseconds in the same
    /// years (see `datePattern`).
    public static func isDate(_ value: String) -> Bool { withUTF8(value, date) }
    /// Whether `value` is a date: a real day `YYYY-MM-DD` in 0001–9999, or epoch milliseconds in the same
    /// years (see `datePattern`).
    public static func isDate(_ value: Substring) -> Bool { withUTF8(value, date) }

    /// Whether `value` is a datetime: ISO 8601 `YYYY-MM-DDTHH:MM:SS[.f]` with `Z` or `±HH:MM`, or epoch
    /// milliseconds (see `datetimePattern`).
    public static func isDatetime(_ value: String) -> Bool { withUTF8(value, datetime) }
    /// Whether `value` is a datetime: ISO 8601 `YYYY-MM-DDTHH:MM:SS[.f]` with `Z` or `±HH:MM`, or epoch
    /// milliseconds (see `datetimePattern`).
    public static func isDatetime(_ value: Substring) -> Bool { withUTF8(value, datetime) }

    /// Whether `value` is exactly `true` or `false`.
    public static func isBool(_ value: String) -> Bool { withUTF8(value, bool) }
    /// Whether `value` is exactly `true` or `false`.
    public static func isBool(_ value: Substring) -> Bool { withUTF8(value, bool) }

    /// Whether `value` is a domain: 1–253 code points, two or more dot-separated labels of 1–63 letters,
    /// digits, non-ASCII code points and inner hyphens (see `domainPattern`).
    public static func isDomain(_ value: String) -> Bool { withUTF8(value) { domain($0, from: 0, to: $0.count) } }
    /// Whether `value` is a domain: 1–253 code points, two or more dot-separated labels of 1–63 letters,
    /// digits, non-ASCII code points and inner hyphens (see `domainPattern`).
    public static func isDomain(_ value: Substring) -> Bool { withUTF8(value) { domain($0, from: 0, to: $0.count) } }

    /// Whether `value` is an email address: a local part without `@`, spaces or control characters, `@`,
    /// and a domain (see `emailPattern`).
    public static func isEmail(_ value: String) -> Bool { withUTF8(value, email) }
    /// Whether `value` is an email address: a local part without `@`, spaces or control characters, `@`,
    /// and a domain (see `emailPattern`).
    public static func isEmail(_ value: Substring) -> Bool { withUTF8(value, email) }

    /// Whether `value` is an http or https URL whose host is a domain, with an optional port and an
    /// optional path, query or fragment free of spaces and control characters (see `urlPattern`).
    public static func isURL(_ value: String) -> Bool { withUTF8(value, url) }
    /// Whether `value` is an http or https URL whose host is a domain, with an optional port and an
    /// optional path, query or fragment free of spaces and control characters (see `urlPattern`).
    public static func isURL(_ value: Substring) -> Bool { withUTF8(value, url) }

    /// Whether `value` is a phone number: digits, spaces, `+ - ( ) . /` and `e x t` in either case, with
    /// 5–20 digits (see `phonePattern`).
    public static func isPhone(_ value: String) -> Bool { withUTF8(value, phone) }
    /// Whether `value` is a phone number: digits, spaces, `+ - ( ) . /` and `e x t` in either case, with
    /// 5–20 digits (see `phonePattern`).
    public static func isPhone(_ value: Substring) -> Bool { withUTF8(value, phone) }

    /// The epoch milliseconds a date or datetime value states: an optional `-` and 1–15 ASCII digits
    /// (leading zeros and `-0` allowed) whose value lies in `epochMillisecondsRange`; `nil` for anything
    /// else, including ISO dates.
    public static func epochMilliseconds(_ value: String) -> Int? { withUTF8(value, epochMilliseconds) }
    /// The epoch milliseconds a date or datetime value states; `nil` for anything else (see the `String`
    /// overload).
    public static func epochMilliseconds(_ value: Substring) -> Int? { withUTF8(value, epochMilliseconds) }

    /// The epoch milliseconds of the years 0001–9999 in UTC: from 0001-01-01T00:00:00.000Z to
    /// 9999-12-31T23:59:59.999Z.
    public static let epochMillisecondsRange: ClosedRange<Int> = -62_135_596_800_000...253_402_300_799_999

    /// Whether `year`-`month`-`day` is a day of the proleptic Gregorian calendar with a year in 1...9999:
    /// February has 29 days in years divisible by 4 but not by 100, and in years divisible by 400.
    public static func isCalendarDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysInMonth(year: year, month: month)
    }

    /// The number of days of `month` (1–12) in `year` of the Gregorian calendar; 0 for a month outside 1–12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        default: 0
        }
    }

    // MARK: - Byte-level grammar
    // Each takes the value's UTF-8 bytes. Swift strings are valid UTF-8, so a code point is a byte that is
    // not a continuation byte (10xxxxxx), and every byte of a non-ASCII code point is 0x80 or more.

    package typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The contiguous UTF-8 of a native string costs nothing; only a bridged string is copied.
    @inline(__always)
    static func withUTF8<R>(_ value: String, _ body: (Bytes) -> R) -> R {
        value.withUTF8Bytes(body)
    }

    @inline(__always)
    static func withUTF8<R>(_ value: Substring, _ body: (Bytes) -> R) -> R {
        if let result = value.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = value
        return copy.withUTF8(body)
    }

    package static func number(_ bytes: Bytes) -> Bool {
        let end = bytes.count
        var i = 0
        if i < end, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let integerStart = i
        while i < end, isDigit(bytes[i]) { i += 1 }
        guard i > integerStart else { return false }
        if i == end { return true }
        guard bytes[i] == UInt8(ascii: ".") else { return false }
        i += 1
        let fractionStart = i
        while i < end, isDigit(bytes[i]) { i += 1 }
        return i > fractionStart && i == end
    }

    package static func date(_ bytes: Bytes) -> Bool {
        (bytes.count == 10 && isCalendarDay(bytes, at: 0)) || epochMilliseconds(bytes) != nil
    }

    package static func datetime(_ bytes: Bytes) -> Bool {
        let end = bytes.count
        // The shortest ISO form is `YYYY-MM-DDTHH:MM:SSZ`; anything shorter can only be epoch milliseconds.
        guard end >= 20 else { return epochMilliseconds(bytes) != nil }
        guard isCalendarDay(bytes, at: 0),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let hour = twoDigits(bytes, at: 11), hour <= 23, bytes[13] == UInt8(ascii: ":"),
              let minute = twoDigits(bytes, at: 14), minute <= 59, bytes[16] == UInt8(ascii: ":"),
              let second = twoDigits(bytes, at: 17), second <= 60
        else { return false }
        var i = 19
        if bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < end, isDigit(bytes[i]) { i += 1 }
            guard i > fractionStart, i < end else { return false }
        }
        switch bytes[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return i + 1 == end
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == end, let zoneHour = twoDigits(bytes, at: i + 1), zoneHour <= 23,
                  bytes[i + 3] == UInt8(ascii: ":"), let zoneMinute = twoDigits(bytes, at: i + 4), zoneMinute <= 59
            else { return false }
            return true
        default:
            return false
        }
    }

    /// `YYYY-MM-DD` at `start`, a real day in 0001–9999.
    static func isCalendarDay(_ bytes: Bytes, at start: Int) -> Bool {
        guard start >= 0, bytes.count - start >= 10,
              let century = twoDigits(bytes, at: start), let yearOfCentury = twoDigits(bytes, at: start + 2),
              bytes[start + 4] == UInt8(ascii: "-"), let month = twoDigits(bytes, at: start + 5),
              bytes[start + 7] == UInt8(ascii: "-"), let day = twoDigits(bytes, at: start + 8)
        else { return false }
        return isCalendarDay(year: century * 100 + yearOfCentury, month: month, day: day)
    }

    static func epochMilliseconds(_ bytes: Bytes) -> Int? {
        let end = bytes.count
        var i = 0
        let negative = end > 0 && bytes[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        // At most 15 digits, so the value stays below 10^15 and cannot overflow.
        let digitCount = end - i
        guard (1...15).contains(digitCount) else { return nil }
        var magnitude = 0
        while i < end {
            let byte = bytes[i]
            guard isDigit(byte) else { return nil }
            magnitude = magnitude * 10 + Int(byte &- UInt8(ascii: "0"))
            i += 1
        }
        let value = negative ? -magnitude : magnitude
        return epochMillisecondsRange.contains(value) ? value : nil
    }

    package static func bool(_ bytes: Bytes) -> Bool {
        switch bytes.count {
        case 4: bytes[0] == UInt8(ascii: "t") && bytes[1] == UInt8(ascii: "r") && bytes[2] == UInt8(ascii: "u")
            && bytes[3] == UInt8(ascii: "e")
        case 5: bytes[0] == UInt8(ascii: "f") && bytes[1] == UInt8(ascii: "a") && bytes[2] == UInt8(ascii: "l")
            && bytes[3] == UInt8(ascii: "s") && bytes[4] == UInt8(ascii: "e")
        default: false
        }
    }

    /// A domain in `bytes[start..<end]`.
    package static func domain(_ bytes: Bytes, from start: Int, to end: Int) -> Bool {
        guard start >= 0, start < end, end <= bytes.count else { return false }
        var codePoints = 0
        var labels = 1
        var labelLength = 0  // code points of the current label
        var previous = UInt8(ascii: ".")
        var i = start
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                labelLength = 0
            } else if byte < 0x80 {
                guard isLetterOrDigit(byte) || (byte == UInt8(ascii: "-") && labelLength > 0) else { return false }
                labelLength += 1
            } else if byte & 0xC0 != 0x80 {
                labelLength += 1
            }
            if byte & 0xC0 != 0x80 { codePoints += 1 }
            guard labelLength <= 63, codePoints <= 253 else { return false }
            previous = byte
            i += 1
        }
        return labels >= 2 && labelLength > 0 && previous != UInt8(ascii: "-")
    }

    package static func email(_ bytes: Bytes) -> Bool {
        let end = bytes.count
        var i = 0
        while i < end, bytes[i] != UInt8(ascii: "@") {
            guard bytes[i] > 0x20, bytes[i] != 0x7F else { return false }
            i += 1
        }
        // A second `@` is not a domain character, so the domain check rejects it.
        guard i > 0, i < end else { return false }
        return domain(bytes, from: i + 1, to: end)
    }

    package static func url(_ bytes: Bytes) -> Bool {
        let end = bytes.count
        // `x | 0x20` folds only the letters onto lower case among the bytes compared here.
        guard end >= 7, bytes[0] | 0x20 == UInt8(ascii: "h"), bytes[1] | 0x20 == UInt8(ascii: "t"),
              bytes[2] | 0x20 == UInt8(ascii: "t"), bytes[3] | 0x20 == UInt8(ascii: "p")
        else { return false }
        var i = 4
        if bytes[i] | 0x20 == UInt8(ascii: "s") { i += 1 }
        guard end - i >= 3, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: "/"),
              bytes[i + 2] == UInt8(ascii: "/")
        else { return false }
        i += 3
        let hostStart = i
        while i < end, !isHostEnd(bytes[i]) { i += 1 }
        guard domain(bytes, from: hostStart, to: i) else { return false }
        if i < end, bytes[i] == UInt8(ascii: ":") {
            i += 1
            let portStart = i
            while i < end, isDigit(bytes[i]) { i += 1 }
            guard (1...5).contains(i - portStart) else { return false }
        }
        guard i < end else { return true }
        let separator = bytes[i]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: "?") || separator == UInt8(ascii: "#")
        else { return false }
        i += 1
        while i < end {
            guard bytes[i] > 0x20, bytes[i] != 0x7F else { return false }
            i += 1
        }
        return true
    }

    package static func phone(_ bytes: Bytes) -> Bool {
        var digits = 0
        for byte in bytes {
            if isDigit(byte) {
                digits += 1
            } else {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"),
                     UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "e"), UInt8(ascii: "x"), UInt8(ascii: "t"),
                     UInt8(ascii: "E"), UInt8(ascii: "X"), UInt8(ascii: "T"):
                    continue
                default:
                    return false
                }
            }
        }
        return (5...20).contains(digits)
    }

    // MARK: - Bytes

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    /// What ends a URL's host: a port, a path, a query or a fragment.
    @inline(__always)
    static func isHostEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    /// The value of the two ASCII digits at `start`, or `nil`; the caller checks `start + 2 <= count`.
    @inline(__always)
    static func twoDigits(_ bytes: Bytes, at start: Int) -> Int? {
        let high = bytes[start] &- UInt8(ascii: "0"), low = bytes[start + 1] &- UInt8(ascii: "0")
        guard high < 10, low < 10 else { return nil }
        return Int(high) * 10 + Int(low)
    }
}
