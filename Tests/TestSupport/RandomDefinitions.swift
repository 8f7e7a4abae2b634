import CRMModel
import CRMSchemaLoader

/// Random definition sets for property-based tests: one to three custom objects with properties of
/// every type, labels with the punctuation YAML cares about, associations between them and to
/// standard objects, and sometimes properties added to contacts. The same seed gives the same set.
public enum RandomDefinitions {
    /// A seeded source of choices.
    public struct Random {
        public var generator: SplitMix64

        public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

        public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        public mutating func bool() -> Bool { Bool.random(using: &generator) }
        public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

        /// Labels people write: words, accents, punctuation YAML cares about.
        public mutating func text() -> String {
            let words = ["Roast", "batch", "Café", "lot #", "a: b", "x, y", "[tag]", "\"quoted\"", "it's", "咖啡", "50%", "- dash", "true", "12"]
            return (0..<int(1...3)).map { _ in pick(words) }.joined(separator: " ")
        }
    }

    /// Patterns of the kind CRM definitions use, each with a way to make a value that matches it
    /// and one that does not.
    public struct SamplePattern: Sendable {
        public var pattern: String
        public var matching: @Sendable (inout Random) -> String
        public var notMatching: @Sendable (inout Random) -> String
    }

    public static let patterns: [SamplePattern] = [
        SamplePattern(pattern: "^GL-[0-9]{4,}$", matching: { "GL-" + digits(&$0, $0.int(4...8)) }, notMatching: { "gl-" + digits(&$0, 4) }),
        SamplePattern(pattern: "^[A-Z]{2}[0-9]{3}$", matching: { letters(&$0, 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + digits(&$0, 3) },
                      notMatching: { letters(&$0, 2, "abcdefghijklmnopqrstuvwxyz") + digits(&$0, 3) }),
        SamplePattern(pattern: "^(light|medium|dark)$", matching: { $0.pick(["light", "medium", "dark"]) }, notMatching: { $0.pick(["burnt", "Light", "dark "]) }),
        SamplePattern(pattern: "^[a-z0-9_]+$", matching: { letters(&$0, $0.int(1...12), "abcxyz019_") }, notMatching: { "A-" + digits(&$0, 2) }),
    ]

    /// A value of each `format`, and text that is none.
    public static func formatted(_ format: PropertyFormat, _ random: inout Random) -> String {
        switch format {
        case .email: "ada.\(random.int(1...999))@example.com"
        case .url: "https://example.com/lots/\(random.int(1...999))"
        case .domain: "roaster\(random.int(1...99)).example.org"
        case .phone: "+1 555 010 \(digits(&random, 4))"
        }
    }

    public static func digits(_ random: inout Random, _ count: Int) -> String { letters(&random, count, "0123456789") }

    public static func letters(_ random: inout Random, _ count: Int, _ alphabet: String) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in random.pick(characters) })
    }

    /// One property of any type. With `constraints`, strings and numbers sometimes carry what
    /// HubSpot does not hold but validators check: patterns, lengths, formats, bounds.
    public static func property(_ name: String, _ random: inout Random, groups: [String], constraints: Bool = false) -> PropertySchema {
        var property: PropertySchema
        // With constraints, strings and numbers come more often: they carry most of the rules.
        let kind = random.int(0...(constraints ? 10 : 8))
        switch kind > 8 ? kind - 9 : kind {
        case 0:
            property = PropertySchema(name: name, label: random.text(), type: .string, fieldType: random.pick([.text, .textarea]))
            if constraints {
                switch random.int(0...3) {
                case 0: property.pattern = random.pick(patterns).pattern
                case 1:
                    property.minLength = random.int(2...5)
                    property.maxLength = random.bool() ? (property.minLength ?? 0) + random.int(0...20) : nil
                case 2: property.format = random.pick(PropertyFormat.allCases)
                default: break
                }
            }
        case 1:
            property = PropertySchema(name: name, label: random.text(), type: .number, fieldType: .number,
                                      numberDisplayHint: random.bool() ? .currency : nil)
            if constraints, random.bool() {
                let low = random.int(-50...50)
                if random.bool() { property.minimum = CRMNumber(low) }
                if random.bool() { property.maximum = CRMNumber(low + random.int(0...500)) }
            }
        case 2: property = PropertySchema(name: name, label: random.text(), type: .date, fieldType: .date)
        case 3: property = PropertySchema(name: name, label: random.text(), type: .datetime, fieldType: .date)
        case 4:
            property = PropertySchema(name: name, label: random.text(), type: .bool, fieldType: .booleancheckbox)
            if random.bool() { property.options = [PropertyOption(value: "true", label: "Oui"), PropertyOption(value: "false", label: "Non")] }
        case 5:
            property = PropertySchema(name: name, label: random.text(), type: .number, fieldType: .calculationEquation, calculated: true,
                                      calculationFormula: "1 + 1")
        case 6:
            property = PropertySchema(name: name, label: random.text(), type: .enumeration, fieldType: .select,
                                      referencedObjectType: PropertySchema.ownerReference)
        default:
            property = PropertySchema(name: name, label: random.text(), type: .enumeration, fieldType: random.pick([.select, .radio, .checkbox]))
            property.options = (0..<random.int(1...4)).map { index in
                PropertyOption(value: "v\(index)", label: random.text(), hidden: index > 0 && random.int(0...3) == 0)
            }
        }
        if random.int(0...3) == 0 { property.description = random.text() }
        if random.int(0...4) == 0 { property.hidden = true }
        if random.int(0...4) == 0 { property.displayOrder = random.int(0...9) }
        if !groups.isEmpty, random.bool() { property.groupName = random.pick(groups) }
        if [.string, .number].contains(property.type), !property.calculated, random.int(0...4) == 0 { property.unique = true }
        return property
    }

    /// One to three custom objects (`{prefix}obj_a`, ...) and, sometimes, properties added to contacts.
    public static func documents(seed: UInt64, prefix: String = "", constraints: Bool = false, extendsContacts: Bool = true) -> [DefinitionDocument] {
        var random = Random(seed: seed)
        let names = Array(["obj_a", "obj_b", "obj_c"].prefix(random.int(1...3))).map { prefix + $0 }
        var documents: [DefinitionDocument] = []
        for name in names {
            let groups = random.bool() ? [PropertyGroup(name: "\(name)_extras", label: random.text())] : []
            var properties = [PropertySchema(name: "title", label: random.text(), type: .string, fieldType: .text, required: true)]
            properties += (0..<random.int(0...6)).map { property("p\($0)", &random, groups: groups.map(\.name), constraints: constraints) }
            let plain = properties.filter { !$0.calculated && !$0.isOwner && $0.groupName == nil }
            if let extra = plain.dropFirst().first, random.bool() { properties[properties.firstIndex { $0.name == extra.name } ?? 0].required = true }
            var associations: [AssociationSchema] = []
            for target in names where target > name || (target == name && random.int(0...3) == 0) {
                guard random.bool() else { continue }
                associations.append(AssociationSchema(from: name, to: target, labels: labels(&random)))
            }
            for target in ["contacts", "deals", "companies"] where random.int(0...2) == 0 {
                associations.append(AssociationSchema(from: name, to: target, labels: labels(&random)))
            }
            documents.append(DefinitionDocument(
                object: name, kind: .custom, labels: ObjectLabels(singular: random.text(), plural: random.text()),
                swiftName: SwiftNames.upperCamelCase(name),
                description: random.bool() ? random.text() : nil, primaryDisplayProperty: "title",
                secondaryDisplayProperties: plain.dropFirst().prefix(random.int(0...2)).map(\.name),
                searchableProperties: ["title"] + plain.dropFirst().prefix(random.int(0...1)).map(\.name),
                propertyGroups: groups, properties: properties, associations: associations))
        }
        if extendsContacts, random.bool() {
            let groups = random.bool() ? [PropertyGroup(name: "coffee_preferences", label: "Coffee preferences")] : []
            let properties = (0..<random.int(1...3)).map { index -> PropertySchema in
                var property = Self.property("coffee_\(index)", &random, groups: groups.map(\.name), constraints: constraints)
                if property.groupName == nil { property.groupName = "contactinformation" }
                return property
            }
            documents.append(DefinitionDocument(object: "contacts", kind: .extension, propertyGroups: groups, properties: properties))
        }
        return documents
    }

    public static func labels(_ random: inout Random) -> [AssociationLabel] {
        (0..<random.int(0...2)).map { index in
            let label = random.text()
            return AssociationLabel(name: "label_\(index)", label: label + " \(index)", inverseLabel: random.bool() ? random.text() + " \(index)" : nil)
        }
    }
}
