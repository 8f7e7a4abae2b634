import CRMDynamic
import CRMModel
import CRMRuntime
import CRMSchemaLoader
import Foundation
import Testing

/// Record inputs fuzzing found (Tests/FuzzRepros/records), replayed with the checks of Fuzz/fuzz_records.swift.
@Suite("Fuzz findings: records")
struct RecordFuzzReproTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRepros/records")

    @Test("each input streams without a crash; a record reads back from its own JSON unchanged")
    func replay() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(!names.isEmpty)
        let schema = try #require(SchemaLoader(includesStandardDefinitions: false).load([DefinitionSource(path: "t.yaml", text: """
        object: fuzz_thing
        kind: custom
        labels: { singular: Thing, plural: Things }
        primaryDisplayProperty: name
        properties:
          name: { label: Name, type: string, fieldType: text, required: true }
          score: { label: Score, type: number, fieldType: number, minimum: -1.5, maximum: 100 }
          one: { label: One, type: enumeration, fieldType: select, options: [a, b] }
          many: { label: Many, type: enumeration, fieldType: checkbox, options: [a, b, c] }
        """)]).schema?.object(named: "fuzz_thing"))
        let validator = DynamicValidator(object: schema)
        var records = 0
        for name in names {
            let input = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            for item in RecordStream(data: input) {
                if case .record(let record, _) = item { _ = validator.validate(record); records += 1 } else { #expect(item.problem != nil) }
            }
            guard let record = try? RecordEnvelope(json: input) else { continue }
            let again = try RecordEnvelope(json: JSONEncoder().encode(record))
            #expect(again.properties == record.properties && again.id == record.id, "\(name)")
        }
        #expect(records > 0)
    }
}
