import CRMModel
import Foundation

/// Writes diagnostics to standard error in the compiler format editors understand. Every line goes
/// through `Diagnostic.description`, which escapes what the diagnostics echo from files; with colors
/// on (``ColorOption``), the place is bold and the severity colored as clang and swiftc color them.
enum DiagnosticPrinter {
    /// Diagnostics as they are found, without a count (`check` prints its own summary).
    static func write(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        StandardError.write(text(of: diagnostics, style: .current))
    }

    /// As ``write(_:)``, through `output`: collected, unless standard error is a terminal.
    static func write(_ diagnostic: Diagnostic, style: DiagnosticStyle, to output: inout BufferedStandardError) {
        output.write(text(of: [diagnostic], style: style))
    }

    private static func text(of diagnostics: [Diagnostic], style: DiagnosticStyle) -> String {
        diagnostics.map(style.render).joined(separator: "\n") + "\n"
    }

    /// Diagnostics, then how many errors and warnings they hold.
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let style = DiagnosticStyle.current
        var text = diagnostics.map(style.render).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        var counts: [String] = []
        if errors > 0 { counts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { counts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        if !counts.isEmpty { text += counts.joined(separator: " and ") + " generated.\n" }
        StandardError.write(text)
    }
}

/// How diagnostics look: plain, or with ANSI colors (SGR escapes) around the place and the severity.
struct DiagnosticStyle: Sendable, Equatable {
    /// Whether escapes are written.
    var colors: Bool

    static let plain = DiagnosticStyle(colors: false)
    static let colored = DiagnosticStyle(colors: true)

    /// The style `--color` chose for this run; before a command sets it (or for a command without the
    /// option), what `auto` gives.
    static var current: DiagnosticStyle {
        chosen.value ?? ColorChoice.auto.style(environment: ProcessInfo.processInfo.environment,
                                               standardErrorIsTerminal: StandardError.isTerminal)
    }

    /// Sets the style for the rest of the run.
    static func choose(_ style: DiagnosticStyle) { chosen.value = style }

    private static let chosen = Chosen()

    /// One diagnostic and its notes, one line each.
    func render(_ diagnostic: Diagnostic) -> String {
        guard colors else { return diagnostic.description }
        return diagnostic.description { text, part in
            switch part {
            case .location: "\u{1B}[1m\(text)\u{1B}[0m"
            case .severity(.error): "\u{1B}[1;31m\(text)\u{1B}[0m"
            case .severity(.warning): "\u{1B}[1;35m\(text)\u{1B}[0m"
            case .severity(.note): "\u{1B}[1;36m\(text)\u{1B}[0m"
            }
        }
    }

    /// The chosen style behind a lock: set once while the command line is parsed, read by any task.
    private final class Chosen: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: DiagnosticStyle?

        var value: DiagnosticStyle? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
