import CRMModel

/// `--format text`: what a person reads in a terminal.
enum TextDescription {
    /// One line per object.
    static func renderList(_ objects: [ObjectSchema], in schema: Schema) -> String {
        let rows = objects.map { object in
            [object.name, object.objectTypeId ?? "-", object.labels.plural, object.kind.rawValue, object.category.rawValue,
             counted(object.properties.count, "property", "properties"), counted(schema.associations(of: object.name).count, "association")]
        }
        return table(header: ["OBJECT", "TYPE ID", "LABEL", "KIND", "CATEGORY", "PROPERTIES", "ASSOCIATIONS"], rows: rows)
    }

    static func render(_ object: ObjectSchema, in schema: Schema) -> String {
        var lines: [String] = []
        lines.append("\(object.name) (\(object.objectTypeId ?? "no objectTypeId")) — \(object.labels.singular) / \(object.labels.plural)")
        if let description = object.description { lines.append("  \(description)") }
        lines.append("")
        var facts: [(String, String)] = [
            ("Kind", Describing.kindAndCategory(object)),
            ("Swift type", object.swiftName),
            ("Primary display", object.primaryDisplayProperty ?? "-"),
        ]
        if !object.secondaryDisplayProperties.isEmpty { facts.append(("Secondary display", object.secondaryDisplayProperties.joined(separator: ", "))) }
        if !object.searchableProperties.isEmpty { facts.append(("Searchable", object.searchableProperties.joined(separator: ", "))) }
        facts.append(("Owners", object.owners.isEmpty ? "-" : object.owners.joined(separator: ", ")))
        facts.append(("Dedup keys", object.dedupKeys.isEmpty ? "-" : object.dedupKeys.joined(separator: ", ")))
        if let requires = Describing.requirements(object.requirements) { facts.append(("Requires", requires)) }
        if let source = object.location { facts.append(("Defined in", source.description)) }
        for location in object.extensionLocations { facts.append(("Extended in", location.description)) }
        let width = facts.map(\.0.count).max() ?? 0
        lines += facts.map { "  " + ($0.0 + ":").padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }

        lines.append("")
        lines.append("Properties (\(object.properties.count)):")
        let propertyRows = object.properties.map { property in
            [property.name, "\(property.type.rawValue)/\(property.fieldType.rawValue)", property.label, Describing.constraints(of: property)]
        }
        lines.append(table(header: ["NAME", "TYPE", "LABEL", "CONSTRAINTS"], rows: propertyRows, indent: "  "))

        let associations = schema.associations(of: object.name).sorted { $0.to < $1.to }
        lines.append("")
        lines.append("Associations (\(associations.count)):")
        let associationRows = associations.map { association in
            [association.to, association.cardinality.rawValue,
             Describing.typeIds(association.associationTypeId, association.inverseAssociationTypeId),
             Describing.associationNotes(association)]
        }
        lines.append(table(header: ["TO", "CARDINALITY", "TYPE ID (INVERSE)", "LABELS AND RULES"], rows: associationRows, indent: "  "))
        return lines.joined(separator: "\n")
    }

    /// Columns padded to their widest cell; the last column is not padded.
    static func table(header: [String], rows: [[String]], indent: String = "") -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            indent + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
    }
}

/// Phrases shared by the text and Markdown descriptions.
enum Describing {
    /// "standard, core"; a custom object's category is `custom` too, said once ("custom").
    static func kindAndCategory(_ object: ObjectSchema) -> String {
        object.kind.rawValue == object.category.rawValue ? object.kind.rawValue : "\(object.kind.rawValue), \(object.category.rawValue)"
    }

    static func requirements(_ requirements: ObjectRequirements) -> String? {
        let parts = [requirements.tier.map { "\($0.rawValue) tier" }, requirements.activation.map { _ in "activation by a super admin" }]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    static func constraints(of property: PropertySchema) -> String {
        var parts: [String] = []
        if property.required { parts.append("required") }
        if property.unique { parts.append("unique") }
        if property.readOnly { parts.append("read-only") }
        if property.calculated { parts.append("calculated") }
        if property.hidden { parts.append("hidden") }
        if property.isOwner { parts.append("owner") } else if let reference = property.referencedObjectType { parts.append("→ \(reference)") }
        if let format = property.format { parts.append("format \(format.rawValue)") }
        if let pattern = property.pattern { parts.append("pattern \(pattern)") }
        if let minLength = property.minLength { parts.append("min length \(minLength)") }
        if let maxLength = property.maxLength { parts.append("max length \(maxLength)") }
        if let minimum = property.minimum { parts.append("≥ \(minimum)") }
        if let maximum = property.maximum { parts.append("≤ \(maximum)") }
        if let hint = property.numberDisplayHint { parts.append(hint.rawValue) }
        if !property.options.isEmpty {
            let values = property.options.map(\.value)
            parts.append((property.optionSource == .portal ? "options (the portal's own; known): " : "options: ") + (values.count > 8 ? values.prefix(8).joined(separator: ", ") + ", … (\(values.count))" : values.joined(separator: ", ")))
        }
        if property.options.isEmpty, property.optionSource == .portal { parts.append("options: the portal's own") }
        return parts.joined(separator: "; ")
    }

    static func typeIds(_ id: Int?, _ inverse: Int?) -> String {
        switch (id, inverse) {
        case (nil, nil): "-"
        case let (id?, inverse?): "\(id) (\(inverse))"
        case let (id?, nil): "\(id)"
        case let (nil, inverse?): "- (\(inverse))"
        }
    }

    static func associationNotes(_ association: AssociationSchema) -> String {
        var parts = association.labels.map { label in
            "\(label.label) [\(label.name)] \(typeIds(label.associationTypeId, label.inverseAssociationTypeId))"
        }
        if association.required { parts.append("required") }
        if association.inverseRequired { parts.append("required on the other side") }
        if association.isImplicit { parts.append("automatic for custom objects") }
        return parts.joined(separator: "; ")
    }
}
