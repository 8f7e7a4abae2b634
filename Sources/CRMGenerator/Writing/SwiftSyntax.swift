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
    static let keywords = SwiftNames.keywords

    /// `green_lot_number` → `greenLotNumber`; `value` for a name of symbols only, such as `"""`.
    static func camelCase(_ text: String) -> String {
        let name = lowerCamelCase(text)
        return name.isEmpty ? "value" : name
    }

    /// `roast_batch` → `RoastBatch`; `Value` for a name of symbols only.
    static func upperCamelCase(_ text: String) -> String {
        let name = snakeCaseWords(text, capitalizingFirst: true) ?? SwiftNames.upperCamelCase(text)
        return name.isEmpty ? "Value" : name
    }

    /// ``SwiftNames/lowerCamelCase(_:)``, empty when there is no word.
    static func lowerCamelCase(_ text: String) -> String {
        snakeCaseWords(text, capitalizingFirst: false) ?? SwiftNames.lowerCamelCase(text)
    }

    /// What ``SwiftNames`` makes of a snake_case name (`[a-z][a-z0-9_]*`, as every object, property
    /// and label name is): its words joined, each but the first — or each — with a capital. Worked
    /// out from the bytes, because the general rule first folds the text through Foundation, which
    /// costs far more than the name; `nil` for any other text, which takes the general rule.
    private static func snakeCaseWords(_ text: String, capitalizingFirst: Bool) -> String? {
        // Read through a buffer of the bytes: iterating `String.UTF8View` costs an index step a byte.
        return text.withUTF8Bytes { utf8 -> String? in
            guard let first = utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
                  utf8.allSatisfy({ byte in
                      byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                  }) else { return nil }
            // Written straight into the string's storage (short names stay small strings, with no allocation).
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                var count = 0
                var capitalizeNext = capitalizingFirst
                for byte in utf8 {
                    if byte == UInt8(ascii: "_") {
                        capitalizeNext = true
                        continue
                    }
                    let isLetter = byte >= UInt8(ascii: "a")
                    buffer[count] = capitalizeNext && isLetter ? byte - 0x20 : byte
                    count += 1
                    capitalizeNext = false
                }
                return count
            }
        }
    }

    /// A name usable where an identifier is expected: keywords in backticks.
    static func identifier(_ name: String) -> String {
        mayBeKeyword(name) && keywords.contains(name) ? "`\(name)`" : name
    }

    /// Whether `name` has the length and first letter of a keyword (bit `length × 32 + first byte % 32`
    /// of ``keywordShapes``): most names have not, and are settled without hashing them.
    private static func mayBeKeyword(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let first = utf8.first else { return false }
        guard utf8.count < 16 else { return true }  // beyond the table: looked up
        let bit = utf8.count * 32 + Int(first & 31)
        return keywordShapes[bit / 64] & (1 << UInt64(bit % 64)) != 0
    }

    /// The shapes of ``keywords`` as ``mayBeKeyword(_:)`` reads them: 16 lengths × 32 first letters.
    private static let keywordShapes: [UInt64] = {
        var words = [UInt64](repeating: 0, count: 16 * 32 / 64)
        for keyword in keywords {
            guard let first = keyword.utf8.first, keyword.utf8.count < 16 else { continue }
            let bit = keyword.utf8.count * 32 + Int(first & 31)
            words[bit / 64] |= 1 << UInt64(bit % 64)
        }
        return words
    }()

    /// A `"…"` literal of any text: quotes, backslashes, line breaks, control characters and
    /// bidirectional-text controls are escaped, so the literal is one line that reads back as `text`.
    static func stringLiteral(_ text: String) -> String {
        if hasNothingToEscape(text, allowing: .none) { return quoted(text) }
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

    /// `"text"`, for text with nothing to escape: its bytes copied between two quotes, which costs a
    /// fraction of an interpolation's appends (every property's name is spelled so).
    private static func quoted(_ text: String) -> String {
        return text.withUTF8Bytes { utf8 in
            String(unsafeUninitializedCapacity: utf8.count + 2) { buffer in
                buffer[0] = UInt8(ascii: "\"")
                _ = UnsafeMutableBufferPointer(rebasing: buffer[1...]).initialize(fromContentsOf: utf8)
                buffer[utf8.count + 1] = UInt8(ascii: "\"")
                return utf8.count + 2
            }
        }
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
        if isPlainCommentText(text) { return text }
        var result = ""
        var previousWasBreak = false
        for scalar in text.unicodeScalars {
            let isBreak = isLineBreak(scalar)
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
        if isPlainCommentText(text) { return [text] }
        var lines: [String] = []
        var current = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            let isBreak = isLineBreak(scalar)
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

    /// Whether `text` is its own comment text: no line break and nothing to escape (a tab stays), so
    /// the scalar-by-scalar rewriting can be skipped.
    private static func isPlainCommentText(_ text: String) -> Bool {
        hasNothingToEscape(text, allowing: .tabQuoteAndBackslash)
    }

    /// What ``hasNothingToEscape(_:allowing:)`` lets through besides the characters that need no escape.
    enum Allowance { case none, tabQuoteAndBackslash }

    /// Whether no scalar of `text` is one ``needsEscape(_:)`` names (every line break is one), nor,
    /// with `.none`, a quote or a backslash: read from the UTF-8 bytes, for the text of every line.
    /// The scalars to escape above ASCII are U+0080–U+009F (`C2 80`–`C2 9F`), U+061C (`D8 9C`),
    /// U+200E, U+200F, U+2028–U+202E (`E2 80 8E`, `8F`, `A8`–`AE`), U+2066–U+2069 (`E2 81 A6`–`A9`)
    /// and U+FEFF (`EF BB BF`).
    static func hasNothingToEscape(_ text: String, allowing allowance: Allowance) -> Bool {
        let allowsMore = allowance == .tabQuoteAndBackslash
        if isPrintableASCII(text, allowingQuoteAndBackslash: allowsMore) { return true }
        return text.withUTF8Bytes { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x22, 0x5C: if !allowsMore { return false }
                case 0x09: if !allowsMore { return false }
                case 0x20..<0x7F, 0x80..<0xC0, 0xC3..<0xD8, 0xD9..<0xE2, 0xE3..<0xEF, 0xF0...: break
                case 0xC2: if index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return false }
                case 0xD8: if index + 1 < bytes.count, bytes[index + 1] == 0x9C { return false }
                case 0xE2:
                    guard index + 2 < bytes.count else { break }
                    let second = bytes[index + 1], third = bytes[index + 2]
                    if second == 0x80, third == 0x8E || third == 0x8F || (0xA8...0xAE).contains(third) { return false }
                    if second == 0x81, (0xA6...0xA9).contains(third) { return false }
                case 0xEF: if index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return false }
                default: return false  // ASCII controls and DEL
                }
                index += 1
            }
            return true
        }
    }

    /// Whether every byte of `text` is printable ASCII (space to `~`), quotes and backslashes only
    /// when allowed.
    static func isPrintableASCII(_ text: String, allowingQuoteAndBackslash: Bool) -> Bool {
        allWords(of: text) { word in
            word & Word.highBits == 0 && !Word.hasByte(below: 0x20, in: word) && !Word.hasByte(0x7F, in: word)
                && (allowingQuoteAndBackslash || !Word.hasByte(0x22, in: word) && !Word.hasByte(0x5C, in: word))
        } byte: { byte in
            byte >= 0x20 && byte < 0x7F && (allowingQuoteAndBackslash || byte != 0x22 && byte != 0x5C)
        }
    }

    /// Whether every byte of `text` is ASCII but the carriage return: text with one character a byte.
    static func isASCIIWithoutCarriageReturn(_ text: String) -> Bool {
        text.withUTF8Bytes(isASCIIWithoutCarriageReturn)
    }

    /// Whether every byte is ASCII but the carriage return.
    static func isASCIIWithoutCarriageReturn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        allWords(of: bytes) { $0 & Word.highBits == 0 && !Word.hasByte(0x0D, in: $0) } byte: { $0 < 0x80 && $0 != 0x0D }
    }

    /// Whether every eight bytes of `text` pass `word` and the bytes left over pass `byte`: a test of
    /// every byte, eight at a time, on the generator's hottest paths.
    private static func allWords(of text: String, word: (UInt64) -> Bool, byte: (UInt8) -> Bool) -> Bool {
        text.withUTF8Bytes { allWords(of: $0, word: word, byte: byte) }
    }

    private static func allWords(of bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var offset = 0
        while offset + 8 <= bytes.count {
            if !word(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return false }
            offset += 8
        }
        return bytes[offset...].allSatisfy(byte)
    }

    /// Tests of the eight bytes of a word at once (the "has zero byte" and "has less" tricks of
    /// Hacker's Delight), exact for words of ASCII bytes.
    private enum Word {
        static let lowBits: UInt64 = 0x0101_0101_0101_0101
        static let highBits: UInt64 = 0x8080_8080_8080_8080

        /// Whether a byte of `word` (all below 0x80) is below `limit` (at most 0x80).
        static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
            (word &- lowBits &* UInt64(limit)) & ~word & highBits != 0
        }

        /// Whether a byte of `word` is `value`.
        static func hasByte(_ value: UInt8, in word: UInt64) -> Bool {
            hasByte(below: 1, in: word ^ (lowBits &* UInt64(value)))
        }
    }

    /// The line breaks that end a comment line: LF, CR, NEL, VT, FF, U+2028 and U+2029.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
            || scalar == "\u{0B}" || scalar == "\u{0C}"
    }

    /// `text` without whitespace at either end, as Foundation's `trimmingCharacters(in: .whitespaces)`
    /// trims it (the tab, the space separators of category Zs, and U+200B, as CoreFoundation counts
    /// them), without bridging to `NSString`.
    static func trimmingWhitespace(_ text: String) -> String {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// Whether `text` has at most `limit` characters (`text.count <= limit`), found from its bytes
    /// where they settle it: no more bytes than `limit`, or ASCII without a carriage return (which
    /// joins the line feed after it into one character), one byte a character.
    static func hasAtMost(_ limit: Int, charactersIn text: String) -> Bool {
        let bytes = text.utf8.count
        if bytes <= limit { return true }
        if isASCIIWithoutCarriageReturn(text) { return false }
        return text.count <= limit
    }

    /// A `Double` literal that reads back exactly.
    static func doubleLiteral(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + ".0" }
        return "\(value)"
    }
}
