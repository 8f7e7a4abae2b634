import CRMRuntime
import Testing

@Suite("Deduplication")
struct DeduplicationTests {
    @Test("emails are trimmed and case-folded; domains reduced to the host", arguments: [
        ("  Ada@Example.COM ", PropertyFormat.email, "ada@example.com"),
        ("https://www.Example.com:443/about?x=1", .domain, "example.com"),
        ("http://user@shop.example.co.uk/", .domain, "shop.example.co.uk"),
        ("example.com.", .domain, "example.com"),
        ("WWW.roastery.coffee", .domain, "roastery.coffee"),
        ("+1 (555) 010-2030", .phone, "+15550102030"),
    ] as [(String, PropertyFormat, String)])
    func normalize(value: String, format: PropertyFormat, expected: String) {
        #expect(DedupNormalizer.key(value, format: format) == expected)
    }

    @Test("duplicates are grouped and say which key matched")
    func groups() {
        let contacts = ObjectSchema(
            name: "contacts", kind: .standard, labels: ObjectLabels(singular: "Contact", plural: "Contacts"), swiftName: "Contact",
            category: .core, dedupKeys: ["email"],
            properties: [PropertySchema(name: "email", label: "Email", type: .string, fieldType: .text, unique: true, format: .email)]
        )
        let records = [
            RecordEnvelope(id: "1", properties: ["email": "ada@example.com"]),
            RecordEnvelope(id: "2", properties: ["email": "grace@example.com"]),
            RecordEnvelope(id: "3", properties: ["email": " ADA@example.com"]),
            RecordEnvelope(id: nil, properties: ["email": "Ada@Example.com"]),
            RecordEnvelope(id: "5", properties: [:]),
        ]
        let groups = Deduplicator(object: contacts).duplicates(in: records)
        #expect(groups == [DuplicateGroup(key: "email", normalizedValue: "ada@example.com", records: ["1", "3", "#4"])])
    }

    @Test("record IDs and unique custom properties")
    func recordIdsAndUnique() {
        let batches = ObjectSchema(
            name: "roast_batch", kind: .custom, labels: ObjectLabels(singular: "R", plural: "Rs"), swiftName: "RoastBatch",
            category: .custom, dedupKeys: ["green_lot_number", "hs_object_id"],
            properties: [PropertySchema(name: "green_lot_number", label: "Lot", type: .string, fieldType: .text, unique: true)]
        )
        let records = [
            RecordEnvelope(id: "10", properties: ["green_lot_number": "GL-1000"]),
            RecordEnvelope(id: "11", properties: ["green_lot_number": "GL-1000 "]),
            RecordEnvelope(id: "10", properties: ["green_lot_number": "GL-2000"]),
        ]
        let groups = Deduplicator(object: batches).duplicates(in: records)
        #expect(groups.map(\.key) == ["green_lot_number", "hs_object_id"])
        #expect(groups.map(\.records) == [["10", "11"], ["10", "10"]])
    }
}
