import CRMModel

/// Swift literals for tools that write Swift source (crmgen-embed uses it for the built-in set).
public enum SwiftLiteral {
    /// A literal of `text` that reads back as exactly `text`: a raw multi-line literal (`#"""…"""#`)
    /// when the text is plain, else an escaped one.
    public static func rawMultiline(_ text: String) -> String { SwiftSyntax.multilineLiteral(text) }
}

/// Spelling of Swift names, literals and comments. Every name and string that comes from a
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
        "nonisolated", "isolated", "actor",
    ]

    /// `green_lot_number` → `greenLotNumber`; `value` for a name of symbols only, such as `"""`.
    static func camelCase(_ text: String) -> String {
        let name = SwiftNames.lowerCamelCase(text)
        return name.isEmpty ? "value" : name
    }

    /// `roast_batch` → `RoastBatch`; `Value` for a name of symbols only.
    static func upperCamelCase(_ text: String) -> String {
        let name = SwiftNames.upperCamelCase(text)
        return name.isEmpty ? "Value" : name
    }

    /// A name usable where an identifier is expected: keywords in backticks.
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A `"…"` literal of any text: quotes, backslashes, line breaks, control characters and
    /// bidirectional-text controls are escaped, so the literal is one line that reads back as `text`.
    static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A multi-line literal of `text`. Raw (`#"""…"""#`) with one `#` more than the longest run of `#`
    /// after any `"` or `\` in the text — so neither `"""#` nor `\#(` can end the literal or start an
    /// interpolation. Text a multi-line literal cannot carry verbatim (a carriage return, which Swift
    /// turns into a line feed; other control characters) gets an escaped one-line literal instead.
    static func multilineLiteral(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && needsEscape($0) || $0 == "\r" }) {
            return stringLiteral(text)
        }
        let hashes = String(repeating: "#", count: longestHashRun(afterQuoteOrBackslashIn: text) + 1)
        return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
    }

    /// The longest run of `#` that directly follows a `"` or a `\`.
    static func longestHashRun(afterQuoteOrBackslashIn text: String) -> Int {
        var longest = 0
        var run = -1
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" {
                run = 0
            } else if scalar == "#", run >= 0 {
                run += 1
                longest = max(longest, run)
            } else {
                run = -1
            }
        }
        return longest
    }

    /// Characters that must not appear raw in source: controls, line and paragraph separators, and the
    /// bidirectional overrides that make code read differently than it compiles.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0xFEFF: true
        default: false
        }
    }

    /// Text safe on one comment line: line breaks become spaces; other characters that could end the
    /// line or hide what it says are written as `\u{…}`.
    static func commentText(_ text: String) -> String {
        var result = ""
        var previousWasBreak = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
                || scalar == "\u{0B}" || scalar == "\u{0C}"
            if isBreak {
                if !previousWasBreak { result += " " }
            } else if needsEscape(scalar), scalar != "\t" {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            previousWasBreak = isBreak
        }
        return result
    }

    /// The lines of a text for a `///` comment: any line break (LF, CRLF, CR, U+2028, …) starts a new
    /// line, and each line goes through ``commentText(_:)``.
    static func commentLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            let isBreak = scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
                || scalar == "\u{0B}" || scalar == "\u{0C}"
            if isBreak {
                if !(scalar == "\n" && previous == "\r") {
                    lines.append(current)
                    current = ""
                }
            } else {
                current.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        lines.append(current)
        return lines.map(commentText)
    }

    /// A `Double` literal that reads back exactly.
    static func doubleLiteral(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + ".0" }
        return "\(value)"
    }
}
