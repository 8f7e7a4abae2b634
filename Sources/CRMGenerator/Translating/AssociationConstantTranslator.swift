import CRMModel

/// Names the associations of one object, read from its side, as constants of its `Association`
/// enum: the unlabeled association to `contacts` is `contacts`, a label `cupper` is `cupper`; a
/// label name used towards several objects takes the target's Swift name too (`primaryCompany`).
enum AssociationConstantTranslator {
    static func constants(of object: ObjectSchema, in schema: Schema, sourcePaths: SourcePaths) -> [AssociationConstant] {
        var directed: [AssociationSchema] = []
        for association in schema.associations where !association.isImplicit {
            if association.from == object.name { directed.append(association) }
            if association.to == object.name, association.from != object.name { directed.append(association.inverted) }
        }
        directed.sort { $0.to < $1.to }
        var names = NameScope(taken: ["init", "self", "Type", "allCases"])
        var result: [AssociationConstant] = []
        for association in directed {
            let target = schema.object(named: association.to)
            let declaredAt = sourcePaths.cite(association.location)
            let typeId = association.associationTypeId.map { ", type ID \($0)" } ?? ""
            result.append(AssociationConstant(
                name: SwiftSyntax.identifier(names.claim(SwiftSyntax.camelCase(association.to), suffix: "Association")),
                from: object.name, to: association.to, label: nil, typeId: association.associationTypeId,
                summary: "\(object.name) → \(association.to), unlabeled\(typeId) — \(declaredAt)"))
            for label in association.labels {
                let labelTypeId = label.associationTypeId.map { ", type ID \($0)" } ?? ""
                let suffix = target.map(\.swiftName) ?? SwiftSyntax.upperCamelCase(association.to)
                result.append(AssociationConstant(
                    name: SwiftSyntax.identifier(names.claim(SwiftSyntax.camelCase(label.name), suffix: suffix)),
                    from: object.name, to: association.to, label: label.name, typeId: label.associationTypeId,
                    summary: "\(label.label) — \(object.name) → \(association.to), label `\(label.name)`\(labelTypeId) — \(declaredAt)"))
            }
        }
        return result
    }
}
