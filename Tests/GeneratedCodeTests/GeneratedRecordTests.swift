import CRMObjects
import Foundation
import Testing

/// Generated code, compiled and run: CRMObjects (generated from Definitions/ by the plugin)
/// and this target's own hostile fixtures (generated into this test module by the plugin).
@Suite("Generated records")
struct GeneratedRecordTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    @Test("a HubSpot record decodes into typed values")
    func decodeRoastBatch() throws {
        let batch = try JSONDecoder().decode(RoastBatch.self, from: Self.fixture("roast_batch.json"))
        #expect(batch.id == "65059681027")
        #expect(batch.batchName == "Ethiopia Guji #12")
        #expect(batch.roastDate == CalendarDate(year: 2024, month: 11, day: 20))
        #expect(batch.qualityScore == 87.5)
        #expect(batch.roastLevel == .mediumDark)
        #expect(batch.greenWeightKg == 12)
        #expect(batch.batchCost == CRMNumber("134.10"))
        #expect(batch.batchCost?.decimalValue == Decimal(string: "134.1"))
        #expect(batch.flavorProfile == [.floral, .fruity])
        #expect(batch.releasedForSale == true)
        #expect(batch.roastedAt == Date(timeIntervalSince1970: 1_732_088_700))
        #expect(batch.headRoasterId == OwnerID("41629779"))
        #expect(batch.originCountry == nil, "an empty string is HubSpot's 'no value'")
        #expect(batch.properties.entry("origin_country") == .empty, "and it is kept")
        #expect(batch.additionalProperties == ["hs_unknown_server_property": "kept as is"])
        #expect(batch.associations?["contacts"]?.results.first?.id == "501")
        #expect(batch.validate() == [])
    }

    @Test("records round-trip byte-stable, unknown properties included")
    func roundTrip() throws {
        let data = try Self.fixture("roast_batch.json")
        let original = try JSONDecoder().decode(RoastBatch.self, from: data)
        let first = try Self.encode(original)
        let decoded = try JSONDecoder().decode(RoastBatch.self, from: first)
        #expect(decoded == original)
        #expect(try Self.encode(decoded) == first)
        let json = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        let sent = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["properties"] as? NSDictionary == sent["properties"] as? NSDictionary, "every value as it was received")
        let properties = try #require(json["properties"] as? [String: String])
        #expect(properties["hs_unknown_server_property"] == "kept as is")
        #expect(properties["batch_cost"] == "134.10")
        #expect(properties["origin_country"] == "")
        #expect(json["createdAt"] as? String == "2024-11-20T20:12:09.236Z")
    }

    @Test("values set in Swift are written as HubSpot writes them")
    func writing() throws {
        var batch = RoastBatch(id: "7")
        batch.roastDate = CalendarDate(year: 2024, month: 11, day: 20)
        batch.flavorProfile = [.floral, .fruity]
        batch.roastedAt = Date(timeIntervalSince1970: 1_732_088_700)
        batch.batchCost = CRMNumber("134.10")
        let properties = batch.properties
        #expect(properties["roast_date"] == "2024-11-20")
        #expect(properties["flavor_profile"] == "fruity;floral", "multi-select values are written in definition order")
        #expect(properties["roasted_at"] == "2024-11-20T07:45:00.000Z")
        #expect(properties["batch_cost"] == "134.10")
    }

    @Test("a bad record yields every issue, malformed values kept and written back")
    func validateBadRecord() throws {
        let batch = try JSONDecoder().decode(RoastBatch.self, from: Self.fixture("roast_batch_bad.json"))
        #expect(batch.roastDate == CalendarDate(year: 2020, month: 2, day: 23), "epoch milliseconds at midnight UTC")
        #expect(batch.validate().map(\.description) == [
            "batch_name: is required but has no value",
            "green_lot_number: 'LOT-7' does not match the pattern ^GL-[0-9]{4,}$",
            "quality_score: 101 is more than the maximum 100",
            "roast_level: 'charcoal' is not one of the property's options",
            "green_weight_kg: 'twelve' is not a number",
            "flavor_profile: 'smoky' is not one of the property's options",
            "released_for_sale: 'yes' is not true or false",
        ])
        let encoded = try #require(try JSONSerialization.jsonObject(with: Self.encode(batch)) as? [String: Any])
        let properties = try #require(encoded["properties"] as? [String: Any])
        #expect(properties["green_weight_kg"] as? String == "twelve")
        #expect(properties["released_for_sale"] as? String == "yes")
        #expect(properties["roast_level"] as? String == "charcoal")
        #expect(properties["tasting_notes"] is NSNull, "null is written back as null")
    }

    @Test("a standard object with a portal's extension properties")
    func contactWithExtension() throws {
        var contact = try JSONDecoder().decode(Contact.self, from: Self.fixture("contact.json"))
        #expect(contact.email == "ada@example.com")
        #expect(contact.lifecyclestage == .customer)
        #expect(contact.hubspotOwnerId == "41629779")
        #expect(contact.favoriteRoast == .dark)
        #expect(contact.loyaltyPoints == 1200)
        #expect(contact.validate() == [])
        #expect(contact.validateContactsRoastery().map(\.description) == ["loyalty_card: 'LC-12' does not match the pattern ^LC-[0-9]{6}$"])
        contact.hsLeadStatusProperty = "portal copy"
        #expect(contact.additionalProperties["hs_lead__status"] == "portal copy")
        #expect(contact.hsLeadStatus == nil, "the standard property keeps its own name")
        contact.favoriteRoast = .light
        contact.loyaltyPoints = nil
        #expect(contact.additionalProperties["favorite_roast"] == "light")
        #expect(contact.additionalProperties["loyalty_points"] == nil)
        #expect(contact.additionalProperties["some_portal_property"] == "x")
    }

    @Test("an enumeration whose options the portal defines takes the portal's own values; others still check theirs")
    func portalDefinedOptions() throws {
        let json = #"{"id":"7","properties":{"dealname":"Wholesale","pipeline":"9001","dealstage":"71234567","dealtype":"barter","hs_object_id":"7"}}"#
        var deal = try JSONDecoder().decode(Deal.self, from: Data(json.utf8))
        #expect(deal.dealstage == .unknown("71234567"))
        #expect(deal.pipeline == .unknown("9001"))
        #expect(!Deal.Dealstage.unknown("x").isKnown && Deal.Dealstage.closedwon.isKnown, "known values stay typed")
        #expect(deal.validate().map(\.description) == ["dealtype: 'barter' is not one of the property's options"],
                "pipeline and dealstage are the portal's; dealtype is crmgen's list")
        deal.dealstage = .closedwon
        #expect(deal.record.properties["dealstage"] == "closedwon")
        let contact = try JSONDecoder().decode(Contact.self, from: Data(#"{"id":"1","properties":{"lifecyclestage":"1234567","hs_lead_status":"COLD_CALLED"}}"#.utf8))
        #expect(contact.validate() == [])
        #expect(Contact.schema.property(named: "lifecyclestage")?.optionSource == .portal)
        #expect(Deal.schema.property(named: "dealtype")?.optionSource == .definitions)
    }

    @Test("hostile names and texts survive generation")
    func hostile() throws {
        let json = #"{"id":"1","properties":{"default":"d","class":"\"ab\\d\"","self":"2.5","protocol":"false","type":"2024-02-29","init":"2024-02-29T12:00:00Z","id":"not the record id","validate":"v","string":"b","crop":"1st-crop;\"\"\";unknown;default;odd"}}"#
        let thing = try JSONDecoder().decode(HostileThing.self, from: Data(json.utf8))
        #expect(thing.default == "d")
        #expect(thing.class == "\"ab\\d\"")
        #expect(thing.`self` == 2.5)
        #expect(thing.protocol == false)
        #expect(thing.type == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(thing.idProperty == "not the record id")
        #expect(thing.id == "1")
        #expect(thing.validateProperty == "v")
        #expect(thing.string == .b)
        #expect(thing.crop == [.firstCrop, .quotes, .unknownValue, .default, .unknown("odd")], "a value that begins with no letter names its case by its label")
        #expect(HostileThing.Crop.knownValues.map(\.rawValue) == ["1st-crop", "default", "self", "\"\"\"", "unknown", "a b", "A_B"])
        #expect(thing.validate().map(\.description) == ["crop: 'odd' is not one of the property's options"])
        let schema = try #require(Registry.shared.object("hostile_thing"))
        #expect(schema.labels.singular == "Hostile \"thing\" \\ \\(x) \"\"\"")
        #expect(schema.description == "Ends with \"\"\"# and \\(injected()) and a backslash \\\n/* not a comment */ */")
        #expect(Registry.associations.labels(from: "contacts", to: "hostile_thing").first?.label == "Nemesis \\(of)")
    }

    @Test("the registry finds objects by name, label, objectTypeId and Swift type")
    func registry() throws {
        #expect(CRMObjects.Registry.shared.object("0-1")?.name == "contacts")
        #expect(CRMObjects.Registry.shared.object("Roast Batches")?.name == "roast_batch")
        #expect(CRMObjects.Registry.shared.object("LineItem")?.name == "line_items")
        #expect(CRMObjects.Registry.shared.recordType("roast_batch") == RoastBatch.self)
        #expect(CRMObjects.Registry.shared.recordTypes.count == 35)
        // This module's registry: the standard set, the extension and the hostile fixture,
        // with CRMObjects' types and its own.
        #expect(Registry.shared.recordType("hostile_thing") == HostileThing.self)
        #expect(Registry.shared.recordType("contacts") == Contact.self)
        #expect(Registry.shared.object("contacts")?.property(named: "favorite_roast") != nil)
        #expect(Contact.schema.property(named: "email")?.unique == true)
    }

    @Test("the association matrix answers with labels, cardinality and type IDs")
    func matrix() {
        let matrix = CRMObjects.Registry.associations
        #expect(matrix.allows(from: "roast_batch", to: "contacts", label: "roaster"))
        #expect(matrix.allows(from: "contacts", to: "roast_batch", label: "roaster"))
        #expect(!matrix.allows(from: "roast_batch", to: "contacts", label: "primary"))
        #expect(matrix.allows(RoastBatch.self, Deal.self))
        #expect(!matrix.allows(from: "roast_batch", to: "products"))
        #expect(matrix.typeId(from: "contacts", to: "companies") == 279)
        #expect(matrix.typeId(from: "contacts", to: "companies", label: "primary") == 1)
        #expect(matrix.typeId(from: "companies", to: "contacts", label: "primary") == 2)
        #expect(matrix.typeId(Quote.self, Deal.self) == 64)
        #expect(matrix.cardinality(from: "quotes", to: "deals") == .manyToOne)
        #expect(matrix.association(from: "quotes", to: "deals")?.required == true)
        #expect(matrix.targets(of: "roast_batch").contains("emails"), "custom objects associate with emails automatically")
    }

    @Test("typed association labels carry HubSpot's type IDs, each read from its type's side")
    func typedLabels() {
        let matrix = CRMObjects.Registry.associations
        #expect(Contact.Association.primary == AssociationType(from: "contacts", to: "companies", label: "primary", typeId: 1))
        #expect(Company.Association.primary == AssociationType(from: "companies", to: "contacts", label: "primary", typeId: 2))
        #expect(Contact.Association.companies.typeId == 279 && Contact.Association.companies.label == nil)
        #expect(Quote.Association.deals.typeId == 64)
        #expect(RoastBatch.Association.roaster.to == "contacts")
        // Every constant of every type is one the matrix knows, with the same type ID.
        let constants: [AssociationType] = [Contact.Association.primary, Company.Association.primary, Contact.Association.companies,
                                            Quote.Association.deals, RoastBatch.Association.roaster, Deal.Association.companies]
        for constant in constants {
            #expect(matrix.allows(constant), "\(constant)")
            #expect(matrix.typeId(constant) == constant.typeId, "\(constant)")
        }
    }
}
