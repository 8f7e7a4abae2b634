import CRMDiff
import CRMModel
import CRMSchemaLoader
import Foundation
import PropertyBased
import Testing
import TestSupport

/// A place in a definition file (Testing has a type of the same name).
typealias SourceLocation = CRMModel.SourceLocation

@Suite("SchemaDiff")
struct SchemaDiffTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ paths: [String]) throws -> Schema {
        let result = try SchemaLoader().load(paths: paths.map { root.appendingPathComponent($0).path })
        return try #require(result.schema, "\(result.diagnostics)")
    }

    static func isBuiltIn(_ location: SourceLocation) -> Bool { location.file.hasPrefix(SchemaLoader.builtInPathPrefix) }

    /// An object with one property at line 6 of `file`.
    static func object(_ name: String, file: String, kind: ObjectKind = .custom, properties: [PropertySchema]? = nil) -> ObjectSchema {
        ObjectSchema(name: name, kind: kind, labels: ObjectLabels(singular: "Roast Batch", plural: "Roast Batches"), swiftName: "RoastBatch",
                     category: .custom, properties: properties ?? [
                         PropertySchema(name: "batch_name", label: "Batch name", type: .string, fieldType: .text,
                                        location: SourceLocation(file: file, line: 6, column: 3)),
                     ], location: SourceLocation(file: file, line: 1, column: 9))
    }

    // MARK: Nothing changed

    @Test("the repository's definitions against themselves: no changes")
    func identical() throws {
        let schema = try Self.load(["Definitions"])
        #expect(SchemaDiff.changes(from: schema, to: schema, isBuiltIn: Self.isBuiltIn) == [])
        // Loaded twice: equal values, not one value compared with itself.
        #expect(SchemaDiff.changes(from: schema, to: try Self.load(["Definitions"])) == [])
    }

    @Test("the built-in set under a new custom object produces one change: the object, associations included")
    func standardSetUnderneath() throws {
        let standard = try #require(SchemaLoader().load([]).schema)
        let withRoastBatch = try Self.load(["Definitions/custom"])
        let changes = SchemaDiff.changes(from: standard, to: withRoastBatch, isBuiltIn: Self.isBuiltIn)
        #expect(changes.map(\.rule) == [.objectAdded])
        #expect(changes.first?.location?.file.hasSuffix("Definitions/custom/roast_batch.yaml") == true)
        let back = SchemaDiff.changes(from: withRoastBatch, to: standard, isBuiltIn: Self.isBuiltIn)
        #expect(back.map(\.rule) == [.objectRemoved])
    }

    @Test("random schemas against themselves: no changes")
    func randomIdentical() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in await recordingErrors {
            var random = RandomSchemas(seed: UInt64(seed))
            let schema = random.schema()
            #expect(SchemaDiff.changes(from: schema, to: schema) == [], "seed \(seed)")
        } }
    }

    @Test("random schemas with every association declared on its other side: no changes")
    func randomMoved() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in await recordingErrors {
            var random = RandomSchemas(seed: UInt64(seed))
            let schema = random.schema()
            // A same-object association has no other side: it stays as declared.
            let moved = Schema(objects: schema.objects, associations: schema.associations.map { association in
                guard !association.isSameObject else { return association }
                var inverted = association.inverted
                inverted.location = SourceLocation(file: "\(association.to).yaml", line: 30, column: 9)
                return inverted
            })
            #expect(SchemaDiff.changes(from: schema, to: moved) == [], "seed \(seed)")
        } }
    }

    // MARK: Both directions

    @Test("what a → b adds, b → a removes, and the reverse")
    func randomSymmetric() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in await recordingErrors {
            var random = RandomSchemas(seed: UInt64(seed))
            let a = random.schema()
            let b = random.schema()
            let forward = SchemaDiff.changes(from: a, to: b)
            let backward = SchemaDiff.changes(from: b, to: a)
            let pairs: [(SchemaChange.Rule, SchemaChange.Rule)] = [
                (.objectAdded, .objectRemoved), (.propertyAdded, .propertyRemoved), (.optionAdded, .optionRemoved),
                (.associationAdded, .associationRemoved), (.labelAdded, .labelRemoved),
                (.propertyOptional, .propertyRequired),
                (.objectTypeIdSet, .objectTypeIdCleared),
            ]
            for (added, removed) in pairs {
                #expect(Self.identities(forward, added) == Self.identities(backward, removed), "seed \(seed): \(added) / \(removed)")
                #expect(Self.identities(forward, removed) == Self.identities(backward, added), "seed \(seed): \(removed) / \(added)")
            }
            #expect(forward.filter { $0.rule == .propertyTypeChanged }.count == backward.filter { $0.rule == .propertyTypeChanged }.count)
            #expect(SchemaDiff.changes(from: a, to: b) == forward, "deterministic")
        } }
    }

    /// The changes of one rule by what they are about, with associations and labels by their unordered pair
    /// (a change is read from the new side's declaring object, which may differ between the two directions).
    /// A required property or association that is added is counted with the additions it comes with, not as a change.
    static func identities(_ changes: [SchemaChange], _ rule: SchemaChange.Rule) -> [String] {
        changes.filter { $0.rule == rule && !$0.message.contains("was added as required") }.map { change in
            switch change.member {
            case .association(let other)?: [change.object, other].sorted().joined(separator: "↔")
            case .label(let name, let other)?: [change.object, other].sorted().joined(separator: "↔") + "/" + name
            default: "\(change.object) \(String(describing: change.member))"
            }
        }.sorted()
    }

    // MARK: Associations

    @Test("cardinality: narrowed when an end that allowed many allows one, from either side", arguments: Cardinality.allCases)
    func cardinality(_ from: Cardinality) throws {
        for to in Cardinality.allCases where to != from {
            let old = Schema(objects: [Self.object("roast_batch", file: "old/roast_batch.yaml")],
                             associations: [AssociationSchema(from: "roast_batch", to: "deals", cardinality: from,
                                                              location: SourceLocation(file: "old/roast_batch.yaml", line: 8, column: 9))])
            let declared = AssociationSchema(from: "roast_batch", to: "deals", cardinality: to,
                                             location: SourceLocation(file: "new/roast_batch.yaml", line: 8, column: 9))
            var moved = declared.inverted
            moved.location = SourceLocation(file: "new/deals.yaml", line: 4, column: 9)
            let narrows = (from.rawValue.hasPrefix("many") && to.rawValue.hasPrefix("one"))
                || (from.rawValue.hasSuffix("many") && to.rawValue.hasSuffix("one"))
            for association in [declared, moved] {
                let new = Schema(objects: old.objects, associations: [association])
                let changes = SchemaDiff.changes(from: old, to: new)
                #expect(changes.map(\.rule) == [narrows ? .associationCardinalityNarrowed : .associationCardinalityWidened], "\(from) → \(to)")
                #expect(changes.first?.location == association.location)
            }
        }
    }

    @Test("an implicit association is never added or removed on its own; replaced by a declaration, it is compared")
    func implicitAssociations() {
        let objects = [Self.object("roast_batch", file: "roast_batch.yaml")]
        let implicit = AssociationSchema(from: "roast_batch", to: "notes", isImplicit: true,
                                         location: SourceLocation(file: "roast_batch.yaml", line: 1, column: 9))
        let none = Schema(objects: objects, associations: [])
        let withImplicit = Schema(objects: objects, associations: [implicit])
        #expect(SchemaDiff.changes(from: none, to: withImplicit) == [])
        #expect(SchemaDiff.changes(from: withImplicit, to: none) == [])
        let declared = AssociationSchema(from: "notes", to: "roast_batch", cardinality: .oneToMany,
                                         location: SourceLocation(file: "notes.yaml", line: 4, column: 9))
        let changes = SchemaDiff.changes(from: withImplicit, to: Schema(objects: objects, associations: [declared]))
        #expect(changes.map(\.rule) == [.associationCardinalityNarrowed])
        #expect(changes.first?.location?.file == "notes.yaml")
    }

    // MARK: Places

    @Test("a change of a built-in object is placed at the extension that made it")
    func builtInObjectsArePlacedAtTheirExtension() {
        var old = Self.object("contacts", file: "<built-in>/contacts.yaml", kind: .standard)
        old.labels = ObjectLabels(singular: "Contact", plural: "Contacts")
        var new = old
        new.labels = ObjectLabels(singular: "Customer", plural: "Contacts")
        new.extensionLocations = [SourceLocation(file: "ext/a.yaml", line: 1, column: 9), SourceLocation(file: "ext/b.yaml", line: 1, column: 9)]
        let changes = SchemaDiff.changes(from: Schema(objects: [old], associations: []), to: Schema(objects: [new], associations: []),
                                         isBuiltIn: Self.isBuiltIn)
        #expect(changes.map(\.location?.description) == ["ext/b.yaml:1:9"])
        // Reverted: the extension that made the difference is in the old definitions.
        let reverted = SchemaDiff.changes(from: Schema(objects: [new], associations: []), to: Schema(objects: [old], associations: []),
                                          isBuiltIn: Self.isBuiltIn)
        #expect(reverted.map(\.location?.description) == ["ext/b.yaml:1:9"])
    }

    @Test("sorted by file, line and column, then rule ID; changes without a place first")
    func order() {
        let old = Schema(objects: [
            Self.object("b_object", file: "old/b.yaml"),
            Self.object("a_object", file: "old/a.yaml", properties: []),
        ], associations: [])
        var renamed = Self.object("a_object", file: "new/a.yaml", properties: [])
        renamed.labels.singular = "Renamed"
        renamed.objectTypeId = "2-7"
        var unplaced = Self.object("d_object", file: "new/d.yaml")
        unplaced.location = nil
        let new = Schema(objects: [renamed, Self.object("c_object", file: "new/c.yaml"), unplaced], associations: [])
        let changes = SchemaDiff.changes(from: old, to: new)
        #expect(changes.map { "\($0.location?.description ?? "-") \($0.rule.rawValue)" } == [
            "- OBJECT_ADDED",
            "new/a.yaml:1:9 OBJECT_TEXT_CHANGED",
            "new/a.yaml:1:9 OBJECT_TYPE_ID_SET",
            "new/c.yaml:1:9 OBJECT_ADDED",
            "old/b.yaml:1:9 OBJECT_REMOVED",
        ])
    }

    @Test("a change prints compiler style, escaping what it echoes")
    func description() {
        let change = SchemaChange(.propertyTypeChanged, object: "roast_batch", member: .property("quality_score"),
                                  message: "property 'quality_score' of 'roast_batch' changed type from number to string",
                                  at: SourceLocation(file: "new/roast_batch.yaml", line: 34, column: 3))
        #expect(change.description
            == "new/roast_batch.yaml:34:3: breaking: PROPERTY_TYPE_CHANGED: property 'quality_score' of 'roast_batch' changed type from number to string")
        let forged = SchemaChange(.propertyTextChanged, object: "x", message: "a\nb:1:1: breaking: X", at: SourceLocation(file: "f\u{2028}.yaml", line: 1, column: 1))
        #expect(forged.description == #"f\u{2028}.yaml:1:1: safe: PROPERTY_TEXT_CHANGED: a\u{A}b:1:1: breaking: X"#)
        #expect(SchemaChange(.objectAdded, object: "x", message: "m", at: nil).description == "crmgen: safe: OBJECT_ADDED: m")
    }

    // MARK: The rule table

    @Test("every rule has a fixture case named after it, and README lists it with its severity")
    func everyRuleIsTestedAndDocumented() throws {
        let cases = Self.root.appendingPathComponent("Tests/crmgenTests/Fixtures/diff")
        let folders = try FileManager.default.contentsOfDirectory(atPath: cases.path).filter { $0 == $0.uppercased() }
        #expect(Set(folders) == Set(SchemaChange.Rule.allCases.map(\.rawValue)))
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        for rule in SchemaChange.Rule.allCases {
            let expected = (try? String(contentsOf: cases.appendingPathComponent("\(rule.rawValue)/expected.txt"), encoding: .utf8)) ?? ""
            #expect(expected.contains(": \(rule.severity.rawValue): \(rule.rawValue): "), "\(rule.rawValue)/expected.txt")
            #expect(readme.contains("`\(rule.rawValue)`"), "README lists \(rule.rawValue)")
        }
    }
}
