import CRMHubSpot
import CRMModel
import CRMSchemaLoader
import Foundation

// What `crmgen import hubspot` does: the input is up to three responses separated by a 0xFF byte
// (never in UTF-8 JSON): a schemas response, the properties of contacts, the labels of the first
// custom object to contacts. Whatever it imports without an error must load as definitions. With
// CRMGEN_FUZZ_STRICT=1 (long campaigns), responses that only the importer's last check stops — its
// own rules let them through — count as findings too.
let strict = getenv("CRMGEN_FUZZ_STRICT").map { String(cString: $0) == "1" } ?? false
let standard: Schema = {
    guard let schema = SchemaLoader().load([]).schema else { fatalError("the standard set does not load") }
    return schema
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = Array(UnsafeBufferPointer(start: data, count: size)).split(separator: 0xFF, omittingEmptySubsequences: false).map { Data($0) }
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
    for diagnostic in result.diagnostics {
        if strict, diagnostic.message.hasPrefix(HubSpotImporter.unwritablePrefix) { fatalError("a rule the importer lacks: \(diagnostic)") }
    }
    guard !result.diagnostics.containsErrors else { return 0 }
    let texts = result.documents.map { DefinitionWriter.yaml($0) }
    let sources = zip(result.documents, texts).map { DefinitionSource(path: "out/\($0.object).yaml", text: $1) }
    let loaded = SchemaLoader().load(sources, on: standard)
    if loaded.schema == nil {
        fatalError("imported definitions do not load:\n" + loaded.diagnostics.map(\.description).joined(separator: "\n")
                   + "\n" + texts.joined(separator: "\n---\n"))
    }
    return 0
}
