/// Scalars written as YAML that crmgen's loader reads back as exactly the same text.
///
/// Plain where YAML 1.2 reads the text as that same string (`Roast Batch`, `roast_batch`), and
/// double-quoted with escapes otherwise: text that plain YAML would read as another type (`true`,
/// `null`, `12`, `1e3`), that starts or ends with a space or an indicator (`- x`, `#x`, `'x`), that
/// holds `: ` or ` #`, or any character outside printable Unicode — and, inside flow collections
/// (`[a, b]`, `{ k: v }`), a flow indicator.
public enum YAMLText {
    /// Where a scalar stands: on its own (block) or inside `[…]` or `{…}` (flow).
    public enum Context: Sendable {
        case block, flow
    }

    /// The scalar, plain when that is safe, else double-quoted.
    public static func scalar(_ text: String, in context: Context = .flow) -> String {
        isSafePlain(text, in: context) ? text : quoted(text)
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
    static func isSafePlain(_ text: String, in context: Context) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if text.unicodeScalars.contains(where: { needsEscape($0) || $0 == "\t" }) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        // Flow indicators would end the scalar inside `[…]` and `{…}`.
        if context == .flow, text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        return !readsAsAnotherType(text)
    }

    /// YAML 1.2 core schema: null, booleans, ints (`12`, `-3`, `0o17`, `0x1F`) and floats (`1.5`,
    /// `.5`, `1e3`, `.inf`, `.nan`), in every spelling the loader knows.
    static func readsAsAnotherType(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
             ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            break
        }
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        func isHex(_ scalar: Unicode.Scalar) -> Bool { isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar) }
        if scalars.count > 2, scalars[0] == "0", scalars[1] == "x" { return scalars.dropFirst(2).allSatisfy(isHex) }
        if scalars.count > 2, scalars[0] == "0", scalars[1] == "o" { return scalars.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var index = 0
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" { index += 1 }
        let integerStart = index
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        var digits = index - integerStart
        if index < scalars.count, scalars[index] == "." {
            index += 1
            let fractionStart = index
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            digits += index - fractionStart
        }
        guard digits > 0 else { return false }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" { index += 1 }
            let exponentStart = index
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == scalars.count
    }
}
