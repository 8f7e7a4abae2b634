/// `enum RoastLevel: CRMEnumeration` with a case per option and `unknown(String)` for the rest.
enum EnumerationRenderer {
    static func write(_ enumeration: EnumerationDeclaration, access: String, into writer: inout CodeWriter) {
        writer.documentation(enumeration.isPortalDefined
            ? "Known options of `\(enumeration.propertyName)` (\(enumeration.propertyLabel)); each portal defines its own, so any value is valid."
            : "Options of `\(enumeration.propertyName)` (\(enumeration.propertyLabel)).")
        writer.block("\(access)nonisolated enum \(enumeration.typeName): CRMEnumeration") { writer in
            for option in enumeration.cases {
                writer.documentation(option.label)
                writer.line("case \(option.name)")
            }
            writer.line(enumeration.isPortalDefined
                ? "/// A value of the portal's own that the definitions do not list: kept as received; `validate()` accepts it."
                : "/// A value the definitions do not list: kept as received, and reported by `validate()`.")
            writer.line("case unknown(String)")
            writer.line()
            writer.line("\(access)static let knownValues: [\(enumeration.typeName)] = [\(enumeration.cases.map { "." + $0.name }.joined(separator: ", "))]")
            writer.line()
            writer.block("\(access)init(rawValue: String)") { writer in
                writer.switchBlock("rawValue", cases: enumeration.cases.map { "case \(SwiftSyntax.stringLiteral($0.value)): self = .\($0.name)" }
                                   + ["default: self = .unknown(rawValue)"])
            }
            writer.line()
            writer.block("\(access)var rawValue: String") { writer in
                writer.switchBlock("self", cases: enumeration.cases.map { "case .\($0.name): \(SwiftSyntax.stringLiteral($0.value))" }
                                   + ["case .unknown(let value): value"])
            }
            writer.line()
            writer.block("\(access)var isKnown: Bool") { writer in
                writer.line("if case .unknown = self { return false }")
                writer.line("return true")
            }
        }
    }
}
