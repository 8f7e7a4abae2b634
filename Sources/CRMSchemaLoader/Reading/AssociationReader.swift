import CRMModel

/// Reads one entry of an object's `associations:` list.
struct AssociationReader {
    let log: DiagnosticLog
    let document: YAMLDocument
    let file: String
    /// The declaring object.
    let owner: String
    /// The scalar of the declaring object's name, which messages quote.
    let ownerNode: Int32

    static let keys = AllowedKeys([
        .to, .cardinality, .associationTypeId, .inverseAssociationTypeId, .required, .inverseRequired, .labels,
    ])
    static let labelKeys = AllowedKeys([.name, .label, .inverseLabel, .associationTypeId, .inverseAssociationTypeId])

    func read(_ node: Int32) -> AssociationDefinition? {
        // The target's scalar, when `to:` is a string (messages name the association by it).
        let target = document.entry(.to, in: node).map { document.entries[$0].value }.flatMap { document.stringValue($0) == nil ? nil : $0 }
        let context = MappingContext.association(owner: ownerNode, target: target ?? -1)
        guard let reader = MappingReader(document, node, context: context, allowedKeys: Self.keys, log: log),
              let to = reader.string(.to, required: true)
        else { return nil }
        var schema = AssociationSchema(
            from: owner, to: to.value,
            cardinality: reader.choice(.cardinality, as: Cardinality.self)?.value ?? .manyToMany,
            associationTypeId: reader.int(.associationTypeId, atLeast: 1)?.value,
            inverseAssociationTypeId: reader.int(.inverseAssociationTypeId, atLeast: 1)?.value,
            required: reader.bool(.required) ?? false,
            inverseRequired: reader.bool(.inverseRequired) ?? false,
            location: to.location
        )
        if let labels = reader.list(.labels, { readLabel($0, context: context) }) {
            var seen: [String: SourceLocation] = [:]
            for (label, location) in labels {
                if let first = seen[label.name] {
                    log.error("label '\(label.name)' appears twice in \(context.description(in: document))", at: location,
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

    private func readLabel(_ node: Int32, context: MappingContext) -> (AssociationLabel, SourceLocation)? {
        guard let reader = MappingReader(document, node, context: .associationLabel(owner: ownerNode, target: context.target),
                                         allowedKeys: Self.labelKeys, log: log),
              let name = reader.string(.name, required: true)
        else { return nil }
        if !Naming.isSnakeCase(name.value) {
            log.error("association label name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        let label = reader.stringValue(.label, required: true)
        let result = AssociationLabel(
            name: name.value, label: label ?? name.value, inverseLabel: reader.stringValue(.inverseLabel),
            associationTypeId: reader.int(.associationTypeId, atLeast: 1)?.value,
            inverseAssociationTypeId: reader.int(.inverseAssociationTypeId, atLeast: 1)?.value
        )
        return (result, name.location)
    }

    /// One type ID names one kind of association: the default and each label need their own, per direction.
    private func checkTypeIdsAreDistinct(_ schema: AssociationSchema, context: MappingContext, at location: SourceLocation) {
        // Most associations give no type ID: then there is nothing to compare, nor names to word.
        guard SchemaResolver.hasTypeIds(schema) else { return }
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
                    log.error("\(key) \(id) is used by both \(first) and \(user) in \(context.description(in: document))", at: location)
                }
                seen[id] = user
            }
        }
    }
}
