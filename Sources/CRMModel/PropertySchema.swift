/// HubSpot's property `type`: how a value is stored.
public enum PropertyType: String, CaseIterable, Hashable, Sendable, Codable {
    case string, number, date, datetime, enumeration, bool
}

/// HubSpot's property `fieldType`: how a value is edited in the UI.
public enum FieldType: String, CaseIterable, Hashable, Sendable, Codable {
    case text, textarea, html, file, phonenumber
    case number
    case date
    case select, radio, checkbox, booleancheckbox
    case calculationEquation = "calculation_equation"

    /// The field types HubSpot accepts for a property type (HubSpot's properties API table).
    public static func allowed(for type: PropertyType) -> [FieldType] {
        switch type {
        case .string: [.text, .textarea, .html, .file, .phonenumber, .calculationEquation]
        case .number: [.number, .calculationEquation]
        case .date, .datetime: [.date]
        case .enumeration: [.select, .radio, .checkbox, .booleancheckbox, .calculationEquation]
        case .bool: [.booleancheckbox, .calculationEquation]
        }
    }
}

/// A well-known text format a `string` property must follow.
public enum PropertyFormat: String, CaseIterable, Hashable, Sendable, Codable {
    case email, url, domain, phone
}

/// HubSpot's `numberDisplayHint`. `currency` marks exact money amounts.
public enum NumberDisplayHint: String, CaseIterable, Hashable, Sendable, Codable {
    case unformatted, formatted, currency, percentage, duration, probability
}

/// Who decides an enumeration's options.
public enum OptionSource: String, CaseIterable, Hashable, Sendable, Codable {
    /// The definitions list every value; validators accept only those.
    case definitions
    /// Each portal has its own values (deal pipelines and stages, lifecycle stages, ticket
    /// pipelines): the listed options are the known ones, and validators accept any value.
    case portal
}

/// One choice of an `enumeration` property.
public struct PropertyOption: Hashable, Sendable, Codable {
    public var value: String
    public var label: String
    public var description: String?
    public var displayOrder: Int?
    public var hidden: Bool

    public init(value: String, label: String, description: String? = nil, displayOrder: Int? = nil, hidden: Bool = false) {
        self.value = value
        self.label = label
        self.description = description
        self.displayOrder = displayOrder
        self.hidden = hidden
    }
}

/// A property of a CRM object, with every constraint its definition states.
public struct PropertySchema: Hashable, Sendable, Codable {
    /// Internal name (`green_lot_number`), unique within the object.
    public var name: String
    public var label: String
    public var description: String?
    public var type: PropertyType
    public var fieldType: FieldType
    public var groupName: String?
    /// Position in HubSpot's property lists; `nil` leaves it to HubSpot.
    public var displayOrder: Int?
    public var required: Bool
    public var unique: Bool
    public var readOnly: Bool
    public var calculated: Bool
    public var calculationFormula: String?
    public var hidden: Bool
    /// A regular expression the whole value must match (`string` only).
    public var pattern: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var minimum: CRMNumber?
    public var maximum: CRMNumber?
    public var format: PropertyFormat?
    public var numberDisplayHint: NumberDisplayHint?
    /// `OWNER` for owner properties, else the object whose record IDs the property holds.
    public var referencedObjectType: String?
    /// The choices of an `enumeration`; for a `bool`, the labels HubSpot shows for `true` and `false`.
    public var options: [PropertyOption]
    /// Whether ``options`` is the whole list or the known part of a portal's own list.
    public var optionSource: OptionSource
    /// Where the property is defined; `nil` for properties crmgen adds implicitly.
    public var location: SourceLocation?
    /// Where an extension changed ``options`` or ``optionSource`` (`nil`: they are as defined).
    public var optionsLocation: SourceLocation?

    public init(
        name: String, label: String, description: String? = nil,
        type: PropertyType, fieldType: FieldType, groupName: String? = nil, displayOrder: Int? = nil,
        required: Bool = false, unique: Bool = false, readOnly: Bool = false,
        calculated: Bool = false, calculationFormula: String? = nil, hidden: Bool = false,
        pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        minimum: CRMNumber? = nil, maximum: CRMNumber? = nil, format: PropertyFormat? = nil,
        numberDisplayHint: NumberDisplayHint? = nil, referencedObjectType: String? = nil,
        options: [PropertyOption] = [], optionSource: OptionSource = .definitions, location: SourceLocation? = nil,
        optionsLocation: SourceLocation? = nil
    ) {
        self.name = name
        self.label = label
        self.description = description
        self.type = type
        self.fieldType = fieldType
        self.groupName = groupName
        self.displayOrder = displayOrder
        self.required = required
        self.unique = unique
        self.readOnly = readOnly
        self.calculated = calculated
        self.calculationFormula = calculationFormula
        self.hidden = hidden
        self.pattern = pattern
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.format = format
        self.numberDisplayHint = numberDisplayHint
        self.referencedObjectType = referencedObjectType
        self.options = options
        self.optionSource = optionSource
        self.location = location
        self.optionsLocation = optionsLocation
    }

    /// The `referencedObjectType` that marks a property holding a HubSpot owner ID.
    public static let ownerReference = "OWNER"

    /// Whether the property holds a HubSpot owner ID.
    public var isOwner: Bool { referencedObjectType == Self.ownerReference }

    /// Whether several options may be chosen at once (`;`-separated in record JSON).
    public var isMultiSelect: Bool { type == .enumeration && fieldType == .checkbox }
}
