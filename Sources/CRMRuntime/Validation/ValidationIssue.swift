/// One problem of a record: which property, what kind, and a message for people.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rule a value broke; the raw value is the name `crmgen check` and JSON use.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A required property has no value.
        case missingRequired = "missing-required"
        /// The value cannot be read as the property's type (a number that is not a number, a day that does not exist).
        case malformedValue = "malformed-value"
        /// An enumeration value the definitions do not list.
        case unknownOption = "unknown-option"
        /// A string that does not match the property's `pattern`.
        case patternMismatch = "pattern-mismatch"
        /// A string shorter than `minLength`.
        case tooShort = "too-short"
        /// A string longer than `maxLength`.
        case tooLong = "too-long"
        /// A number below `minimum`.
        case belowMinimum = "below-minimum"
        /// A number above `maximum`.
        case aboveMaximum = "above-maximum"
        /// A string that is not a valid email, URL, domain or phone number, as its `format` asks.
        case invalidFormat = "invalid-format"
    }

    /// The property's internal name.
    public var property: String
    /// The rule broken.
    public var kind: Kind
    /// What is wrong, for people (`is required but has no value`).
    public var message: String

    /// An issue of `property` (its internal name).
    public init(property: String, kind: Kind, message: String) {
        self.property = property
        self.kind = kind
        self.message = message
    }

    /// `property: message`
    public var description: String { "\(property): \(message)" }
}
