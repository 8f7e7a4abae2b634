/// Whether an object is part of HubSpot's standard data model or a portal's own.
public enum ObjectKind: String, CaseIterable, Hashable, Sendable, Codable {
    case standard, custom
}

/// Groups of objects as HubSpot's data model shows them.
public enum ObjectCategory: String, CaseIterable, Hashable, Sendable, Codable {
    case core, marketing, sales, service, commerce, activities, special, custom
}

/// The HubSpot subscription tier an object needs.
public enum SubscriptionTier: String, CaseIterable, Hashable, Sendable, Codable {
    case starter, professional, enterprise
}

/// Who must switch an object on before the API serves it.
public enum Activation: String, CaseIterable, Hashable, Sendable, Codable {
    case superAdmin = "super_admin"
}

/// What a portal needs before an object can be used.
public struct ObjectRequirements: Hashable, Sendable, Codable {
    public var tier: SubscriptionTier?
    public var activation: Activation?

    public init(tier: SubscriptionTier? = nil, activation: Activation? = nil) {
        self.tier = tier
        self.activation = activation
    }

    public var isEmpty: Bool { tier == nil && activation == nil }
}

/// Singular and plural display names.
public struct ObjectLabels: Hashable, Sendable, Codable {
    public var singular: String
    public var plural: String

    public init(singular: String, plural: String) {
        self.singular = singular
        self.plural = plural
    }
}

/// A group of properties as HubSpot's UI shows them (`coffee_preferences`, "Coffee preferences").
public struct PropertyGroup: Hashable, Sendable, Codable {
    /// Internal name, lowercase snake_case.
    public var name: String
    public var label: String
    public var displayOrder: Int?

    public init(name: String, label: String, displayOrder: Int? = nil) {
        self.name = name
        self.label = label
        self.displayOrder = displayOrder
    }
}

/// A CRM object after loading: its own definition merged with every extension of it.
public struct ObjectSchema: Hashable, Sendable, Codable {
    /// API name (`contacts`, `roast_batch`).
    public var name: String
    public var kind: ObjectKind
    /// `0-1` for contacts, `2-…` for custom objects; `nil` when not (yet) known.
    public var objectTypeId: String?
    /// A custom object's `p{portalId}_{name}` in the portal it was imported from.
    public var fullyQualifiedName: String?
    public var labels: ObjectLabels
    /// Name of the generated Swift type (`Contact`, `RoastBatch`).
    public var swiftName: String
    public var description: String?
    public var category: ObjectCategory
    public var requirements: ObjectRequirements
    public var primaryDisplayProperty: String?
    public var secondaryDisplayProperties: [String]
    public var searchableProperties: [String]
    /// Owner properties that grant record access.
    public var owners: [String]
    /// Properties that identify duplicates; `hs_object_id` is the record ID.
    public var dedupKeys: [String]
    /// In definition order; extension properties follow the object's own.
    public var properties: [PropertySchema]
    /// Property groups the definitions create (HubSpot's own groups are not listed).
    public var propertyGroups: [PropertyGroup] = []
    /// Where the object is defined.
    public var location: SourceLocation?
    /// Where extensions of the object are defined, in load order.
    public var extensionLocations: [SourceLocation]

    public init(
        name: String, kind: ObjectKind, objectTypeId: String? = nil, fullyQualifiedName: String? = nil, labels: ObjectLabels,
        swiftName: String, description: String? = nil, category: ObjectCategory,
        requirements: ObjectRequirements = ObjectRequirements(), primaryDisplayProperty: String? = nil,
        secondaryDisplayProperties: [String] = [], searchableProperties: [String] = [],
        owners: [String] = [], dedupKeys: [String] = [], properties: [PropertySchema] = [],
        propertyGroups: [PropertyGroup] = [], location: SourceLocation? = nil, extensionLocations: [SourceLocation] = []
    ) {
        self.name = name
        self.kind = kind
        self.objectTypeId = objectTypeId
        self.fullyQualifiedName = fullyQualifiedName
        self.labels = labels
        self.swiftName = swiftName
        self.description = description
        self.category = category
        self.requirements = requirements
        self.primaryDisplayProperty = primaryDisplayProperty
        self.secondaryDisplayProperties = secondaryDisplayProperties
        self.searchableProperties = searchableProperties
        self.owners = owners
        self.dedupKeys = dedupKeys
        self.properties = properties
        self.propertyGroups = propertyGroups
        self.location = location
        self.extensionLocations = extensionLocations
    }

    /// The property with this internal name.
    public func property(named name: String) -> PropertySchema? {
        properties.first { $0.name == name }
    }

    /// Properties a record must have a value for.
    public var requiredProperties: [PropertySchema] { properties.filter(\.required) }
}
