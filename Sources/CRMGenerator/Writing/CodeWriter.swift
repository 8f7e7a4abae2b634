/// Builds Swift source text line by line with indentation, so renderers never glue
/// templates together by hand (after swift-protobuf's code printer).
///
/// The text is a buffer of UTF-8 bytes that the generator hands on (``handOn(to:onlyIfFull:)``) whenever
/// it grows past ``flushThreshold``, so even a file of many megabytes (`Registry.swift` of thousands of
/// objects) is never held whole. A line can be written in pieces (``write(_:)``, then ``endLine()``),
/// which saves making a string of them first on the generator's busiest lines.
struct CodeWriter {
    // Room for a whole file of one object, or one object of `Registry.swift`, without growing (each
    // growth copies what is written so far).
    private var bytes = SourceBytes(capacity: 1 << 16)
    private var depth = 0
    /// Whether nothing has been written on the current line yet (its indentation is still to come).
    private var atLineStart = true
    /// Spaces per level of indentation.
    private static let indentWidth = 4
    /// How much text the generator lets a writer hold before it hands it on (64 KiB).
    static let flushThreshold = 1 << 16

    init() {}

    /// An empty writer at `other`'s indentation, to render a part of its text elsewhere (on another core).
    init(indentedLike other: CodeWriter) {
        depth = other.depth
    }

    /// Whether nothing is written since the text was last handed on.
    var isEmpty: Bool { bytes.isEmpty }

    /// Whether the buffer holds more than ``flushThreshold`` bytes.
    var isFull: Bool { bytes.count >= Self.flushThreshold }

    /// The text written since the last call, which leaves the buffer empty, as large as it had grown
    /// (the indentation stays).
    mutating func take() -> [UInt8] {
        bytes.take()
    }

    /// The text written so far, sharing the writer's buffer: a writer's last use hands its text over
    /// without a copy.
    var text: SourceBytes { bytes }

    /// Empties the buffer, keeping its capacity (the indentation stays).
    mutating func removeAll() {
        bytes.removeAll()
    }

    /// Appends `piece` to the current line, indenting the line first if it is new.
    // Disfavoured so that a literal takes the `StaticString` overload, which copies its bytes directly.
    @_disfavoredOverload
    mutating func write(_ piece: String) {
        if piece.isEmpty { return }
        indentIfAtLineStart()
        bytes.append(utf8: piece)
    }

    /// Appends a fixed `piece` to the current line, indenting the line first if it is new.
    @inline(__always)
    mutating func write(_ piece: StaticString) {
        if piece.utf8CodeUnitCount == 0 { return }
        indentIfAtLineStart()
        bytes.append(static: piece)
    }

    /// Appends `text` as a `"…"` literal (``SwiftSyntax/stringLiteral(_:)``) to the current line.
    mutating func writeLiteral(_ text: String) {
        indentIfAtLineStart()
        bytes.append(literalOf: text)
    }

    /// Appends the decimal digits of `number` to the current line.
    mutating func write(_ number: Int) {
        indentIfAtLineStart()
        bytes.append(decimal: number)
    }

    /// Appends bytes `range` of `source`, such as an argument of a ``SchemaValueRenderer/Call``, to the current line.
    mutating func write(_ source: SourceBytes, _ range: Range<Int>) {
        if range.isEmpty { return }
        indentIfAtLineStart()
        bytes.append(source, range)
    }

    /// A whole line one level deeper than the current one: bytes `range` of `source`, then `suffix`.
    /// Written with one reservation rather than piece by piece: `Registry.swift` has such a line for
    /// every argument of every property (``SchemaValueRenderer/Call``).
    mutating func line(indentedOnce source: SourceBytes, _ range: Range<Int>, suffix: StaticString) {
        guard atLineStart else {
            // Mid-line (the generator never is): the pieces after what is written, as `write` would add them.
            bytes.append(spaces: Self.indentWidth)
            bytes.append(source, range)
            bytes.append(static: suffix)
            endLine()
            return
        }
        bytes.appendLine(spaces: (depth + 1) * Self.indentWidth, source, range, suffix: suffix)
    }

