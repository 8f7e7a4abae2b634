import CRMModel

/// The requests that create, in a portal with only HubSpot's standard objects, what definitions add:
/// custom objects, property groups, properties of standard objects, associations and labels — in
/// an order that respects their dependencies — and a note for everything HubSpot cannot hold.
public struct HubSpotExport: Sendable {
    public var requests: [HubSpotRequest]
    /// `roast_batch.green_lot_number: pattern is checked by crmgen only`, one per thing left out.
    public var notes: [String]
}

/// Turns a ``CRMModel/Schema`` into HubSpot's create requests. Pure: no I/O.
public struct HubSpotExporter: Sendable {
    /// Whether a definition comes from the built-in standard set (not exported) or from the user's files.
    public var isBuiltIn: @Sendable (SourceLocation?) -> Bool

    public init(isBuiltIn: @escaping @Sendable (SourceLocation?) -> Bool) {
        self.isBuiltIn = isBuiltIn
    }

    /// - Parameter only: export just these objects (and the associations and labels that involve them).
    public func export(_ schema: Schema, only: Set<String>? = nil) -> HubSpotExport {
        var requests: [HubSpotRequest] = []
        var notes: [String] = []
        let wanted = { (name: String) in only?.contains(name) ?? true }
        let custom = schema.objects.filter { $0.kind == .custom && !isBuiltIn($0.location) && wanted($0.name) }
        let addressing = ObjectAddressing(schema: schema)

        // 1. Custom objects, with the properties the schemas API can create with them.
        var patches: [HubSpotRequest] = []
        for object in custom {
            let (egg, patch) = HubSpotBodies.objectSchemaEgg(object)
            requests.append(HubSpotRequest(method: "POST", path: "/crm/v3/schemas", body: egg,
                                           summary: "create the custom object \(object.name)"))
            if let patch {
                patches.append(HubSpotRequest(method: "PATCH", path: "/crm/v3/schemas/\(addressing.pathName(object))", body: patch,
                                              summary: "set the display, searchable and required properties of \(object.name)"))
            }
            notes += crmgenOnlyNotes(object, properties: object.properties.filter { !HubSpotNames.isHubSpotDefined($0.name) })
        }
        // 2. Property groups, then 3. properties created one by one: custom objects' calculated ones and
        // those in groups of their own, and what extension files add to standard objects.
        var propertyRequests: [HubSpotRequest] = []
        for object in schema.objects where wanted(object.name) && (object.kind == .standard || custom.contains { $0.name == object.name }) {
            let isCustom = object.kind == .custom
            let extensionFiles = Set(object.extensionLocations.map(\.file))
            let added = object.properties.filter { property in
                guard !HubSpotNames.isHubSpotDefined(property.name), let file = property.location?.file else { return false }
                return isCustom ? HubSpotBodies.needsPropertiesAPI(property, of: object) : extensionFiles.contains(file)
            }
            let path = addressing.propertiesPath(object)
            for group in object.propertyGroups where isCustom || !added.isEmpty {
                requests.append(HubSpotRequest(method: "POST", path: path + "/groups", body: HubSpotBodies.propertyGroup(group),
                                               summary: "create the property group \(group.name) of \(object.name)"))
            }
            for property in added {
                guard let body = HubSpotBodies.propertyCreate(property, of: object) else {
                    notes.append("\(object.name).\(property.name): no groupName, which HubSpot requires to create a property of a standard object; not exported")
                    continue
                }
                propertyRequests.append(HubSpotRequest(method: "POST", path: path, body: body,
                                                       summary: "create the property \(property.name) of \(object.name)"))
            }
            if !isCustom { notes += crmgenOnlyNotes(nil, properties: added, object: object.name) }
        }
        requests += propertyRequests + patches

        // 4. Associations that involve a custom object, after both ends exist; 5. their labels.
        var labelRequests: [HubSpotRequest] = []
        for association in schema.associations where !association.isImplicit && !isBuiltIn(association.location) {
            guard wanted(association.from) || wanted(association.to) else { continue }
            let ends = [association.from, association.to].compactMap(schema.object(named:))
            guard ends.count == 2 else { continue }
            let involvesCustom = ends.contains { $0.kind == .custom && !isBuiltIn($0.location) }
            if involvesCustom {
                requests.append(HubSpotRequest(
                    method: "POST", path: "/crm/v3/schemas/\(addressing.pathName(ends[0]))/associations",
                    body: .object([("fromObjectTypeId", .string(addressing.typeId(ends[0]))),
                                   ("toObjectTypeId", .string(addressing.typeId(ends[1]))),
                                   ("name", .string("\(association.from)_to_\(association.to)"))]),
                    summary: "associate \(association.from) with \(association.to)"))
            }
            // Labels between standard objects are HubSpot's own; those on a pair with a custom object are
            // created anew in a new portal, whatever type ids another portal gave them.
            for label in association.labels where involvesCustom {
                labelRequests.append(HubSpotRequest(
                    method: "POST", path: "/crm/v4/associations/\(addressing.typeId(ends[0]))/\(addressing.typeId(ends[1]))/labels",
                    body: HubSpotBodies.labelCreate(label),
                    summary: "create the association label \(label.name) of \(association.from) → \(association.to)"))
            }
            if involvesCustom, association.cardinality != .manyToMany {
                notes.append("\(association.from) → \(association.to): cardinality \(association.cardinality.rawValue) is set per association type id, which HubSpot assigns on creation; crmgen checks it, export does not set it")
            }
            if involvesCustom, association.required || association.inverseRequired {
                notes.append("\(association.from) → \(association.to): a required association is checked by crmgen only")
            }
        }
        requests += labelRequests
        return HubSpotExport(requests: requests, notes: notes)
    }

