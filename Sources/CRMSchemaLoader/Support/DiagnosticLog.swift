import CRMModel

/// Collects every problem of a run; checks keep going after the first one.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.containsErrors }

    /// Longest message kept: a message quotes names from the file, and a hostile file can make them huge.
    static let maximumMessageLength = 1_000

    func add(_ diagnostic: Diagnostic) {
        var diagnostic = diagnostic
        if diagnostic.message.utf8.count > Self.maximumMessageLength {
            diagnostic.message = String(diagnostic.message.prefix(Self.maximumMessageLength)) + "… (message shortened)"
        }
        diagnostics.append(diagnostic)
    }

    func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        add(.error(message, at: location, notes: notes))
    }

    func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        add(.warning(message, at: location, notes: notes))
    }
}
