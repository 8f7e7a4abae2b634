/// One problem of a record: which property, what kind, and a message for people.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case missingRequired = "missing-required"
        case malformedValue = "malformed-value"
        case unknownOption = "unknown-option"
        case patternMismatch = "pattern-mismatch"
        case tooShort = "too-short"
        case tooLong = "too-long"
        case belowMinimum = "below-minimum"
        case aboveMaximum = "above-maximum"
        case invalidFormat = "invalid-format"
    }

    /// The property's internal name.
    public var property: String
    public var kind: Kind
    public var message: String

    public init(property: String, kind: Kind, message: String) {
        self.property = property
        self.kind = kind
        self.message = message
    }

    /// `property: message`
    public var description: String { "\(property): \(message)" }
}