    /// What stays in the definitions because HubSpot has no place for it.
    private func crmgenOnlyNotes(_ object: ObjectSchema?, properties: [PropertySchema], object name: String? = nil) -> [String] {
        let objectName = object?.name ?? name ?? ""
        var notes: [String] = []
        for property in properties {
            let place = "\(objectName).\(property.name)"
            if property.pattern != nil { notes.append("\(place): pattern is checked by crmgen only") }
            if property.minLength != nil || property.maxLength != nil { notes.append("\(place): length limits are checked by crmgen only") }
            if property.minimum != nil || property.maximum != nil { notes.append("\(place): bounds are checked by crmgen only") }
            if let format = property.format { notes.append("\(place): format \(format.rawValue) is checked by crmgen only") }
            if property.readOnly, !property.calculated { notes.append("\(place): read-only is HubSpot's to decide; not set") }
        }
        if let object {
            if object.dedupKeys != [HubSpotNames.recordId], !object.dedupKeys.isEmpty, object.dedupKeys != object.properties.filter(\.unique).map(\.name) {
                notes.append("\(object.name): dedup keys \(object.dedupKeys.joined(separator: ", ")) are used by crmgen only")
            }
            if object.owners.contains(where: { $0 != HubSpotNames.ownerProperty }) {
                notes.append("\(object.name): owner properties \(object.owners.joined(separator: ", ")) grant record access in crmgen only")
            }
        }
        return notes
    }
}

/// HubSpot's own names: properties it defines on every object, and the record ID.
public enum HubSpotNames {
    public static let ownerProperty = "hubspot_owner_id"
    public static let recordId = "hs_object_id"

    /// HubSpot creates these itself (`hs_…`, the owner): never created by crmgen.
    public static func isHubSpotDefined(_ property: String) -> Bool {
        property.hasPrefix("hs_") || property == ownerProperty
    }
}

/// How requests name objects in a new portal: custom objects as `p_{name}` (HubSpot's short form;
/// an objectTypeId from another portal means nothing there), standard ones by name in v3 paths and by
/// objectTypeId in association bodies and v4 paths.
struct ObjectAddressing {
    let schema: Schema

    /// In `/crm/v3/properties/{objectType}` and `/crm/v3/schemas/{objectType}`.
    func pathName(_ object: ObjectSchema) -> String {
        object.kind == .custom ? "p_\(object.name)" : object.name
    }

    func propertiesPath(_ object: ObjectSchema) -> String { "/crm/v3/properties/\(pathName(object))" }

    /// In association bodies and v4 paths.
    func typeId(_ object: ObjectSchema) -> String {
        object.kind == .custom ? "p_\(object.name)" : (object.objectTypeId ?? object.name)
    }
}
