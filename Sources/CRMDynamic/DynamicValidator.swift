@_spi(Generated) import CRMRuntime
import Foundation

/// Validates records of an object that has no generated Swift type (HubSpot record JSON as
/// ``RecordEnvelope``), by exactly the rules generated `validate()` methods apply: the same
/// ``ValueRules`` calls with the same arguments, in the same property order. A differential test
/// holds the two to identical issues.
public struct DynamicValidator: Sendable {
    public let object: ObjectSchema
    private let rules: [Rule]
    /// The same rules compiled to a quick yes or no; ``ValueRules`` run only for a record it does not accept.
    let compiled: RecordRules

    /// What to check for one property, decided once per object rather than once per record.
    private struct Rule: Sendable {
        enum Kind: Sendable {
            case text(minLength: Int?, maxLength: Int?, pattern: CompiledPattern?, format: PropertyFormat?)
            case number(minimum: CRMNumber?, maximum: CRMNumber?)
            case bool, date, datetime
            case option(known: Set<String>)
            case options(known: Set<String>)
        }

        let name: String
        let required: Bool
        let kind: Kind
    }

    public init(object: ObjectSchema) {
        self.object = object
        compiled = RecordRules(object: object)
        var patterns: [String: CompiledPattern] = [:]
        rules = object.properties.map { property in
            let kind: Rule.Kind
            switch ValidationPlan(property).kind {
            case .text(let minLength, let maxLength, let pattern, let format):
                let compiled = pattern.map { text in
                    let compiled = patterns[text] ?? CompiledPattern(text)
                    patterns[text] = compiled
                    return compiled
                }
                kind = .text(minLength: minLength, maxLength: maxLength, pattern: compiled, format: format)
            case .number(let minimum, let maximum): kind = .number(minimum: minimum, maximum: maximum)
            case .bool: kind = .bool
            case .date: kind = .date
            case .datetime: kind = .datetime
            case .option: kind = .option(known: Set(property.options.map(\.value)))
            case .options: kind = .options(known: Set(property.options.map(\.value)))
            }
            return Rule(name: property.name, required: property.required, kind: kind)
        }
    }

    public func validate(_ record: RecordEnvelope) -> [ValidationIssue] {
        validate(properties: record.properties)
    }

    public func validate(properties: RecordProperties) -> [ValidationIssue] {
        compiled.accepts(properties) ? [] : issues(ofDeclined: properties, acceptedBy: compiled)
    }

    /// The issues of a record that compiled rules have already declined as a whole, so not asked again:
    /// the rules run only for the properties whose values `rules` do not accept. `rules` are this
    /// validator's, or a job's own copy (``RecordRules/Checker/rules``): reading the validator's from
    /// several threads would move their reference counts between the cores. The same issues as
    /// ``validate(properties:)``.
    func issues(ofDeclined properties: RecordProperties, acceptedBy rules: RecordRules) -> [ValidationIssue] {
        issues(properties) { position in rules.acceptsValue(at: position, in: properties) }
    }

    /// The rules one by one: the reference the compiled rules are tested against.
    func issues(_ properties: RecordProperties) -> [ValidationIssue] {
        issues(properties) { _ in false }
    }

    /// The rules one by one, but for the properties at the positions `accepted` says compiled rules accept
    /// (the same issues, as they agree value by value).
    private func issues(_ properties: RecordProperties, skipping accepted: (Int) -> Bool) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for position in rules.indices {
            if accepted(position) { continue }
            // Copied only for a property checked here: a copy retains the rule's strings and sets, which
            // every job of `check --jobs` shares (an atomic write to a reference count both cores read).
            let rule = rules[position]
            let name = rule.name
            let required = rule.required
            switch rule.kind {
            case let .text(minLength, maxLength, pattern, format):
                ValueRules.text(properties, name, required: required, minLength: minLength, maxLength: maxLength,
                                pattern: pattern, format: format, into: &issues)
            case let .number(minimum, maximum):
                ValueRules.number(properties, name, required: required, minimum: minimum, maximum: maximum, into: &issues)
            case .bool: ValueRules.bool(properties, name, required: required, into: &issues)
            case .date: ValueRules.date(properties, name, required: required, into: &issues)
            case .datetime: ValueRules.datetime(properties, name, required: required, into: &issues)
            case .option(let known): ValueRules.option(properties, name, known: known, required: required, into: &issues)
            case .options(let known): ValueRules.options(properties, name, known: known, required: required, into: &issues)
            }
        }
        return issues
    }
}
