/// Scalars written as YAML that crmgen's loader reads back as exactly the same text.
///
/// Plain where YAML 1.2 reads the text as that same string (`Roast Batch`, `roast_batch`), and
/// double-quoted with escapes otherwise: text that plain YAML would read as another type (`true`,
/// `null`, `12`, `1e3`), that starts or ends with a space or an indicator (`- x`, `#x`, `'x`), that
/// holds `: ` or ` #`, or any character outside printable Unicode.
public enum YAMLText {
    /// The scalar, plain when that is safe, else double-quoted.
    public static func scalar(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    /// A double-quoted scalar: `\`, `"` and every non-printable character escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where needsEscape(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                if scalar.value <= 0xFF {
                    result += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Characters YAML does not allow raw (C0, DEL, C1, surrogates, non-characters), the line and
    /// paragraph separators libyaml treats as line breaks, the byte order mark, and bidirectional
    /// controls that would make a file read differently than it loads.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
            true
        default: false
        }
    }

    /// Whether plain style reads back as this very string.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if text.unicodeScalars.contains(where: { needsEscape($0) || $0 == "\t" }) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        // Flow indicators would end the scalar inside `[…]` and `{…}`, where short maps put it.
        if text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        return !readsAsAnotherType(text)
    }

    /// YAML 1.2 core schema: null, booleans, ints and floats, in every spelling the loader knows.
    static func readsAsAnotherType(_ text: String) -> Bool {
        switch text {
        case "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
             ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            break
        }
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if body.hasPrefix("0x") || body.hasPrefix("0o") { return true }
        // Anything made of digits, dots and exponents could be a number; quote it.
        return !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-") }
            && body.contains(where: \.isNumber)
    }
}
