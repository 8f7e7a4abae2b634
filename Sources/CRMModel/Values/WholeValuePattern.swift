/// How a definition's `pattern` applies: a value matches when the pattern can match all of it, not
/// only a prefix (ICU's first match alone would reject `ab` for `a|ab`, having taken `a`). Each place
/// that matches a pattern wraps it in a group anchored at both ends, in its dialect; the loader accepts
/// only patterns that compile inside the group, so that none can close it early (`\Qa` or `(?x)a#` would
/// swallow its end).
public enum WholeValuePattern {
    /// For ICU (`NSRegularExpression`), matched anchored at the start: `(?:pattern)\z`.
    public static func icu(_ pattern: String) -> String { "(?:" + pattern + #")\z"# }

    /// For JSON Schema (ECMA-262): `^(?:pattern)$`.
    public static func ecma(_ pattern: String) -> String { "^(?:" + pattern + ")$" }
}
