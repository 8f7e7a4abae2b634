import CRMModel

/// `--format markdown`: a page for documentation.
enum MarkdownDescription {
    static func renderList(_ objects: [ObjectSchema], in schema: Schema) -> String {
        var lines = ["| Object | objectTypeId | Label | Kind | Category | Properties | Associations |", "|---|---|---|---|---|---:|---:|"]
        for object in objects {
            lines.append("| `\(object.name)` | \(object.objectTypeId.map { "`\($0)`" } ?? "–") | \(escape(object.labels.plural)) | \(object.kind.rawValue) | \(object.category.rawValue) | \(object.properties.count) | \(schema.associations(of: object.name).count) |")
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ object: ObjectSchema, in schema: Schema) -> String {
        var lines = ["## \(escape(object.labels.singular)) (`\(object.name)`)", ""]
        if let description = object.description { lines += [escape(description), ""] }
        lines.append("- objectTypeId: \(object.objectTypeId.map { "`\($0)`" } ?? "none published")")
        lines.append("- Swift type: `\(object.swiftName)`; \(Describing.kindAndCategory(object))")
        lines.append("- Primary display property: \(object.primaryDisplayProperty.map { "`\($0)`" } ?? "–")")
        if !object.owners.isEmpty { lines.append("- Owners: " + object.owners.map { "`\($0)`" }.joined(separator: ", ")) }
        if !object.dedupKeys.isEmpty { lines.append("- Dedup keys: " + object.dedupKeys.map { "`\($0)`" }.joined(separator: ", ")) }
        if let requires = Describing.requirements(object.requirements) { lines.append("- Requires: \(requires)") }
        lines += ["", "### Properties", "", "| Name | Type | Label | Constraints |", "|---|---|---|---|"]
        for property in object.properties {
            lines.append("| `\(property.name)` | \(property.type.rawValue) / \(property.fieldType.rawValue) | \(escape(property.label)) | \(escape(Describing.constraints(of: property))) |")
        }
        lines += ["", "### Associations", "", "| To | Cardinality | Type ID (inverse) | Labels and rules |", "|---|---|---|---|"]
        for association in schema.associations(of: object.name).sorted(by: { $0.to < $1.to }) {
            lines.append("| `\(association.to)` | \(association.cardinality.rawValue) | \(Describing.typeIds(association.associationTypeId, association.inverseAssociationTypeId)) | \(escape(Describing.associationNotes(association))) |")
        }
        return lines.joined(separator: "\n")
    }

    /// `text` for a heading or a table cell, shown as written: line breaks, other controls and
    /// bidirectional marks as `\u{…}` (as diagnostics show them), and a backslash before every
    /// character Markdown could read as syntax (emphasis, code, links, HTML, the table's `|`).
    private static func escape(_ text: String) -> String {
        var result = ""
        for character in Diagnostic.escaped(text) {
            if Self.syntax.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private static let syntax: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "!", "~", "|", "&"]
}
