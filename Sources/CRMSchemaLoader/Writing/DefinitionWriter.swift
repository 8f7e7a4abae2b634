import CRMModel

/// One definition file's content, to be written as YAML: what `crmgen import hubspot` (and
/// `crmgen new`) produce. The fields are the definition format's keys.
public struct DefinitionDocument: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case standard, custom
        case `extension`
    }

    /// Comment lines at the top of the file (without `# `).
    public var header: [String]
    public var object: String
    public var kind: Kind
    public var objectTypeId: String?
    public var fullyQualifiedName: String?
    public var labels: ObjectLabels?
    /// Only when the label gives no usable Swift type name.
    public var swiftName: String?
    public var description: String?
    public var primaryDisplayProperty: String?
    public var secondaryDisplayProperties: [String]
    public var searchableProperties: [String]
    public var propertyGroups: [PropertyGroup]
    /// Their `location`s are ignored.
    public var properties: [PropertySchema]
    /// Associations declared by this object (`from` is ``object``).
    public var associations: [AssociationSchema]
    /// Changes to the options of the object's existing enumerations (extensions only).
    public var refinedOptions: [OptionsRefinement]

    public init(header: [String] = [], object: String, kind: Kind, objectTypeId: String? = nil, fullyQualifiedName: String? = nil,
                labels: ObjectLabels? = nil, swiftName: String? = nil, description: String? = nil, primaryDisplayProperty: String? = nil,
                secondaryDisplayProperties: [String] = [], searchableProperties: [String] = [], propertyGroups: [PropertyGroup] = [],
                properties: [PropertySchema] = [], associations: [AssociationSchema] = [], refinedOptions: [OptionsRefinement] = []) {
        self.header = header
        self.object = object
        self.kind = kind
        self.objectTypeId = objectTypeId
        self.fullyQualifiedName = fullyQualifiedName
        self.labels = labels
        self.swiftName = swiftName
        self.description = description
        self.primaryDisplayProperty = primaryDisplayProperty
        self.secondaryDisplayProperties = secondaryDisplayProperties
        self.searchableProperties = searchableProperties
        self.propertyGroups = propertyGroups
        self.properties = properties
        self.associations = associations
        self.refinedOptions = refinedOptions
    }
}

/// An extension's change to the options of an enumeration its object already has (a portal's own
/// deal stages, say): written under `properties:` with only `optionSource` and `options`.
public struct OptionsRefinement: Hashable, Sendable {
    public var property: String
    public var optionSource: OptionSource?
    public var options: [PropertyOption]?

    public init(property: String, optionSource: OptionSource? = nil, options: [PropertyOption]? = nil) {
        self.property = property
        self.optionSource = optionSource
        self.options = options
    }
}

/// Writes definitions as a person would: keys in the reference's order, short maps and lists in flow
/// style (`{ label: Score, type: number }`), longer ones in block style, and quotes only where YAML
/// needs them. The same document always gives the same bytes.
public enum DefinitionWriter {
    /// A flow map or list is used when its line stays this short.
    static let flowWidth = 110

