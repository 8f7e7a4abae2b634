import CRMModel
import Foundation

/// JSON Schema (draft 2020-12) of each object's HubSpot record JSON, so that other tools can
/// check the same records. Every property value is a string in record JSON, so types become
/// patterns: numbers, `true`/`false`, `YYYY-MM-DD` or epoch milliseconds, ISO 8601 datetimes.
///
/// What JSON Schema cannot say about a number inside a string — `minimum`, `maximum` — is left
/// out; crmgen's own validators check it. Lengths count Unicode code points here, characters there.
public enum JSONSchemaExporter {
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// One object's schema as a standalone document.
    public static func document(for object: ObjectSchema) throws -> String {
        var schema = recordSchema(object)
        schema["$schema"] = dialect
        return try render(schema)
    }

    /// Every object under `$defs`, keyed by API name.
    public static func document(for schema: Schema) throws -> String {
        var definitions: [String: Any] = [:]
        for object in schema.objects { definitions[object.name] = recordSchema(object) }
        return try render(["$schema": dialect, "$id": "urn:crmgen:schema", "$defs": definitions])
    }

    static let numberPattern = #"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"#
    static let datePattern = #"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|-?[0-9]{1,15})$"#
    static let datetimePattern = #"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})|-?[0-9]{1,15})$"#

    static func recordSchema(_ object: ObjectSchema) -> [String: Any] {
        var properties: [String: Any] = [:]
        for property in object.properties { properties[property.name] = propertySchema(property) }
        let datetime: [String: Any] = ["type": "string", "format": "date-time"]
        let associated: [String: Any] = [
            "type": "object",
            "properties": ["id": ["type": "string"], "type": ["type": "string"]],
            "required": ["id", "type"],
        ]
        var schema: [String: Any] = [
            "$id": "urn:crmgen:object:\(object.name)",
            "title": object.labels.singular,
            "type": "object",
            "properties": [
                "id": ["type": "string"],
                "properties": [
                    "type": "object",
                    "properties": properties,
                    "required": object.requiredProperties.map(\.name),
                    "additionalProperties": ["type": ["string", "null"]],
                ] as [String: Any],
                "createdAt": datetime,
                "updatedAt": datetime,
                "archivedAt": datetime,
                "archived": ["type": "boolean"],
                "associations": [
                    "type": "object",
                    "additionalProperties": [
                        "type": "object",
                        "properties": ["results": ["type": "array", "items": associated] as [String: Any]],
                    ] as [String: Any],
                ] as [String: Any],
            ] as [String: Any],
            "required": ["properties"],
        ]
        if let description = object.description { schema["description"] = description }
        return schema
    }

    static func propertySchema(_ property: PropertySchema) -> [String: Any] {
        // HubSpot sends null for a requested property without a value; required ones must have one.
        var schema: [String: Any] = ["type": property.required ? "string" : ["string", "null"], "title": property.label]
        if let description = property.description { schema["description"] = description }
        if property.readOnly { schema["readOnly"] = true }
        switch property.type {
        case .string:
            if let minLength = property.minLength { schema["minLength"] = minLength }
            if property.required { schema["minLength"] = max(1, property.minLength ?? 0) }
            if let maxLength = property.maxLength { schema["maxLength"] = maxLength }
            if let pattern = property.pattern { schema["pattern"] = "^(?:\(pattern))$" }
            switch property.format {
            case .email: schema["format"] = "email"
            case .url: schema["format"] = "uri"
            case .domain: schema["format"] = "hostname"
            case .phone, nil: break
            }
        case .number: schema["pattern"] = numberPattern
        case .bool: schema["enum"] = property.required ? ["true", "false"] : ["true", "false", NSNull()]
        case .date: schema["pattern"] = datePattern
        case .datetime: schema["pattern"] = datetimePattern
        case .enumeration where property.options.isEmpty || property.isOwner:
            if property.required { schema["minLength"] = 1 }
        case .enumeration where property.isMultiSelect:
            let alternatives = property.options.map { escape($0.value) }.joined(separator: "|")
            schema["pattern"] = "^;*(?:(?:\(alternatives))(?:;+|$))*$"
        case .enumeration:
            schema["enum"] = property.options.map(\.value) + (property.required ? [] : [NSNull()])
        }
        return schema
    }

    /// A literal inside a regular expression.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\^$.|?*+()[]{}/".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    static func render(_ value: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
