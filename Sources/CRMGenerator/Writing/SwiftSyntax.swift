/// Swift literals for tools that write Swift source (crmgen-embed uses it for the built-in set).
public enum SwiftLiteral {
    /// A raw multi-line string literal (`#"""…"""#`) with enough `#` that `text` cannot close it.
    public static func rawMultiline(_ text: String) -> String { SwiftSyntax.rawMultilineLiteral(text) }
}

/// Spelling of Swift names and literals. Every name and string that comes from a
/// definition goes through here, so no definition can inject code.
enum SwiftSyntax {
    /// Words that must be escaped with backticks to be used as names.
    static let keywords: Set<String> = [
        "associatedtype", "borrowing", "break", "case", "catch", "class", "consume", "consuming", "continue",
        "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough", "false", "fileprivate",
        "for", "func", "guard", "if", "import", "in", "init", "inout", "internal", "is", "let", "nil",
        "operator", "private", "precedencegroup", "protocol", "public", "repeat", "rethrows", "return",
        "self", "Self", "some", "static", "struct", "subscript", "super", "switch", "throw", "throws", "true",
        "try", "typealias", "var", "where", "while", "Any", "Type", "Protocol", "package", "any", "await", "async",
    ]

    /// Member names that generated types already use, and so cannot be taken by a property.
    static let reservedMembers: Set<String> = [
        "id", "createdAt", "updatedAt", "archived", "archivedAt", "associations", "additionalProperties",
        "malformedProperties", "objectName", "schema", "validate", "isValid", "hashValue", "hash", "encode",
        "description", "unknown", "rawValue", "knownValues", "isKnown",
    ]

    /// `green_lot_number` → `greenLotNumber`; `1st-crop` → `_1stCrop`; `IN_PROGRESS` → `inProgress`.
    static func camelCase(_ text: String) -> String {
        let words = splitWords(text)
        guard let first = words.first else { return "value" }  // a name of symbols only, such as `"""`
        let head = first.lowercased()
        let tail = words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
        let name = ([head] + tail).joined()
        return name.first!.isNumber ? "_" + name : name
    }

    /// `roast_batch` → `RoastBatch`.
    static func upperCamelCase(_ text: String) -> String {
        let name = splitWords(text).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        guard let first = name.first else { return "Value" }
        return first.isNumber ? "_" + name : name
    }

    /// Words of ASCII letters and digits; everything else separates them. An all-caps word stays one word.
    private static func splitWords(_ text: String) -> [String] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
    }

    /// A name usable where an identifier is expected: keywords in backticks.
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A `"…"` literal of any text: quotes, backslashes, `\(` and control characters are escaped.
    static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value):
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A raw multi-line literal (`#"""…"""#`) with enough `#` that the text cannot close it.
    static func rawMultilineLiteral(_ text: String) -> String {
        var longest = 0
        var run = -1
        for character in text {
            if character == "\"" {
                run = 0
            } else if character == "#", run >= 0 {
                run += 1
                longest = max(longest, run)
            } else {
                run = -1
            }
        }
        let hashes = String(repeating: "#", count: longest + 1)
        return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
    }

    /// A `Double` literal that reads back exactly.
    static func doubleLiteral(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + ".0" }
        return "\(value)"
    }

    /// Text safe inside a `///` comment line (no line breaks).
    static func commentText(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
