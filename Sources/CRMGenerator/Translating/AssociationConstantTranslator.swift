import CRMModel

/// Names the associations of one object, read from its side, as constants of its `Association`
/// enum: the unlabeled association to `contacts` is `contacts`, a label `cupper` is `cupper`; a
/// label name used towards several objects takes the target's Swift name too (`primaryCompany`).
struct AssociationConstantTranslator {
    /// Each object's associations read from its side, in the schema's order (declared ones as they
    /// are, ones the other object declares inverted; implicit ones left out).
    private var directed: [String: [AssociationSchema]] = [:]
    /// Each object's Swift type name, by API name.
    private var swiftNames: [String: String] = [:]
    let sourcePaths: SourcePaths

    /// Sorts the schema's associations by object once, so that each object's constants cost only
    /// its own associations, not a pass over all of them.
    init(schema: Schema, sourcePaths: SourcePaths) {
        self.sourcePaths = sourcePaths
        for association in schema.associations where !association.isImplicit {
            directed[association.from, default: []].append(association)
            if association.to != association.from { directed[association.to, default: []].append(association.inverted) }
        }
        for object in schema.objects where swiftNames[object.name] == nil { swiftNames[object.name] = object.swiftName }
    }

    func constants(of object: ObjectSchema) -> [AssociationConstant] {
        let directed = (self.directed[object.name] ?? []).sorted { $0.to < $1.to }
        var names = NameScope(taken: ["init", "self", "Type", "allCases"])
        var result: [AssociationConstant] = []
        for association in directed {
            let declaredAt = sourcePaths.cite(association.location)
            let typeId = association.associationTypeId.map { ", type ID \($0)" } ?? ""
            result.append(AssociationConstant(
                name: SwiftSyntax.identifier(names.claim(SwiftSyntax.camelCase(association.to), suffix: "Association")),
                from: object.name, to: association.to, label: nil, typeId: association.associationTypeId,
                summary: "\(object.name) → \(association.to), unlabeled\(typeId) — \(declaredAt)"))
            for label in association.labels {
                let labelTypeId = label.associationTypeId.map { ", type ID \($0)" } ?? ""
                let suffix = swiftNames[association.to] ?? SwiftSyntax.upperCamelCase(association.to)
                result.append(AssociationConstant(
                    name: SwiftSyntax.identifier(names.claim(SwiftSyntax.camelCase(label.name), suffix: suffix)),
                    from: object.name, to: association.to, label: label.name, typeId: label.associationTypeId,
                    summary: "\(label.label) — \(object.name) → \(association.to), label `\(label.name)`\(labelTypeId) — \(declaredAt)"))
            }
        }
        return result
    }
}
