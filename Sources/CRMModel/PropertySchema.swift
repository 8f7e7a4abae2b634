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
///
/// The settings most properties leave unset (``description``, ``pattern``, ``minimum`` and the
/// like) are kept out of line, only those that are set, so that a property is a small value: a
/// schema holds tens of thousands of them. They read and write like the others.
public struct PropertySchema: Hashable, Sendable, Codable {
    /// Internal name (`green_lot_number`), unique within the object.
    public var name: String
    public var label: String
    /// The choices of an `enumeration`; for a `bool`, the labels HubSpot shows for `true` and `false`.
    public var options: [PropertyOption]
    /// The rarely set settings that are set, in ``Extra/Slot`` order, each once (so that two
    /// properties are equal exactly when their lists are). Inlinable accessors reach it, so that
    /// reading one costs other modules no call.
    @usableFromInline var extras: [Extra]
    /// Where the property is defined; `nil` for properties crmgen adds implicitly.
    public var location: SourceLocation?
    public var type: PropertyType
    public var fieldType: FieldType
    public var required: Bool
    public var unique: Bool
    public var readOnly: Bool
    public var calculated: Bool
    public var hidden: Bool
    /// Whether ``options`` is the whole list or the known part of a portal's own list.
    public var optionSource: OptionSource
    public var format: PropertyFormat?
    public var numberDisplayHint: NumberDisplayHint?
    /// Which of ``Extra/Slot`` ``extras`` holds, a bit each: a setting is found by counting the bits
    /// below its own, without a search (which a debug build would run element by element).
    @usableFromInline var extraSlots: UInt16

    @inlinable
    public var description: String? {
        get {
            guard let index = extraIndex(.description), case .description(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.description, newValue.map(Extra.description)) }
    }

    @inlinable
    public var groupName: String? {
        get {
            guard let index = extraIndex(.groupName), case .groupName(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.groupName, newValue.map(Extra.groupName)) }
    }

    /// Position in HubSpot's property lists; `nil` leaves it to HubSpot.
    @inlinable
    public var displayOrder: Int? {
        get {
            guard let index = extraIndex(.displayOrder), case .displayOrder(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.displayOrder, newValue.map(Extra.displayOrder)) }
    }

    @inlinable
    public var calculationFormula: String? {
        get {
            guard let index = extraIndex(.calculationFormula), case .calculationFormula(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.calculationFormula, newValue.map(Extra.calculationFormula)) }
    }

    /// A regular expression the whole value must match (`string` only).
    @inlinable
    public var pattern: String? {
        get {
            guard let index = extraIndex(.pattern), case .pattern(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.pattern, newValue.map(Extra.pattern)) }
    }

    @inlinable
    public var minLength: Int? {
        get {
            guard let index = extraIndex(.minLength), case .minLength(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.minLength, newValue.map(Extra.minLength)) }
    }

    @inlinable
    public var maxLength: Int? {
        get {
            guard let index = extraIndex(.maxLength), case .maxLength(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.maxLength, newValue.map(Extra.maxLength)) }
    }

    @inlinable
    public var minimum: CRMNumber? {
        get {
            guard let index = extraIndex(.minimum), case .minimum(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.minimum, newValue.map(Extra.minimum)) }
    }

    @inlinable
    public var maximum: CRMNumber? {
        get {
            guard let index = extraIndex(.maximum), case .maximum(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.maximum, newValue.map(Extra.maximum)) }
    }

    /// `OWNER` for owner properties, else the object whose record IDs the property holds.
    @inlinable
    public var referencedObjectType: String? {
        get {
            guard let index = extraIndex(.referencedObjectType), case .referencedObjectType(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.referencedObjectType, newValue.map(Extra.referencedObjectType)) }
    }

