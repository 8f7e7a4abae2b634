import CRMModel

/// Reads one entry of an object's `associations:` list.
struct AssociationReader {
    let log: DiagnosticLog
    let file: String
    /// The declaring object.
    let owner: String

    static let keys = [
        "to", "cardinality", "associationTypeId", "inverseAssociationTypeId", "required", "inverseRequired", "labels",
    ]
    static let labelKeys = ["name", "label", "inverseLabel", "associationTypeId", "inverseAssociationTypeId"]

    func read(_ node: YAMLNode) -> AssociationDefinition? {
        let target = node.mapping?.entry("to")?.value.scalar?.stringValue
        let context = MappingContext.association(owner: owner, target: target)
        guard let reader = MappingReader(node, in: file, context: context, allowedKeys: Self.keys, log: log),
              let to = reader.string("to", required: true)
        else { return nil }
        var schema = AssociationSchema(
            from: owner, to: to.value,
            cardinality: reader.choice("cardinality", as: Cardinality.self)?.value ?? .manyToMany,
            associationTypeId: reader.int("associationTypeId", atLeast: 1)?.value,
            inverseAssociationTypeId: reader.int("inverseAssociationTypeId", atLeast: 1)?.value,
            required: reader.bool("required") ?? false,
            inverseRequired: reader.bool("inverseRequired") ?? false,
            location: to.location
        )
        if let labels = reader.list("labels", { readLabel($0, context: context) }) {
            var seen: [String: SourceLocation] = [:]
            for (label, location) in labels {
                if let first = seen[label.name] {
                    log.error("label '\(label.name)' appears twice in \(context)", at: location,
                              notes: [.note("first used here", at: first)])
                    continue
                }
                seen[label.name] = location
                schema.labels.append(label)
            }
        }
        checkTypeIdsAreDistinct(schema, context: context, at: to.location)
        return AssociationDefinition(target: to, schema: schema)
    }

    private func readLabel(_ node: YAMLNode, context: MappingContext) -> (AssociationLabel, SourceLocation)? {
        guard let reader = MappingReader(node, in: file, context: .associationLabel(owner: owner, target: context.target), allowedKeys: Self.labelKeys, log: log),
              let name = reader.string("name", required: true)
        else { return nil }
        if !Naming.isSnakeCase(name.value) {
            log.error("association label name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        let label = reader.string("label", required: true)
        let result = AssociationLabel(
            name: name.value, label: label?.value ?? name.value, inverseLabel: reader.string("inverseLabel")?.value,
            associationTypeId: reader.int("associationTypeId", atLeast: 1)?.value,
            inverseAssociationTypeId: reader.int("inverseAssociationTypeId", atLeast: 1)?.value
        )
        return (result, name.location)
    }

    /// One type ID names one kind of association: the default and each label need their own, per direction.
    private func checkTypeIdsAreDistinct(_ schema: AssociationSchema, context: MappingContext, at location: SourceLocation) {
        let directions: [(String, [(String, Int?)])] = [
            ("associationTypeId", [("the unlabeled association", schema.associationTypeId)]
                + schema.labels.map { ("label '\($0.name)'", $0.associationTypeId) }),
            ("inverseAssociationTypeId", [("the unlabeled association", schema.inverseAssociationTypeId)]
                + schema.labels.map { ("label '\($0.name)'", $0.inverseAssociationTypeId) }),
        ]
        for (key, uses) in directions {
            var seen: [Int: String] = [:]
            for case let (user, id?) in uses {
                if let first = seen[id] {
                    log.error("\(key) \(id) is used by both \(first) and \(user) in \(context)", at: location)
                }
                seen[id] = user
            }
        }
    }
}
