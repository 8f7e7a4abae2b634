import Foundation

/// A property's `pattern`, compiled once and matched against whole values (``WholeValuePattern``).
@_spi(Generated) public final class CompiledPattern: @unchecked Sendable {  // NSRegularExpression is immutable and safe to share
    public let pattern: String
    private let expression: NSRegularExpression?

    /// A pattern that does not compile matches nothing; the loader rejects such definitions first.
    public init(_ pattern: String) {
        self.pattern = pattern
        expression = try? NSRegularExpression(pattern: WholeValuePattern.icu(pattern))
    }

    /// Whether the whole value matches.
    public func matches(_ value: String) -> Bool {
        guard let expression else { return false }
        let range = NSRange(value.startIndex..., in: value)
        guard let match = expression.firstMatch(in: value, options: [.anchored], range: range) else { return false }
        return match.range == range
    }
}
