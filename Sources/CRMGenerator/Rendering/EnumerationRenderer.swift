import CRMModel

/// `enum RoastLevel: CRMEnumeration` with a case per option and `unknown(String)` for the rest.
enum EnumerationRenderer {
    static func write(_ model: EnumerationModel, property: PropertySchema, access: String, into writer: inout CodeWriter) {
        writer.documentation("Options of `\(property.name)` (\(SwiftSyntax.commentText(property.label))).")
        writer.block("\(access)enum \(model.typeName): CRMEnumeration") { writer in
            for option in model.cases {
                writer.line("/// \(SwiftSyntax.commentText(option.label))")
                writer.line("case \(option.name)")
            }
            writer.line("/// A value the definitions do not list: kept as received, and reported by `validate()`.")
            writer.line("case unknown(String)")
            writer.line()
            writer.line("\(access)static let knownValues: [\(model.typeName)] = [\(model.cases.map { "." + $0.name }.joined(separator: ", "))]")
            writer.line()
            writer.block("\(access)init(rawValue: String)") { writer in
                writer.switchBlock("rawValue", cases: model.cases.map { "case \(SwiftSyntax.stringLiteral($0.value)): self = .\($0.name)" }
                                   + ["default: self = .unknown(rawValue)"])
            }
            writer.line()
            writer.block("\(access)var rawValue: String") { writer in
                writer.switchBlock("self", cases: model.cases.map { "case .\($0.name): \(SwiftSyntax.stringLiteral($0.value))" }
                                   + ["case .unknown(let value): value"])
            }
        }
    }
}
