import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// Objects with nothing of their own: a standard object that replaces the built-in one with a
/// file that lists no properties is valid, so its generated type must compile and work too.
@Suite("Generated code for an object without properties")
struct EmptyObjectTests {
    @Test("a standard object without properties compiles, conforms to CRMRecord and reads a record")
    func standardObjectWithoutProperties() async throws {
        let sources = [DefinitionSource(path: "Definitions/standard/contacts.yaml", text: """
            object: contacts
            kind: standard
            category: core
            labels: { singular: Contact, plural: Contacts }
            """)]
        let loaded = SchemaLoader().load(sources)
        let schema = try #require(loaded.schema, "\(loaded.diagnostics)")
        #expect(schema.object(named: "contacts")?.properties.isEmpty == true)
        let files = SwiftGenerator(options: GeneratorOptions(accessModifier: .public, definitionFiles: sources.map(\.path))).generate(schema)
        let main = """
            import Foundation

            func describe<Record: CRMRecord>(_: Record.Type) -> String { "\\(Record.Property.allCases.count) \\(Set(Record.Property.allCases).count)" }
            let contact = try Contact(json: Data(#"{"id": "7", "properties": {"email": "a@example.com"}}"#.utf8))
            print(describe(Contact.self), contact.id ?? "none", contact.validate().count, Contact.Property(rawValue: "email") == nil)
            """
        let output = try await GeneratedCodeProbe.run(files, main: "@_spi(Generated) import CRMRuntime\n" + main)
        #expect(output == "0 0 7 0 true\n", "\(output)")
    }
}
