/// One problem found in the definitions or in a file of records, in the form compilers print:
/// `path:line:column: error: message`. Its description escapes what it echoes (see ``escaped(_:)``).
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var message: String
    /// Where the problem is; `nil` for problems of a whole run (no definitions found).
    public var location: SourceLocation?
    /// Further places that explain this one ("first defined here"), printed right after it.
    public var notes: [Diagnostic]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    public static func note(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.note, message, at: location)
    }

    /// The diagnostic and its notes, one line each. The file path and the message are escaped: they
    /// echo names, keys, IDs and values from files, which must not start lines of their own.
    public var description: String {
        description(styling: { text, _ in text })
    }

    /// The parts of a diagnostic's line that crmgen's `--color` paints.
    package enum Part: Hashable, Sendable {
        /// `path:line:column:`, with its colon.
        case location
        /// `error:`, `warning:` or `note:`, with its colon.
        case severity(Severity)
    }

    /// ``description`` with its places and severities passed through `style` (escaping stays the
    /// same; the message and the `crmgen:` prefix are never styled).
    package func description(styling style: (_ text: String, _ part: Part) -> String) -> String {
        ([self] + notes).map { $0.headline(styling: style) }.joined(separator: "\n")
    }

    private func headline(styling style: (_ text: String, _ part: Part) -> String) -> String {
        let label = style("\(severity.rawValue):", .severity(severity))
        guard var place = location else { return "crmgen: \(label) \(Self.escaped(message))" }
        place.file = Self.escaped(place.file)
        return "\(style("\(place):", .location)) \(label) \(Self.escaped(message))"
    }

    /// `text` made safe to print as part of one line: characters that would end the line, move the
    /// cursor, or reorder what a terminal or an editor shows are written as `\u{…}` (hex): C0 controls
    /// (tab and line feed included), DEL, C1 controls, the line and paragraph separators U+2028 and
    /// U+2029, and the bidirectional controls U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069.
    ///
    /// A backslash stays as it is unless it could be read as part of an escape: it is doubled before
    /// another backslash, before `u{`, and before an escaped character. So a reader gets the text back
    /// by reading `\\` as `\`, `\u{…}` as its character and any other `\` as itself, and `^\d+$`
    /// prints unchanged. Other text, non-ASCII letters included, is printed as it is.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || isHidden($0) }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if isHidden(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else if scalar == "\\" {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let startsEscape = next == "\\" || next.map(isHidden) == true
                    || (next == "u" && index + 2 < scalars.count && scalars[index + 2] == "{")
                result.append(contentsOf: startsEscape ? "\\\\".unicodeScalars : "\\".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line and column; problems without a place come first.
    /// Ties keep their order, so output is deterministic for a given input.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default:
                if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
                return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
