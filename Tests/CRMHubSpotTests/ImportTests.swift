import CRMHubSpot
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// `import hubspot` on the responses of one real-shaped portal (Fixtures/portal): the exact files,
/// whatever the order of the sources, and definitions that load as written.
@Suite("Import from HubSpot")
struct ImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures/portal")
    static let standard = SchemaLoader().load([]).schema!

    /// The portal's responses, as `crmgen import hubspot` is given them.
    static func sources() throws -> HubSpotImportSources {
        func data(_ name: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(name)) }
        var sources = HubSpotImportSources()
        sources.schemas.append(.init(file: "schemas.json", schemas: try HubSpotResponse.items(HubSpotObjectSchema.self, from: data("schemas.json"), what: "schemas")))
        for object in ["contacts", "deals"] {
            sources.properties.append(.init(object: object, file: "properties-\(object).json",
                                            properties: try HubSpotResponse.items(HubSpotProperty.self, from: data("properties-\(object).json"), what: "properties")))
        }
        for (from, to) in [("2-41280011", "0-1"), ("0-1", "2-41280011"), ("2-41280047", "2-41280047")] {
            let name = "labels-\(from)_\(to).json"
            sources.labels.append(.init(from: from, to: to, file: name,
                                        labels: try HubSpotResponse.items(HubSpotAssociationLabel.self, from: data(name), what: "labels")))
        }
        return sources
    }

    static func files(_ sources: HubSpotImportSources) -> [String: String] {
        let result = HubSpotImporter(standard: standard).importDefinitions(sources)
        return Dictionary(uniqueKeysWithValues: result.documents.map { ("\($0.object).yaml", DefinitionWriter.yaml($0)) })
    }

    @Test("the portal's responses become exactly the expected definition files")
    func referenceFiles() throws {
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(try Self.sources())
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
        let files = Self.files(try Self.sources())
        let expected = Self.root.appendingPathComponent("Expected/portal")
        if ProcessInfo.processInfo.environment["CRMGEN_RECORD"] == "1" {
            for (name, text) in files { try Data(text.utf8).write(to: expected.appendingPathComponent(name)) }
            Issue.record("recorded \(files.count) expected files; run the tests again without CRMGEN_RECORD")
            return
        }
        #expect(files.keys.sorted() == ["contacts.yaml", "cupping_session.yaml", "green_lot.yaml", "roast_batch.yaml"], "no file for deals: no custom properties")
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let reference = (try? String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)) ?? ""
            #expect(text == reference, "\(name) differs from Expected/portal/\(name)")
        }
    }

    @Test("the order of the sources does not change a byte, and importing twice gives the same bytes")
    func deterministic() throws {
        let sources = try Self.sources()
        var reversed = sources
        reversed.schemas.reverse()
        reversed.properties.reverse()
        reversed.labels.reverse()
        reversed.schemas = reversed.schemas.map { .init(file: $0.file, schemas: $0.schemas.reversed()) }
        #expect(Self.files(reversed) == Self.files(sources))
        #expect(Self.files(sources) == Self.files(sources))
    }

    @Test("the files load as written, on top of the standard set")
    func valid() throws {
        let sources = Self.files(try Self.sources()).map { DefinitionSource(path: $0.key, text: $0.value) }
        let loaded = SchemaLoader().load(sources)
        let schema = try #require(loaded.schema, "\(loaded.diagnostics)")
        #expect(loaded.diagnostics.isEmpty)
        let batch = try #require(schema.object(named: "roast_batch"))
        #expect(batch.objectTypeId == "2-41280011" && batch.fullyQualifiedName == "p9001234_roast_batch")
        #expect(batch.property(named: "roast_level")?.options.last == PropertyOption(value: "extra_dark", label: "Extra dark", hidden: true))
        #expect(batch.property(named: "hs_object_id")?.location == nil, "HubSpot's own properties are not imported, crmgen adds them")
        #expect(batch.property(named: "yield_ratio")?.calculationFormula == "roasted_weight_kg / green_weight_kg")
        #expect(batch.property(named: "head_roaster")?.isOwner == true)
        let contacts = try #require(schema.associations(of: "roast_batch").first { $0.to == "contacts" })
        #expect(contacts.labels.map(\.label) == ["Roaster", "Taster"])
        #expect(contacts.labels.first?.inverseLabel == "Roasted batch")
        #expect(contacts.associationTypeId == 101 && contacts.inverseAssociationTypeId == 102)
        let blend = try #require(schema.associations(of: "green_lot").first { $0.to == "green_lot" })
        #expect(blend.labels.map(\.label) == ["Blend component"] && blend.labels.first?.inverseLabel == "Blended into")
        let lots = schema.associations.filter { Set([$0.from, $0.to]) == ["green_lot", "roast_batch"] }
        #expect(lots.count == 1, "a custom↔custom association listed in both schemas is declared once")
        #expect(schema.object(named: "contacts")?.property(named: "preferred_roast")?.groupName == "coffee_preferences")
        #expect(!schema.associations(of: "roast_batch").contains { $0.to == "emails" && !$0.isImplicit }, "automatic associations stay implicit")
    }

    @Test("labels of one direction only are kept, unpaired")
    func oneDirection() throws {
        var sources = try Self.sources()
        sources.labels.removeAll { $0.from == "0-1" }
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        let batch = try #require(result.documents.first { $0.object == "roast_batch" })
        let labels = try #require(batch.associations.first { $0.to == "contacts" }?.labels)
        #expect(labels.map(\.label) == ["Roaster", "Taster"])
        #expect(labels.allSatisfy { $0.inverseLabel == $0.label && $0.inverseAssociationTypeId == nil })
    }

    @Test("bad responses are errors that name the file")
    func badResponses() throws {
        #expect(throws: HubSpotResponseError.self) { try HubSpotResponse.items(HubSpotObjectSchema.self, from: Data("[1,2]".utf8), what: "schemas") }
        #expect(throws: HubSpotResponseError.self) { try HubSpotResponse.items(HubSpotProperty.self, from: Data("{\"results\": [{\"name\": 1}]}".utf8), what: "properties") }
        #expect(throws: HubSpotResponseError.self) { try HubSpotResponse.items(HubSpotProperty.self, from: Data("not json".utf8), what: "properties") }
        var sources = HubSpotImportSources()
        sources.properties.append(.init(object: "p_nowhere", file: "x.json", properties: []))
        let result = HubSpotImporter(standard: Self.standard).importDefinitions(sources)
        #expect(result.diagnostics.map(\.message) == ["x.json: 'p_nowhere' is neither a standard object nor a custom object of the schemas given"])
    }
}
