import CRMModel

/// Collects every problem of a run; checks keep going after the first one.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []
    /// Errors past ``maximumErrors``, counted but not kept (as compilers stop listing after a limit).
    private(set) var droppedErrors = 0
    private var errorCount = 0
    private var comparisonsLeft = DiagnosticLog.maximumSuggestionComparisons

    /// Errors listed in one run; a hostile file must not produce megabytes of them.
    static let maximumErrors = 1_000
    /// Name comparisons "did you mean" may make in one run (each search compares a name with
    /// every candidate): plenty for real definitions, a bound for hostile ones.
    static let maximumSuggestionComparisons = 1_000_000

    var hasErrors: Bool { errorCount > 0 }

    /// `"; did you mean 'x'?"` while the run's budget for suggestions lasts, then `""`.
    func didYouMean(_ word: String, among candidates: some Collection<String>) -> String {
        guard comparisonsLeft >= candidates.count else { return "" }
        comparisonsLeft -= candidates.count
        return Suggestion.didYouMean(word, among: candidates)
    }

    /// Adds another log's diagnostics (a chunk read in parallel), within this log's limits.
    func merge(_ other: [Diagnostic], dropped: Int) {
        other.forEach(add)
        droppedErrors += dropped
        errorCount += dropped
    }

    /// The note that says how many errors were not listed, if any.
    var droppedErrorsNote: Diagnostic? {
        guard droppedErrors > 0 else { return nil }
        return .note("\(droppedErrors) more errors not shown; crmgen lists the first \(Self.maximumErrors)", at: nil)
    }

    /// Longest message kept: a message quotes names from the file, and a hostile file can make them huge.
    static let maximumMessageLength = 1_000

    func add(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error {
            errorCount += 1
            if errorCount > Self.maximumErrors {
                droppedErrors += 1
                return
            }
        }
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
