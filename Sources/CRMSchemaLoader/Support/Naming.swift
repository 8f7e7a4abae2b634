import CRMModel
import Foundation

/// Naming rules shared by objects, properties, labels and generated Swift names.
enum Naming {
    /// Longest object, property, group or label name, and longest Swift type name: far beyond the
    /// longest HubSpot name (32 characters), short enough for a generated file name (`Name.swift`)
    /// on every file system.
    static let maxNameLength = 100

    /// HubSpot allows letters, digits and underscores starting with a letter; crmgen also asks for lowercase.
    static func isSnakeCase(_ name: String) -> Bool {
        name.withUTF8Bytes(isSnakeCase)
    }

    static func isSnakeCase(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= maxNameLength, let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        for byte in bytes {
            let isLetter = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(isLetter || isDigit || byte == UInt8(ascii: "_")) { return false }
        }
        return true
    }

    static let snakeCaseRule = "lowercase snake_case: letters a-z, digits and underscores, starting with a letter, at most \(maxNameLength) characters"

    /// `2-123` for a custom object, `0-1` for a standard one.
    static func isObjectTypeId(_ id: String, custom: Bool) -> Bool {
        // From the bytes: characters and their Unicode properties cost thousands of instructions an ID.
        id.withUTF8Bytes { bytes in
            guard bytes.count > 2, bytes[0] == (custom ? UInt8(ascii: "2") : UInt8(ascii: "0")), bytes[1] == UInt8(ascii: "-") else { return false }
            for index in 2..<bytes.count where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { return false }
            // Up to 18 digits always fit an Int; longer ones must too.
            return bytes.count - 2 <= 18 || Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[2...]), as: UTF8.self)) != nil
        }
    }

    /// HubSpot's `p{portalId}_{name}`.
    static func isFullyQualifiedName(_ text: String, of name: String) -> Bool {
        let prefix = text.prefix { $0 != "_" }
        return prefix.count > 1 && prefix.first == "p" && prefix.dropFirst().allSatisfy { $0.isASCII && $0.isNumber } && text == prefix + "_" + name
    }

    /// An UpperCamelCase Swift type name made of ASCII letters and digits.
    static func isTypeName(_ name: String) -> Bool {
        guard name.utf8.count <= maxNameLength, let first = name.utf8.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return false }
        // From the bytes: the ASCII letters are exactly the alphabetic ASCII scalars, and a look-up of
        // Unicode properties per character cost thousands of instructions a name.
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// `Roast Batch` → `RoastBatch`, `Line item` → `LineItem`, `e-mail` → `EMail`; `nil` when nothing usable remains.
    static func typeName(fromLabel label: String) -> String? {
        let name = asciiUpperCamelCase(label) ?? SwiftNames.upperCamelCase(label)
        return isTypeName(name) ? name : nil
    }

    /// `SwiftNames.upperCamelCase` of printable ASCII text, made from its bytes (Foundation's folding
    /// of accents and widths, which that function applies first, leaves such text as it is); `nil`
    /// for any other text. A test holds the two to the same answers.
    static func asciiUpperCamelCase(_ text: String) -> String? {
        var name: [UInt8] = []
        name.reserveCapacity(text.utf8.count + 1)
        var startsWord = true
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F else { return nil }
            let isLower = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            guard isLower || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                startsWord = true
                continue
            }
            name.append(startsWord && isLower ? byte - 0x20 : byte)
            startsWord = false
        }
        if let first = name.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { name.insert(UInt8(ascii: "_"), at: 0) }
        return String(decoding: name, as: UTF8.self)
    }
}

