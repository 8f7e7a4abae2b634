import CRMModel
@testable import CRMSchemaLoader
import Testing

@Suite("Schema loading")
struct SchemaLoadingTests {
    private func load(_ sources: [DefinitionSource], standard: Bool = true) -> LoadResult {
        SchemaLoader(includesStandardDefinitions: standard).load(sources)
    }

    @Test("the built-in standard set loads without diagnostics")
    func standardSet() throws {
        let result = load([])
        #expect(result.printed == "")
        let schema = try #require(result.schema)
        #expect(schema.objects.count == SchemaLoader.standardSources.count)
        #expect(schema.objects.allSatisfy { $0.kind == .standard })
    }

    @Test("Roast Batch loads with its properties, owners, dedup keys and associations")
    func roastBatch() throws {
        let schema = try #require(load([try Fixtures.roastBatch]).schema)
        let batch = try #require(schema.object(named: "roast_batch"))
        #expect(batch.swiftName == "RoastBatch")
        #expect(batch.labels == ObjectLabels(singular: "Roast Batch", plural: "Roast Batches"))
        #expect(batch.requirements.tier == .enterprise)
        #expect(batch.owners == ["hubspot_owner_id", "head_roaster_id"])
        #expect(batch.dedupKeys == ["green_lot_number"])
        #expect(batch.property(named: "roast_date")?.type == .date)
        #expect(batch.property(named: "roast_date")?.location == SourceLocation(file: "Definitions/custom/roast_batch.yaml", line: 22, column: 3))
        #expect(batch.property(named: "green_lot_number")?.pattern == "^GL-[0-9]{4,}$")
        #expect(batch.property(named: "quality_score")?.maximum == 100)
        #expect(batch.property(named: "batch_cost")?.numberDisplayHint == .currency)
        #expect(batch.property(named: "flavor_profile")?.isMultiSelect == true)
        // HubSpot's system properties are implicit on custom objects.
        #expect(batch.property(named: "hs_object_id")?.readOnly == true)
        let targets = Set(schema.associations(of: "roast_batch").map(\.to))
        #expect(targets.isSuperset(of: ["contacts", "deals", "tickets", "conversations", "emails", "meetings", "notes", "tasks", "calls"]))
        let contacts = try #require(schema.associations(of: "contacts").first { $0.to == "roast_batch" })
        #expect(contacts.labels.first?.label == "Roasted batch")
        #expect(contacts.labels.first?.inverseLabel == "Roaster")
    }

    @Test("an extension adds properties, renames labels and keeps the object's own")
    func extensionMerges() throws {
        let schema = try #require(load([try Fixtures.source(good: "contacts-extension.yaml")]).schema)
        let contacts = try #require(schema.object(named: "contacts"))
        #expect(contacts.labels.plural == "Customers")
        #expect(contacts.swiftName == "Contact")
        #expect(contacts.property(named: "favorite_roast")?.options.map(\.value) == ["light", "medium", "dark"])
        #expect(contacts.property(named: "email") != nil)
        #expect(contacts.extensionLocations.map(\.file) == ["contacts-extension.yaml"])
        #expect(schema.object(matching: "Customers")?.name == "contacts")
    }

