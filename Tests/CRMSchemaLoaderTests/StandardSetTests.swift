import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// The built-in standard set against HubSpot's published facts (Documentation/HubSpotSources.md,
/// copied into Fixtures/facts/ so that these tests run from a clone of this repository alone).
@Suite("Standard object set")
struct StandardSetTests {
    static let schema: Schema = SchemaLoader().load([]).schema!

    /// Section 1 of the facts: object type IDs ([D] using-object-apis; campaigns from object metadata).
    static let objectTypeIds: [String: String] = [
        "contacts": "0-1", "companies": "0-2", "deals": "0-3", "tickets": "0-5", "products": "0-7",
        "line_items": "0-8", "quotes": "0-14", "communications": "0-18", "feedback_submissions": "0-19",
        "tasks": "0-27", "campaigns": "0-35", "notes": "0-46", "meetings": "0-47", "calls": "0-48",
        "emails": "0-49", "invoices": "0-53", "marketing_events": "0-54", "subscriptions": "0-69",
        "goal_targets": "0-74", "discounts": "0-84", "fees": "0-85", "taxes": "0-86",
        "commerce_payments": "0-101", "users": "0-115", "postal_mail": "0-116", "orders": "0-123",
        "leads": "0-136", "carts": "0-142", "services": "0-162", "courses": "0-410", "listings": "0-420",
        "appointments": "0-421", "projects": "0-970",
    ]

    /// Labeled types of section 2 whose other end is in the standard set, as (from, label as the facts name it) → to.
    static let labeledTargets: [String: String] = [
        "companies|primary contact": "contacts", "companies|primary company→deal": "deals",
        "companies|parent→child company": "companies", "companies|child→parent company": "companies",
        "companies|primary company→ticket": "tickets", "companies|primary company→order": "orders",
        "companies|billing contact": "contacts", "companies|billing company→quote": "quotes",
        "contacts|primary company": "companies", "contacts|signer contact→quote": "quotes",
        "contacts|billing contact→company": "companies", "contacts|billing contact→quote": "quotes",
        "deals|primary company": "companies", "deals|primary deal→lead": "leads",
        "leads|primary contact": "contacts", "leads|primary company": "companies", "leads|primary deal": "deals",
        "orders|primary company": "companies", "projects|primary company": "companies",
        "quotes|signer contact": "contacts", "quotes|billing contact": "contacts", "quotes|billing company": "companies",
        "tickets|primary company": "companies",
    ]

    struct Row {
        var from: String
        var to: String
        var label: String
        var id: Int
    }

    static let rows: [Row] = {
        let url = Fixtures.root.appendingPathComponent("facts/association-type-ids.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(from: cells[0], to: cells[1], label: cells[2], id: Int(cells[3])!)
        }
    }()

    /// The association `from → to`, read from `from`'s side.
    func directed(_ from: String, _ to: String) -> AssociationSchema? {
        Self.schema.associations(of: from).first { $0.to == to }
    }

    @Test("every standard object has HubSpot's objectTypeId")
    func objectTypeIds() {
        for (name, id) in Self.objectTypeIds {
            #expect(Self.schema.object(named: name)?.objectTypeId == id, "\(name)")
        }
        let conversations = Self.schema.object(named: "conversations")
        #expect(conversations != nil && conversations?.objectTypeId == nil, "HubSpot publishes no objectTypeId for conversations")
        #expect(Self.schema.objects.count == Self.objectTypeIds.count + 1)
    }

    @Test("the fact table was read")
    func tableRead() {
        #expect(Self.rows.count > 350)
    }

    @Test("every unlabeled HubSpot-defined type ID between two standard objects, in its direction")
    func unlabeledTypeIds() {
        var checked = 0
        for row in Self.rows where !row.to.isEmpty {
            guard Self.schema.object(named: row.from) != nil, Self.schema.object(named: row.to) != nil else { continue }
            let association = directed(row.from, row.to)
            #expect(association?.associationTypeId == row.id, "\(row.from) → \(row.to) should be \(row.id)")
            checked += 1
        }
        #expect(checked > 300)
    }

    @Test("every labeled HubSpot-defined type ID between two standard objects, in its direction")
    func labeledTypeIds() {
        var checked = 0
        for row in Self.rows where row.to.isEmpty {
            guard let target = Self.labeledTargets["\(row.from)|\(row.label)"] else { continue }
            let labels = directed(row.from, target)?.labels ?? []
            // Both directions of a same-object pair (parent → child, child → parent) read from → from.
            let ids = labels.map(\.associationTypeId) + (row.from == target ? labels.map(\.inverseAssociationTypeId) : [])
            #expect(ids.contains(row.id), "\(row.from) → \(target) '\(row.label)' should be \(row.id)")
            checked += 1
        }
        #expect(checked == Self.labeledTargets.count)
    }