    public static func yaml(_ document: DefinitionDocument) -> String {
        var lines = document.header.map { $0.isEmpty ? "#" : "# " + $0 }
        lines.append("object: \(YAMLText.scalar(document.object))")
        lines.append("kind: \(document.kind.rawValue)")
        if let id = document.objectTypeId { lines.append("objectTypeId: \(YAMLText.scalar(id))") }
        if let name = document.fullyQualifiedName { lines.append("fullyQualifiedName: \(YAMLText.scalar(name))") }
        if let labels = document.labels {
            lines.append("labels: " + flowMap([("singular", YAMLText.scalar(labels.singular)), ("plural", YAMLText.scalar(labels.plural))]))
        }
        if let swiftName = document.swiftName { lines.append("swiftName: \(swiftName)") }
        if let description = document.description { lines.append("description: \(YAMLText.scalar(description, in: .block))") }
        if let primary = document.primaryDisplayProperty { lines.append("primaryDisplayProperty: \(YAMLText.scalar(primary))") }
        if !document.secondaryDisplayProperties.isEmpty { lines.append("secondaryDisplayProperties: " + flowList(document.secondaryDisplayProperties)) }
        if !document.searchableProperties.isEmpty { lines.append("searchableProperties: " + flowList(document.searchableProperties)) }
        if !document.propertyGroups.isEmpty {
            lines.append("propertyGroups:")
            for group in document.propertyGroups {
                var pairs = [("name", YAMLText.scalar(group.name)), ("label", YAMLText.scalar(group.label))]
                if let order = group.displayOrder { pairs.append(("displayOrder", String(order))) }
                lines.append("  - " + flowMap(pairs))
            }
        }
        if !document.properties.isEmpty || !document.refinedOptions.isEmpty {
            lines.append("properties:")
            for property in document.properties { lines += propertyLines(property) }
            for refinement in document.refinedOptions { lines += refinementLines(refinement) }
        }
        if !document.associations.isEmpty {
            lines.append("associations:")
            for association in document.associations { lines += associationLines(association) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Properties

    /// The property under `properties:`, in flow style when it fits on one line.
    static func propertyLines(_ property: PropertySchema) -> [String] {
        let pairs = propertyPairs(property)
        let key = "  " + YAMLText.scalar(property.name) + ":"
        let options = optionLines(property.options)
        if options.isEmpty {
            let flow = key + " " + flowMap(pairs)
            if flow.count <= flowWidth { return [flow] }
        }
        return [key] + propertyPairs(property, in: .block).map { "    \($0.0): \($0.1)" } + optionsBlock(property.options)
    }

    /// `options:` of a property in block style: a flow list of values when they fit, else one line each.
    static func optionsBlock(_ options: [PropertyOption]) -> [String] {
        let lines = optionLines(options)
        guard !lines.isEmpty else { return [] }
        let inline = lines.allSatisfy { !$0.hasPrefix("{") } ? "    options: " + flowList(options.map(\.value)) : nil
        if let inline, inline.count <= flowWidth { return [inline] }
        return ["    options:"] + lines.map { "      - " + $0 }
    }

    /// An extension's `name:` with only `optionSource` and `options`.
    static func refinementLines(_ refinement: OptionsRefinement) -> [String] {
        var lines = ["  " + YAMLText.scalar(refinement.property) + ":"]
        if let source = refinement.optionSource { lines.append("    optionSource: \(source.rawValue)") }
        if let options = refinement.options {
            lines += options.isEmpty ? ["    options: []"] : optionsBlock(options)
        }
        return lines
    }

    /// Key–value pairs of a property, in the reference's order, defaults left out.
    static func propertyPairs(_ property: PropertySchema, in context: YAMLText.Context = .flow) -> [(String, String)] {
        var pairs: [(String, String)] = [("label", YAMLText.scalar(property.label, in: context))]
        if let description = property.description { pairs.append(("description", YAMLText.scalar(description, in: context))) }
        pairs.append(("type", property.type.rawValue))
        pairs.append(("fieldType", property.fieldType.rawValue))
        if let group = property.groupName { pairs.append(("groupName", YAMLText.scalar(group))) }
        if let order = property.displayOrder { pairs.append(("displayOrder", String(order))) }
        if property.required { pairs.append(("required", "true")) }
        if property.unique { pairs.append(("unique", "true")) }
        if property.readOnly { pairs.append(("readOnly", "true")) }
        // The loader takes a calculation_equation field as calculated; say it only when it differs.
        if property.calculated != (property.fieldType == .calculationEquation) { pairs.append(("calculated", String(property.calculated))) }
        if let formula = property.calculationFormula { pairs.append(("calculationFormula", YAMLText.scalar(formula, in: context))) }
        if property.hidden { pairs.append(("hidden", "true")) }
        if let pattern = property.pattern { pairs.append(("pattern", YAMLText.quoted(pattern))) }
        if let minLength = property.minLength { pairs.append(("minLength", String(minLength))) }
        if let maxLength = property.maxLength { pairs.append(("maxLength", String(maxLength))) }
        if let minimum = property.minimum { pairs.append(("minimum", minimum.text)) }
        if let maximum = property.maximum { pairs.append(("maximum", maximum.text)) }
        if let format = property.format { pairs.append(("format", format.rawValue)) }
        if let hint = property.numberDisplayHint { pairs.append(("numberDisplayHint", hint.rawValue)) }
        if let reference = property.referencedObjectType { pairs.append(("referencedObjectType", YAMLText.scalar(reference))) }
        if property.optionSource != .definitions { pairs.append(("optionSource", property.optionSource.rawValue)) }
        return pairs
    }

    /// One line per option: the plain value when its label is the value and nothing else is set,
    /// else a flow map.
    static func optionLines(_ options: [PropertyOption]) -> [String] {
        options.map { option in
            if option.label == option.value, option.description == nil, option.displayOrder == nil, !option.hidden {
                return YAMLText.scalar(option.value)
            }
            var pairs = [("value", YAMLText.scalar(option.value)), ("label", YAMLText.scalar(option.label))]
            if let description = option.description { pairs.append(("description", YAMLText.scalar(description))) }
            if let order = option.displayOrder { pairs.append(("displayOrder", String(order))) }
            if option.hidden { pairs.append(("hidden", "true")) }
            return flowMap(pairs)
        }
    }

    // MARK: Associations

    static func associationLines(_ association: AssociationSchema) -> [String] {
        var pairs = [("to", YAMLText.scalar(association.to))]
        if association.cardinality != .manyToMany { pairs.append(("cardinality", association.cardinality.rawValue)) }
        if let id = association.associationTypeId { pairs.append(("associationTypeId", String(id))) }
        if let id = association.inverseAssociationTypeId { pairs.append(("inverseAssociationTypeId", String(id))) }
        if association.required { pairs.append(("required", "true")) }
        if association.inverseRequired { pairs.append(("inverseRequired", "true")) }
        if association.labels.isEmpty {
            let flow = "  - " + flowMap(pairs)
            if flow.count <= flowWidth { return [flow] }
        }
        var lines = pairs.enumerated().map { index, pair in (index == 0 ? "  - " : "    ") + "\(pair.0): \(pair.1)" }
        if !association.labels.isEmpty {
            lines.append("    labels:")
            for label in association.labels {
                var labelPairs = [("name", YAMLText.scalar(label.name)), ("label", YAMLText.scalar(label.label))]
                if label.inverseLabel != label.label { labelPairs.append(("inverseLabel", YAMLText.scalar(label.inverseLabel))) }
                if let id = label.associationTypeId { labelPairs.append(("associationTypeId", String(id))) }
                if let id = label.inverseAssociationTypeId { labelPairs.append(("inverseAssociationTypeId", String(id))) }
                lines.append("      - " + flowMap(labelPairs))
            }
        }
        return lines
    }

    // MARK: Flow style

    static func flowMap(_ pairs: [(String, String)]) -> String {
        "{ " + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + " }"
    }

    static func flowList(_ items: [String]) -> String {
        "[" + items.map { YAMLText.scalar($0) }.joined(separator: ", ") + "]"
    }
}
