import CRMModel
import TestSupport

/// Random schemas over small pools of names, so that two of them share some objects, properties,
/// options, associations and labels and differ in others.
struct RandomSchemas {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    static let objectNames = ["green_lot", "roast_batch", "cupping", "contacts", "deals"]
    static let propertyNames = ["title", "score", "level", "roasted_on", "origin"]
    static let optionValues = ["light", "medium", "dark"]
    static let labelNames = ["roaster", "taster", "buyer"]

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &generator) < percent }

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &generator)] }

    mutating func text() -> String { pick(["A", "B", "Roast", "Dark roast", "é\u{202E}", ""]) }

    mutating func schema() -> Schema {
        let names = Self.objectNames.filter { _ in chance(70) }
        let objects = names.map { object(named: $0) }
        var associations: [AssociationSchema] = []
        for (index, from) in names.enumerated() {
            // Each unordered pair at most once, as the loader guarantees; same-object pairs included.
            for to in names[index...] where chance(30) {
                associations.append(chance(50) || from == to ? association(from: from, to: to) : association(from: to, to: from))
            }
        }
        return Schema(objects: objects, associations: associations)
    }

    mutating func object(named name: String) -> ObjectSchema {
        let file = "\(name).yaml"
        let properties = Self.propertyNames.filter { _ in chance(60) }.enumerated().map { line, property in
            self.property(named: property, at: chance(90) ? SourceLocation(file: file, line: line + 5, column: 3) : nil)
        }
        return ObjectSchema(
            name: name, kind: chance(50) ? .custom : .standard, objectTypeId: chance(50) ? pick(["2-1", "2-2"]) : nil,
            labels: ObjectLabels(singular: text(), plural: text()), swiftName: pick(["Roast", "Batch"]),
            description: chance(50) ? text() : nil, category: pick(ObjectCategory.allCases),
            requirements: ObjectRequirements(tier: chance(50) ? pick(SubscriptionTier.allCases) : nil),
            primaryDisplayProperty: properties.first?.name, searchableProperties: properties.filter { _ in chance(30) }.map(\.name),
            dedupKeys: chance(50) ? ["hs_object_id"] : [], properties: properties,
            propertyGroups: chance(30) ? [PropertyGroup(name: "roasting", label: text())] : [],
            location: SourceLocation(file: file, line: 1, column: 9)
        )
    }

    mutating func property(named name: String, at location: SourceLocation?) -> PropertySchema {
        let type = pick([PropertyType.string, .number, .enumeration, .enumeration, .bool])
        let options = type == .enumeration || (type == .bool && chance(50))
            ? Self.optionValues.filter { _ in chance(60) }.map { PropertyOption(value: $0, label: text(), hidden: chance(20)) }
            : []
        return PropertySchema(
            name: name, label: text(), description: chance(30) ? text() : nil, type: type, fieldType: pick(FieldType.allowed(for: type)),
            groupName: chance(30) ? "roasting" : nil, required: chance(30), unique: chance(20), hidden: chance(20),
            pattern: type == .string && chance(30) ? "^[A-Z]+$" : nil, maxLength: type == .string && chance(30) ? pick([10, 20]) : nil,
            minimum: type == .number && chance(30) ? pick([CRMNumber("0"), CRMNumber("0.0"), CRMNumber("1e1")]) : nil,
            options: options, location: location
        )
    }

    mutating func association(from: String, to: String) -> AssociationSchema {
        AssociationSchema(
            from: from, to: to, cardinality: pick(Cardinality.allCases),
            associationTypeId: chance(30) ? pick([5001, 5002]) : nil, inverseAssociationTypeId: chance(30) ? pick([5003, 5004]) : nil,
            required: chance(20), inverseRequired: chance(20),
            labels: Self.labelNames.filter { _ in chance(40) }.map {
                AssociationLabel(name: $0, label: text(), inverseLabel: chance(50) ? text() : nil, associationTypeId: chance(30) ? 5010 : nil)
            },
            location: SourceLocation(file: "\(from).yaml", line: 20, column: 9)
        )
    }
}
