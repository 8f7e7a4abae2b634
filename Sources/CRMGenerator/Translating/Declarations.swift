import CRMModel

// The translate step's output: what to declare, with every Swift name chosen and every check
// decided. Renderers only print these; they decide nothing.

/// How a property's value appears in Swift: its type, and which `RecordProperties` accessor reads it.
enum ValueKind: Hashable {
    case string, number, bool, date, datetime, owner
    /// One option of the nested enumeration with this type name.
    case option(enumeration: String)
    /// A `Set` of options of the nested enumeration with this type name (multi-select).
    case options(enumeration: String)
}

/// A typed property: a computed accessor over the record's values.
struct PropertyAccessor {
    /// A Swift identifier, escaped where needed (`` `default` ``).
    let swiftName: String
    /// The HubSpot internal name (`green_lot_number`).
    let jsonName: String
    /// `jsonName` as a `"…"` literal (``SwiftSyntax/stringLiteral(_:)``), spelled once for its several uses.
    let jsonLiteral: String
    let kind: ValueKind
    /// The property's label, for the first doc line.
    let label: String
    /// ` (required, read-only, unique)`, the traits it has, or nothing.
    let traits: String
    /// Where the property is defined.
    let source: Citation
    let description: String?

    /// An accessor; `jsonLiteral` is spelled from `jsonName` when not given.
    init(swiftName: String, jsonName: String, jsonLiteral: String? = nil, kind: ValueKind, label: String, traits: String,
         source: Citation, description: String?) {
        self.swiftName = swiftName
        self.jsonName = jsonName
        self.jsonLiteral = jsonLiteral ?? SwiftSyntax.stringLiteral(jsonName)
        self.kind = kind
        self.label = label
        self.traits = traits
        self.source = source
        self.description = description
    }

    /// The first doc line: label, traits, name and where it is defined.
    var summary: String { "\(label)\(traits) — `\(jsonName)`, \(source.text)" }

    /// Whether ``summary`` is a doc line as it is, which ``CodeWriter/documentation(_:)`` would
    /// write unchanged: it begins with a visible ASCII character, and no part needs an escape.
    var summaryIsPlain: Bool {
        guard let first = label.utf8.first, first > 0x20, first < 0x80 else { return false }
        return SwiftSyntax.hasNothingToEscape(label, allowing: .tabQuoteAndBackslash)
            && SwiftSyntax.hasNothingToEscape(jsonName, allowing: .tabQuoteAndBackslash) && source.isPlainCommentText
    }
}

/// A nested `CRMEnumeration` of an enumeration property's options.
struct EnumerationDeclaration {
    struct Case {
        let name: String
        let value: String
        let label: String
    }

    let typeName: String
    let propertyName: String
    let propertyLabel: String
    let cases: [Case]
    /// The portal defines the values: the cases are the known ones, and others are valid too.
    let isPortalDefined: Bool
}

/// A pattern compiled once, as a static constant of the type.
struct PatternDeclaration {
    let name: String
    let pattern: String
}

/// One statement of a `validate()` method: the rule for one property.
struct ValidationStep {
    enum Rule {
        /// `pattern` is the name of a ``PatternDeclaration``.
        case text(minLength: Int?, maxLength: Int?, pattern: String?, format: PropertyFormat?)
        case number(minimum: CRMNumber?, maximum: CRMNumber?)
        case bool, date, datetime
        case option(enumeration: String)
        case options(enumeration: String)
    }

    let jsonName: String
    /// `jsonName` as a `"…"` literal, as ``PropertyAccessor/jsonLiteral``.
    let jsonLiteral: String
    /// `path:line` of the property's definition.
    let source: Citation
    let required: Bool
    let rule: Rule
}

/// The Swift of one object defined by one file: its struct, its coding and its `validate()`.
struct RecordTypeDeclaration {
    let typeName: String
    let objectName: String
    /// The label and description, for the type's documentation.
    let documentation: String
    /// Where the object comes from: name, objectTypeId, file and line.
    let origin: String
    /// The expression of the object's schema (`Registry.Objects.greenLot`).
    let schemaExpression: String
    let accessors: [PropertyAccessor]
    let enumerations: [EnumerationDeclaration]
    let patterns: [PatternDeclaration]
    let validation: [ValidationStep]
    /// The object's associations, read from its side, as typed constants.
    let associations: [AssociationConstant]
}

/// A constant of a record type's `Association` enum: one association type, read from the type's side.
struct AssociationConstant {
    /// A Swift identifier (`cupper`, `contacts` for the unlabeled association to contacts).
    let name: String
    let from: String
    let to: String
    /// The label's name; `nil` for the unlabeled association.
    let label: String?
    let typeId: Int?
    /// The doc line: what it is and where it is declared.
    let summary: String
}

/// The Swift of a `kind: extension` file: accessors and a validator for the properties it adds to
/// a type declared elsewhere (often in CRMObjects).
struct ExtensionDeclaration {
    let typeName: String
    let objectName: String
    /// The file, relative to the source root.
    let file: String
    /// `validateContactsRoastery` for `contacts_roastery.yaml`.
    let validatorName: String
    let accessors: [PropertyAccessor]
    let enumerations: [EnumerationDeclaration]
    let patterns: [PatternDeclaration]
    let validation: [ValidationStep]
}

/// `Registry.swift`: the schema as static Swift values, and the module's record types.
struct RegistryDeclaration {
    struct Object {
        /// The static constant's name in `Registry.Objects` (`greenLot`).
        let constantName: String
        let schema: ObjectSchema
    }

    let objects: [Object]
    let associations: [AssociationSchema]
    /// Record types generated into this module.
    let localTypes: [String]
    /// crmgen-generated modules whose registries' record types this one lists too.
    let imports: [String]
}
