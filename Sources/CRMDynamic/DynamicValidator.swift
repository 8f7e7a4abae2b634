import CRMRuntime
import Foundation

/// Validates records of an object that has no generated Swift type (HubSpot record JSON as
/// ``RecordEnvelope``), by exactly the rules generated `validate()` methods apply: the same
/// ``ValueRules`` and value formats, in the same property order. A differential test holds
/// the two to identical issues.
public struct DynamicValidator: Sendable {
    public let object: ObjectSchema
    private let rules: [Rule]

    /// What to check for one property, decided once per object rather than once per record.
    private struct Rule: Sendable {
        enum Kind: Sendable {
            case text(minLength: Int?, maxLength: Int?, pattern: CompiledPattern?, format: PropertyFormat?)
            case plainText
            case number(decimal: Bool, minimum: Double?, maximum: Double?)
            case bool, date, datetime
            case option(known: Set<String>)
            case options(known: Set<String>)
        }

        let name: String
        let type: PropertyType
        let required: Bool
        let kind: Kind
    }

    public init(object: ObjectSchema) {
        self.object = object
        var patterns: [String: CompiledPattern] = [:]
        rules = object.properties.map { property in
            let kind: Rule.Kind
            switch property.type {
            case .string:
                if property.minLength == nil, property.maxLength == nil, property.pattern == nil, property.format == nil {
                    kind = .plainText
                } else {
                    var pattern: CompiledPattern?
                    if let text = property.pattern {
                        pattern = patterns[text] ?? CompiledPattern(text)
                        patterns[text] = pattern
                    }
                    kind = .text(minLength: property.minLength, maxLength: property.maxLength, pattern: pattern, format: property.format)
                }
            case .number:
                kind = .number(decimal: property.numberDisplayHint == .currency, minimum: property.minimum, maximum: property.maximum)
            case .bool: kind = .bool
            case .date: kind = .date
            case .datetime: kind = .datetime
            case .enumeration where property.isOwner || property.options.isEmpty:
                kind = .plainText  // owner IDs and external options: any text
            case .enumeration:
                let known = Set(property.options.map(\.value))
                kind = property.isMultiSelect ? .options(known: known) : .option(known: known)
            }
            return Rule(name: property.name, type: property.type, required: property.required, kind: kind)
        }
    }

    public func validate(_ record: RecordEnvelope) -> [ValidationIssue] {
        validate(properties: record.properties)
    }

    /// `properties` as in a ``RecordEnvelope``: empty values already left out.
    public func validate(properties: [String: String]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for rule in rules {
            guard let raw = properties[rule.name] else {
                if rule.required { issues.append(ValueRules.missing(rule.name)) }
                continue
            }
            switch rule.kind {
            case .plainText:
                break
            case let .text(minLength, maxLength, pattern, format):
                ValueRules.checkString(raw, property: rule.name, minLength: minLength, maxLength: maxLength,
                                       pattern: pattern, format: format, into: &issues)
            case let .number(decimal, minimum, maximum):
                if decimal {
                    guard let value = HubSpotValueFormat.decimal(raw) else {
                        issues.append(ValueRules.malformed(rule.name, value: raw, type: rule.type))
                        continue
                    }
                    if minimum != nil || maximum != nil {
                        ValueRules.checkNumber(value, property: rule.name, minimum: minimum, maximum: maximum, into: &issues)
                    }
                } else {
                    guard let value = HubSpotValueFormat.double(raw) else {
                        issues.append(ValueRules.malformed(rule.name, value: raw, type: rule.type))
                        continue
                    }
                    if minimum != nil || maximum != nil {
                        ValueRules.checkNumber(value, property: rule.name, minimum: minimum, maximum: maximum, into: &issues)
                    }
                }
            case .bool:
                if HubSpotValueFormat.bool(raw) == nil { issues.append(ValueRules.malformed(rule.name, value: raw, type: rule.type)) }
            case .date:
                if CalendarDate(hubSpotValue: raw) == nil { issues.append(ValueRules.malformed(rule.name, value: raw, type: rule.type)) }
            case .datetime:
                if HubSpotValueFormat.datetime(raw) == nil { issues.append(ValueRules.malformed(rule.name, value: raw, type: rule.type)) }
            case .option(let known):
                if !known.contains(raw) { issues.append(ValueRules.unknownOption(rule.name, value: raw)) }
            case .options(let known):
                for value in Set(HubSpotValueFormat.multiSelect(raw)).sorted() where !known.contains(value) {
                    issues.append(ValueRules.unknownOption(rule.name, value: value))
                }
            }
        }
        return issues
    }
}
