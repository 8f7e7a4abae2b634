@testable import CRMDynamic
import CRMObjects
import CRMSchemaLoader
import Foundation
import TestSupport
import Testing

/// One set of semantics: generated validators and the dynamic validator give the same issues,
/// in the same order, for the same records — valid ones and mutated ones.
@Suite("Generated and dynamic validation agree")
struct DifferentialValidationTests {
    /// Values of every kind a property can meet: good ones, edge cases and mutations.
    static func candidates(for property: PropertySchema) -> [String?] {
        var values: [String?] = [nil, "", "x", "  ", "true", "false", "maybe", "0", "-1", "1e3", "1.5.2", "NaN", "inf",
                                 "2024-02-29", "2023-02-29", "1582416000000", "2024-11-20T20:12:09.236Z", "2024-11-20T25:00:00Z",
                                 "ada@example.com", "not an email", "https://example.com", "example.com", "+1 (555) 010-2030",
                                 "GL-2043", "GL-20431", "LC-123456", String(repeating: "é", count: 130), "a;b", ";;", "\"\"\""]
        values += property.options.map(\.value)
        if property.options.count > 1 { values.append(property.options.prefix(2).map(\.value).joined(separator: ";") + ";unlisted") }
        if let minimum = property.minimum { values += [minimum.text, CRMNumber(minimum.doubleValue - 1)?.text] }
        if let maximum = property.maximum { values += [maximum.text, CRMNumber(maximum.doubleValue + 0.5)?.text] }
        return values
    }

    static func randomRecords(for object: ObjectSchema, count: Int, seed: UInt64) -> [RecordEnvelope] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            var properties = RecordProperties()
            for property in object.properties {
                switch candidates(for: property).randomElement(using: &random) ?? nil {
                case let value?: properties[property.name] = value
                case nil where Int.random(in: 0..<4, using: &random) == 0: properties.setNull(property.name)
                case nil: break
                }
            }
            if Bool.random(using: &random) { properties["unlisted_property"] = "kept" }
            return RecordEnvelope(id: String(index), properties: properties)
        }
    }

    /// Decodes the envelope as the generated type, as an app would receive it.
    static func generatedIssues<Record: CRMRecord>(_ type: Record.Type, _ record: RecordEnvelope) throws -> [ValidationIssue] {
        let json = try JSONEncoder().encode(record)
        return try JSONDecoder().decode(Record.self, from: json).validate()
    }

    @Test("RoastBatch: 3,000 random records", arguments: [UInt64(1), 2, 3])
    func roastBatch(seed: UInt64) throws {
        let validator = DynamicValidator(object: RoastBatch.schema)
        var withIssues = 0
        for record in Self.randomRecords(for: RoastBatch.schema, count: 1000, seed: seed) {
            let generated = try Self.generatedIssues(RoastBatch.self, record)
            #expect(validator.validate(record) == generated, "record \(record.id ?? "") of seed \(seed): \(record.properties)")
            // The rules on every property, without the compiled rules; and the type's own JSON reader.
            #expect(validator.issues(record.properties) == generated, "record \(record.id ?? "") of seed \(seed)")
            let read = try RoastBatch(json: try JSONEncoder().encode(record))
            #expect(read.validate() == generated, "record \(record.id ?? "") of seed \(seed)")
            if !generated.isEmpty { withIssues += 1 }
        }
        #expect(withIssues > 500, "the random records must exercise the checks")
    }

    @Test("the hostile fixture and a standard object agree too")
    func others() throws {
        let hostile = try #require(Registry.shared.object("hostile_thing"))
        for record in Self.randomRecords(for: hostile, count: 500, seed: 7) {
            #expect(DynamicValidator(object: hostile).validate(record) == (try Self.generatedIssues(HostileThing.self, record)))
        }
        for record in Self.randomRecords(for: Deal.schema, count: 500, seed: 8) {
            #expect(DynamicValidator(object: Deal.schema).validate(record) == (try Self.generatedIssues(Deal.self, record)))
        }
    }

    @Test("definitions loaded at run time join the compiled registry")
    func dynamicRegistry() throws {
        let cupping = DefinitionSource(path: "runtime/cupping_score.yaml", text: """
        object: cupping_score
        kind: custom
        labels: { singular: Cupping score, plural: Cupping scores }
        primaryDisplayProperty: cupper
        properties:
          cupper: { label: Cupper, type: string, fieldType: text, required: true }
          score: { label: Score, type: number, fieldType: number, minimum: 0, maximum: 100 }
        associations:
          - { to: roast_batch, cardinality: many-to-one, required: true }
        """)
        let (loaded, diagnostics) = DynamicRegistry.load([cupping], on: CRMObjects.Registry.schema)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let registry = try #require(loaded)
        #expect(registry.object("roast_batch") != nil, "compiled objects stay")
        #expect(registry.associations.allows(from: "cupping_score", to: "roast_batch"))
        #expect(registry.associations.allows(from: "roast_batch", to: "contacts", label: "roaster"), "compiled associations stay")
        let bad = RecordEnvelope(id: "9", properties: ["score": "140"])
        #expect(registry.validate(bad, as: "Cupping scores")?.map(\.description) == [
            "cupper: is required but has no value", "score: 140 is more than the maximum 100",
        ])
        let clash = DefinitionSource(path: "runtime/roast_batch.yaml", text: "object: roast_batch\nkind: custom\nlabels: { singular: R, plural: Rs }\nprimaryDisplayProperty: n\nproperties:\n  n: { label: N, type: string, fieldType: text }\n")
        let failed = DynamicRegistry.load([clash], on: CRMObjects.Registry.schema)
        #expect(failed.registry == nil)
        #expect(failed.diagnostics.first?.description == "runtime/roast_batch.yaml:1:9: error: custom object 'roast_batch' has the name of an object the app was compiled with; use 'kind: standard' to replace it or 'kind: extension' to add to it")
    }
}