    @Test("an extension gives an enumeration the portal's options, or says whose list it is; the writer writes it back")
    func optionsRefinement() throws {
        let text = """
        object: deals
        kind: extension
        properties:
          dealstage:
            options:
              - { value: "71234567", label: Green coffee quoted }
              - { value: closedwon, label: Closed won }
          dealtype: { optionSource: portal }
          pipeline:
            optionSource: definitions
            options: [default, "9001"]

        """
        let schema = try #require(load([DefinitionSource(path: "deals_portal.yaml", text: text)]).schema)
        let deals = try #require(schema.object(named: "deals"))
        let stage = try #require(deals.property(named: "dealstage"))
        #expect(stage.options.map(\.value) == ["71234567", "closedwon"])
        #expect(stage.optionSource == .portal, "the built-in list is the portal's")
        #expect(stage.location?.file == "<built-in>/deals.yaml", "still defined where it was")
        #expect(stage.optionsLocation == SourceLocation(file: "deals_portal.yaml", line: 4, column: 3))
        #expect(deals.property(named: "dealtype")?.optionSource == .portal)
        #expect(deals.property(named: "dealtype")?.options.map(\.value) == ["newbusiness", "existingbusiness"], "options kept")
        #expect(deals.property(named: "pipeline")?.optionSource == .definitions)
        #expect(ValidationPlan(try #require(deals.property(named: "pipeline"))).kind == .option)
        #expect(ValidationPlan(stage).kind == .text(minLength: nil, maxLength: nil, pattern: nil, format: nil), "any value")

        let document = DefinitionDocument(object: "deals", kind: .extension, refinedOptions: [
            OptionsRefinement(property: "dealstage", options: stage.options),
            OptionsRefinement(property: "dealtype", optionSource: .portal),
            OptionsRefinement(property: "pipeline", optionSource: .definitions, options: deals.property(named: "pipeline")?.options),
        ])
        let written = DefinitionWriter.yaml(document)
        #expect(written == "object: deals\nkind: extension\nproperties:\n" + text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n")
                .replacingOccurrences(of: "  dealtype: { optionSource: portal }", with: "  dealtype:\n    optionSource: portal"), "\(written)")
        let reloaded = try #require(load([DefinitionSource(path: "deals_portal.yaml", text: written)]).schema)
        #expect(reloaded.object(named: "deals")?.properties.map(\.options) == deals.properties.map(\.options))
        #expect(reloaded.object(named: "deals")?.properties.map(\.optionSource) == deals.properties.map(\.optionSource))
    }

    @Test("a portal's association type ids are numbered apart from HubSpot's own; within one numbering an id names one direction")
    func typeIdNumberings() throws {
        func source(_ associations: String) -> DefinitionSource {
            DefinitionSource(path: "Definitions/custom/tasting_note.yaml", text: """
            object: tasting_note
            kind: custom
            labels: { singular: Tasting note, plural: Tasting notes }
            primaryDisplayProperty: title
            properties:
              title: { label: Title, type: string, fieldType: text }
            associations:
            \(associations)
            """)
        }
        // 3 and 4 are HubSpot's deal → contact and contact → deal; HubSpot's own example of a portal's labels uses 3 and 4 too.
        let reused = load([source("  - { to: deals, associationTypeId: 3, inverseAssociationTypeId: 4 }")])
        #expect(reused.printed == "")
        #expect(reused.schema != nil)
        let twice = load([source("  - { to: deals, associationTypeId: 1001, inverseAssociationTypeId: 1002 }\n  - { to: tickets, associationTypeId: 1001 }")])
        #expect(twice.schema == nil)
        #expect(twice.printed.contains("association type ID 1001 is used for tasting_note → tickets and for tasting_note → deals"))
    }

    @Test("a standard file replaces the built-in object of that name")
    func replaceStandard() throws {
        let schema = try #require(load([try Fixtures.source(good: "replace-standard-object.yaml")]).schema)
        #expect(schema.object(named: "products")?.labels.plural == "Coffees")
        #expect(schema.object(named: "products")?.properties.count == 2)
    }

    @Test("anchors and merge keys produce the properties they stand for")
    func anchors() throws {
        let schema = try #require(load([try Fixtures.source(good: "anchors-and-merge.yaml")]).schema)
        let session = try #require(schema.object(named: "cupping_session"))
        #expect(session.property(named: "location")?.required == false)
        #expect(session.property(named: "location")?.label == "Location")
        #expect(session.property(named: "body_score")?.maximum == 10)
        #expect(session.property(named: "acidity_score")?.type == .number)
        let association = try #require(schema.associations(of: "cupping_session").first { $0.to == "contacts" })
        #expect(association.cardinality == .manyToOne)
        #expect(association.required)
        #expect(schema.associations(of: "contacts").first { $0.to == "cupping_session" }?.cardinality == .oneToMany)
    }

    @Test("the schema is the same whatever the order of the files")
    func orderIndependent() throws {
        let sources = try Fixtures.goodFiles.filter { $0 != "replace-standard-object.yaml" }.map(Fixtures.source(good:)) + [Fixtures.roastBatch]
        let forward = try #require(load(sources).schema)
        let backward = try #require(load(sources.reversed()).schema)
        #expect(forward == backward)
    }

    @Test("every problem of a run is reported, sorted by file and position")
    func allProblems() throws {
        let a = DefinitionSource(path: "b.yaml", text: "object: b_thing\nkind: custom\nlabels: { singular: B, plural: Bs }\nprimaryDisplayProperty: nme\nproperties:\n  name: { label: N, type: string, fieldType: text, required: maybe }\n")
        let b = DefinitionSource(path: "a.yaml", text: "object: a_thing\nkind: kustom\n")
        let result = load([a, b])
        #expect(result.printed == """
        a.yaml:2:7: error: 'kind' of object 'a_thing' must be one of standard, custom, extension, found 'kustom'; did you mean 'custom'?
        b.yaml:4:25: error: primaryDisplayProperty 'nme' is not a property of 'b_thing'; did you mean 'name'?
        b.yaml:6:62: error: 'required' of property 'name' must be true or false, found 'maybe'
        """)
    }

    @Test("object lookup by name, plural label, objectTypeId and Swift name")
    func lookup() throws {
        let schema = try #require(load([]).schema)
        #expect(schema.object(matching: "contacts")?.objectTypeId == "0-1")
        #expect(schema.object(matching: "Contacts")?.name == "contacts")
        #expect(schema.object(matching: "0-3")?.name == "deals")
        #expect(schema.object(matching: "LineItem")?.name == "line_items")
        #expect(schema.object(matching: "nothing") == nil)
    }
}

@Suite("Parallel reading")
struct ParallelReadingTests {
    /// Files are read in parallel chunks; every file's problems must still come back, in order.
    @Test("every file is read exactly once, whatever the file count", arguments: [1, 31, 32, 33, 34, 35, 37, 63, 64, 65, 100, 257])
    func everyFileOnce(count: Int) {
        let sources = (0..<count).map { index in
            DefinitionSource(path: String(format: "f%04d.yaml", index), text: """
            object: thing_\(index)
            kind: custom
            labels: { singular: Thing \(index), plural: Things \(index) }
            primaryDisplayProperty: name
            properties:
              name: { label: Name, type: string, fieldType: text, required: perhaps }
            """)
        }
        let result = SchemaLoader(includesStandardDefinitions: false).load(sources)
        #expect(result.diagnostics.count == count)
        #expect(result.diagnostics.map(\.location?.file) == sources.map(\.path))
        #expect(result.diagnostics.allSatisfy { $0.message == "'required' of property 'name' must be true or false, found 'perhaps'" })
    }
}

@Suite("Hostile inputs stay cheap")
struct HostileInputTests {
    @Test("errors are listed up to a limit, then counted")
    func errorLimit() {
        let keys = (0..<1500).map { "k\($0): 1" }.joined(separator: "\n")
        let result = SchemaLoader(includesStandardDefinitions: false)
            .load([DefinitionSource(path: "many.yaml", text: "object: o\nkind: custom\n" + keys)])
        #expect(result.diagnostics.filter { $0.severity == .error }.count == 1000)
        #expect(result.diagnostics.last?.description == "crmgen: note: 502 more errors not shown; crmgen lists the first 1000")
        #expect(result.schema == nil)
    }

    @Test("a huge name is quoted in a shortened message, with no suggestion")
    func longNames() {
        let name = String(repeating: "a", count: 20_000)
        let result = SchemaLoader(includesStandardDefinitions: false)
            .load([DefinitionSource(path: "long.yaml", text: "object: \(name)\nkind: custom\nlabels: {singular: A, plural: As}\nprimaryDisplayProperty: \(name)x\nproperties:\n  \(name): {label: A, type: string, fieldType: text}\n")])
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { $0.message.utf8.count < 1_100 })
        #expect(!result.diagnostics.contains { $0.message.contains("did you mean") })
    }

    @Test("edit distance stops once the limit is exceeded")
    func boundedDistance() {
        let a = Array(String(repeating: "a", count: 50).unicodeScalars)
        let b = Array(String(repeating: "b", count: 50).unicodeScalars)
        #expect(Suggestion.editDistance(a, b, limit: 3) == 4)
        #expect(Suggestion.editDistance(a, b) == 50)
    }
}
