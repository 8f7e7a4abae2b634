import CRMModel
import Foundation

/// Whether a `pattern` compiles, remembered per pattern text: generated definitions
/// repeat the same few patterns many times, and compiling one costs far more than a lookup.
final class PatternChecker {
    enum Verdict {
        case valid
        /// ICU does not read it.
        case invalid
        /// It compiles alone but not inside the group that matches whole values (`WholeValuePattern`):
        /// `\Qa` or `(?x)a#` would swallow the group's end.
        case escapesGroup
    }

    private var known: [String: Verdict] = [:]

    func verdict(_ pattern: String) -> Verdict {
        if let answer = known[pattern] { return answer }
        let answer: Verdict = if (try? NSRegularExpression(pattern: pattern)) == nil {
            .invalid
        } else if (try? NSRegularExpression(pattern: WholeValuePattern.icu(pattern))) == nil {
            .escapesGroup
        } else {
            .valid
        }
        known[pattern] = answer
        return answer
    }
}
