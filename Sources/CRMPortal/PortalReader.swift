import CRMHubSpot
import CRMModel
import CRMSchemaLoader

/// What a portal holds of what the definitions define, as HubSpot's GET responses.
public struct PortalSnapshot: Sendable {
    /// The responses, ready for ``CRMHubSpot/HubSpotImporter``: the portal's custom objects, the
    /// properties of the standard objects the definitions extend, and the labels of every pair of
    /// objects associated on either side.
    public var sources = HubSpotImportSources()
    /// Property groups the portal has, by object name (for the objects whose definitions create groups).
    public var groups: [String: Set<String>] = [:]
}

/// Reads a portal with the requests `pull` and `plan` need, and nothing else. Sends no write.
public struct PortalReader: Sendable {
    public let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    /// - Parameter includingPortalOptions: also read the standard objects whose enumerations each
    ///   portal defines (deal stages, lifecycle stages, pipelines), for `pull` to write their options.
    public func read(for definitions: Schema, isBuiltIn: (SourceLocation?) -> Bool,
                     includingPortalOptions: Bool = false) async throws(PortalError) -> PortalSnapshot {
        var snapshot = PortalSnapshot()
        let schemasPath = "/crm/v3/schemas"
        let schemas = try await items(HubSpotObjectSchema.self, schemasPath, what: "a schemas response")
        snapshot.sources.schemas.append(.init(file: "GET \(schemasPath)", schemas: schemas))
        var typeIds: [String: String] = [:]
        for schema in schemas where schema.archived != true { if let id = schema.objectTypeId { typeIds[schema.name] = id } }
        for object in definitions.objects where object.kind == .standard
            && (!object.extensionLocations.isEmpty || includingPortalOptions && object.properties.contains { $0.optionSource == .portal }) {
            let path = "/crm/v3/properties/\(object.name)"
            snapshot.sources.properties.append(.init(object: object.name, file: "GET \(path)",
                                                     properties: try await items(HubSpotProperty.self, path, what: "a properties response")))
        }
        for object in definitions.objects where !object.propertyGroups.isEmpty {
            guard let reference = object.kind == .custom ? typeIds[object.name] : object.name else { continue }
            struct Group: Decodable { var name: String }
            let groups = try await items(Group.self, "/crm/v3/properties/\(reference)/groups", what: "a property groups response")
            snapshot.groups[object.name] = Set(groups.map(\.name))
        }
        for (from, to) in pairs(definitions, schemas: schemas, typeIds: typeIds, isBuiltIn: isBuiltIn) {
            let path = "/crm/v4/associations/\(from)/\(to)/labels"
            snapshot.sources.labels.append(.init(from: from, to: to, file: "GET \(path)",
                                                 labels: try await items(HubSpotAssociationLabel.self, path, what: "a labels response")))
        }
        return snapshot
    }

    /// Both directions of every pair, by objectTypeId, associated in the definitions or in the portal,
    /// one end a custom object the portal has; a same-object pair once.
    private func pairs(_ definitions: Schema, schemas: [HubSpotObjectSchema], typeIds: [String: String],
                       isBuiltIn: (SourceLocation?) -> Bool) -> [(String, String)] {
        var found = Set<[String]>()
        func id(_ name: String) -> String? { typeIds[name] ?? definitions.object(named: name).flatMap { $0.kind == .standard ? $0.objectTypeId : nil } }
        for association in definitions.associations where !association.isImplicit && !isBuiltIn(association.location) {
            guard let from = id(association.from), let to = id(association.to), from.hasPrefix("2-") || to.hasPrefix("2-") else { continue }
            found.insert([from, to].sorted())
        }
        for schema in schemas where schema.archived != true {
            for definition in schema.associations ?? [] { found.insert([definition.fromObjectTypeId, definition.toObjectTypeId].sorted()) }
        }
        var result: [(String, String)] = []
        for pair in found.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            result.append((pair[0], pair[1]))
            if pair[0] != pair[1] { result.append((pair[1], pair[0])) }
        }
        return result
    }

    private func items<Item: Decodable>(_ type: Item.Type, _ path: String, what: String) async throws(PortalError) -> [Item] {
        let body = try await client.send("GET", path)
        // Every read here is of a collection, which HubSpot answers `{"results": [...]}`: anything else
        // (a bare `[]`) read as an empty one would plan to create what the portal may well have.
        guard let body, case .array = body["results"] else {
            throw PortalError(method: "GET", path: path, status: 200, message: "the answer is not {\"results\": [...]}, the shape of \(what)")
        }
        do throws(HubSpotResponseError) {
            return try HubSpotResponse.items(type, from: body.data, what: what)
        } catch {
            throw PortalError(method: "GET", path: path, status: 200, message: error.description)
        }
    }
}

/// Runs planned requests in order, stopping at the first that fails.
public struct PlanRunner: Sendable {
    public let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    /// Which request failed, of how many, and why.
    public struct Failure: Error, CustomStringConvertible {
        public var index: Int
        public var count: Int
        public var request: HubSpotRequest
        public var error: PortalError

        public var description: String {
            "request \(index + 1) of \(count) failed (\(request.summary)): \(error)"
        }
    }

    /// Sends `requests`. A custom object created on the way is addressed by the objectTypeId HubSpot
    /// gives it in every later request that names it `p_{name}`.
    /// - Parameter typeIds: the custom objects the portal already has, name → objectTypeId.
    public func run(_ requests: [HubSpotRequest], typeIds: [String: String]) async throws(Failure) {
        var substitution = PortalSubstitution(typeIds: typeIds)
        for (index, planned) in requests.enumerated() {
            let request = substitution.apply(planned)
            let answer: JSONValue?
            do {
                answer = try await client.send(request.method, request.path, body: request.body)
            } catch where request.method == "DELETE" && error.status == 404 {
                // Already gone (the other side of a paired label goes with the first): what was asked for.
                continue
            } catch {
                throw Failure(index: index, count: requests.count, request: request, error: error)
            }
            if request.method == "POST", request.path.hasSuffix("/schemas"), let name = request.body?["name"]?.stringValue {
                // Later requests go to the ID the answer gives: one that is not a custom object's
                // (`2-` and digits) could send them anywhere (`2-1/../../schemas/2-999`), and one given
                // for another name would send them to another object.
                let id = answer?["objectTypeId"]?.stringValue ?? ""
                let answeredName = answer?["name"]?.stringValue ?? name
                guard DefinitionRules.isCustomObjectTypeId(id), answeredName == name else {
                    let problem: String
                    if id.isEmpty {
                        problem = "gives no objectTypeId"
                    } else if answeredName != name {
                        problem = "is about '\(client.endpoint.redactedAnswer(String(answeredName.prefix(60))))'"
                    } else {
                        problem = "gives the objectTypeId '\(client.endpoint.redactedAnswer(String(id.prefix(60))))', not a custom object's (2- and digits)"
                    }
                    throw Failure(index: index, count: requests.count, request: request, error: PortalError(
                        method: request.method, path: request.path, status: nil,
                        message: "the answer to creating '\(name)' \(problem); stopped, because the requests after it would address the object by it"))
                }
                substitution.typeIds[name] = id
            }
        }
    }
}
