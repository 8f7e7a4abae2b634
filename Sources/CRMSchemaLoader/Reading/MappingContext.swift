/// How messages name the mapping being read ("property 'roast_date'"): what the mapping is, and
/// where in the document the names it quotes are written. A plain value, turned into text only when
/// a message needs it, since almost every mapping is fine.
struct MappingContext: Sendable {
    enum Kind: UInt8, Sendable {
        case definition, configuration, object, labels, propertyGroup, requirements, property, option, association, associationLabel
    }

    let kind: Kind
    /// What names the mapping: the object's name (its `object:` scalar) for objects and their parts,
    /// and the property's name (its key, an entry) for properties and options.
    let name: Int32
    /// The association's target (its `to:` scalar); -1 when it has none that is a string.
    let target: Int32

    private init(_ kind: Kind, name: Int32 = -1, target: Int32 = -1) {
        self.kind = kind
        self.name = name
        self.target = target
    }

    static let definition = MappingContext(.definition)
    static let configuration = MappingContext(.configuration)
    /// - Parameter name: the scalar of the object's name.
    static func object(_ name: Int32) -> MappingContext { MappingContext(.object, name: name) }
    static func labels(object: Int32) -> MappingContext { MappingContext(.labels, name: object) }
    static func propertyGroup(object: Int32) -> MappingContext { MappingContext(.propertyGroup, name: object) }
    static func requirements(object: Int32) -> MappingContext { MappingContext(.requirements, name: object) }
    /// - Parameter entry: the property's entry (its key is the name).
    static func property(entry: Int32) -> MappingContext { MappingContext(.property, name: entry) }
    static func option(propertyEntry: Int32) -> MappingContext { MappingContext(.option, name: propertyEntry) }
    /// - Parameter target: the scalar of `to:`, or -1.
    static func association(owner: Int32, target: Int32) -> MappingContext { MappingContext(.association, name: owner, target: target) }
    static func associationLabel(owner: Int32, target: Int32) -> MappingContext { MappingContext(.associationLabel, name: owner, target: target) }

    /// The context as messages write it: "property 'roast_date'".
    func description(in document: YAMLDocument) -> String {
        let object = { document.stringValue(name) ?? "" }
        let property = { document.keyText(Int(name)) }
        switch kind {
        case .definition: return "the definition"
        case .configuration: return "crmgen-config.yaml"
        case .object: return "object '\(object())'"
        case .labels: return "the labels of '\(object())'"
        case .propertyGroup: return "a property group of '\(object())'"
        case .requirements: return "the requirements of '\(object())'"
        case .property: return "property '\(property())'"
        case .option: return "an option of property '\(property())'"
        case .association:
            guard target >= 0, let target = document.stringValue(target) else { return "an association of '\(object())'" }
            return "the association of '\(object())' to '\(target)'"
        case .associationLabel:
            return "a label of \(MappingContext.association(owner: name, target: target).description(in: document))"
        }
    }
}
