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

    /// `///` lines; text with line breaks becomes several lines, blank ones kept as `///`.
    mutating func documentation(_ content: String) {
        var parts = content.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = parts.last, last.allSatisfy({ $0 == " " || $0 == "\t" }), parts.count > 1 { parts.removeLast() }
        for part in parts {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            line(trimmed.isEmpty ? "///" : "/// " + trimmed)
        }
    }
}
