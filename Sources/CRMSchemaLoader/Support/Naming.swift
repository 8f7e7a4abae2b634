import CRMModel

/// Naming rules shared by objects, properties, labels and generated Swift names.
enum Naming {
    /// HubSpot allows letters, digits and underscores starting with a letter; crmgen also asks for lowercase.
    static func isSnakeCase(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }

    static let snakeCaseRule = "lowercase snake_case: letters a-z, digits and underscores, starting with a letter"

    /// An UpperCamelCase Swift type name made of ASCII letters and digits.
    static func isTypeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// `Roast Batch` → `RoastBatch`, `Line item` → `LineItem`, `e-mail` → `EMail`; `nil` when nothing usable remains.
    static func typeName(fromLabel label: String) -> String? {
        let name = SwiftNames.upperCamelCase(label)
        return isTypeName(name) ? name : nil
    }

    /// Type names a generated type must not take: Swift and Foundation types that apps use
    /// unqualified (a generated `Task` would break every `Task { }` in the module), and crmgen's own.
    static let reservedTypeNames: Set<String> = [
        "Any", "Array", "Bool", "Character", "Data", "Date", "Decimal", "Dictionary", "Double", "Error", "Float",
        "Int", "Never", "Optional", "Protocol", "Result", "Self", "Sequence", "Set", "String", "Task", "Type",
        "URL", "UUID", "Void",
        "AssociationMatrix", "CalendarDate", "CRMRecord", "OwnerID", "Registry", "Schema", "ValidationIssue",
    ]
}

/// The Swift type names that definitions written by crmgen (an import) must state, because the
/// label alone would give none, a reserved one, or one that another object already has.
public enum SwiftTypeNaming {
    /// For each object (name and singular label), the `swiftName` to write, or `nil` when the
    /// label's own type name is free. `taken` holds the type names of the other objects.
    public static func explicitNames(for objects: [(name: String, label: String)], taken: Set<String>) -> [String: String] {
        var used = taken
        var result: [String: String] = [:]
        for object in objects.sorted(by: { $0.name < $1.name }) {
            if let fromLabel = Naming.typeName(fromLabel: object.label), !Naming.reservedTypeNames.contains(fromLabel), !used.contains(fromLabel) {
                used.insert(fromLabel)
                continue
            }
            var name = SwiftNames.upperCamelCase(object.name)
            if !Naming.isTypeName(name) || Naming.reservedTypeNames.contains(name) { name = "CRM" + name }
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
