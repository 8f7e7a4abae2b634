@_spi(Generated) import CRMRuntime
import Testing

@Suite("Association store")
struct AssociationStoreTests {
    static let schema = Schema(
        objects: ["contacts", "deals", "quotes", "companies"].map {
            ObjectSchema(name: $0, kind: .standard, labels: ObjectLabels(singular: $0, plural: $0), swiftName: $0.capitalized, category: .core)
        },
        associations: [
            AssociationSchema(from: "deals", to: "quotes", cardinality: .oneToMany, associationTypeId: 63, inverseAssociationTypeId: 64, inverseRequired: true),
            AssociationSchema(from: "contacts", to: "companies", associationTypeId: 279, inverseAssociationTypeId: 280,
                              labels: [AssociationLabel(name: "primary", label: "Primary company", inverseLabel: "Primary contact", associationTypeId: 1, inverseAssociationTypeId: 2)]),
            AssociationSchema(from: "contacts", to: "contacts", associationTypeId: 449, inverseAssociationTypeId: 449),
            AssociationSchema(from: "companies", to: "deals", cardinality: .oneToOne),
        ]
    )

    func store() -> AssociationStore { AssociationStore(matrix: AssociationMatrix(schema: Self.schema)) }

    @Test("allowed associations, in either direction, with labels")
    func allowed() throws {
        var store = store()
        try store.associate(RecordReference("contacts", "1"), RecordReference("companies", "9"), label: "primary")
        try store.associate(RecordReference("companies", "9"), RecordReference("contacts", "2"))
        #expect(store.associated(with: RecordReference("companies", "9")) == [RecordReference("contacts", "1"), RecordReference("contacts", "2")])
    }

    @Test("typed association types: the matrix answers them, the store takes them, and refuses one of other objects")
    func typed() throws {
        let primary = AssociationType(from: "contacts", to: "companies", label: "primary", typeId: 1)
        let matrix = AssociationMatrix(schema: Self.schema)
        #expect(matrix.allows(primary))
        #expect(matrix.typeId(primary) == 1)
        #expect(!matrix.allows(AssociationType(from: "contacts", to: "companies", label: "billing")))
        #expect(!matrix.allows(AssociationType(from: "contacts", to: "quotes")))
        #expect(matrix.cardinality(AssociationType(from: "quotes", to: "deals")) == .manyToOne)
        var store = store()
        let (contact, company) = (RecordReference("contacts", "1"), RecordReference("companies", "9"))
        try store.associate(contact, company, as: primary)
        #expect(store.allLinks.map(\.label) == ["primary"])
        #expect(throws: AssociationError.mismatchedType(primary, from: "companies", to: "contacts")) {
            try store.associate(company, contact, as: primary)
        }
        #expect(primary.description == "contacts → companies (primary)")
    }

    @Test("one registry: an imported registry's objects and associations join where the module has none of its own")
    func mergedRegistry() throws {
        let app = Schema(
            objects: [ObjectSchema(name: "contacts", kind: .standard, labels: ObjectLabels(singular: "Customer", plural: "Customers"), swiftName: "Contact", category: .core),
                      ObjectSchema(name: "tasting_note", kind: .custom, labels: ObjectLabels(singular: "Note", plural: "Notes"), swiftName: "TastingNote", category: .custom)],
            associations: [AssociationSchema(from: "tasting_note", to: "contacts", cardinality: .manyToOne),
                           AssociationSchema(from: "companies", to: "contacts", associationTypeId: 280, inverseAssociationTypeId: 279)]
        )
        let imported = RecordRegistry(schema: Self.schema, recordTypes: [])
        let registry = RecordRegistry(schema: app, recordTypes: [], merging: [imported])
        #expect(registry.schema.objects.map(\.name) == ["companies", "contacts", "deals", "quotes", "tasting_note"])
        #expect(registry.object("contacts")?.labels.singular == "Customer", "the module's own object wins")
        #expect(registry.object("Customers")?.name == "contacts")
        #expect(registry.associations.allows(from: "deals", to: "quotes"), "an imported association joins")
        #expect(registry.associations.cardinality(from: "tasting_note", to: "contacts") == .manyToOne)
        // The module declares companies ↔ contacts itself: the imported one (with its label) does not join.
        #expect(!registry.associations.allows(from: "contacts", to: "companies", label: "primary"))
        #expect(registry.schema.associations.count == 2 + 3)
    }

    @Test("refused: no such association, unknown label, a record with itself")
    func refused() {
        var store = store()
        #expect(throws: AssociationError.notAllowed(from: "contacts", to: "quotes")) {
            try store.associate(RecordReference("contacts", "1"), RecordReference("quotes", "5"))
        }
        #expect(throws: AssociationError.unknownLabel("billing", from: "contacts", to: "companies", known: ["primary"])) {
            try store.associate(RecordReference("contacts", "1"), RecordReference("companies", "9"), label: "billing")
        }
        #expect(throws: AssociationError.sameRecord(RecordReference("contacts", "1"))) {
            try store.associate(RecordReference("contacts", "1"), RecordReference("contacts", "1"))
        }
    }

    @Test("cardinality: a quote has one deal, a company one deal (one-to-one)")
    func cardinality() throws {
        var store = store()
        try store.associate(RecordReference("deals", "d1"), RecordReference("quotes", "q1"))
        try store.associate(RecordReference("deals", "d1"), RecordReference("quotes", "q2"))
        #expect(throws: AssociationError.self) { try store.associate(RecordReference("deals", "d2"), RecordReference("quotes", "q1")) }
        #expect(throws: AssociationError.self) { try store.associate(RecordReference("quotes", "q2"), RecordReference("deals", "d3")) }
        try store.associate(RecordReference("companies", "c1"), RecordReference("deals", "d1"))
        #expect(throws: AssociationError.self) { try store.associate(RecordReference("companies", "c1"), RecordReference("deals", "d2")) }
        #expect(throws: AssociationError.self) { try store.associate(RecordReference("companies", "c2"), RecordReference("deals", "d1")) }
        #expect(store.allLinks.count == 3, "refused associations leave the store as it was")
    }

    @Test("same-object associations work both ways")
    func sameObject() throws {
        var store = store()
        try store.associate(RecordReference("contacts", "1"), RecordReference("contacts", "2"))
        #expect(store.associated(with: RecordReference("contacts", "2"), object: "contacts") == [RecordReference("contacts", "1")])
    }

    @Test("a quote without a deal is reported")
    func missingRequired() throws {
        var store = store()
        try store.associate(RecordReference("deals", "d1"), RecordReference("quotes", "q1"))
        let missing = store.missingRequired([RecordReference("quotes", "q1"), RecordReference("quotes", "q2"), RecordReference("deals", "d9")])
        #expect(missing.map(\.description) == ["quotes q2 has no 'deals' association, which is required"])
    }
}
