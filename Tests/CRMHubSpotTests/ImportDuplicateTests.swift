import CRMHubSpot
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// What a portal's responses give twice (a property, an option value, an unlabeled association type)
/// is imported once, and the import says what it left out whenever the two differ: nothing is dropped
/// in silence.
@Suite("Import from HubSpot: what is given twice")
struct ImportDuplicateTests {
    static let standard = SchemaLoader().load([]).schema!

    static func properties(_ json: String) throws -> [HubSpotProperty] {
        try HubSpotResponse.items(HubSpotProperty.self, from: Data(json.utf8), what: "properties")
    }

    static func schemas(_ json: String) throws -> [HubSpotObjectSchema] {
        try HubSpotResponse.items(HubSpotObjectSchema.self, from: Data(json.utf8), what: "schemas")
    }

    static func warnings(_ result: HubSpotImport) -> [String] {
        result.diagnostics.filter { $0.severity == .warning }.map(\.message)
    }

    static let grind = #"{"name": "coffee_grind", "label": "Grind", "type": "string", "fieldType": "text", "groupName": "contactinformation"}"#
    static let grindRelabeled = #"{"name": "coffee_grind", "label": "Grind size", "type": "string", "fieldType": "text", "groupName": "contactinformation"}"#

    @Test("a standard object's custom property listed twice alike is imported once, without a word")
    func samePropertyTwice() throws {
        var sources = HubSpotImportSources()
        sources.properties.append(.init(object: "contacts", file: "contacts.json", properties: try Self.properties("[\(Self.grind), \(Self.grind)]")))
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
        #expect(Self.warnings(result).isEmpty, "\(Self.warnings(result))")
        let contacts = try #require(result.documents.first { $0.object == "contacts" })
        #expect(contacts.properties.map(\.name) == ["coffee_grind"])
    }

