import CRMModel
import Foundation

/// `Registry.swift`: the whole schema (embedded as JSON, read once on first use) and the
/// generated types, by name, label, objectTypeId and Swift type.
struct RegistryRenderer {
    let schema: Schema
    let localTypes: [String]
    let imports: [String]
    let access: String

    /// Types are listed in statements of this many, so no one literal grows large.
    static let chunkSize = 64

    func write(into writer: inout CodeWriter) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(schema), as: UTF8.self)
        writer.line()
        writer.documentation("""
        The CRM data model of this module: every object schema by API name, label, objectTypeId and \
        Swift type, and the association matrix. Built from the embedded schema on first use.

        ```swift
        let batch = Registry.shared.object("Roast Batches")   // name, label, objectTypeId or Swift type
        let allowed = Registry.associations.allows(from: "roast_batch", to: "contacts", label: "roaster")
        ```
        """)
        writer.block("\(access)enum Registry") { writer in
            writer.line("\(access)static let shared = RecordRegistry(schema: RecordRegistry.decodeSchema(schemaJSON), recordTypes: recordTypes)")
            writer.line()
            writer.line("\(access)static var schema: Schema { shared.schema }")
            writer.line()
            writer.line("/// The generated record types of this module\(imports.isEmpty ? "" : " and of \(imports.joined(separator: ", "))").")
            writer.block("\(access)static var recordTypes: [any CRMRecord.Type]") { writer in
                writer.line("var types: [any CRMRecord.Type] = []")
                for module in imports {
                    writer.line("types.append(contentsOf: \(module).Registry.recordTypes)")
                }
                var start = 0
                while start < localTypes.count {
                    let chunk = localTypes[start..<min(localTypes.count, start + Self.chunkSize)]
                    writer.line("types.append(contentsOf: [\(chunk.map { "\($0).self" }.joined(separator: ", "))] as [any CRMRecord.Type])")
                    start += Self.chunkSize
                }
                writer.line("return types")
            }
            writer.line()
            writer.line("/// The schema as crmgen resolved it (`crmgen describe --format json` shows the same data).")
            writer.line("private static let schemaJSON = " + SwiftSyntax.rawMultilineLiteral(json))
        }
    }
}

/// `AssociationMatrix.swift`: O(1) questions about associations, on the registry.
enum AssociationMatrixRenderer {
    static func write(access: String, into writer: inout CodeWriter) {
        writer.line()
        writer.block("extension Registry") { writer in
            writer.documentation("""
            Which objects may associate, under which labels, with which cardinality and HubSpot type IDs; \
            every question is one hash lookup.

            ```swift
            Registry.associations.allows(from: "quotes", to: "deals")          // true
            Registry.associations.typeId(from: "contacts", to: "companies", label: "primary")   // 1
            Registry.associations.cardinality(from: "quotes", to: "deals")     // .manyToOne
            ```
            """)
            writer.line("\(access)static var associations: AssociationMatrix { shared.associations }")
        }
    }
}
