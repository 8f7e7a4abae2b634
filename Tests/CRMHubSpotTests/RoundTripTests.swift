import CRMHubSpot
import CRMModel
import CRMSchemaLoader
import Foundation
import PropertyBased
import TestSupport
import Testing

/// `import(export(definitions))` gives back the definitions, for everything HubSpot can hold: random
/// definitions are written as YAML, loaded, exported, applied to a portal that behaves as HubSpot
/// does, read back with the GET requests `pull` makes, and imported.
@Suite("Export, then import")
struct RoundTripTests {
    static let standard = SchemaLoader().load([]).schema!
    static let standardIds = Dictionary(uniqueKeysWithValues: standard.objects.compactMap { object in object.objectTypeId.map { (object.name, $0) } })

    // MARK: What HubSpot holds

    /// The parts of definitions HubSpot can hold, in a form that does not depend on where or in which
    /// order they were written: no IDs, label names (HubSpot keeps none), or implicit members.
    struct Expressible: Equatable, CustomStringConvertible {
        var objects: [String: String] = [:]
        var associations: Set<String> = []

        init(_ documents: [DefinitionDocument]) {
            for document in documents {
                var properties = document.properties.map(Self.describe).sorted()
                if document.kind == .custom { properties.append("required: \(document.properties.filter(\.required).map(\.name).sorted())") }
                let head = [document.kind.rawValue, document.labels.map { "\($0.singular) / \($0.plural)" } ?? "-", document.description ?? "-",
                            document.primaryDisplayProperty ?? "-", document.secondaryDisplayProperties.joined(separator: ","),
                            document.searchableProperties.joined(separator: ",")]
                objects[document.object] = (head + properties).joined(separator: "\n")
                for association in document.associations {
                    let forward = association.from <= association.to
                    let (a, b) = forward ? (association.from, association.to) : (association.to, association.from)
                    let labels = association.labels.map { forward ? "\($0.label) ↔ \($0.inverseLabel)" : "\($0.inverseLabel) ↔ \($0.label)" }.sorted()
                    associations.insert("\(a) – \(b): \(labels)")
                }
            }
        }

        static func describe(_ property: PropertySchema) -> String {
            let options = property.options.map { "\($0.value)=\($0.label)\($0.hidden ? " (hidden)" : "")" }
            return [property.name, property.label, property.description ?? "-", property.type.rawValue, property.fieldType.rawValue,
                    property.groupName ?? "-", property.displayOrder.map(String.init) ?? "-", property.unique ? "unique" : "",
                    property.calculated ? "calculated \(property.calculationFormula ?? "")" : "", property.hidden ? "hidden" : "",
                    property.numberDisplayHint?.rawValue ?? "", property.referencedObjectType ?? "", options.joined(separator: "; ")]
                .joined(separator: " | ")
        }

        var description: String {
            objects.keys.sorted().map { "\($0):\n\(objects[$0] ?? "")" }.joined(separator: "\n") + "\n" + associations.sorted().joined(separator: "\n")
        }
    }

    /// Applies the export to a fresh portal and imports what the portal then answers.
    static func roundTrip(_ documents: [DefinitionDocument]) throws -> (imported: [DefinitionDocument], diagnostics: [Diagnostic]) {
        let sources = documents.map { DefinitionSource(path: "definitions/\($0.object).yaml", text: DefinitionWriter.yaml($0)) }
        let loaded = SchemaLoader().load(sources)
        guard let schema = loaded.schema else { throw RoundTripFailure(description: "the YAML does not load: \(loaded.diagnostics)") }
        let export = HubSpotExporter { $0?.file.hasPrefix(SchemaLoader.builtInPathPrefix) ?? true }.export(schema)
        let portal = FakeHubSpotPortal(standardObjects: standardIds)
        for request in export.requests {
            let response = portal.handle(method: request.method, path: request.path, body: request.body)
            guard (200..<300).contains(response.status) else {
                throw RoundTripFailure(description: "\(request.method) \(request.path) → \(response.status) \(response.body?.rendered() ?? "")")
            }
        }
        var input = HubSpotImportSources()
        func get(_ path: String) throws -> Data {
            let response = portal.handle(method: "GET", path: path, body: nil)
            guard response.status == 200, let body = response.body else { throw RoundTripFailure(description: "GET \(path) → \(response.status)") }
            return body.data
        }
        input.schemas.append(.init(file: "schemas", schemas: try HubSpotResponse.items(HubSpotObjectSchema.self, from: get("/crm/v3/schemas"), what: "schemas")))
        if documents.contains(where: { $0.object == "contacts" }) {
            input.properties.append(.init(object: "contacts", file: "contacts", properties: try HubSpotResponse.items(
                HubSpotProperty.self, from: get("/crm/v3/properties/contacts"), what: "properties")))
        }
        let customs = portal.customObjectTypeIds
        let ends = customs.values.sorted() + ["0-1", "0-2", "0-3"]
        for from in customs.values.sorted() {
            for to in ends {
                input.labels.append(.init(from: from, to: to, file: "\(from)_\(to)", labels: try HubSpotResponse.items(
                    HubSpotAssociationLabel.self, from: get("/crm/v4/associations/\(from)/\(to)/labels"), what: "labels")))
                if to.hasPrefix("0-") {
                    input.labels.append(.init(from: to, to: from, file: "\(to)_\(from)", labels: try HubSpotResponse.items(
                        HubSpotAssociationLabel.self, from: get("/crm/v4/associations/\(to)/\(from)/labels"), what: "labels")))
                }
            }
        }
        let result = HubSpotImporter(standard: standard).importDefinitions(input)
        return (result.documents, result.diagnostics)
    }

    struct RoundTripFailure: Error, CustomStringConvertible {
        var description: String
    }

    @Test("random definitions come back from a portal as they were written")
    func randomDefinitions() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in await recordingErrors {
            let documents = RandomDefinitions.documents(seed: UInt64(seed))
            let (imported, diagnostics) = try Self.roundTrip(documents)
            #expect(!diagnostics.containsErrors, "seed \(seed): \(diagnostics)")
            // Groups live in the portal but no response carries their labels; the rest must match.
            let original = Expressible(documents.map { var document = $0; document.propertyGroups = []; return document })
            let back = Expressible(imported)
            #expect(back == original, "seed \(seed)\n--- written:\n\(original)\n--- imported:\n\(back)")
        } }
    }

    @Test("the roastery definitions and the portal fixture come back too")
    func knownDefinitions() throws {
        let portal = ImportTests.files(try ImportTests.sources())
        let documents = try portal.keys.sorted().map { name -> DefinitionDocument in
            try #require(HubSpotImporter(standard: Self.standard).importDefinitions(try ImportTests.sources()).documents.first { "\($0.object).yaml" == name })
        }
        let (imported, diagnostics) = try Self.roundTrip(documents)
        #expect(!diagnostics.containsErrors, "\(diagnostics)")
        #expect(Expressible(imported) == Expressible(documents))
    }
}