    @Test("no association type ID that the facts do not give for that direction")
    func noInventedIds() {
        let known = Set(Self.rows.map { "\($0.from)|\($0.id)" })
        for object in Self.schema.objects {
            for association in Self.schema.associations(of: object.name) {
                let ids = [association.associationTypeId] + association.labels.map(\.associationTypeId)
                for case let id? in ids {
                    #expect(known.contains("\(object.name)|\(id)"), "\(object.name) → \(association.to) uses \(id), which the facts do not list for \(object.name)")
                }
            }
        }
    }

    @Test("the pairs the issue names")
    func namedPairs() throws {
        let contactsToCompanies = try #require(directed("contacts", "companies"))
        #expect(contactsToCompanies.associationTypeId == 279)
        #expect(contactsToCompanies.inverseAssociationTypeId == 280)
        #expect(contactsToCompanies.labels.first { $0.name == "primary" }?.associationTypeId == 1)
        #expect(contactsToCompanies.labels.first { $0.name == "primary" }?.inverseAssociationTypeId == 2)
        #expect(directed("contacts", "deals")?.associationTypeId == 4)
        #expect(directed("quotes", "deals")?.associationTypeId == 64)
        #expect(directed("line_items", "deals")?.associationTypeId == 20)
        #expect(directed("tickets", "contacts")?.associationTypeId == 16)
        #expect(directed("contacts", "contacts")?.associationTypeId == 449)
        let parentChild = try #require(directed("companies", "companies"))
        #expect(parentChild.associationTypeId == 450)
        #expect(Set(parentChild.labels.compactMap(\.associationTypeId)) == [13])
        #expect(Set(parentChild.labels.compactMap(\.inverseAssociationTypeId)) == [14])
    }

    @Test("a quote always has a deal")
    func quoteRequiresDeal() throws {
        let quoteToDeal = try #require(directed("quotes", "deals"))
        #expect(quoteToDeal.required)
        #expect(quoteToDeal.cardinality == .manyToOne)
    }

    @Test("owners, dedup keys and read-only system properties")
    func ownersAndDedup() throws {
        for name in ["contacts", "companies", "deals", "tickets", "leads", "calls", "emails", "meetings", "notes", "tasks"] {
            #expect(Self.schema.object(named: name)?.owners.contains("hubspot_owner_id") == true, "\(name)")
        }
        let contacts = try #require(Self.schema.object(named: "contacts"))
        #expect(contacts.dedupKeys == ["email"])
        #expect(contacts.property(named: "email")?.format == .email)
        #expect(contacts.property(named: "createdate")?.readOnly == true)
        #expect(contacts.property(named: "lifecyclestage")?.options.map(\.value).contains("customer") == true)
        #expect(contacts.property(named: "hs_lead_status") != nil)
        let companies = try #require(Self.schema.object(named: "companies"))
        #expect(companies.dedupKeys == ["domain"])
        #expect(companies.property(named: "domain")?.format == .domain)
        let deals = try #require(Self.schema.object(named: "deals"))
        #expect(deals.dedupKeys == ["hs_object_id"])
        #expect(deals.property(named: "amount")?.numberDisplayHint == .currency)
        #expect(deals.property(named: "closedate")?.type == .datetime)
        #expect(deals.property(named: "dealstage") != nil && deals.property(named: "pipeline") != nil)
        #expect(Self.schema.object(named: "tickets")?.property(named: "hs_pipeline_stage") != nil)
        #expect(Self.schema.object(named: "line_items")?.property(named: "price")?.numberDisplayHint == .currency)
        #expect(Self.schema.object(named: "calls")?.property(named: "hs_timestamp")?.type == .datetime)
        for object in Self.schema.objects where object.name != "conversations" && object.name != "users" {
            #expect(object.property(named: "hs_object_id")?.readOnly == true, "\(object.name)")
        }
    }

    @Test("objects that a super admin must activate say so")
    func activation() {
        for name in ["appointments", "courses", "listings", "services"] {
            #expect(Self.schema.object(named: name)?.requirements.activation == .superAdmin, "\(name)")
        }
    }

    @Test("every standard object is described and displayable")
    func completeness() {
        for object in Self.schema.objects {
            #expect(object.description?.isEmpty == false, "\(object.name)")
            #expect(object.primaryDisplayProperty != nil, "\(object.name)")
            #expect(!object.properties.isEmpty, "\(object.name)")
        }
    }
}
