/// Appending Swift source to a buffer of UTF-8 bytes without making a string on the way: the
/// generator writes megabytes, and a string per piece (to interpolate, escape or join it) cost
/// more than the bytes themselves.
extension [UInt8] {
    /// The UTF-8 of `text`.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// `text` as a `"…"` literal, byte for byte as ``SwiftSyntax/stringLiteral(_:)`` spells it.
    mutating func append(literalOf text: String) {
        guard SwiftSyntax.hasNothingToEscape(text, allowing: .none) else {
            append(utf8: SwiftSyntax.stringLiteral(text))
            return
        }
        append(UInt8(ascii: "\""))
        append(utf8: text)
        append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `number`, as `"\(number)"` writes them.
    mutating func append(decimal number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        let start = count
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        self[start...].reverse()
    }
}
