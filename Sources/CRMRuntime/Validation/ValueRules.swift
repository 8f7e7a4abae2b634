import Foundation

/// The validation rules of crmgen, in one place: generated `validate()` methods and the
/// dynamic validator both call these, so a record gets the same issues either way.
public enum ValueRules {
    public static func missing(_ property: String) -> ValidationIssue {
        ValidationIssue(property: property, kind: .missingRequired, message: "is required but has no value")
    }

    public static func malformed(_ property: String, value: String, type: PropertyType) -> ValidationIssue {
        let expected = switch type {
        case .number: "a number"
        case .bool: "true or false"
        case .date: "a date (YYYY-MM-DD or epoch milliseconds)"
        case .datetime: "a datetime (ISO 8601 or epoch milliseconds)"
        case .string, .enumeration: "text"
        }
        return ValidationIssue(property: property, kind: .malformedValue, message: "'\(value)' is not \(expected)")
    }

    public static func unknownOption(_ property: String, value: String) -> ValidationIssue {
        ValidationIssue(property: property, kind: .unknownOption, message: "'\(value)' is not one of the property's options")
    }

    /// Length (in characters), pattern and format of a string value.
    public static func checkString(_ value: String, property: String, minLength: Int?, maxLength: Int?,
                                   pattern: CompiledPattern?, format: PropertyFormat?, into issues: inout [ValidationIssue]) {
        if minLength != nil || maxLength != nil {
            let length = value.count
            if let minLength, length < minLength {
                issues.append(ValidationIssue(property: property, kind: .tooShort, message: "has \(length) characters; at least \(minLength) are required"))
            }
            if let maxLength, length > maxLength {
                issues.append(ValidationIssue(property: property, kind: .tooLong, message: "has \(length) characters; at most \(maxLength) are allowed"))
            }
        }
        if let pattern, !pattern.matches(value) {
            issues.append(ValidationIssue(property: property, kind: .patternMismatch, message: "'\(value)' does not match the pattern \(pattern.pattern)"))
        }
        if let format, !FormatCheck.isValid(value, format: format) {
            issues.append(ValidationIssue(property: property, kind: .invalidFormat, message: "'\(value)' is not a valid \(format.rawValue)"))
        }
    }

    public static func checkNumber(_ value: Double, property: String, minimum: Double?, maximum: Double?, into issues: inout [ValidationIssue]) {
        if let minimum, value < minimum {
            issues.append(ValidationIssue(property: property, kind: .belowMinimum,
                                          message: "\(HubSpotValueFormat.format(value)) is less than the minimum \(HubSpotValueFormat.format(minimum))"))
        }
        if let maximum, value > maximum {
            issues.append(ValidationIssue(property: property, kind: .aboveMaximum,
                                          message: "\(HubSpotValueFormat.format(value)) is more than the maximum \(HubSpotValueFormat.format(maximum))"))
        }
    }

    public static func checkNumber(_ value: Decimal, property: String, minimum: Double?, maximum: Double?, into issues: inout [ValidationIssue]) {
        checkNumber(NSDecimalNumber(decimal: value).doubleValue, property: property, minimum: minimum, maximum: maximum, into: &issues)
    }
}

/// Checks of `format: email | url | domain | phone`: deliberately plain, as HubSpot's own forms are.
public enum FormatCheck {
    public static func isValid(_ value: String, format: PropertyFormat) -> Bool {
        switch format {
        case .email: isEmail(value)
        case .url: isURL(value)
        case .domain: isDomain(value)
        case .phone: isPhone(value)
        }
    }

    /// `local@domain.tld`: one `@`, no spaces, a domain with a dot.
    static func isEmail(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard let at = utf8.firstIndex(of: UInt8(ascii: "@")), at != utf8.startIndex,
              !utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return false }
        let domain = utf8[utf8.index(after: at)...]
        guard !domain.contains(UInt8(ascii: "@")) else { return false }
        return isDomain(Substring(value).utf8[domain.startIndex...])
    }

    /// An absolute http(s) URL with a host.
    static func isURL(_ value: String) -> Bool {
        guard !value.contains(where: \.isWhitespace), let url = URL(string: value),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return false }
        return true
    }

    /// Dot-separated labels of letters, digits and hyphens (not at either end), at least two.
    static func isDomain(_ value: String) -> Bool { isDomain(value.utf8[...]) }

    static func isDomain(_ bytes: Substring.UTF8View) -> Bool {
        guard bytes.count <= 253 else { return false }
        var labels = 0
        var length = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard length > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                length = 0
            } else {
                let isLetterOrDigit = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                guard isLetterOrDigit || byte >= 0x80 || (byte == UInt8(ascii: "-") && length > 0) else { return false }
                length += 1
                guard length <= 63 else { return false }
            }
            previous = byte
        }
        guard length > 0, previous != UInt8(ascii: "-") else { return false }
        return labels + 1 >= 2
    }

    /// Digits with the usual separators (`+1 (555) 010-2030 ext. 4`), 5 to 20 digits.
    static func isPhone(_ value: String) -> Bool {
        var digits = 0
        for character in value {
            if character.isASCII, character.isNumber {
                digits += 1
            } else if !" +-().ext/".contains(character.lowercased()) {
                return false
            }
        }
        return (5...20).contains(digits)
    }
}
