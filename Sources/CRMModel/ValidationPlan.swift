/// Which rule checks a property's values, decided once from its definition: generated validators,
/// the dynamic validator and the exported JSON Schema all follow it, so they cannot disagree on
/// what a property's values must be.
public struct ValidationPlan: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Text with optional lengths (Unicode code points), a pattern and a format. Owner IDs,
        /// enumerations without options and enumerations whose options the portal defines (their
        /// values come from elsewhere) are plain text.
        case text(minLength: Int?, maxLength: Int?, pattern: String?, format: PropertyFormat?)
        /// A ``CRMNumber``, within inclusive bounds.
        case number(minimum: CRMNumber?, maximum: CRMNumber?)
        case bool
        /// `YYYY-MM-DD` or epoch milliseconds.
        case date
        /// ISO 8601 or epoch milliseconds.
        case datetime
        /// One of the property's option values.
        case option
        /// Any number of the property's option values, `;`-separated (multi-select).
        case options
    }

    public var kind: Kind
    /// A value must be present (not absent, `""` or `null`).
    public var required: Bool

    // Borrowing: an initializer takes its arguments owned by default, which made every caller copy
    // the whole property (its every string retained, then released) to decide the plan.
    public init(_ property: borrowing PropertySchema) {
        required = property.required
        switch property.type {
        case .string:
            kind = .text(minLength: property.minLength, maxLength: property.maxLength, pattern: property.pattern, format: property.format)
        case .number: kind = .number(minimum: property.minimum, maximum: property.maximum)
        case .bool: kind = .bool
        case .date: kind = .date
        case .datetime: kind = .datetime
        case .enumeration where property.isOwner || property.options.isEmpty || property.optionSource == .portal:
            kind = .text(minLength: nil, maxLength: nil, pattern: nil, format: nil)
        case .enumeration: kind = property.isMultiSelect ? .options : .option
        }
    }
}
