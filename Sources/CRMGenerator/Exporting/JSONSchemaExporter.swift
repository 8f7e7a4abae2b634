import CRMModel
import Foundation

/// JSON Schema (draft 2020-12) of each object's HubSpot record JSON, so that other tools check the
/// same records as crmgen: the schema accepts exactly what `crmgen check` accepts.
///
/// Every property value is a string in record JSON, so types become patterns, built from the same
/// grammars crmgen's validators use (``ValueGrammar``): numbers, with their bounds as a pattern
/// (``DecimalRangePattern``), `true`/`false`, real calendar days or epoch milliseconds, ISO 8601
/// datetimes, and the email, url, domain and phone formats. A property without a value — absent,
/// `""` (HubSpot's "no value") or `null` — is fine unless the property is required. Lengths count
/// Unicode code points, as JSON Schema does and crmgen does.
///
/// Patterns are written in the subset of ECMA-262 that Python's `re` reads the same way, anchored
/// at both ends (JSON Schema patterns are unanchored searches otherwise). Two things JSON Schema
/// cannot see: a key given twice in one object (parsers keep one value; `crmgen check` rejects the
/// record) and patterns that use features only ICU has.
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

    static func recordSchema(_ object: ObjectSchema) -> [String: Any] {
        var properties: [String: Any] = [:]
        for property in object.properties { properties[property.name] = propertySchema(property) }
        let timestamp: [String: Any] = ["type": ["string", "null"], "pattern": strict(ValueGrammar.datetimePattern)]
        let associated: [String: Any] = [
            "type": "object",
            "properties": ["id": ["type": "string"], "type": ["type": "string"]],
            "required": ["id", "type"],
        ]
        let required = object.requiredProperties.map(\.name)
        var schema: [String: Any] = [
            "$id": "urn:crmgen:object:\(object.name)",
            "title": object.labels.singular,
            "type": "object",
            "properties": [
                "id": ["type": ["string", "null"]],
                "properties": [
                    // `null` properties hold no values: fine only when none is required.
                    "type": required.isEmpty ? ["object", "null"] : "object",
                    "properties": properties,
                    "required": required,
                    "additionalProperties": ["type": ["string", "null"]],
                ] as [String: Any],
                "createdAt": timestamp,
                "updatedAt": timestamp,
                "archivedAt": timestamp,
                "archived": ["type": ["boolean", "null"]],
                "associations": [
                    "type": ["object", "null"],
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

    /// A property's values: what its ``ValidationPlan`` allows, and, unless it is required, no value
    /// at all (`null` or `""`).
    static func propertySchema(_ property: PropertySchema) -> [String: Any] {
        let value = valueSchema(property)
        var schema: [String: Any] = property.required
            ? value
            : ["anyOf": [["type": "null"], ["const": ""], value] as [Any]]
        schema["title"] = property.label
        if let description = property.description { schema["description"] = description }
        if property.readOnly { schema["readOnly"] = true }
        return schema
    }

    /// A present value (never `""`, which is no value).
    static func valueSchema(_ property: PropertySchema) -> [String: Any] {
        switch ValidationPlan(property).kind {
        case let .text(minLength, maxLength, pattern, format):
            var schema: [String: Any] = ["type": "string", "minLength": max(1, minLength ?? 0)]
            if let maxLength { schema["maxLength"] = maxLength }
            var patterns: [String] = []
            if let pattern { patterns.append(strict(WholeValuePattern.ecma(pattern))) }
            if let format { patterns.append(strict(formatPattern(format))) }
            if patterns.count == 1 { schema["pattern"] = patterns[0] }
            if patterns.count > 1 { schema["allOf"] = patterns.map { ["pattern": $0] } }
            return schema
        case let .number(minimum, maximum):
            return ["type": "string", "pattern": strict(DecimalRangePattern.pattern(minimum: minimum?.text, maximum: maximum?.text))]
        case .bool:
            return ["type": "string", "enum": ["true", "false"]]
        case .date:
            return ["type": "string", "pattern": strict(ValueGrammar.datePattern)]
        case .datetime:
            return ["type": "string", "pattern": strict(ValueGrammar.datetimePattern)]
        case .option:
            return ["type": "string", "enum": property.options.map(\.value).filter { !$0.isEmpty }]
        case .options:
            // `;`-separated, empty parts skipped; a value that holds `;` can never be one part.
            let alternatives = property.options.map(\.value).filter { !$0.isEmpty && !$0.contains(";") }.map(escape)
            let part = alternatives.isEmpty ? "(?!)" : "(?:" + alternatives.joined(separator: "|") + ")"
            return ["type": "string", "minLength": 1, "pattern": strict("^;*(?:" + part + "(?:;+|$))*$")]
        }
    }

    static func formatPattern(_ format: PropertyFormat) -> String {
        switch format {
        case .email: ValueGrammar.emailPattern
        case .url: ValueGrammar.urlPattern
        case .domain: ValueGrammar.domainPattern
        case .phone: ValueGrammar.phonePattern
        }
    }

    /// An anchored pattern whose end is the end of the text in every dialect: Python's `$` also
    /// matches before a final line feed, so the last `$` becomes "no character follows".
    static func strict(_ pattern: String) -> String {
        guard pattern.hasSuffix("$") else { return pattern }
        return String(pattern.dropLast()) + #"(?![\s\S])"#
    }

    /// A literal inside a regular expression: ECMA-262's syntax characters escaped (and no others,
    /// which its Unicode mode would reject).
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