/// The Swift type names that definitions written by crmgen (an import) must state, because the
/// label alone would give none, a reserved one, or one that another object already has.
public enum SwiftTypeNaming {
    /// Type names a generated type must not take: Swift and Foundation types and protocols that apps
    /// and generated code use unqualified (a generated `Task` would break every `Task { }` in the
    /// module), the modules generated code names (`Foundation.Date`), the runtime's types that generated
    /// code names, and the types the generator declares itself. GeneratedCodeShapeTests checks that
    /// every such name in generated code is here.
    public static let reservedTypeNames: Set<String> = SwiftLibraryTypeNames.all.union([
        // Swift's and Foundation's types are SwiftLibraryTypeNames; these mean something in a type's place too
        "Any", "Foundation", "Protocol", "Self", "Swift", "Type",
        // The runtime's types that generated code names
        "AssociationLabel", "AssociationResults", "AssociationSchema", "AssociationType", "CalendarDate", "CompiledPattern",
        "CRMEnumeration", "CRMNumber", "CRMRecord", "CRMRuntime", "ObjectLabels", "ObjectRequirements", "ObjectSchema",
        "OwnerID", "PropertyGroup", "PropertyOption", "PropertySchema", "RecordEnvelope", "RecordJSONError", "RecordProperties",
        "RecordRegistry", "RecordRules", "Schema", "SourceLocation", "ValidationIssue", "ValueRules",
        // The generator's own declarations
        "Association", "AssociationMatrix", "Associations", "Objects", "Registry",
    ])

    /// For each object (name and singular label), the `swiftName` to write, or `nil` when the
    /// label's own type name is free. `taken` holds the type names of the other objects.
    public static func explicitNames(for objects: [(name: String, label: String)], taken: Set<String>) -> [String: String] {
        var used = taken
        var result: [String: String] = [:]
        for object in objects.sorted(by: { $0.name < $1.name }) {
            if let fromLabel = Naming.typeName(fromLabel: object.label), !SwiftTypeNaming.reservedTypeNames.contains(fromLabel), !used.contains(fromLabel) {
                used.insert(fromLabel)
                continue
            }
            var name = SwiftNames.upperCamelCase(object.name)
            if !Naming.isTypeName(name) || SwiftTypeNaming.reservedTypeNames.contains(name) { name = "CRM" + name }
            var candidate = name
            var counter = 2
            while used.contains(candidate) {
                candidate = name + String(counter)
                counter += 1
            }
            used.insert(candidate)
            result[object.name] = candidate
        }
        return result
    }
}

/// The rules of the definition format, for tools that write definitions (`crmgen new`, the
/// importer): the same checks the loader applies, so what these accept the loader accepts.
public enum DefinitionRules {
    /// Whether `name` may name an object, a property or a label: ``nameRule``.
    public static func isValidName(_ name: String) -> Bool { Naming.isSnakeCase(name) }

    /// The rule ``isValidName(_:)`` checks, in words, for messages.
    public static let nameRule = Naming.snakeCaseRule

    /// Longest name (object, property, group, label, Swift type).
    public static var maxNameLength: Int { Naming.maxNameLength }

    /// `2-123`: a custom object's objectTypeId.
    public static func isCustomObjectTypeId(_ id: String) -> Bool { Naming.isObjectTypeId(id, custom: true) }

    /// HubSpot's `p{portalId}_{name}` for the object `name`.
    public static func isFullyQualifiedName(_ text: String, of name: String) -> Bool { Naming.isFullyQualifiedName(text, of: name) }

    /// HubSpot's most unique-value properties per object.
    public static var maxUniqueProperties: Int { SchemaResolver.maxUniqueProperties }

    /// The properties crmgen gives every custom object (HubSpot's system properties and the owner).
    public static var implicitPropertyNames: [String] { ImplicitMembers.customObjectProperties.map(\.name) }

    /// The objects HubSpot associates every custom object with, unasked.
    public static var implicitAssociationTargets: [String] { ImplicitMembers.customObjectAssociationTargets }

    /// Whether a property name is HubSpot's own: its system properties and anything that starts with
    /// `hs_`, the prefix HubSpot keeps for itself. A new property must not take one.
    public static func isHubSpotPropertyName(_ name: String) -> Bool {
        name.hasPrefix("hs_") || implicitPropertyNames.contains(name)
    }

    /// The API name a label gives: its words (letters a-z and digits, accents dropped) in lowercase,
    /// joined by `_` (`Tasting Note` → `tasting_note`, `Café visit #2` → `cafe_visit_2`); `nil` when
    /// that is not a valid name (no letters a-z, or a digit first).
    public static func name(fromLabel label: String) -> String? {
        let folded = label.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        let words = folded.unicodeScalars.split { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        let name = words.map { String(String.UnicodeScalarView($0)).lowercased() }.joined(separator: "_")
        return isValidName(name) ? name : nil
    }

    /// A label for a name: underscores as spaces, the first letter capitalized (`cupped_on` → `Cupped on`).
    public static func label(fromName name: String) -> String {
        let words = name.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
