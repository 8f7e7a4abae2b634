import Foundation

/// Builds Swift source text line by line with indentation, so renderers never glue
/// templates together by hand (after swift-protobuf's code printer).
struct CodeWriter {
    private(set) var text = ""
    private var depth = 0
    private static let indentUnit = "    "

    /// One line at the current indentation; an empty string writes a blank line.
    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: Self.indentUnit, count: depth) + content + "\n"
        }
    }

    /// `header {`, the body one level deeper, then `}` (or `closing`).
    mutating func block(_ header: String, closing: String = "}", _ body: (inout CodeWriter) -> Void) {
        line(header + " {")
        depth += 1
        body(&self)
        depth -= 1
        line(closing)
    }

    /// `switch subject {`, cases at the switch's own indentation (Swift's usual style), then `}`.
    mutating func switchBlock(_ subject: String, cases: [String]) {
        line("switch \(subject) {")
        cases.forEach { line($0) }
        line("}")
    }

    /// `///` lines; every kind of line break in `content` starts a new comment line, so no text can
    /// end the comment. Trailing blank lines are dropped; blank lines inside stay as `///`.
    mutating func documentation(_ content: String) {
        var lines = SwiftSyntax.commentLines(content)
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }), lines.count > 1 { lines.removeLast() }
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            self.line(trimmed.isEmpty ? "///" : "/// " + trimmed)
        }
    }

    /// One `// …` line of text from a definition.
    mutating func comment(_ content: String) {
        line("// " + SwiftSyntax.commentText(content))
    }
}
