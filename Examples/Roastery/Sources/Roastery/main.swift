// Decodes HubSpot record JSON into generated types, validates it, and asks the association matrix.
import CRMObjects
import Foundation

let noteJSON = """
{"id": "901", "properties": {"title": "Guji, second crack +30s", "cupped_on": "2024-11-21", "score": "86.75",
 "aroma": "floral;fruity", "price_offered": "9.80", "hs_object_id": "901", "portal_only_field": "kept"},
 "createdAt": "2024-11-21T09:00:00.000Z", "updatedAt": "2024-11-21T09:05:00.000Z", "archived": false}
"""
let badNoteJSON = """
{"id": "902", "properties": {"cupped_on": "2024-02-30", "score": "120", "aroma": "smoky"}}
"""
let contactJSON = """
{"id": "501", "properties": {"email": "ada@example.com", "firstname": "Ada", "lifecyclestage": "customer",
 "favorite_roast": "dark", "subscription_bags": "3"}}
"""

func decode<Record: CRMRecord>(_ type: Record.Type, _ json: String) throws -> Record {
    try JSONDecoder().decode(Record.self, from: Data(json.utf8))
}

var failures = 0

/// Whether two JSON texts hold the same values (key order aside).
func sameJSON(_ a: Data, _ b: Data) throws -> Bool {
    try JSONSerialization.jsonObject(with: a) as? NSDictionary == JSONSerialization.jsonObject(with: b) as? NSDictionary
}
@MainActor
func check(_ condition: Bool, _ what: String) {
    print((condition ? "ok      " : "FAILED  ") + what)
    if !condition { failures += 1 }
}

do {
    let note = try decode(TastingNote.self, noteJSON)
    check(note.title == "Guji, second crack +30s", "tasting note title decoded")
    check(note.cuppedOn?.description == "2024-11-21", "calendar date without time-zone shifts")
    check(note.priceOffered == CRMNumber("9.80") && note.priceOffered?.text == "9.80", "currency exact, kept as written")
    check(try sameJSON(JSONEncoder().encode(note), Data(noteJSON.utf8)), "encodes back to what it read")
    var cleared = note
    cleared.clear(.score)
    check(cleared.properties.entry("score") == .empty && cleared.score == nil, "clear(.score) sends \"\" to HubSpot")
    check(note.aroma == [.floral, .fruity], "multi-select as a set of enum values")
    check(note.additionalProperties["portal_only_field"] == "kept", "unknown properties kept")
    check(note.validate().isEmpty, "a good note validates")

    let bad = try decode(TastingNote.self, badNoteJSON)
    let issues = bad.validate()
    for issue in issues { print("        issue: \(issue)") }
    check(issues.map(\.property) == ["title", "cupped_on", "score", "aroma"], "a bad note reports every issue")

    let contact = try decode(Contact.self, contactJSON)
    check(contact.email == "ada@example.com" && contact.lifecyclestage == .customer, "standard Contact from CRMObjects")
    check(contact.favoriteRoast == .dark && contact.subscriptionBags == 3, "the roastery's contact properties")
    check(contact.validateContactsRoastery().isEmpty, "extension properties validate")

    let matrix = Registry.associations
    check(matrix.allows(from: "tasting_note", to: "contacts", label: "cupper"), "tasting note → contact as cupper")
    check(matrix.cardinality(from: "contacts", to: "tasting_note") == .oneToMany, "a contact cups many notes")
    check(!matrix.allows(from: "tasting_note", to: "products"), "no association to products")
    check(matrix.typeId(from: "contacts", to: "companies", label: "primary") == 1, "HubSpot's primary contact → company is 1")
    check(Registry.shared.object("Tasting notes")?.swiftName == "TastingNote", "registry lookup by plural label")
    check(Registry.shared.recordType("contacts") == Contact.self, "registry knows CRMObjects' types")

    // Typed association labels: constants the compiler checks, with HubSpot's type IDs.
    check(matrix.allows(TastingNote.Association.cupper), "typed label: a tasting note's cupper is a contact")
    check(matrix.typeId(Contact.Association.primary) == 1 && Contact.Association.primary.typeId == 1, "typed label: primary company is type 1")
    var store = AssociationStore(matrix: matrix)
    let (noteReference, cupper) = (RecordReference("tasting_note", "901"), RecordReference("contacts", "501"))
    try store.associate(noteReference, cupper, as: TastingNote.Association.cupper)
    check(store.associated(with: cupper) == [noteReference], "the store takes typed labels")
    do {
        try store.associate(cupper, noteReference, as: TastingNote.Association.cupper)
        check(false, "a label of the wrong direction is refused")
    } catch {
        check(error == .mismatchedType(TastingNote.Association.cupper, from: "contacts", to: "tasting_note"), "a label of the wrong direction is refused")
    }

    // One registry: the app's own objects and types, and CRMObjects' standard ones.
    let types = Set(Registry.shared.recordTypes.map { ObjectIdentifier($0) })
    check(types.contains(ObjectIdentifier(TastingNote.self)) && types.contains(ObjectIdentifier(Contact.self))
          && types.contains(ObjectIdentifier(Deal.self)), "one registry lists the app's types and CRMObjects' types")
    check(Registry.shared.recordTypes.count == CRMObjects.Registry.shared.recordTypes.count + 1, "every standard type once, plus the app's")
    check(Registry.shared.object("contacts")?.property(named: "favorite_roast") != nil, "one registry: contacts with the app's properties")
    check(Registry.shared.schema.objects.count == CRMObjects.Registry.schema.objects.count + 1, "one registry: CRMObjects' objects and the app's")
    check(Registry.shared.recordType("roast_batch") == RoastBatch.self && Registry.shared.object("Tasting notes") != nil,
          "one registry finds CRMObjects' own custom object and the app's")
} catch {
    print("FAILED  \(error)")
    failures += 1
}
print(failures == 0 ? "Roastery example: all checks passed." : "Roastery example: \(failures) checks failed.")
exit(failures == 0 ? 0 : 1)
