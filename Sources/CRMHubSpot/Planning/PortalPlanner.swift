import CRMModel

/// The requests that bring a portal to the definitions: creates and safe updates, and, apart, the
/// destructive ones (deletes, type changes, removed options), which run only when asked for.
public struct PortalPlan: Sendable {
    public var requests: [HubSpotRequest] = []
    public var destructive: [HubSpotRequest] = []
    /// What the plan cannot do (a unique flag changed, a cardinality), one line each.
    public var notes: [String] = []

    public var isEmpty: Bool { requests.isEmpty && destructive.isEmpty }
}

/// Compares the definitions with what a portal holds and plans the requests between them. Pure:
/// the portal's state comes in as a ``CRMModel/Schema`` read from its responses (``HubSpotImporter``),
/// with its objectTypeIds and association type ids.
///
/// Objects the portal lacks are created as `export hubspot` creates them. Objects it has are updated
/// property by property; HubSpot's own properties are never planned. Custom objects the portal has
/// and the definitions do not, their properties, associations and labels, are planned for deletion
/// — destructive, like a type change or a removed option.
public struct PortalPlanner: Sendable {
    public var isBuiltIn: @Sendable (SourceLocation?) -> Bool

    public init(isBuiltIn: @escaping @Sendable (SourceLocation?) -> Bool) {
        self.isBuiltIn = isBuiltIn
    }

