import CRMModel

/// What HubSpot gives every custom object without it being declared.
enum ImplicitMembers {
    /// System properties every record has, plus the record owner.
    static let customObjectProperties: [PropertySchema] = [
        PropertySchema(name: "hs_object_id", label: "Record ID", description: "The record's unique ID, set by HubSpot.",
                       type: .number, fieldType: .number, readOnly: true),
        PropertySchema(name: "hs_createdate", label: "Create date", type: .datetime, fieldType: .date, readOnly: true),
        PropertySchema(name: "hs_lastmodifieddate", label: "Last modified date", type: .datetime, fieldType: .date, readOnly: true),
        PropertySchema(name: "hubspot_owner_id", label: "Owner", type: .enumeration, fieldType: .select,
                       referencedObjectType: PropertySchema.ownerReference),
    ]

    /// HubSpot associates custom objects with these objects automatically (schemas guide).
    static let customObjectAssociationTargets = ["calls", "conversations", "emails", "meetings", "notes", "tasks"]

    /// The property that stands for the record ID in dedup keys.
    static let recordIdProperty = "hs_object_id"
}