    /// Where an extension changed ``options`` or ``optionSource`` (`nil`: they are as defined).
    @inlinable
    public var optionsLocation: SourceLocation? {
        get {
            guard let index = extraIndex(.optionsLocation), case .optionsLocation(let value) = extras[index] else { return nil }
            return value
        }
        set { setExtra(.optionsLocation, newValue.map(Extra.optionsLocation)) }
    }

    /// A property with these settings and every other at its default, for a reader that sets the
    /// others one by one: stores only, where the full initializer takes two dozen arguments.
    @inlinable
    package init(reading name: String, label: String, type: PropertyType, fieldType: FieldType, location: SourceLocation?) {
        self.name = name
        self.label = label
        options = []
        extras = []
        extraSlots = 0
        self.location = location
        self.type = type
        self.fieldType = fieldType
        required = false
        unique = false
        readOnly = false
        calculated = false
        hidden = false
        optionSource = .definitions
        format = nil
        numberDisplayHint = nil
    }

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
        self.options = options
        self.extras = []
        self.extraSlots = 0
        self.location = location
        self.type = type
        self.fieldType = fieldType
        self.required = required
        self.unique = unique
        self.readOnly = readOnly
        self.calculated = calculated
        self.hidden = hidden
        self.optionSource = optionSource
        self.format = format
        self.numberDisplayHint = numberDisplayHint
        // In slot order, so that each is appended.
        if let description { self.description = description }
        if let groupName { self.groupName = groupName }
        if let displayOrder { self.displayOrder = displayOrder }
        if let calculationFormula { self.calculationFormula = calculationFormula }
        if let pattern { self.pattern = pattern }
        if let minLength { self.minLength = minLength }
        if let maxLength { self.maxLength = maxLength }
        if let minimum { self.minimum = minimum }
        if let maximum { self.maximum = maximum }
        if let referencedObjectType { self.referencedObjectType = referencedObjectType }
        if let optionsLocation { self.optionsLocation = optionsLocation }
    }

    // MARK: Out-of-line settings

    /// One rarely set setting.
    @usableFromInline enum Extra: Hashable, Sendable {
        case description(String)
        case groupName(String)
        case displayOrder(Int)
        case calculationFormula(String)
        case pattern(String)
        case minLength(Int)
        case maxLength(Int)
        case minimum(CRMNumber)
        case maximum(CRMNumber)
        case referencedObjectType(String)
        // Boxed: the only payload larger than a string, and rarely there.
        indirect case optionsLocation(SourceLocation)

        /// Each case's place in the list, and its bit in ``PropertySchema/extraSlots``.
        @usableFromInline enum Slot: UInt8 {
            case description, groupName, displayOrder, calculationFormula, pattern, minLength, maxLength
            case minimum, maximum, referencedObjectType, optionsLocation

            @inlinable var bit: UInt16 { 1 << rawValue }
        }
    }

    /// Where in ``extras`` the setting of `slot` is, if it is set.
    @inlinable
    func extraIndex(_ slot: Extra.Slot) -> Int? {
        let bit = slot.bit
        guard extraSlots & bit != 0 else { return nil }
        return (extraSlots & (bit &- 1)).nonzeroBitCount
    }

    /// Sets (or, with `nil`, removes) the setting of `slot`, keeping the list in slot order.
    @inlinable
    mutating func setExtra(_ slot: Extra.Slot, _ value: Extra?) {
        let bit = slot.bit
        let index = (extraSlots & (bit &- 1)).nonzeroBitCount
        if extraSlots & bit != 0 {
            if let value {
                extras[index] = value
            } else {
                extras.remove(at: index)
                extraSlots &= ~bit
            }
        } else if let value {
            // Readers set settings in slot order: appending, the common case, skips `insert`'s general
            // path (several hundred instructions a setting, for tens of thousands of properties a load).
            if index == extras.count {
                // Settings come in pairs (minimum and maximum, a length and a pattern): one allocation for both.
                if extras.isEmpty { extras.reserveCapacity(2) }
                extras.append(value)
            } else {
                extras.insert(value, at: index)
            }
            extraSlots |= bit
        }
    }

    // MARK: Codable, as the settings were stored

    private enum CodingKeys: String, CodingKey {
        case name, label, description, type, fieldType, groupName, displayOrder, required, unique, readOnly, calculated
        case calculationFormula, hidden, pattern, minLength, maxLength, minimum, maximum, format, numberDisplayHint
        case referencedObjectType, options, optionSource, location, optionsLocation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            label: try container.decode(String.self, forKey: .label),
            description: try container.decodeIfPresent(String.self, forKey: .description),
            type: try container.decode(PropertyType.self, forKey: .type),
            fieldType: try container.decode(FieldType.self, forKey: .fieldType),
            groupName: try container.decodeIfPresent(String.self, forKey: .groupName),
            displayOrder: try container.decodeIfPresent(Int.self, forKey: .displayOrder),
            required: try container.decode(Bool.self, forKey: .required),
            unique: try container.decode(Bool.self, forKey: .unique),
            readOnly: try container.decode(Bool.self, forKey: .readOnly),
            calculated: try container.decode(Bool.self, forKey: .calculated),
            calculationFormula: try container.decodeIfPresent(String.self, forKey: .calculationFormula),
            hidden: try container.decode(Bool.self, forKey: .hidden),
            pattern: try container.decodeIfPresent(String.self, forKey: .pattern),
            minLength: try container.decodeIfPresent(Int.self, forKey: .minLength),
            maxLength: try container.decodeIfPresent(Int.self, forKey: .maxLength),
            minimum: try container.decodeIfPresent(CRMNumber.self, forKey: .minimum),
            maximum: try container.decodeIfPresent(CRMNumber.self, forKey: .maximum),
            format: try container.decodeIfPresent(PropertyFormat.self, forKey: .format),
            numberDisplayHint: try container.decodeIfPresent(NumberDisplayHint.self, forKey: .numberDisplayHint),
            referencedObjectType: try container.decodeIfPresent(String.self, forKey: .referencedObjectType),
            options: try container.decode([PropertyOption].self, forKey: .options),
            optionSource: try container.decode(OptionSource.self, forKey: .optionSource),
            location: try container.decodeIfPresent(SourceLocation.self, forKey: .location),
            optionsLocation: try container.decodeIfPresent(SourceLocation.self, forKey: .optionsLocation)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(type, forKey: .type)
        try container.encode(fieldType, forKey: .fieldType)
        try container.encodeIfPresent(groupName, forKey: .groupName)
        try container.encodeIfPresent(displayOrder, forKey: .displayOrder)
        try container.encode(required, forKey: .required)
        try container.encode(unique, forKey: .unique)
        try container.encode(readOnly, forKey: .readOnly)
        try container.encode(calculated, forKey: .calculated)
        try container.encodeIfPresent(calculationFormula, forKey: .calculationFormula)
        try container.encode(hidden, forKey: .hidden)
        try container.encodeIfPresent(pattern, forKey: .pattern)
        try container.encodeIfPresent(minLength, forKey: .minLength)
        try container.encodeIfPresent(maxLength, forKey: .maxLength)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        try container.encodeIfPresent(format, forKey: .format)
        try container.encodeIfPresent(numberDisplayHint, forKey: .numberDisplayHint)
        try container.encodeIfPresent(referencedObjectType, forKey: .referencedObjectType)
        try container.encode(options, forKey: .options)
        try container.encode(optionSource, forKey: .optionSource)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encodeIfPresent(optionsLocation, forKey: .optionsLocation)
    }

    /// The `referencedObjectType` that marks a property holding a HubSpot owner ID.
    public static let ownerReference = "OWNER"

    /// Whether the property holds a HubSpot owner ID.
    public var isOwner: Bool { referencedObjectType == Self.ownerReference }

    /// Whether several options may be chosen at once (`;`-separated in record JSON).
    public var isMultiSelect: Bool { type == .enumeration && fieldType == .checkbox }
}
