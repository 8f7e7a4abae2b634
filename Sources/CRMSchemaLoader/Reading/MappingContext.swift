/// How messages name the mapping being read ("property 'roast_date'"). Kept as parts and
/// turned into text only when a message needs it, since almost every mapping is fine.
enum MappingContext: CustomStringConvertible {
    case definition
    case configuration
    case object(String)
    case labels(object: String)
    case propertyGroup(object: String)
    case requirements(object: String)
    case property(String)
    case option(property: String)
    case association(owner: String, target: String?)
    case associationLabel(owner: String, target: String?)

    var description: String {
        switch self {
        case .definition: "the definition"
        case .configuration: "crmgen-config.yaml"
        case .object(let name): "object '\(name)'"
        case .labels(let object): "the labels of '\(object)'"
        case .propertyGroup(let object): "a property group of '\(object)'"
        case .requirements(let object): "the requirements of '\(object)'"
        case .property(let name): "property '\(name)'"
        case .option(let property): "an option of property '\(property)'"
        case .association(let owner, let target?): "the association of '\(owner)' to '\(target)'"
        case .association(let owner, nil): "an association of '\(owner)'"
        case .associationLabel(let owner, let target):
            "a label of \(MappingContext.association(owner: owner, target: target))"
        }
    }

    /// The association's target, for contexts inside an association.
    var target: String? {
        switch self {
        case .association(_, let target), .associationLabel(_, let target): target
        default: nil
        }
    }
}
