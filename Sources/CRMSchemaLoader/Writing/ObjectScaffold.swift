import CRMModel
import Foundation

/// What is wrong with a request to scaffold an object (`crmgen new`): a usage error, in words.
public struct ScaffoldError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// `NAME:TYPE` property specifications, as `crmgen new --property` takes them.
public enum PropertySpec {
    /// A TYPE word and the property it makes.
    public struct Kind: Sendable {
        /// The words that name it; the first is the one the help shows first.
        public var words: [String]
        public var type: PropertyType
        public var fieldType: FieldType
        public var format: PropertyFormat?
        public var numberDisplayHint: NumberDisplayHint?
        /// What the property holds, for the help text.
        public var summary: String

        /// Enumerations need their options after `=`; nothing else takes any.
        public var takesOptions: Bool { type == .enumeration }

        init(_ words: [String], _ type: PropertyType, _ fieldType: FieldType, format: PropertyFormat? = nil,
             numberDisplayHint: NumberDisplayHint? = nil, _ summary: String) {
            self.words = words
            self.type = type
            self.fieldType = fieldType
            self.format = format
            self.numberDisplayHint = numberDisplayHint
            self.summary = summary
        }
    }

    /// Every TYPE, in the order the help lists them. Each is a valid type/fieldType pair of the
    /// definition format (Documentation/DefinitionFormat.md).
    public static let kinds: [Kind] = [
        Kind(["string", "text"], .string, .text, "one line of text (string, text)"),
        Kind(["textarea"], .string, .textarea, "several lines of text (string, textarea)"),
        Kind(["html"], .string, .html, "rich text (string, html)"),
        Kind(["email"], .string, .text, format: .email, "an email address (string, text, format: email)"),
        Kind(["url"], .string, .text, format: .url, "a web address (string, text, format: url)"),
        Kind(["domain"], .string, .text, format: .domain, "a domain name (string, text, format: domain)"),
        Kind(["phone"], .string, .phonenumber, format: .phone, "a phone number (string, phonenumber, format: phone)"),
        Kind(["number"], .number, .number, "an exact number (number, number)"),
        Kind(["currency"], .number, .number, numberDisplayHint: .currency, "money (number, numberDisplayHint: currency)"),
        Kind(["percentage"], .number, .number, numberDisplayHint: .percentage, "a percentage (number, numberDisplayHint: percentage)"),
        Kind(["date"], .date, .date, "a calendar day (date, date)"),
        Kind(["datetime"], .datetime, .date, "a moment in time (datetime, date)"),
        Kind(["bool", "boolean"], .bool, .booleancheckbox, "yes or no (bool, booleancheckbox)"),
        Kind(["select", "enumeration"], .enumeration, .select, "one of A, B (enumeration, select)"),
        Kind(["radio"], .enumeration, .radio, "one of A, B as radio buttons (enumeration, radio)"),
        Kind(["multiselect", "checkbox"], .enumeration, .checkbox, "any of A, B (enumeration, checkbox)"),
    ]

    /// The property `spec` asks for: `score:number`, `aroma:select=floral,fruity`. Its label comes
    /// from its name (`cupped_on` → "Cupped on"), as do its options' labels (`dark_roast` → "Dark roast").
    public static func parse(_ spec: String) throws(ScaffoldError) -> PropertySchema {
        guard let colon = spec.firstIndex(of: ":") else {
            throw ScaffoldError("--property '\(spec)' is not NAME:TYPE (for example score:number)")
        }
        let name = String(spec[..<colon])
        var typeText = String(spec[spec.index(after: colon)...])
        var optionsText: String?
        if let equals = typeText.firstIndex(of: "=") {
            optionsText = String(typeText[typeText.index(after: equals)...])
            typeText = String(typeText[..<equals])
        }
        guard !name.isEmpty else { throw ScaffoldError("--property '\(spec)' has no name before ':' (for example score:number)") }
        guard DefinitionRules.isValidName(name) else {
            let suggestion = DefinitionRules.name(fromLabel: name).map { "; did you mean '\($0)'?" } ?? ""
            throw ScaffoldError("property name '\(name)' must be \(DefinitionRules.nameRule)" + suggestion)
        }
        guard !DefinitionRules.isHubSpotPropertyName(name) else {
            throw ScaffoldError("property name '\(name)' is HubSpot's: names that start with hs_, and "
                                + DefinitionRules.implicitPropertyNames.filter { !$0.hasPrefix("hs_") }.joined(separator: ", ")
                                + ", belong to the properties HubSpot gives every object; choose another")
        }
        let word = typeText.lowercased()
        guard let kind = kinds.first(where: { $0.words.contains(word) }) else {
            let hint = word.isEmpty ? "" : Suggestion.didYouMean(word, among: kinds.flatMap(\.words))
            throw ScaffoldError("unknown type '\(typeText)' in --property '\(spec)'" + (hint.isEmpty ? "; the" : hint + " The")
                                + " types are " + kinds.map { $0.words[0] }.joined(separator: ", "))
        }
        var property = PropertySchema(name: name, label: DefinitionRules.label(fromName: name), type: kind.type, fieldType: kind.fieldType,
                                      format: kind.format, numberDisplayHint: kind.numberDisplayHint)
        guard kind.takesOptions else {
            if optionsText != nil {
                throw ScaffoldError("type '\(word)' of '\(name)' takes no options; only select, radio and multiselect do (\(name):select=a,b)")
            }
            return property
        }
        guard let optionsText else {
            throw ScaffoldError("type '\(word)' of '\(name)' needs its options after '=': \(name):\(word)=first,second")
        }
        let values = optionsText.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: Set<String> = []
        for value in values {
            guard !value.isEmpty else { throw ScaffoldError("an option of '\(name)' is empty in '\(optionsText)'; separate options with single commas") }
            guard seen.insert(value).inserted else { throw ScaffoldError("option '\(value)' of '\(name)' is given twice") }
        }
        property.options = values.map { value in
            PropertyOption(value: value, label: DefinitionRules.isValidName(value) ? DefinitionRules.label(fromName: value) : value)
        }
        return property
    }
}