    /// - Parameters:
    ///   - desired: the definitions.
    ///   - current: the portal, as imported (custom objects with their objectTypeIds; the custom
    ///     properties of the standard objects the definitions extend, as extensions).
    ///   - isPortalProperty: whether a current standard object's property is one of the portal's own
    ///     custom properties (read from the portal), rather than one of HubSpot's.
    ///   - existingGroups: property groups the portal has, by object name.
    public func plan(desired: Schema, current: Schema, isPortalProperty: (PropertySchema) -> Bool,
                     existingGroups: [String: Set<String>]) -> PortalPlan {
        var plan = PortalPlan()
        let wantedCustoms = desired.objects.filter { $0.kind == .custom && !isBuiltIn($0.location) }
        let currentCustoms = Dictionary(current.objects.filter { $0.kind == .custom }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = Set(wantedCustoms.map(\.name)).subtracting(currentCustoms.keys)
        var typeIds: [String: String] = [:]
        for (name, object) in currentCustoms { if let id = object.objectTypeId { typeIds[name] = id } }
        let addressing = PortalAddressing(desired: desired, customTypeIds: typeIds)

        // Objects the portal lacks, with their associations and labels: as export creates them.
        if !missing.isEmpty {
            let export = HubSpotExporter(isBuiltIn: isBuiltIn).export(desired, only: missing)
            plan.requests += export.requests.map(addressing.resolve)
        }

        var patches: [HubSpotRequest] = []
        var creates: [HubSpotRequest] = []
        var groups: [HubSpotRequest] = []
        var deletes: [HubSpotRequest] = []
        for wanted in desired.objects where !missing.contains(wanted.name) {
            let isCustom = wanted.kind == .custom && !isBuiltIn(wanted.location)
            let extensionFiles = Set(wanted.extensionLocations.map(\.file))
            guard isCustom || !extensionFiles.isEmpty, let present = current.object(named: wanted.name) else { continue }
            let path = "/crm/v3/properties/\(addressing.pathName(wanted))"
            if isCustom, let patch = Self.objectPatch(wanted, present) {
                patches.append(HubSpotRequest(method: "PATCH", path: "/crm/v3/schemas/\(addressing.pathName(wanted))", body: patch,
                                              summary: "update \(wanted.name): \(Self.keys(patch))"))
            }
            for group in wanted.propertyGroups where !(existingGroups[wanted.name] ?? []).contains(group.name) {
                groups.append(HubSpotRequest(method: "POST", path: path + "/groups", body: HubSpotBodies.propertyGroup(group),
                                             summary: "create the property group \(group.name) of \(wanted.name)"))
            }
            let managed = wanted.properties.filter { property in
                guard !HubSpotNames.isHubSpotDefined(property.name) else { return false }
                return isCustom ? property.location != nil : extensionFiles.contains(property.location?.file ?? "")
            }
            for property in managed {
                guard let existing = present.property(named: property.name) else {
                    if let body = HubSpotBodies.propertyCreate(property, of: wanted) {
                        creates.append(HubSpotRequest(method: "POST", path: path, body: body,
                                                      summary: "create the property \(property.name) of \(wanted.name)"))
                    } else {
                        plan.notes.append("\(wanted.name).\(property.name): no groupName, which HubSpot requires to create a property of a standard object")
                    }
                    continue
                }
                let change = Self.propertyChange(property, existing, of: wanted)
                if let body = change.update {
                    var summary = "update the property \(property.name) of \(wanted.name): \(Self.keys(body))"
                    let optionChanges = (change.addedOptions.isEmpty ? [] : ["adds " + change.addedOptions.joined(separator: ", ")])
                        + (change.removedOptions.isEmpty ? [] : ["removes " + change.removedOptions.joined(separator: ", ")])
                    if !optionChanges.isEmpty { summary += " (\(optionChanges.joined(separator: "; ")))" }
                    if change.typeChange { summary += " (\(existing.type.rawValue)/\(existing.fieldType.rawValue) → \(property.type.rawValue)/\(property.fieldType.rawValue))" }
                    let request = HubSpotRequest(method: "PATCH", path: "\(path)/\(property.name)", body: body, summary: summary)
                    if change.isDestructive { plan.destructive.append(request) } else { patches.append(request) }
                }
                if property.unique != existing.unique {
                    plan.notes.append("\(wanted.name).\(property.name): HubSpot cannot change whether a property is unique once it exists")
                }
            }
            let managedNames = Set(managed.map(\.name))
            for extra in present.properties where !managedNames.contains(extra.name) && !HubSpotNames.isHubSpotDefined(extra.name)
                && (isCustom ? extra.location != nil : isPortalProperty(extra)) {
                deletes.append(HubSpotRequest(method: "DELETE", path: "\(path)/\(extra.name)", body: nil,
                                              summary: "delete the property \(extra.name) of \(wanted.name)"))
            }
        }
        plan.requests += groups + creates + patches

        let (associationRequests, associationDeletes) = associations(desired: desired, current: current, missing: missing, addressing: addressing)
        plan.requests += associationRequests
        plan.destructive += associationDeletes + deletes
        for (name, object) in currentCustoms.sorted(by: { $0.key < $1.key }) where !wantedCustoms.contains(where: { $0.name == name }) {
            plan.destructive.append(HubSpotRequest(method: "DELETE", path: "/crm/v3/schemas/\(object.objectTypeId ?? "p_\(name)")", body: nil,
                                                   summary: "delete the custom object \(name) (HubSpot needs its records deleted first)"))
        }
        return plan
    }

    // MARK: Objects and properties

    /// The fields of a custom object that differ, as an ObjectTypeDefinitionPatch; `nil` when none do.
    static func objectPatch(_ wanted: ObjectSchema, _ present: ObjectSchema) -> JSONValue? {
        var pairs: [(key: String, value: JSONValue)] = []
        if wanted.labels != present.labels {
            pairs.append(("labels", .object([("singular", .string(wanted.labels.singular)), ("plural", .string(wanted.labels.plural))])))
        }
        if (wanted.description ?? "") != (present.description ?? "") {
            pairs.append(wanted.description.map { ("description", .string($0)) } ?? ("clearDescription", true))
        }
        if let primary = wanted.primaryDisplayProperty, primary != present.primaryDisplayProperty {
            pairs.append(("primaryDisplayProperty", .string(primary)))
        }
        if wanted.secondaryDisplayProperties != present.secondaryDisplayProperties {
            pairs.append(("secondaryDisplayProperties", .array(wanted.secondaryDisplayProperties.map(JSONValue.string))))
        }
        if wanted.searchableProperties != present.searchableProperties {
            pairs.append(("searchableProperties", .array(wanted.searchableProperties.map(JSONValue.string))))
        }
        let required = wanted.requiredProperties.map(\.name).filter { !HubSpotNames.isHubSpotDefined($0) }
        if Set(required) != Set(present.requiredProperties.map(\.name).filter { !HubSpotNames.isHubSpotDefined($0) }) {
            pairs.append(("requiredProperties", .array(required.map(JSONValue.string))))
        }
        return pairs.isEmpty ? nil : .object(pairs)
    }

    /// What differs in a property, as a PropertyUpdate; destructive when it changes the type or field
    /// type, or drops options the portal has (records holding them would lose their value).
    struct PropertyChange {
        var update: JSONValue?
        var typeChange = false
        var addedOptions: [String] = []
        var removedOptions: [String] = []
        var isDestructive: Bool { typeChange || !removedOptions.isEmpty }
    }

    static func propertyChange(_ wanted: PropertySchema, _ present: PropertySchema, of object: ObjectSchema) -> PropertyChange {
        var pairs: [(key: String, value: JSONValue)] = []
        var change = PropertyChange()
        if wanted.type != present.type || wanted.fieldType != present.fieldType {
            pairs.append(("type", .string(wanted.type.rawValue)))
            pairs.append(("fieldType", .string(wanted.fieldType.rawValue)))
            change.typeChange = true
        }
        if wanted.label != present.label { pairs.append(("label", .string(wanted.label))) }
        if (wanted.description ?? "") != (present.description ?? "") { pairs.append(("description", .string(wanted.description ?? ""))) }
        let defaultGroup = HubSpotBodies.defaultGroup(of: object)
        let wantedGroup = wanted.groupName ?? (object.kind == .custom ? defaultGroup : present.groupName)
        if wantedGroup != (present.groupName ?? (object.kind == .custom ? defaultGroup : nil)), let wantedGroup {
            pairs.append(("groupName", .string(wantedGroup)))
        }
        if let order = wanted.displayOrder, order != present.displayOrder { pairs.append(("displayOrder", .integer(order))) }
        if wanted.hidden != present.hidden { pairs.append(("hidden", .bool(wanted.hidden))) }
        if wanted.calculationFormula != present.calculationFormula, let formula = wanted.calculationFormula {
            pairs.append(("calculationFormula", .string(formula)))
        }
        // Options the portal defines are the portal's to change, never the plan's.
        if wanted.type == present.type, (wanted.type == .enumeration || wanted.type == .bool), wanted.optionSource == .definitions,
           !sameOptions(wanted, present) {
            pairs.append(("options", HubSpotBodies.options(wanted) ?? .array([])))
            let kept = Set(wanted.options.map(\.value))
            let had = Set(present.options.map(\.value))
            change.addedOptions = wanted.options.map(\.value).filter { !had.contains($0) }
            if !(wanted.type == .bool && wanted.options.isEmpty) {
                change.removedOptions = present.options.map(\.value).filter { !kept.contains($0) }
            }
        }
        change.update = pairs.isEmpty ? nil : .object(pairs)
        return change
    }

    /// Options equal as HubSpot keeps them: a display order the definitions leave open matches any.
    static func sameOptions(_ wanted: PropertySchema, _ present: PropertySchema) -> Bool {
        guard wanted.options.count == present.options.count else { return false }
        return zip(wanted.options, present.options).allSatisfy { a, b in
            a.value == b.value && a.label == b.label && a.hidden == b.hidden && (a.description ?? "") == (b.description ?? "")
                && (a.displayOrder == nil || a.displayOrder == b.displayOrder)
        }
    }

    static func keys(_ body: JSONValue) -> String {
        guard case .object(let pairs) = body else { return "" }
        return pairs.map(\.key).joined(separator: ", ")
    }

    // MARK: Associations

    /// Associations and labels between objects one of which is a custom object the definitions keep
    /// and the portal has (those of new objects come with their creation).
    private func associations(desired: Schema, current: Schema, missing: Set<String>,
                              addressing: PortalAddressing) -> (requests: [HubSpotRequest], deletes: [HubSpotRequest]) {
        var requests: [HubSpotRequest] = []
        var labelDeletes: [HubSpotRequest] = []
        var associationDeletes: [HubSpotRequest] = []
        func isManaged(_ association: AssociationSchema, in schema: Schema) -> Bool {
            !association.isImplicit && [association.from, association.to].contains { schema.object(named: $0)?.kind == .custom }
        }
        let wanted = desired.associations.filter { isManaged($0, in: desired) && !isBuiltIn($0.location) && !missing.contains($0.from) && !missing.contains($0.to) }
        let present = current.associations.filter { isManaged($0, in: current) }
        func pair(_ association: AssociationSchema) -> Set<String> { [association.from, association.to] }

        for association in wanted {
            guard let from = desired.object(named: association.from), let to = desired.object(named: association.to) else { continue }
            guard let existing = present.first(where: { pair($0) == pair(association) }) else {
                requests.append(HubSpotRequest(
                    method: "POST", path: "/crm/v3/schemas/\(addressing.pathName(from.kind == .custom ? from : to))/associations",
                    body: .object([("fromObjectTypeId", .string(addressing.typeId(from))), ("toObjectTypeId", .string(addressing.typeId(to))),
                                   ("name", .string("\(from.name)_to_\(to.name)"))]),
                    summary: "associate \(from.name) with \(to.name)"))
                requests += association.labels.map { label in
                    HubSpotRequest(method: "POST", path: "/crm/v4/associations/\(addressing.typeId(from))/\(addressing.typeId(to))/labels",
                                   body: HubSpotBodies.labelCreate(label), summary: "create the association label \(label.name) of \(from.name) → \(to.name)")
                }
                continue
            }
            // The portal's association read from the definitions' side.
            let seen = existing.from == association.from ? existing : existing.inverted
            var unmatched = seen.labels
            for label in association.labels {
                guard let index = unmatched.firstIndex(where: { $0.label == label.label }) else {
                    requests.append(HubSpotRequest(method: "POST", path: "/crm/v4/associations/\(addressing.typeId(from))/\(addressing.typeId(to))/labels",
                                                   body: HubSpotBodies.labelCreate(label),
                                                   summary: "create the association label \(label.name) of \(from.name) → \(to.name)"))
                    continue
                }
                let found = unmatched.remove(at: index)
                if found.inverseLabel != label.inverseLabel, let id = found.associationTypeId {
                    var pairs: [(key: String, value: JSONValue)] = [("associationTypeId", .integer(id)), ("label", .string(label.label))]
                    if label.inverseLabel != label.label { pairs.append(("inverseLabel", .string(label.inverseLabel))) }
                    requests.append(HubSpotRequest(method: "PUT", path: "/crm/v4/associations/\(addressing.typeId(from))/\(addressing.typeId(to))/labels",
                                                   body: .object(pairs), summary: "rename the inverse of the association label \(label.name)"))
                }
            }
            for stale in unmatched {
                if let id = stale.associationTypeId {
                    labelDeletes.append(HubSpotRequest(method: "DELETE", path: "/crm/v4/associations/\(addressing.typeId(from))/\(addressing.typeId(to))/labels/\(id)",
                                                       body: nil, summary: "delete the association label \(stale.label) of \(from.name) → \(to.name)"))
                }
                // HubSpot does not say whether deleting one side of a paired label deletes the other:
                // both are planned, and apply counts a DELETE answered 404 as done.
                if let id = stale.inverseAssociationTypeId {
                    labelDeletes.append(HubSpotRequest(method: "DELETE", path: "/crm/v4/associations/\(addressing.typeId(to))/\(addressing.typeId(from))/labels/\(id)",
                                                       body: nil, summary: "delete the association label \(stale.label) of \(to.name) → \(from.name)"))
                }
            }
        }
        for association in present where !wanted.contains(where: { pair($0) == pair(association) }) && !missing.contains(association.from) {
            guard let from = current.object(named: association.from), let id = association.associationTypeId else { continue }
            associationDeletes.append(HubSpotRequest(method: "DELETE", path: "/crm/v3/schemas/\(addressing.pathName(from))/associations/\(id)",
                                                     body: nil, summary: "delete the association of \(association.from) with \(association.to)"))
        }
        return (requests, labelDeletes + associationDeletes)
    }
}

/// Objects in a portal's paths and bodies: a custom object by its objectTypeId when the portal has
/// it, else `p_{name}` (which `apply` replaces with the id HubSpot gives it on creation).
struct PortalAddressing {
    let desired: Schema
    let customTypeIds: [String: String]

