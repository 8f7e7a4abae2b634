import CRMRuntime
import Foundation
import Testing

@Suite("Record-level access")
struct AccessPolicyTests {
    // Teams: roasting (Ada, Grace), sales (Linus); Ken is archived but still listed in roasting.
    static let ownersJSON = """
    {"results": [
      {"id": "1", "email": "ada@example.com", "type": "PERSON", "firstName": "Ada", "lastName": "L", "userId": 11,
       "userIdIncludingInactive": 11, "createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-01-01T00:00:00.000Z",
       "archived": false, "teams": [{"id": "t-roast", "name": "Roasting", "primary": true}]},
      {"id": "2", "email": "grace@example.com", "firstName": "Grace", "lastName": "", "userId": 12, "archived": false,
       "teams": [{"id": "t-roast", "name": "Roasting", "primary": false}]},
      {"id": "3", "email": "linus@example.com", "firstName": "Linus", "userId": 13, "archived": false,
       "teams": [{"id": "t-sales", "name": "Sales"}]},
      {"id": "4", "email": "ken@example.com", "firstName": "Ken", "userId": null, "archived": true,
       "teams": [{"id": "t-roast", "name": "Roasting"}]}
    ], "paging": {"next": {"after": "4", "link": "https://api.hubapi.com/crm/v3/owners?after=4"}}}
    """

    static let policy: AccessPolicy = {
        let page = try! JSONDecoder().decode(OwnersPage.self, from: Data(ownersJSON.utf8))
        return AccessPolicy(owners: page.results)
    }()

    static func user(_ owner: OwnerID?, _ level: AccessLevel, unassigned: Bool = false, object: String = "deals") -> CRMUser {
        CRMUser(ownerId: owner, permissions: [object: ObjectPermissions(view: level, edit: level, delete: .none, communicate: level, includesUnassigned: unassigned)])
    }

    static func deal(owners: [OwnerID]) -> RecordOwnership { RecordOwnership(object: "deals", owners: Set(owners)) }

    @Test("the Owners API page decodes, archived owners included")
    func ownersDecode() throws {
        let page = try JSONDecoder().decode(OwnersPage.self, from: Data(Self.ownersJSON.utf8))
        #expect(page.results.count == 4)
        #expect(page.results[0].teams.first == Owner.Team(id: "t-roast", name: "Roasting", primary: true))
        #expect(page.results[3].archived && page.results[3].userId == nil)
        #expect(page.paging?.next?.after == "4")
    }

    @Test("owned only: own records yes, another owner's no")
    func ownedOnly() {
        let ada = Self.user("1", .owned)
        #expect(Self.policy.canView(ada, Self.deal(owners: ["1"])))
        #expect(!Self.policy.canView(ada, Self.deal(owners: ["2"])))
        #expect(Self.policy.canView(ada, Self.deal(owners: ["2", "1"])), "one of several owners is enough")
    }

    @Test("team: teammates' records yes, other teams' no")
    func team() {
        let ada = Self.user("1", .team)
        #expect(Self.policy.canView(ada, Self.deal(owners: ["2"])))
        #expect(!Self.policy.canView(ada, Self.deal(owners: ["3"])))
        let linus = Self.user("3", .team)
        #expect(!Self.policy.canView(linus, Self.deal(owners: ["1"])))
    }

    @Test("unassigned records follow the option")
    func unassigned() {
        #expect(!Self.policy.canView(Self.user("1", .owned), Self.deal(owners: [])))
        #expect(Self.policy.canView(Self.user("1", .owned, unassigned: true), Self.deal(owners: [])))
        #expect(!Self.policy.canView(Self.user("1", .team), Self.deal(owners: [])))
        #expect(Self.policy.canView(Self.user("1", .team, unassigned: true), Self.deal(owners: [])))
    }

    @Test("no permission set, none, or an unknown owner: nothing")
    func denials() {
        let noSet = CRMUser(ownerId: "1", permissions: [:])
        #expect(!Self.policy.canView(noSet, Self.deal(owners: ["1"])))
        #expect(!Self.policy.canView(Self.user("1", .none), Self.deal(owners: ["1"])))
        #expect(!Self.policy.canView(Self.user(nil, .owned), Self.deal(owners: ["1"])), "a user who is no owner owns nothing")
        #expect(!Self.policy.canView(Self.user("99", .team), Self.deal(owners: ["1"])), "an owner unknown to the Owners API has no team")
        #expect(!Self.policy.canView(Self.user("1", .everything, object: "tickets"), Self.deal(owners: ["1"])), "permissions are per object")
        #expect(!Self.policy.canDelete(Self.user("1", .everything), Self.deal(owners: ["1"])), "delete is its own permission")
    }

    @Test("an archived owner's records stay theirs: not unassigned, visible to their team")
    func archivedOwner() {
        let record = Self.deal(owners: ["4"])
        #expect(!Self.policy.canView(Self.user("1", .owned, unassigned: true), record))
        #expect(Self.policy.canView(Self.user("1", .team), record))
        #expect(!Self.policy.canView(Self.user("3", .team), record))
    }

    @Test("everything, and communicate only on contacts and companies")
    func everythingAndCommunicate() {
        #expect(Self.policy.canEdit(Self.user(nil, .everything), Self.deal(owners: ["3"])))
        #expect(!Self.policy.canCommunicate(Self.user("1", .everything), Self.deal(owners: ["1"])))
        let contacts = Self.user("1", .owned, object: "contacts")
        #expect(Self.policy.canCommunicate(contacts, RecordOwnership(object: "contacts", owners: ["1"])))
        #expect(!Self.policy.canCommunicate(contacts, RecordOwnership(object: "contacts", owners: ["3"])))
    }

    @Test("the filter keeps only visible records, and reads owners from several owner properties")
    func filter() {
        let object = ObjectSchema(name: "roast_batch", kind: .custom, labels: ObjectLabels(singular: "R", plural: "Rs"),
                                  swiftName: "RoastBatch", category: .custom, owners: ["hubspot_owner_id", "head_roaster_id"])
        let records = [
            RecordEnvelope(id: "a", properties: ["hubspot_owner_id": "1"]),
            RecordEnvelope(id: "b", properties: ["hubspot_owner_id": "3", "head_roaster_id": "2"]),
            RecordEnvelope(id: "c", properties: ["hubspot_owner_id": "3"]),
            RecordEnvelope(id: "d", properties: [:]),
        ]
        let grace = CRMUser(ownerId: "2", permissions: ["roast_batch": ObjectPermissions(view: .owned)])
        let visible = Self.policy.visible(to: grace, in: records) { RecordOwnership($0, of: object) }
        #expect(visible.map(\.id) == ["b"])
    }
}
