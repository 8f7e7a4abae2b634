/// `enum RoastLevel: CRMEnumeration` with a case per option and `unknown(String)` for the rest.
enum EnumerationRenderer {
    static func write(_ enumeration: EnumerationDeclaration, access: String, into writer: inout CodeWriter) {
        writer.documentation(pieces: enumeration.isPortalDefined
            ? ["Known options of `", enumeration.propertyName, "` (", enumeration.propertyLabel,
               "); each portal defines its own, so any value is valid."]
            : ["Options of `", enumeration.propertyName, "` (", enumeration.propertyLabel, ")."])
        writer.write(access)
        writer.write("nonisolated enum ")
        writer.write(enumeration.typeName)
        writer.write(": CRMEnumeration")
        writer.openBlock()
        do {
            for option in enumeration.cases {
                writer.documentation(option.label)
                writer.write("case ")
                writer.write(option.name)
                writer.endLine()
            }
            writer.line(enumeration.isPortalDefined
                ? "/// A value of the portal's own that the definitions do not list: kept as received; `validate()` accepts it."
                : "/// A value the definitions do not list: kept as received, and reported by `validate()`.")
            writer.line("case unknown(String)")
            writer.line()
            writer.write(access)
            writer.write("static let knownValues: [")
            writer.write(enumeration.typeName)
            writer.write("] = [")
            for (index, option) in enumeration.cases.enumerated() {
                writer.write(index == 0 ? "." : ", .")
                writer.write(option.name)
            }
            writer.write("]")
            writer.endLine()
            writer.line()
            writer.write(access)
            writer.write("init(rawValue: String)")
            writer.openBlock()
            do {
                writer.line("switch rawValue {")
                for option in enumeration.cases {
                    writer.write("case ")
                    writer.writeLiteral(option.value)
                    writer.write(": self = .")
                    writer.write(option.name)
                    writer.endLine()
                }
                writer.line("default: self = .unknown(rawValue)")
                writer.line("}")
            }
            writer.close()
            writer.line()
            writer.write(access)
            writer.write("var rawValue: String")
            writer.openBlock()
            do {
                writer.line("switch self {")
                for option in enumeration.cases {
                    writer.line("case .", option.name, ": ", literal: option.value)
                }
                writer.line("case .unknown(let value): value")
                writer.line("}")
            }
            writer.close()
            writer.line()
            writer.write(access)
            writer.write("var isKnown: Bool")
            writer.openBlock()
            do {
                writer.line("if case .unknown = self { return false }")
                writer.line("return true")
            }
            writer.close()
        }
        writer.close()
    }
}
