import CRMModel

/// Collects every problem of a run; checks keep going after the first one.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.containsErrors }

    func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        add(.error(message, at: location, notes: notes))
    }

    func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        add(.warning(message, at: location, notes: notes))
    }
}
