import Foundation

/// Whether a `pattern` compiles, remembered per pattern text: generated definitions
/// repeat the same few patterns many times, and compiling one costs far more than a lookup.
final class PatternChecker {
    private var known: [String: Bool] = [:]

    func isValid(_ pattern: String) -> Bool {
        if let answer = known[pattern] { return answer }
        let answer = (try? NSRegularExpression(pattern: pattern)) != nil
        known[pattern] = answer
        return answer
    }
}
