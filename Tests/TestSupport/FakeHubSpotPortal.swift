import CRMHubSpot
import CRMSchemaLoader
import Foundation

/// A HubSpot portal in memory that answers the schemas, properties and association-label APIs the
/// way HubSpot does (Documentation/HubSpotShapes.md): ids assigned on creation, HubSpot's own
/// properties on every custom object, a label and its inverse on consecutive type ids, 409 for a
/// duplicate, 400 for a body without what the models require. Tests run export, import, plan and
/// apply against it, directly or behind a loopback HTTP server.
public final class FakeHubSpotPortal: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: JSONValue?

        public init(status: Int, body: JSONValue?) {
            self.status = status
            self.body = body
        }

        static func error(_ status: Int, _ message: String) -> Response {
            Response(status: status, body: .object([("status", "error"), ("message", .string(message)), ("category", "VALIDATION_ERROR")]))
        }
    }

    struct Property {
        var json: [(key: String, value: JSONValue)]
        var name: String { json.first { $0.key == "name" }?.value.stringValue ?? "" }
    }

    struct CustomObject {
        var id: Int
        var name: String
        var labels: JSONValue
        var description: String?
        var primaryDisplayProperty: String?
        var secondaryDisplayProperties: [String]
        var searchableProperties: [String]
        var requiredProperties: [String]
        var properties: [Property]
    }

    struct Label {
        var typeId: Int
        var label: String?
        var name: String?
        var category: String
    }

    public let portalId: Int
    private let lock = NSLock()
    /// Standard objects: name → objectTypeId.
    private let standard: [String: String]
    private var customs: [String: CustomObject] = [:]
    private var standardProperties: [String: [Property]] = [:]
    /// HubSpot's own enumerations of standard objects with this portal's options (its deal stages).
    private var portalEnumerations: [String: [Property]] = [:]
    private var groups: [String: [String]] = [:]
    /// Association types by direction (objectTypeIds): the unlabeled one and the labels.
    private var types: [DirectionKey: [Label]] = [:]
    private var nextObjectId = 41_000_001
    private var nextTypeId = 1_001
    /// Every request that changed something, in order: `POST /crm/v3/schemas`.
    public private(set) var writes: [String] = []

    struct DirectionKey: Hashable {
        var from: String
        var to: String
    }

    /// The automatic associations of every custom object (HubSpot's docs: calls, emails, meetings,
    /// notes, tasks, conversations), as objectTypeIds; conversations have none published.
    static let automaticTargets = ["0-48", "0-49", "0-47", "0-46", "0-27"]

    /// The standard objects crmgen knows, name → objectTypeId.
    public static let standardObjectTypeIds: [String: String] = {
        let objects = SchemaLoader().load([]).schema?.objects ?? []
        return Dictionary(objects.compactMap { object in object.objectTypeId.map { (object.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }()

    public init(portalId: Int = 9_001_234, standardObjects: [String: String] = FakeHubSpotPortal.standardObjectTypeIds) {
        self.portalId = portalId
        standard = standardObjects
    }

    /// Answers one request.
    public func handle(method: String, path: String, body: JSONValue?) -> Response {
        lock.lock()
        defer { lock.unlock() }
        let route = path.split(separator: "?").first.map(String.init) ?? path
        let parts = route.split(separator: "/").map(String.init)
        let response = dispatch(method, parts, body)
        if method != "GET", (200..<300).contains(response.status) { writes.append("\(method) \(route)") }
        return response
    }

    /// The `*` parts of `parts` when they match `pattern` (`crm/v3/schemas/*/associations`), else `nil`.
    private func match(_ parts: [String], _ pattern: String) -> [String]? {
        let expected = pattern.split(separator: "/").map(String.init)
        guard expected.count == parts.count else { return nil }
        var captured: [String] = []
        for (want, part) in zip(expected, parts) {
            if want == "*" { captured.append(part) } else if want != part { return nil }
        }
        return captured
    }

    private func dispatch(_ method: String, _ parts: [String], _ body: JSONValue?) -> Response {
        func route(_ verb: String, _ pattern: String) -> [String]? { method == verb ? match(parts, pattern) : nil }
        if route("GET", "crm/v3/schemas") != nil {
            return Response(status: 200, body: .object([("results", .array(customs.keys.sorted().compactMap { customs[$0].map(schemaJSON) }))]))
        }
        if let found = route("GET", "crm/v3/schemas/*") {
            guard let custom = customObject(found[0]) else { return .error(404, "no object \(found[0])") }
            return Response(status: 200, body: schemaJSON(custom))
        }
        if route("POST", "crm/v3/schemas") != nil { return createSchema(body) }
        if let found = route("PATCH", "crm/v3/schemas/*") { return patchSchema(found[0], body) }
        if let found = route("DELETE", "crm/v3/schemas/*") {
            guard let custom = customObject(found[0]) else { return .error(404, "no object \(found[0])") }
            customs[custom.name] = nil
            return Response(status: 204, body: nil)
        }
        if let found = route("POST", "crm/v3/schemas/*/associations") { return createAssociation(found[0], body) }
        if let found = route("GET", "crm/v3/properties/*") {
            guard let properties = properties(of: found[0]) else { return .error(404, "no object \(found[0])") }
            return Response(status: 200, body: .object([("results", .array(properties.map { .object($0.json) }))]))
        }
        if let found = route("GET", "crm/v3/properties/*/groups") {
            guard let key = customObject(found[0])?.name ?? standardName(found[0]) else { return .error(404, "no object \(found[0])") }
            let names = ["\(key)_information"] + (groups[key] ?? [])
            return Response(status: 200, body: .object([("results", .array(names.enumerated().map { index, name in
                .object([("name", .string(name)), ("label", .string(name)), ("displayOrder", .integer(index)), ("archived", false)])
            }))]))
        }
        if let found = route("POST", "crm/v3/properties/*/groups") { return createGroup(found[0], body) }
        if let found = route("POST", "crm/v3/properties/*") { return createProperty(found[0], body) }
        if let found = route("DELETE", "crm/v3/properties/*/*") { return deleteProperty(found[0], found[1]) }
        if let found = route("PATCH", "crm/v3/properties/*/*") { return patchProperty(found[0], found[1], body) }
        if let found = route("GET", "crm/v4/associations/*/*/labels") {
            guard let from = typeId(found[0]), let to = typeId(found[1]) else { return .error(404, "no such object") }
            return Response(status: 200, body: labelsJSON(types[DirectionKey(from: from, to: to)] ?? []))
        }
        if let found = route("POST", "crm/v4/associations/*/*/labels") { return createLabel(found[0], found[1], body) }
        if let found = route("PUT", "crm/v4/associations/*/*/labels") { return renameLabel(found[0], found[1], body) }
        if let found = route("DELETE", "crm/v4/associations/*/*/labels/*") {
            guard let from = typeId(found[0]), let to = typeId(found[1]), let id = Int(found[2]) else { return .error(404, "no such label") }
            let key = DirectionKey(from: from, to: to)
            guard let found = types[key]?.first(where: { $0.typeId == id && $0.label != nil }) else { return .error(404, "no label \(id)") }
            // A label and its inverse are one definition: deleting either side deletes both.
            let partner = found.name?.hasSuffix("_inverse") == true ? id - 1 : id + 1
            types[key]?.removeAll { $0.typeId == id }
            types[DirectionKey(from: to, to: from)]?.removeAll { $0.typeId == partner && $0.label != nil }
            return Response(status: 204, body: nil)
        }
        return .error(404, "no route \(method) /\(parts.joined(separator: "/"))")
    }

    // MARK: Objects

    private func customObject(_ reference: String) -> CustomObject? {
        if let custom = customs[reference] { return custom }
        if reference.hasPrefix("p_") { return customs[String(reference.dropFirst(2))] }
        if reference.hasPrefix("p\(portalId)_") { return customs[String(reference.dropFirst("p\(portalId)_".count))] }
        if reference.hasPrefix("2-") { return customs.values.first { "2-\($0.id)" == reference } }
        return nil
    }

    private func typeId(_ reference: String) -> String? {
        if let custom = customObject(reference) { return "2-\(custom.id)" }
        if let id = standard[reference] { return id }
        return standard.values.contains(reference) ? reference : nil
    }

    private func objectName(_ typeId: String) -> String? {
        if let custom = customs.values.first(where: { "2-\($0.id)" == typeId }) { return custom.name }
        return standard.first { $0.value == typeId }?.key
    }

    private func schemaJSON(_ object: CustomObject) -> JSONValue {
        let typeId = "2-\(object.id)"
        var associations: [JSONValue] = []
        for (key, labels) in types.sorted(by: { ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to) }) where key.from == typeId {
            guard let unlabeled = labels.first(where: { $0.label == nil }) else { continue }
            let target = objectName(key.to) ?? key.to
            associations.append(.object([("id", .string(String(unlabeled.typeId))), ("fromObjectTypeId", .string(typeId)),
                                         ("toObjectTypeId", .string(key.to)), ("name", .string("\(object.name)_to_\(target)"))]))
        }
        var pairs: [(key: String, value: JSONValue)] = [
            ("labels", object.labels),
            ("requiredProperties", .array(object.requiredProperties.map(JSONValue.string))),
            ("searchableProperties", .array(object.searchableProperties.map(JSONValue.string))),
        ]
        if let primary = object.primaryDisplayProperty { pairs.append(("primaryDisplayProperty", .string(primary))) }
        pairs.append(("secondaryDisplayProperties", .array(object.secondaryDisplayProperties.map(JSONValue.string))))
        pairs.append(("description", .string(object.description ?? "")))
        pairs += [("archived", false), ("restorable", true), ("metaType", "PORTAL_SPECIFIC"), ("id", .string(String(object.id))),
                  ("fullyQualifiedName", .string("p\(portalId)_\(object.name)")), ("createdAt", "2026-11-30T06:00:00.000Z"),
                  ("updatedAt", "2026-11-30T06:00:00.000Z"), ("createdByUserId", 7_001_001), ("updatedByUserId", 7_001_001),
                  ("objectTypeId", .string(typeId)),
                  ("properties", .array((Self.hubSpotDefined(object.name) + object.properties).map { .object($0.json) })),
                  ("associations", .array(associations)), ("name", .string(object.name))]
        return .object(pairs)
    }

    /// HubSpot's own properties of every custom object.
    static func hubSpotDefined(_ object: String) -> [Property] {
        let own: [(name: String, label: String, type: String, fieldType: String)] = [
            ("hs_object_id", "Record ID", "number", "number"), ("hs_createdate", "Create date", "datetime", "date"),
            ("hs_lastmodifieddate", "Last modified date", "datetime", "date"), ("hubspot_owner_id", "Owner", "enumeration", "select"),
        ]
        return own.map { property in
            let isOwner = property.name == "hubspot_owner_id"
            let metadata: JSONValue = .object([("archivable", false), ("readOnlyDefinition", true), ("readOnlyValue", .bool(!isOwner))])
            var json: [(key: String, value: JSONValue)] = []
            json.append(("name", .string(property.name)))
            json.append(("label", .string(property.label)))
            json.append(("type", .string(property.type)))
            json.append(("fieldType", .string(property.fieldType)))
            json.append(("description", ""))
            json.append(("groupName", .string("\(object)_information")))
            json.append(("options", .array([])))
            json.append(("displayOrder", -1))
            json.append(("calculated", false))
            json.append(("externalOptions", .bool(isOwner)))
            json.append(("hasUniqueValue", .bool(property.name == "hs_object_id")))
            json.append(("hidden", false))
            json.append(("hubspotDefined", true))
            json.append(("modificationMetadata", metadata))
            json.append(("formField", false))
            if isOwner { json.append(("referencedObjectType", "OWNER")) }
            return Property(json: json)
        }
    }

    private func createSchema(_ body: JSONValue?) -> Response {
        guard let body, let name = body["name"]?.stringValue, let labels = body["labels"], case .array(let properties)? = body["properties"],
              case .array(let required)? = body["requiredProperties"], case .array? = body["associatedObjects"] else {
            return .error(400, "an ObjectSchemaEgg needs name, labels, properties, requiredProperties and associatedObjects")
        }
        if customs[name] != nil { return .error(409, "an object named \(name) exists") }
        var object = CustomObject(
            id: nextObjectId, name: name, labels: labels, description: body["description"]?.stringValue,
            primaryDisplayProperty: body["primaryDisplayProperty"]?.stringValue,
            secondaryDisplayProperties: strings(body["secondaryDisplayProperties"]),
            searchableProperties: strings(body["searchableProperties"]),
            requiredProperties: required.compactMap(\.stringValue), properties: [])
        nextObjectId += 1
        for property in properties {
            guard let stored = storedProperty(property, defaultGroup: "\(name)_information", requireGroup: false) else {
                return .error(400, "a property needs name, label, type and fieldType")
            }
            object.properties.append(stored)
        }
        customs[name] = object
        for target in Self.automaticTargets { addUnlabeled(from: "2-\(object.id)", to: target) }
        return Response(status: 201, body: schemaJSON(object))
    }

    private func patchSchema(_ reference: String, _ body: JSONValue?) -> Response {
        guard var object = customObject(reference) else { return .error(404, "no object \(reference)") }
        if let labels = body?["labels"] { object.labels = labels }
        if let description = body?["description"]?.stringValue { object.description = description }
        if let primary = body?["primaryDisplayProperty"]?.stringValue { object.primaryDisplayProperty = primary }
        if body?["secondaryDisplayProperties"] != nil { object.secondaryDisplayProperties = strings(body?["secondaryDisplayProperties"]) }
        if body?["searchableProperties"] != nil { object.searchableProperties = strings(body?["searchableProperties"]) }
        if body?["requiredProperties"] != nil { object.requiredProperties = strings(body?["requiredProperties"]) }
        customs[object.name] = object
        return Response(status: 200, body: schemaJSON(object))
    }

    private func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap(\.stringValue)
    }

    // MARK: Properties

    private func properties(of reference: String) -> [Property]? {
        if let custom = customObject(reference) { return Self.hubSpotDefined(custom.name) + custom.properties }
        guard let name = standardName(reference) else { return nil }
        return Self.standardHubSpotDefined + (portalEnumerations[name] ?? []) + (standardProperties[name] ?? [])
    }

    private func standardName(_ reference: String) -> String? {
        standard[reference] != nil ? reference : standard.first { $0.value == reference }?.key
    }

    /// A few of HubSpot's own properties of a standard object, for the shape of real responses.
    static let standardHubSpotDefined = [Property(json: [
        ("name", "hs_object_id"), ("label", "Record ID"), ("type", "number"), ("fieldType", "number"), ("description", ""),
        ("groupName", "default"), ("options", .array([])), ("displayOrder", -1), ("hubspotDefined", true),
    ])]

    private func storedProperty(_ body: JSONValue, defaultGroup: String?, requireGroup: Bool) -> Property? {
        guard let name = body["name"]?.stringValue, let label = body["label"]?.stringValue, let type = body["type"]?.stringValue,
              let fieldType = body["fieldType"]?.stringValue else { return nil }
        if requireGroup, body["groupName"] == nil { return nil }
        var options: [JSONValue] = []
        if case .array(let given)? = body["options"] {
            options = given.enumerated().map { index, option in
                .object([("label", option["label"] ?? ""), ("value", option["value"] ?? ""), ("displayOrder", option["displayOrder"] ?? .integer(index)),
                         ("hidden", option["hidden"] ?? false)] + (option["description"].map { [("description", $0)] } ?? []))
            }
        }
        if type == "bool", options.isEmpty {
            options = [.object([("label", "Yes"), ("value", "true"), ("displayOrder", 0), ("hidden", false)]),
                       .object([("label", "No"), ("value", "false"), ("displayOrder", 1), ("hidden", false)])]
        }
        var json: [(key: String, value: JSONValue)] = [
            ("updatedAt", "2026-11-30T06:00:00.000Z"), ("createdAt", "2026-11-30T06:00:00.000Z"), ("name", .string(name)), ("label", .string(label)),
            ("type", .string(type)), ("fieldType", .string(fieldType)), ("description", body["description"] ?? ""),
            ("groupName", body["groupName"] ?? .string(defaultGroup ?? "default")), ("options", .array(options)),
        ]
        if let reference = body["referencedObjectType"] { json.append(("referencedObjectType", reference)) }
        let formula = body["calculationFormula"]
        json += [("displayOrder", body["displayOrder"] ?? -1), ("calculated", .bool(formula != nil)),
                 ("externalOptions", body["externalOptions"] ?? false), ("archived", false), ("hasUniqueValue", body["hasUniqueValue"] ?? false),
                 ("hidden", body["hidden"] ?? false), ("hubspotDefined", false)]
        if let hint = body["numberDisplayHint"] { json.append(("numberDisplayHint", hint)) }
        json.append(("modificationMetadata", .object([("archivable", true), ("readOnlyDefinition", false), ("readOnlyValue", .bool(formula != nil))])))
        json.append(("formField", true))
        if let formula { json.append(("calculationFormula", formula)) }
        return Property(json: json)
    }

    private func createProperty(_ reference: String, _ body: JSONValue?) -> Response {
        guard let body, let stored = storedProperty(body, defaultGroup: nil, requireGroup: true) else {
            return .error(400, "a PropertyCreate needs name, label, type, fieldType and groupName")
        }
        if var custom = customObject(reference) {
            if custom.properties.contains(where: { $0.name == stored.name }) { return .error(409, "property \(stored.name) exists") }
            custom.properties.append(stored)
            customs[custom.name] = custom
        } else if let name = standardName(reference) {
            if standardProperties[name, default: []].contains(where: { $0.name == stored.name }) { return .error(409, "property \(stored.name) exists") }
            standardProperties[name, default: []].append(stored)
        } else {
            return .error(404, "no object \(reference)")
        }
        return Response(status: 201, body: .object(stored.json))
    }

    private func deleteProperty(_ reference: String, _ name: String) -> Response {
        if var custom = customObject(reference), let index = custom.properties.firstIndex(where: { $0.name == name }) {
            custom.properties.remove(at: index)
            customs[custom.name] = custom
            return Response(status: 204, body: nil)
        }
        if let object = standardName(reference), let index = standardProperties[object]?.firstIndex(where: { $0.name == name }) {
            standardProperties[object]?.remove(at: index)
            return Response(status: 204, body: nil)
        }
        return .error(404, "no property \(name)")
    }

    private func patchProperty(_ reference: String, _ name: String, _ body: JSONValue?) -> Response {
        func patched(_ property: Property) -> Property {
            var json = property.json
            if case .object(let changes)? = body {
                for change in changes {
                    if let index = json.firstIndex(where: { $0.key == change.key }) { json[index].value = change.value } else { json.append(change) }
                }
            }
            return Property(json: json)
        }
        if var custom = customObject(reference), let index = custom.properties.firstIndex(where: { $0.name == name }) {
            custom.properties[index] = patched(custom.properties[index])
            customs[custom.name] = custom
            return Response(status: 200, body: .object(custom.properties[index].json))
        }
        if let object = standardName(reference), let index = standardProperties[object]?.firstIndex(where: { $0.name == name }),
           let property = standardProperties[object]?[index] {
            standardProperties[object]?[index] = patched(property)
            return Response(status: 200, body: .object(patched(property).json))
        }
        return .error(404, "no property \(name)")
    }

    private func createGroup(_ reference: String, _ body: JSONValue?) -> Response {
        guard let name = body?["name"]?.stringValue, body?["label"] != nil else { return .error(400, "a group needs name and label") }
        guard let key = customObject(reference)?.name ?? standardName(reference) else { return .error(404, "no object \(reference)") }
        if groups[key, default: []].contains(name) { return .error(409, "group \(name) exists") }
        groups[key, default: []].append(name)
        return Response(status: 201, body: body)
    }

    // MARK: Associations

    private func addUnlabeled(from: String, to: String) {
        guard !(types[DirectionKey(from: from, to: to)] ?? []).contains(where: { $0.label == nil }) else { return }
        types[DirectionKey(from: from, to: to), default: []].append(Label(typeId: nextTypeId, label: nil, name: nil, category: "USER_DEFINED"))
        nextTypeId += 1
    }

    private func createAssociation(_ reference: String, _ body: JSONValue?) -> Response {
        guard let fromText = body?["fromObjectTypeId"]?.stringValue, let toText = body?["toObjectTypeId"]?.stringValue else {
            return .error(400, "an AssociationDefinitionEgg needs fromObjectTypeId and toObjectTypeId")
        }
        guard customObject(reference) != nil, let from = typeId(fromText), let to = typeId(toText) else { return .error(404, "no such object") }
        if (types[DirectionKey(from: from, to: to)] ?? []).contains(where: { $0.label == nil }) { return .error(409, "the association exists") }
        addUnlabeled(from: from, to: to)
        if from != to { addUnlabeled(from: to, to: from) }
        let id = types[DirectionKey(from: from, to: to)]?.first { $0.label == nil }?.typeId ?? 0
        return Response(status: 201, body: .object([("id", .string(String(id))), ("fromObjectTypeId", .string(from)), ("toObjectTypeId", .string(to)),
                                                    ("name", body?["name"] ?? .null)]))
    }

    private func createLabel(_ fromReference: String, _ toReference: String, _ body: JSONValue?) -> Response {
        guard let label = body?["label"]?.stringValue, let name = body?["name"]?.stringValue else {
            return .error(400, "a label needs label and name")
        }
        guard let from = typeId(fromReference), let to = typeId(toReference) else { return .error(404, "no such object") }
        if (types[DirectionKey(from: from, to: to)] ?? []).contains(where: { $0.name == name }) { return .error(409, "label \(name) exists") }
        types[DirectionKey(from: from, to: to), default: []].append(Label(typeId: nextTypeId, label: label, name: name, category: "USER_DEFINED"))
        types[DirectionKey(from: to, to: from), default: []].append(Label(typeId: nextTypeId + 1, label: body?["inverseLabel"]?.stringValue ?? label,
                                                                           name: name + "_inverse", category: "USER_DEFINED"))
        nextTypeId += 2
        return Response(status: 200, body: labelsJSON(types[DirectionKey(from: from, to: to)] ?? []))
    }

    /// PUT: a new label (and inverse label) for an existing pair of type ids.
    private func renameLabel(_ fromReference: String, _ toReference: String, _ body: JSONValue?) -> Response {
        guard case .integer(let id)? = body?["associationTypeId"], let label = body?["label"]?.stringValue else {
            return .error(400, "a label update needs associationTypeId and label")
        }
        guard let from = typeId(fromReference), let to = typeId(toReference),
              let index = types[DirectionKey(from: from, to: to)]?.firstIndex(where: { $0.typeId == id && $0.label != nil }) else {
            return .error(404, "no label \(id)")
        }
        types[DirectionKey(from: from, to: to)]?[index].label = label
        if let inverse = body?["inverseLabel"]?.stringValue,
           let other = types[DirectionKey(from: to, to: from)]?.firstIndex(where: { $0.typeId == id + 1 && $0.label != nil }) {
            types[DirectionKey(from: to, to: from)]?[other].label = inverse
        }
        return Response(status: 204, body: nil)
    }

    private func labelsJSON(_ labels: [Label]) -> JSONValue {
        .object([("results", .array(labels.sorted { $0.typeId < $1.typeId }.map { label in
            .object([("category", .string(label.category)), ("typeId", .integer(label.typeId)), ("label", label.label.map(JSONValue.string) ?? .null)])
        }))])
    }

    /// Gives one of HubSpot's own enumerations of a standard object this portal's options, as a
    /// portal's admin does in HubSpot's settings (pipelines and stages, lifecycle stages).
    public func setPortalOptions(object: String, property: String, label: String, fieldType: String, options: [(value: String, label: String)]) {
        lock.lock()
        defer { lock.unlock() }
        let json: [(key: String, value: JSONValue)] = [
            ("name", .string(property)), ("label", .string(label)), ("type", "enumeration"), ("fieldType", .string(fieldType)),
            ("description", ""), ("groupName", "dealinformation"),
            ("options", .array(options.enumerated().map { index, option in
                .object([("label", .string(option.label)), ("value", .string(option.value)), ("displayOrder", .integer(index)), ("hidden", false)])
            })),
            ("displayOrder", -1), ("calculated", false), ("externalOptions", false), ("hasUniqueValue", false), ("hidden", false),
            ("hubspotDefined", true), ("formField", true),
        ]
        portalEnumerations[object, default: []].removeAll { $0.name == property }
        portalEnumerations[object, default: []].append(Property(json: json))
    }

    /// The objects a test reads back: every custom object's name, objectTypeId and `p{portal}_` name.
    public var customObjectTypeIds: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return customs.mapValues { "2-\($0.id)" }
    }
}
