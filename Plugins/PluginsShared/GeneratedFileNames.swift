// Shared, as this very file, by CRMGenPlugin (which cannot import the package's libraries) and
// by CRMModel, where the generator and the CLI use it: one rule decides every generated file's
// name, so the outputs the plugin declares are the files crmgen writes.

import Foundation

/// Names of the files crmgen generates, and the Swift spelling of names from definitions.
public enum GeneratedFileNames {
    public static let registry = "Registry.swift"
    public static let associationMatrix = "AssociationMatrix.swift"
    /// The built-in standard objects' types, written (empty but for a comment) even when not asked for,
    /// so that the build plugin can declare it without reading the configuration.
    public static let standardTypes = "StandardTypes.swift"

    /// The files crmgen writes besides one per definition file.
    public static let fixed = [associationMatrix, registry, standardTypes]

    /// The output file of each definition file: the file's stem in UpperCamelCase (`roast_batch.yaml`
    /// → `RoastBatch.swift`, `café.yaml` → `Café.swift`). Where two names would be the same — ignoring
    /// case, as macOS does — or would be a fixed name, the later path in `paths` gets `_2`, `_3`, …
    /// (`Lots.swift`, `Lots_2.swift`); the suffix cannot come from a stem, so the names never chain.
    /// Callers pass the paths sorted, so the result does not depend on the order files were found.
    /// A stem longer than ``maximumStemLength`` bytes is cut at a character's end, so that a
    /// definition file's name of 255 bytes, the most a file system allows, still gives one.
    public static func assign(_ paths: [String]) -> [(path: String, file: String)] {
        var taken = Set(fixed.map { $0.lowercased() })
        return paths.map { path in
            let stem = bounded(stem(ofDefinition: path))
            var candidate = stem + ".swift"
            var counter = 2
            while taken.contains(candidate.lowercased()) {
                candidate = "\(stem)_\(counter).swift"
                counter += 1
            }
            taken.insert(candidate.lowercased())
            return (path, candidate)
        }
    }

    /// Longest stem of a generated file's name, in UTF-8 bytes: with a counter (`_12`) and `.swift`,
    /// the name stays within the 255 bytes file systems allow.
    public static let maximumStemLength = 200

    /// `stem` cut after its last whole character within ``maximumStemLength`` bytes.
    static func bounded(_ stem: String) -> String {
        guard stem.utf8.count > maximumStemLength else { return stem }
        var result = ""
        for character in stem {
            guard result.utf8.count + character.utf8.count <= maximumStemLength else { break }
            result.append(character)
        }
        return result.isEmpty ? "Definition" : result
    }

    /// `Definitions/custom/roast_batch.yaml` → `RoastBatch`; `Definition` for a stem without letters or digits.
    public static func stem(ofDefinition path: String) -> String {
        // The last component and its extension are found on the bytes, where the file system finds them
        // (a '/' or '.' followed by a combining mark is part of one Character, which splitting the path
        // into Characters would miss), and at a small part of the cost.
        let utf8 = Array(path.utf8)
        var end = utf8.count
        while end > 0, utf8[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var start = end
        while start > 0, utf8[start - 1] != UInt8(ascii: "/") { start -= 1 }
        var name = start == end ? utf8[...] : utf8[start..<end]  // only slashes, or nothing: the path as it is
        for suffix in [".yaml", ".yml"] where name.count >= suffix.utf8.count && name.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
            name = name.dropLast(suffix.utf8.count)
            break
        }
        let stem = Substring(String(decoding: name, as: UTF8.self))
        if let camel = snakeCaseUpperCamelCase(stem) { return camel }
        let camel = SwiftNames.upperCamelCase(stem, asciiOnly: false)
        return camel.isEmpty ? "Definition" : camel
    }

    /// What ``SwiftNames/upperCamelCase(_:asciiOnly:)`` makes of a snake_case stem (`[a-z][a-z0-9_]*`,
    /// as definition files are named), worked out from the bytes: the general rule goes character by
    /// character, which costs more than the rest of naming a file. `nil` for any other stem.
    static func snakeCaseUpperCamelCase(_ stem: Substring) -> String? {
        let utf8 = stem.utf8
        guard let first = utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var capitalizeNext = true
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "_"):
                capitalizeNext = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                result.append(capitalizeNext ? byte - 0x20 : byte)
                capitalizeNext = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.append(byte)
                capitalizeNext = false
            default:
                return nil
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Swift spellings of names from definitions: one rule for types, members and file names.
public enum SwiftNames {
    /// Words that must be escaped with backticks to be used as names, and so can never name a module.
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "break", "case", "catch", "class", "consume", "consuming", "continue",
        "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough", "false", "fileprivate",
        "for", "func", "guard", "if", "import", "in", "init", "inout", "internal", "is", "let", "nil",
        "operator", "private", "precedencegroup", "protocol", "public", "repeat", "rethrows", "return",
        "self", "Self", "some", "static", "struct", "subscript", "super", "switch", "throw", "throws", "true",
        "try", "typealias", "var", "where", "while", "Any", "Type", "Protocol", "package", "any", "await", "async",
        "nonisolated", "isolated", "actor",
    ]

    /// Words are runs of letters and digits (ASCII only, or any script); everything else separates
    /// them. Each word starts with a capital; the rest of it is kept as written (`IN_PROGRESS` →
    /// `INPROGRESS`, `roast_batch` → `RoastBatch`). A leading digit gets `_` (`1st-crop` → `_1stCrop`).
    /// For ASCII names, accents are dropped first (`Café visit` → `CafeVisit`). Empty when there is no word.
    public static func upperCamelCase(_ text: some StringProtocol, asciiOnly: Bool = true) -> String {
        let name = words(text, asciiOnly: asciiOnly).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        guard let first = name.first else { return "" }
        return first.isNumber ? "_" + name : name
    }

    /// `green_lot_number` → `greenLotNumber`; `IN_PROGRESS` → `inProgress`; `1st-crop` → `_1stCrop`. ASCII
    /// only; empty when there is no word.
    public static func lowerCamelCase(_ text: some StringProtocol) -> String {
        let parts = words(text, asciiOnly: true)
        guard let head = parts.first?.lowercased() else { return "" }
        let name = head + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
        return name.first?.isNumber == true ? "_" + name : name
    }

    private static func words(_ text: some StringProtocol, asciiOnly: Bool) -> [Substring] {
        let string = asciiOnly ? String(text).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil) : String(text)
        return string[...].split { character in
            !((character.isLetter || character.isNumber) && (!asciiOnly || character.isASCII))
        }
    }
}
