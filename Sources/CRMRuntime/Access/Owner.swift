import Foundation

/// A HubSpot owner, as the Owners API returns it (`GET /crm/v3/owners`).
/// Records are assigned to owners by ``id`` (never by ``userId``, which HubSpot rejects for ownership).
public struct Owner: Hashable, Sendable, Codable {
    /// The owner ID that owner properties (`hubspot_owner_id`) hold.
    public var id: OwnerID
    /// The owner's email address.
    public var email: String?
    /// `"PERSON"` for people.
    public var type: String?
    /// The owner's first name.
    public var firstName: String?
    /// The owner's last name.
    public var lastName: String?
    /// The user's ID in settings APIs; `nil` when the owner is archived.
    public var userId: Int?
    /// The user's ID, kept when the owner is archived.
    public var userIdIncludingInactive: Int?
    /// When the owner was created.
    public var createdAt: Date?
    /// When the owner was last changed.
    public var updatedAt: Date?
    /// Deactivated owners keep their ID, and their records keep pointing at it.
    public var archived: Bool
    /// The teams the owner belongs to.
    public var teams: [Team]

    /// A team the owner belongs to; `primary` marks the owner's main team.
    public struct Team: Hashable, Sendable, Codable {
        /// The team's ID.
        public var id: String
        /// The team's name.
        public var name: String?
        /// Whether it is the owner's main team.
        public var primary: Bool

        /// A team with this ID.
        public init(id: String, name: String? = nil, primary: Bool = false) {
            self.id = id
            self.name = name
            self.primary = primary
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            primary = try container.decodeIfPresent(Bool.self, forKey: .primary) ?? false
        }
    }

    /// An owner with these values; `userId` is also the user's ID while inactive.
    public init(id: OwnerID, email: String? = nil, firstName: String? = nil, lastName: String? = nil, userId: Int? = nil,
                archived: Bool = false, teams: [Team] = []) {
        self.id = id
        self.email = email
        self.type = "PERSON"
        self.firstName = firstName
        self.lastName = lastName
        self.userId = userId
        self.userIdIncludingInactive = userId
        self.archived = archived
        self.teams = teams
    }

    private enum CodingKeys: String, CodingKey {
        case id, email, type, firstName, lastName, userId, userIdIncludingInactive, createdAt, updatedAt, archived, teams
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(OwnerID.self, forKey: .id)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        firstName = try container.decodeIfPresent(String.self, forKey: .firstName)
        lastName = try container.decodeIfPresent(String.self, forKey: .lastName)
        userId = try container.decodeIfPresent(Int.self, forKey: .userId)
        userIdIncludingInactive = try container.decodeIfPresent(Int.self, forKey: .userIdIncludingInactive)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt).flatMap(HubSpotValueFormat.datetime)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt).flatMap(HubSpotValueFormat.datetime)
        archived = try container.decodeIfPresent(Bool.self, forKey: .archived) ?? false
        teams = try container.decodeIfPresent([Team].self, forKey: .teams) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(firstName, forKey: .firstName)
        try container.encodeIfPresent(lastName, forKey: .lastName)
        try container.encodeIfPresent(userId, forKey: .userId)
        try container.encodeIfPresent(userIdIncludingInactive, forKey: .userIdIncludingInactive)
        try container.encodeIfPresent(createdAt.map(HubSpotValueFormat.format), forKey: .createdAt)
        try container.encodeIfPresent(updatedAt.map(HubSpotValueFormat.format), forKey: .updatedAt)
        try container.encode(archived, forKey: .archived)
        try container.encode(teams, forKey: .teams)
    }
}

/// A page of `GET /crm/v3/owners`: `{"results": [...], "paging": {"next": {"after": "..."}}}`.
public struct OwnersPage: Hashable, Sendable, Codable {
    /// The owners of this page.
    public var results: [Owner]
    /// Where the next page starts; `nil` on the last page.
    public var paging: Paging?

    /// HubSpot's paging of a list response.
    public struct Paging: Hashable, Sendable, Codable {
        /// The next page, if there is one.
        public var next: Next?

        /// The cursor of the next page.
        public struct Next: Hashable, Sendable, Codable {
            /// The value to send as `after` for the next page.
            public var after: String
            /// The next page's URL, as HubSpot gives it.
            public var link: String?
        }
    }
}
