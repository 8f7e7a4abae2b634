import Foundation

// The GET responses `crmgen import hubspot` and `pull` read, as HubSpot returns them
// (Documentation/HubSpotShapes.md, section 3). Keys crmgen does not use are ignored; empty
// strings (`"description": ""`) are no value.

/// A custom object's schema: `GET /crm/v3/schemas` items and `GET /crm/v3/schemas/{objectType}`.
public struct HubSpotObjectSchema: Decodable, Hashable, Sendable {
    public struct Labels: Decodable, Hashable, Sendable {
        public var singular: String?
        public var plural: String?
    }

    public var id: String?
    public var name: String
    public var labels: Labels?
    public var description: String?
    public var objectTypeId: String?
    public var fullyQualifiedName: String?
    public var primaryDisplayProperty: String?
    public var secondaryDisplayProperties: [String]?
    public var searchableProperties: [String]?
    public var requiredProperties: [String]?
    public var properties: [HubSpotProperty]?
    public var associations: [HubSpotAssociationDefinition]?
    public var archived: Bool?
}

/// A property: `GET /crm/v3/properties/{objectType}` items, and the properties of a schema.
public struct HubSpotProperty: Decodable, Hashable, Sendable {
    public struct ModificationMetadata: Decodable, Hashable, Sendable {
        public var readOnlyValue: Bool?
        public var readOnlyDefinition: Bool?
    }

    public var name: String
    public var label: String
    public var type: String
    public var fieldType: String
    public var description: String?
    public var groupName: String?
    public var options: [HubSpotOption]?
    public var displayOrder: Int?
    public var hidden: Bool?
    public var hasUniqueValue: Bool?
    public var calculated: Bool?
    public var calculationFormula: String?
    public var externalOptions: Bool?
    /// `true` for HubSpot's own properties; custom ones have `false` or no key.
    public var hubspotDefined: Bool?
    public var referencedObjectType: String?
    public var numberDisplayHint: String?
    public var modificationMetadata: ModificationMetadata?
    public var archived: Bool?
}

/// One choice of an enumeration (or a bool's true/false labels).
public struct HubSpotOption: Decodable, Hashable, Sendable {
    public var label: String
    public var value: String
    public var hidden: Bool?
    public var displayOrder: Int?
    public var description: String?
}

/// An association definition of a schema: its `id` is the v4 association type id, from → to.
public struct HubSpotAssociationDefinition: Decodable, Hashable, Sendable {
    public var id: String
    public var fromObjectTypeId: String
    public var toObjectTypeId: String
    public var name: String?
}

/// One association type of a pair: `GET /crm/v4/associations/{from}/{to}/labels` items. `label` is
/// `nil` for the unlabeled type; HubSpot gives no name and no link between a label and its inverse.
public struct HubSpotAssociationLabel: Decodable, Hashable, Sendable {
    public var category: String?
    public var typeId: Int
    public var label: String?
}

/// A problem with a response file: not JSON, or not the shape of the response it was given as.
public struct HubSpotResponseError: Error, CustomStringConvertible {
    public var description: String
}

/// Reads a response body: a `{"results": [...]}` collection, or a single item.
public enum HubSpotResponse {
    public static func items<Item: Decodable>(_ type: Item.Type, from data: Data, what: String) throws(HubSpotResponseError) -> [Item] {
        let decoder = JSONDecoder()
        let top: Any
        do throws(JSONValue.TooManyValues) {
            try JSONValue.checkValueCount(data)
        } catch {
            throw HubSpotResponseError(description: error.description)
        }
        do {
            top = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw HubSpotResponseError(description: "not JSON (\(error.localizedDescription))")
        }
        do {
            if let object = top as? [String: Any], object["results"] != nil {
                return try decoder.decode(Collection<Item>.self, from: data).results
            }
            if top is [String: Any] { return [try decoder.decode(Item.self, from: data)] }
            if top is [Any] { return try decoder.decode([Item].self, from: data) }
        } catch let error as DecodingError {
            throw HubSpotResponseError(description: "not \(what): \(describe(error))")
        } catch {
            throw HubSpotResponseError(description: "not \(what): \(error)")
        }
        throw HubSpotResponseError(description: "not \(what): the JSON is neither an object nor a list")
    }

    private struct Collection<Item: Decodable>: Decodable {
        var results: [Item]
    }

    /// A decoding error as a person reads it: where, and what was expected.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(let type, let context): return "\(path(context)) is not \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)) is null, expected \(type)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