    func pathName(_ object: ObjectSchema) -> String {
        object.kind == .custom ? (customTypeIds[object.name] ?? "p_\(object.name)") : object.name
    }

    func typeId(_ object: ObjectSchema) -> String {
        object.kind == .custom ? (customTypeIds[object.name] ?? "p_\(object.name)") : (object.objectTypeId ?? object.name)
    }

    /// A request of `export`, with the objects the portal has named by their ids.
    func resolve(_ request: HubSpotRequest) -> HubSpotRequest {
        PortalSubstitution(typeIds: customTypeIds).apply(request)
    }
}

/// Replaces `p_{name}` of custom objects with their objectTypeIds in a request's path and in the
/// body fields that name objects (`fromObjectTypeId`, `toObjectTypeId`) — never in names or labels.
public struct PortalSubstitution: Sendable {
    /// Custom object name → objectTypeId.
    public var typeIds: [String: String]

    public init(typeIds: [String: String]) { self.typeIds = typeIds }

    public func apply(_ request: HubSpotRequest) -> HubSpotRequest {
        var result = request
        result.path = request.path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            replaced(String(part))
        }.joined(separator: "/")
        result.body = request.body.map(apply)
        return result
    }

    private func apply(_ value: JSONValue) -> JSONValue {
        guard case .object(let pairs) = value else { return value }
        return .object(pairs.map { pair in
            guard ["fromObjectTypeId", "toObjectTypeId"].contains(pair.key), let text = pair.value.stringValue else { return pair }
            return (pair.key, .string(replaced(text)))
        })
    }

    private func replaced(_ text: String) -> String {
        guard text.hasPrefix("p_"), let id = typeIds[String(text.dropFirst(2))] else { return text }
        return id
    }
}
