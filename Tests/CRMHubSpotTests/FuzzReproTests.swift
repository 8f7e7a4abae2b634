import CRMHubSpot
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// HubSpot responses fuzzing found (Tests/FuzzRepros/importer), replayed with the checks of
/// Fuzz/fuzz_importer.swift: up to three responses separated by a 0xFF byte.
@Suite("Fuzz findings: import")
struct ImporterFuzzReproTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRepros/importer")

    @Test("each is stopped by a rule of the importer, and what imports without an error loads")
    func replay() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(!names.isEmpty)
        let standard = try #require(SchemaLoader().load([]).schema)
        for name in names {
            let parts = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name))).split(separator: 0xFF, omittingEmptySubsequences: false).map { Data($0) }
            var input = HubSpotImportSources()
            if let schemas = try? HubSpotResponse.items(HubSpotObjectSchema.self, from: parts[0], what: "schemas") {
                input.schemas.append(.init(file: "schemas.json", schemas: schemas))
            }
            if parts.count > 1, let properties = try? HubSpotResponse.items(HubSpotProperty.self, from: parts[1], what: "properties") {
                input.properties.append(.init(object: "contacts", file: "contacts.json", properties: properties))
            }
            if parts.count > 2, let labels = try? HubSpotResponse.items(HubSpotAssociationLabel.self, from: parts[2], what: "labels"),
               let first = input.schemas.first?.schemas.first?.objectTypeId {
                input.labels.append(.init(from: first, to: "0-1", file: "labels.json", labels: labels))
            }
            let result = HubSpotImporter(standard: standard).importDefinitions(input)
            // Strictly: the importer's own rules stop what cannot be written, not its last check.
            let unwritable = result.diagnostics.filter { $0.message.hasPrefix(HubSpotImporter.unwritablePrefix) }
            #expect(unwritable.isEmpty, "\(name): \(unwritable.map(\.description))")
            guard !result.diagnostics.containsErrors else { continue }
            let sources = result.documents.map { DefinitionSource(path: "out/\($0.object).yaml", text: DefinitionWriter.yaml($0)) }
            let loaded = SchemaLoader().load(sources)
            #expect(loaded.schema != nil, "\(name): \(loaded.diagnostics.map(\.description))")
        }
    }
}
