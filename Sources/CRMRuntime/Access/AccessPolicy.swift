/// How much of an object a user may reach for one action, as HubSpot's user permissions say it.
public enum AccessLevel: String, Hashable, Sendable, Codable, CaseIterable {
    /// Every record.
    case everything
    /// Records owned by the user or by a member of one of the user's teams.
    case team
    /// Records owned by the user.
    case owned
    /// No record.
    case none
}

/// A user's permissions on one object. "Unassigned" extends `team` and `owned` to records
/// without an owner, as HubSpot's checkbox does.
public struct ObjectPermissions: Hashable, Sendable, Codable {
    /// Which records the user may see.
    public var view: AccessLevel
    /// Which records the user may change.
    public var edit: AccessLevel
    /// Which records the user may delete.
    public var delete: AccessLevel
    /// Email, call and meet; HubSpot has it for contacts and companies only.
    public var communicate: AccessLevel
    /// Whether `team` and `owned` also reach records without an owner.
    public var includesUnassigned: Bool

    /// Permissions with every level given; each defaults to ``AccessLevel/none``.
    public init(view: AccessLevel = .none, edit: AccessLevel = .none, delete: AccessLevel = .none,
                communicate: AccessLevel = .none, includesUnassigned: Bool = false) {
        self.view = view
        self.edit = edit
        self.delete = delete
        self.communicate = communicate
        self.includesUnassigned = includesUnassigned
    }
}

/// A signed-in user: the owner they act as and their permission set, by object name.
public struct CRMUser: Hashable, Sendable {
    /// The owner record of the user; `nil` for a user who is not an owner (owns nothing).
    public var ownerId: OwnerID?
    /// The user's permissions by object API name; an object not listed is out of reach.
    public var permissions: [String: ObjectPermissions]

    /// A user who owns records as `ownerId` (`nil` for a user who is no owner), with these permissions.
    public init(ownerId: OwnerID?, permissions: [String: ObjectPermissions]) {
        self.ownerId = ownerId
        self.permissions = permissions
    }
}

/// What access control needs to know of a record: its object and the owner IDs in its owner properties.
public struct RecordOwnership: Hashable, Sendable {
    /// The object's API name (`contacts`, `roast_batch`).
    public var object: String
    /// Values of the object's owner properties (`hubspot_owner_id`, …); empty = unassigned.
    public var owners: Set<OwnerID>

    /// A record of `object` owned by `owners` (empty: unassigned).
    public init(object: String, owners: Set<OwnerID>) {
        self.object = object
        self.owners = owners
    }

    /// The owners of a record, read from the object's owner properties.
    public init(_ record: RecordEnvelope, of object: ObjectSchema) {
        self.object = object.name
        owners = Set(object.owners.compactMap { record.properties[$0] }.map(OwnerID.init(rawValue:)))
    }
}

/// Record-level access: who may view, edit, delete (and communicate with) which records.
///
/// Denial is the default: a user without a permission set for the object, an unknown level,
/// a user who is no owner, an owner missing from the Owners API — each denies, except where
/// `includesUnassigned` grants unassigned records. An archived owner still owns their records
/// (HubSpot keeps the ID): owned-only users other than them cannot see those records, team
/// users see them while the archived owner is still listed in one of their teams, and they
/// are never treated as unassigned.
public struct AccessPolicy: Sendable {
    /// What a user may want to do with a record, each governed by its own ``AccessLevel``.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// See, change, delete, or email, call and meet (contacts and companies only).
        case view, edit, delete, communicate
    }

    /// Objects on which HubSpot has the communicate permission.
    public static let communicableObjects: Set<String> = ["contacts", "companies"]

    private let teamsByOwner: [OwnerID: Set<String>]

    /// A policy that knows each owner's teams.
    ///
    /// - Parameter owners: the portal's owners, archived ones included (`GET /crm/v3/owners?archived=true`).
    public init(owners: [Owner]) {
        teamsByOwner = Dictionary(owners.map { ($0.id, Set($0.teams.map(\.id))) }, uniquingKeysWith: { $0.union($1) })
    }

    /// Whether `user` may do `action` with `record`, by the user's level for the record's object and
    /// the record's owners and their teams.
    public func can(_ user: CRMUser, _ action: Action, _ record: RecordOwnership) -> Bool {
        guard let permissions = user.permissions[record.object] else { return false }
        let level: AccessLevel
        switch action {
        case .view: level = permissions.view
        case .edit: level = permissions.edit
        case .delete: level = permissions.delete
        case .communicate:
            guard Self.communicableObjects.contains(record.object) else { return false }
            level = permissions.communicate
        }
        switch level {
        case .none:
            return false
        case .everything:
            return true
        case .owned, .team:
            if record.owners.isEmpty { return permissions.includesUnassigned }
            guard let me = user.ownerId else { return false }
            if record.owners.contains(me) { return true }
            guard level == .team, let myTeams = teamsByOwner[me], !myTeams.isEmpty else { return false }
            return record.owners.contains { owner in !(teamsByOwner[owner] ?? []).isDisjoint(with: myTeams) }
        }
    }

    /// Whether `user` may see `record`.
    public func canView(_ user: CRMUser, _ record: RecordOwnership) -> Bool { can(user, .view, record) }
    /// Whether `user` may change `record`.
    public func canEdit(_ user: CRMUser, _ record: RecordOwnership) -> Bool { can(user, .edit, record) }
    /// Whether `user` may delete `record`.
    public func canDelete(_ user: CRMUser, _ record: RecordOwnership) -> Bool { can(user, .delete, record) }
    /// Whether `user` may email, call or meet the contact or company `record`.
    public func canCommunicate(_ user: CRMUser, _ record: RecordOwnership) -> Bool { can(user, .communicate, record) }

    /// Only the records the user may view, in their order.
    public func visible<Records: Sequence>(to user: CRMUser, in records: Records, ownership: (Records.Element) -> RecordOwnership) -> [Records.Element] {
        records.filter { canView(user, ownership($0)) }
    }
}
