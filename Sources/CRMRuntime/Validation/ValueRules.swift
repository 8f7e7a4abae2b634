import Foundation

/// Whether a property value's text can be read as its property's type. "Malformed" means exactly
/// this returns `false`: for validators, ``CRMRecord/malformedProperties`` and the exported schema.
enum PropertyValueSyntax {
    static func isValid(_ text: String, for property: PropertySchema) -> Bool {
        isValid(text, type: property.type)
    }

    static func isValid(_ text: String, type: PropertyType) -> Bool {
        switch type {
        case .number: CRMNumber(text) != nil
        case .bool: HubSpotValueFormat.bool(text) != nil
        case .date: CalendarDate(hubSpotValue: text) != nil
        case .datetime: HubSpotValueFormat.datetime(text) != nil
        case .string, .enumeration: true
        }
    }
}

/// The validation rules of crmgen, in one place: generated `validate()` methods and the dynamic
/// validator both call these, with the same arguments for the same definition, so a record gets
/// the same issues either way. Each rule checks one property of a record's values.
///
/// A property is missing when it is absent, `""` or `null`. Lengths count Unicode code points, as
/// JSON Schema does.
@_spi(Generated) public enum ValueRules {
    // MARK: Rules by property type

    /// Text, optionally with lengths, a pattern and a format. Owner IDs and enumerations without
    /// options are plain text too.
    public static func text(_ properties: RecordProperties, _ name: String, required: Bool = false,
                            minLength: Int? = nil, maxLength: Int? = nil, pattern: CompiledPattern? = nil,
                            format: PropertyFormat? = nil, into issues: inout [ValidationIssue]) {
        guard let value = value(properties, name, required: required, into: &issues) else { return }
        checkString(value, property: name, minLength: minLength, maxLength: maxLength, pattern: pattern, format: format, into: &issues)
    }

    public static func number(_ properties: RecordProperties, _ name: String, required: Bool = false,
                              minimum: CRMNumber? = nil, maximum: CRMNumber? = nil, into issues: inout [ValidationIssue]) {
        guard let text = value(properties, name, required: required, into: &issues) else { return }
        guard let number = CRMNumber(text) else { return issues.append(malformed(name, value: text, type: .number)) }
        if let minimum, number < minimum {
            issues.append(ValidationIssue(property: name, kind: .belowMinimum, message: "\(text) is less than the minimum \(minimum)"))
        }
        if let maximum, number > maximum {
            issues.append(ValidationIssue(property: name, kind: .aboveMaximum, message: "\(text) is more than the maximum \(maximum)"))
        }
    }

    public static func bool(_ properties: RecordProperties, _ name: String, required: Bool = false, into issues: inout [ValidationIssue]) {
        typed(properties, name, .bool, required: required, into: &issues)
    }

    public static func date(_ properties: RecordProperties, _ name: String, required: Bool = false, into issues: inout [ValidationIssue]) {
        typed(properties, name, .date, required: required, into: &issues)
    }

    public static func datetime(_ properties: RecordProperties, _ name: String, required: Bool = false, into issues: inout [ValidationIssue]) {
        typed(properties, name, .datetime, required: required, into: &issues)
    }

    /// One option of a generated enumeration.
    public static func option<Value: CRMEnumeration>(_ properties: RecordProperties, _ name: String, as _: Value.Type,
                                                     required: Bool = false, into issues: inout [ValidationIssue]) {
        guard let text = value(properties, name, required: required, into: &issues) else { return }
        if !Value(rawValue: text).isKnown { issues.append(unknownOption(name, value: text)) }
    }

    /// One option among `known` (the dynamic validator's form of ``option(_:_:as:required:into:)``).
    public static func option(_ properties: RecordProperties, _ name: String, known: Set<String>,
                              required: Bool = false, into issues: inout [ValidationIssue]) {
        guard let text = value(properties, name, required: required, into: &issues) else { return }
        if !known.contains(text) { issues.append(unknownOption(name, value: text)) }
    }

    /// Several options of a generated enumeration, `;`-separated.
    public static func options<Value: CRMEnumeration>(_ properties: RecordProperties, _ name: String, as _: Value.Type,
                                                      required: Bool = false, into issues: inout [ValidationIssue]) {
        guard let text = value(properties, name, required: required, into: &issues) else { return }
        for part in Set(HubSpotValueFormat.multiSelect(text)).sorted() where !Value(rawValue: part).isKnown {
            issues.append(unknownOption(name, value: part))
        }
    }

    /// Several options among `known`, `;`-separated.
    public static func options(_ properties: RecordProperties, _ name: String, known: Set<String>,
                               required: Bool = false, into issues: inout [ValidationIssue]) {
        guard let text = value(properties, name, required: required, into: &issues) else { return }
        for part in Set(HubSpotValueFormat.multiSelect(text)).sorted() where !known.contains(part) {
            issues.append(unknownOption(name, value: part))
        }
    }

    // MARK: Parts

    /// The value's text, or `nil` after reporting it missing when it is required.
    private static func value(_ properties: RecordProperties, _ name: String, required: Bool,
                              into issues: inout [ValidationIssue]) -> String? {
        guard let text = properties[name] else {
            if required { issues.append(missing(name)) }
            return nil
        }
        return text
    }

    private static func typed(_ properties: RecordProperties, _ name: String, _ type: PropertyType, required: Bool,
                              into issues: inout [ValidationIssue]) {
        guard let text = value(properties, name, required: required, into: &issues) else { return }
        if !PropertyValueSyntax.isValid(text, type: type) { issues.append(malformed(name, value: text, type: type)) }
    }

    static func missing(_ property: String) -> ValidationIssue {
        ValidationIssue(property: property, kind: .missingRequired, message: "is required but has no value")
    }

    static func malformed(_ property: String, value: String, type: PropertyType) -> ValidationIssue {
        let expected = switch type {
        case .number: "a number"
        case .bool: "true or false"
        case .date: "a date (YYYY-MM-DD or epoch milliseconds)"
        case .datetime: "a datetime (ISO 8601 or epoch milliseconds)"
        case .string, .enumeration: "text"
        }
        return ValidationIssue(property: property, kind: .malformedValue, message: "'\(value)' is not \(expected)")
    }

    static func unknownOption(_ property: String, value: String) -> ValidationIssue {
        ValidationIssue(property: property, kind: .unknownOption, message: "'\(value)' is not one of the property's options")
    }

    /// Length (in Unicode code points), pattern and format of a string value.
    static func checkString(_ value: String, property: String, minLength: Int?, maxLength: Int?,
                            pattern: CompiledPattern?, format: PropertyFormat?, into issues: inout [ValidationIssue]) {
        if minLength != nil || maxLength != nil {
            let length = value.unicodeScalars.count
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
}

/// Checks of `format: email | url | domain | phone`, by the grammars of `ValueGrammar` (CRMModel).
public enum FormatCheck {
    /// Whether `value` is valid in `format`, by the rule generated validators and `crmgen check` apply.
    public static func isValid(_ value: String, format: PropertyFormat) -> Bool {
        switch format {
        case .email: ValueGrammar.isEmail(value)
        case .url: ValueGrammar.isURL(value)
        case .domain: ValueGrammar.isDomain(value)
        case .phone: ValueGrammar.isPhone(value)
        }
    }
}
