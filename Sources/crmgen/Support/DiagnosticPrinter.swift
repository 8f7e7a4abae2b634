import CRMModel
import Foundation

/// Writes diagnostics to standard error in the compiler format editors understand. Every line goes
/// through `Diagnostic.description`, which escapes what the diagnostics echo from files.
enum DiagnosticPrinter {
    /// Diagnostics as they are found, without a count (`check` prints its own summary).
    static func write(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data((diagnostics.map(\.description).joined(separator: "\n") + "\n").utf8))
    }

    /// Diagnostics, then how many errors and warnings they hold.
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        var counts: [String] = []
        if errors > 0 { counts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { counts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        if !counts.isEmpty { text += counts.joined(separator: " and ") + " generated.\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