    /// One line of a name and a literal, `head` + `name` + `separator` + `"text"`: a case of a
    /// `String`-backed enum (`case roastLevel = "roast_level"`, `case .light: "light"`).
    mutating func line(_ head: StaticString, _ name: String, _ separator: StaticString, literal text: String) {
        write(head)
        write(name)
        write(separator)
        writeLiteral(text)
        endLine()
    }

    private mutating func indentIfAtLineStart() {
        guard atLineStart else { return }
        atLineStart = false
        bytes.append(spaces: depth * Self.indentWidth)
    }

    /// Ends the current line (a line with nothing written on it is a blank line, without indentation).
    mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
        atLineStart = true
    }

    /// One line at the current indentation; an empty string writes a blank line.
    @_disfavoredOverload
    mutating func line(_ content: String = "") {
        write(content)
        endLine()
    }

    /// One fixed line at the current indentation.
    mutating func line(_ content: StaticString) {
        write(content)
        endLine()
    }

    /// `header {`, the body one level deeper, then `}` (or `closing`).
    mutating func block(_ header: String, closing: StaticString = "}", _ body: (inout CodeWriter) -> Void) {
        open(header)
        body(&self)
        close(closing)
    }

    /// `header {`, and what follows one level deeper until ``close(_:)``: for a block whose body
    /// is written by code that hands the text on as it goes.
    mutating func open(_ header: String) {
        write(header)
        openBlock()
    }

    /// ` {` after what is written on the current line, and what follows one level deeper until
    /// ``close(_:)``: for a header written in pieces.
    mutating func openBlock() {
        write(" {")
        endLine()
        depth += 1
    }

    /// Ends what ``open(_:)`` began: one level out, then `}` (or `closing`).
    mutating func close(_ closing: StaticString = "}") {
        depth -= 1
        line(closing)
    }

    /// `///` lines; every kind of line break in `content` starts a new comment line, so no text can
    /// end the comment. Trailing blank lines are dropped; blank lines inside stay as `///`.
    mutating func documentation(_ content: String) {
        // Most documentation is one line with nothing to escape or trim: written as it is.
        if Self.isPlainEdge(content.utf8.first), Self.isPlainEdge(content.utf8.last),
           SwiftSyntax.hasNothingToEscape(content, allowing: .tabQuoteAndBackslash) {
            write("/// ")
            write(content)
            endLine()
            return
        }
        var lines = SwiftSyntax.commentLines(content)
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }), lines.count > 1 { lines.removeLast() }
        for line in lines {
            let trimmed = SwiftSyntax.trimmingWhitespace(line)
            if trimmed.isEmpty {
                self.line("///")
            } else {
                write("/// ")
                write(trimmed)
                endLine()
            }
        }
    }

    /// ``documentation(_:)`` of the pieces joined. When the text needs no escape and no trim (the common
    /// case) the pieces are written one after another, not joined first.
    mutating func documentation(pieces: [String]) {
        guard Self.isPlainEdge(pieces.first { !$0.isEmpty }?.utf8.first), Self.isPlainEdge(pieces.last { !$0.isEmpty }?.utf8.last),
              pieces.allSatisfy({ SwiftSyntax.hasNothingToEscape($0, allowing: .tabQuoteAndBackslash) }) else {
            documentation(pieces.joined())
            return
        }
        write("/// ")
        for piece in pieces { write(piece) }
        endLine()
    }

    /// A first or last byte that documentation keeps as it is: printable ASCII, not a space.
    private static func isPlainEdge(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte > 0x20 && byte < 0x80
    }

    /// One `// …` line of text from a definition.
    mutating func comment(_ content: String) {
        write("// ")
        write(SwiftSyntax.commentText(content))
        endLine()
    }

    /// `// text — path:line`, as ``comment(_:)`` writes it, without joining the parts first.
    mutating func comment(_ text: String, _ citation: Citation) {
        write("// ")
        write(SwiftSyntax.commentText(text))
        write(" — ")
        if citation.isPlainCommentText {
            citation.write(into: &self)
        } else {
            write(SwiftSyntax.commentText(citation.text))
        }
        endLine()
    }
}
