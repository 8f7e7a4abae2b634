import ArgumentParser
import Foundation

/// When diagnostics are colored.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Colors when standard error is a terminal, `NO_COLOR` is unset or empty (https://no-color.org)
    /// and `TERM` is not `dumb`.
    case auto
    case always
    case never

    /// The style this choice gives in an environment.
    func style(environment: [String: String], standardErrorIsTerminal: Bool) -> DiagnosticStyle {
        switch self {
        case .always: return .colored
        case .never: return .plain
        case .auto:
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            let dumb = environment["TERM"] == "dumb"
            return standardErrorIsTerminal && !noColor && !dumb ? .colored : .plain
        }
    }
}

/// `--color auto|always|never`, shared by every command that prints diagnostics (through
/// ``DefinitionOptions``, and directly in `diff` and `import hubspot`).
struct ColorOption: ParsableArguments {
    @Option(
        name: .customLong("color"),
        help: ArgumentHelp(
            "Color diagnostics: auto, always or never.",
            discussion: "auto colors them when standard error is a terminal, NO_COLOR is not set and TERM is not dumb.",
            valueName: "when"
        )
    )
    var color: ColorChoice = .auto

    /// ArgumentParser validates each option group as it parses it, before the command runs: the choice
    /// takes effect here, for every diagnostic the run prints.
    func validate() throws {
        DiagnosticStyle.choose(color.style(environment: ProcessInfo.processInfo.environment,
                                           standardErrorIsTerminal: StandardError.isTerminal))
    }
}