    @Test("a standard object's custom property listed twice with different definitions: the first kept, a warning names both",
          arguments: [false, true])
    func differentPropertyTwice(reversed: Bool) throws {
        let listed = reversed ? [Self.grindRelabeled, Self.grind] : [Self.grind, Self.grindRelabeled]
        var sources = HubSpotImportSources()
        sources.properties.append(.init(object: "contacts", file: "contacts.json", properties: try Self.properties("[\(listed.joined(separator: ", "))]")))
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
        let contacts = try #require(result.documents.first { $0.object == "contacts" })
        #expect(contacts.properties.map(\.name) == ["coffee_grind"])
        #expect(contacts.properties.first?.label == (reversed ? "Grind size" : "Grind"), "the first listed is kept")
        #expect(Self.warnings(result) == ["contacts.json: contacts.coffee_grind is listed twice, differently; the first is imported"],
                "\(Self.warnings(result))")
    }

    @Test("a standard object's custom property that two properties files give differently: the first file's (by name) kept, a warning names both")
    func standardPropertyInTwoFiles() throws {
        for order in [false, true] {
            var sources = HubSpotImportSources()
            let files = [HubSpotImportSources.Properties(object: "contacts", file: "a-contacts.json", properties: try Self.properties("[\(Self.grind)]")),
                         HubSpotImportSources.Properties(object: "0-1", file: "b-contacts.json", properties: try Self.properties("[\(Self.grindRelabeled)]"))]
            sources.properties = order ? files.reversed() : files
            let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
            #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
            let contacts = try #require(result.documents.first { $0.object == "contacts" })
            #expect(contacts.properties.map(\.label) == ["Grind"])
            #expect(Self.warnings(result) == ["b-contacts.json: contacts.coffee_grind differs from the one a-contacts.json gives; the one of a-contacts.json is imported"],
                    "\(Self.warnings(result))")
        }
    }

    @Test("a custom object's property that its schema and a properties file give differently: the properties file's kept, a warning says so")
    func customPropertyInTwoSources() throws {
        let schema = #"""
            [{"name": "roast_batch", "objectTypeId": "2-41280011", "fullyQualifiedName": "p9001234_roast_batch",
              "labels": {"singular": "Roast batch", "plural": "Roast batches"}, "primaryDisplayProperty": "batch_code",
              "properties": [{"name": "batch_code", "label": "Batch code", "type": "string", "fieldType": "text"}]}]
            """#
        var sources = HubSpotImportSources()
        sources.schemas.append(.init(file: "schemas.json", schemas: try Self.schemas(schema)))
        sources.properties.append(.init(object: "roast_batch", file: "properties-roast_batch.json",
                                        properties: try Self.properties(#"[{"name": "batch_code", "label": "Batch", "type": "string", "fieldType": "text"}]"#)))
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
        let batch = try #require(result.documents.first { $0.object == "roast_batch" })
        #expect(batch.properties.first { $0.name == "batch_code" }?.label == "Batch")
        #expect(Self.warnings(result) == ["properties-roast_batch.json: roast_batch.batch_code differs from the one schemas.json gives; "
                                              + "the one of properties-roast_batch.json is imported"], "\(Self.warnings(result))")

        // The same property alike in both: not a word.
        sources.properties[0] = .init(object: "roast_batch", file: "properties-roast_batch.json",
                                      properties: try Self.properties(#"[{"name": "batch_code", "label": "Batch code", "type": "string", "fieldType": "text"}]"#))
        let same = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        #expect(Self.warnings(same).isEmpty, "\(Self.warnings(same))")
    }

    @Test("an option value given twice: the first kept, a warning names the value (twice alike too: definitions hold a value once)")
    func optionValueTwice() throws {
        let property = #"""
            [{"name": "brew_method", "label": "Brew method", "type": "enumeration", "fieldType": "select", "groupName": "contactinformation",
              "options": [{"value": "v60", "label": "V60"}, {"value": "aeropress", "label": "AeroPress"}, {"value": "v60", "label": "Hario V60"}]}]
            """#
        var sources = HubSpotImportSources()
        sources.properties.append(.init(object: "contacts", file: "contacts.json", properties: try Self.properties(property)))
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
        let options = try #require(result.documents.first { $0.object == "contacts" }?.properties.first?.options)
        #expect(options.map(\.value) == ["v60", "aeropress"] && options.first?.label == "V60")
        #expect(Self.warnings(result) == ["contacts.json: contacts.brew_method gives the option value 'v60' twice; the first (V60) is imported"],
                "\(Self.warnings(result))")
    }

    @Test("two unlabeled association types for one direction: the first kept, a warning names the other")
    func twoUnlabeledTypes() throws {
        let schema = #"""
            [{"name": "roast_batch", "objectTypeId": "2-41280011", "labels": {"singular": "Roast batch", "plural": "Roast batches"},
              "primaryDisplayProperty": "batch_code",
              "properties": [{"name": "batch_code", "label": "Batch code", "type": "string", "fieldType": "text"}]}]
            """#
        var sources = HubSpotImportSources()
        sources.schemas.append(.init(file: "schemas.json", schemas: try Self.schemas(schema)))
        let labels = try HubSpotResponse.items(HubSpotAssociationLabel.self, from: Data(#"""
            [{"category": "USER_DEFINED", "typeId": 130, "label": null}, {"category": "USER_DEFINED", "typeId": 131, "label": ""},
             {"category": "USER_DEFINED", "typeId": 132, "label": "Roaster"}]
            """#.utf8), what: "labels")
        sources.labels.append(.init(from: "2-41280011", to: "0-1", file: "labels.json", labels: labels))
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
        let association = try #require(result.documents.first { $0.object == "roast_batch" }?.associations.first { $0.to == "contacts" })
        #expect(association.associationTypeId == 130)
        #expect(association.labels.map(\.label) == ["Roaster"])
        #expect(Self.warnings(result) == ["labels.json: roast_batch → contacts has a second unlabeled association type, 131, besides 130; it is left out"],
                "\(Self.warnings(result))")
    }
}