/// English plurals of object labels: "Tasting Note" → "Tasting Notes", "Roast Batch" → "Roast
/// Batches", "Category" → "Categories". Only the last word changes; a label that does not end in a
/// Latin letter (`咖啡`, `Lot #`) stays as it is.
public enum EnglishPlural {
    /// Words whose plural is another word (lowercase).
    static let irregular: [String: String] = [
        "person": "people", "child": "children", "man": "men", "woman": "women", "foot": "feet", "tooth": "teeth",
        "goose": "geese", "mouse": "mice", "criterion": "criteria", "phenomenon": "phenomena", "leaf": "leaves",
        "life": "lives", "knife": "knives", "wife": "wives", "half": "halves", "shelf": "shelves", "thief": "thieves",
        "potato": "potatoes", "tomato": "tomatoes", "hero": "heroes", "echo": "echoes", "quiz": "quizzes",
    ]

    /// Words that are their own plural (lowercase).
    static let unchanged: Set<String> = [
        "sheep", "fish", "deer", "series", "species", "news", "equipment", "information", "feedback", "data", "software", "staff",
    ]

    /// The plural of `label`.
    public static func plural(of label: String) -> String {
        let word = String(label.reversed().prefix { $0.isLetter }.reversed())
        guard let last = word.last, String(last).folding(options: .diacriticInsensitive, locale: nil).allSatisfy({ $0.isASCII }) else {
            return label
        }
        let stem = String(label.dropLast(word.count))
        let lower = word.lowercased()
        if unchanged.contains(lower) { return label }
        if let plural = irregular[lower] {
            let cased = word == word.uppercased() ? plural.uppercased()
                : word.first?.isUppercase == true ? plural.prefix(1).uppercased() + plural.dropFirst() : plural
            return stem + cased
        }
        // All capitals: an acronym (FAQ → FAQs).
        if word.count > 1, word == word.uppercased() { return label + "s" }
        if lower.hasSuffix("is"), lower.count > 2 { return stem + word.dropLast(2) + "es" }  // analysis → analyses
        if ["s", "x", "z", "ch", "sh"].contains(where: { lower.hasSuffix($0) }) { return label + "es" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) { return stem + word.dropLast() + "ies" }
        return label + "s"
    }
}

/// A new custom object's definition, as `crmgen new` writes it: valid as written, with a primary
/// display property, the given properties and associations, and nothing else.
public enum ObjectScaffold {
    /// The definition file's header comment.
    static let header = ["A custom object written by 'crmgen new': add what it needs, then run 'crmgen validate'."]

    /// The property that names the object's records: the first given plain `string` property (a
    /// one-line text field without a format: not an email, URL or domain), or else a new required `name` ("Name") put first (`<object>_name`
    /// when a property of another type already has that name).
    public static func primaryDisplayProperty(object: String, properties: [PropertySchema]) -> (name: String, created: PropertySchema?) {
        if let given = properties.first(where: { $0.type == .string && $0.fieldType == .text && $0.format == nil }) { return (given.name, nil) }
        let taken = Set(properties.map(\.name))
        let name = ["name", "\(object)_name", "display_name"].first { !taken.contains($0) } ?? "\(object)_display_name"
        return (name, PropertySchema(name: name, label: DefinitionRules.label(fromName: name), type: .string, fieldType: .text, required: true))
    }

    /// The document of a new `kind: custom` object.
    /// - Parameters:
    ///   - swiftName: only when the label gives no usable or free Swift type name.
    ///   - associations: the objects it associates with (`to`), each with its cardinality from the new object's side.
    public static func document(object: String, labels: ObjectLabels, swiftName: String?, properties: [PropertySchema],
                                associations: [(to: String, cardinality: Cardinality)]) -> DefinitionDocument {
        let primary = primaryDisplayProperty(object: object, properties: properties)
        return DefinitionDocument(
            header: header, object: object, kind: .custom, labels: labels, swiftName: swiftName,
            primaryDisplayProperty: primary.name, searchableProperties: [primary.name],
            properties: (primary.created.map { [$0] } ?? []) + properties,
            associations: associations.map { AssociationSchema(from: object, to: $0.to, cardinality: $0.cardinality) }
        )
    }
}
