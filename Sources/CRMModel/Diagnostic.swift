/// One problem found in the definitions, in the form compilers print:
/// `path:line:column: error: message`.
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

    /// The diagnostic and its notes, one line each.
    public var description: String {
        ([self.headline] + notes.map(\.headline)).joined(separator: "\n")
    }

    private var headline: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "crmgen: \(severity.rawValue): \(message)"
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
