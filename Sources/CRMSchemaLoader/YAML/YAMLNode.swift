import CRMModel

/// A 1-based line and column in the file being read. The tree stores marks, not
/// ``SourceLocation``s, so that building it does not copy the file path into every node.
struct YAMLMark: Hashable, Sendable {
    var line: Int32
    var column: Int32

    func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: Int(line), column: Int(column))
    }
}

/// A node of the YAML syntax tree. Every node knows where it was written.
///
/// Aliases are already expanded (within ``YAMLLimits``) and merge keys (`<<`) applied,
/// so readers of the tree never see either.
struct YAMLNode: Sendable {
    enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping(YAMLMapping)
        case sequence([YAMLNode])
    }

    var content: Content
    var mark: YAMLMark

    func location(in file: String) -> SourceLocation { mark.location(in: file) }

    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    var mapping: YAMLMapping? {
        if case .mapping(let mapping) = content { return mapping }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// What the node is, for messages: "a mapping", "a list", "'maybe'", "null".
    var summary: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if scalar.isNull { return "null" }
            let text = scalar.text.count > 40 ? String(scalar.text.prefix(40)) + "…" : scalar.text
            return "'\(text)'"
        }
    }
}

/// A scalar and how it was written; plain scalars are typed by YAML 1.2's core schema.
struct YAMLScalar: Sendable {
    enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var text: String
    var style: Style
    /// A core-schema tag given explicitly (`!!str`), without its `tag:yaml.org,2002:` prefix.
    var tag: String?

    /// Only plain, untagged scalars are typed; quoted ones are always strings.
    private var isTypedByContent: Bool { style == .plain && tag == nil }

    var isNull: Bool {
        if tag == "null" { return true }
        guard isTypedByContent else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    var boolValue: Bool? {
        guard isTypedByContent || tag == "bool" else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    var intValue: Int? {
        guard isTypedByContent || tag == "int" else { return nil }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// A YAML 1.2 int or float (`100`, `-1.5`, `1e3`, `0x1F`) as an exact decimal, with the exponent
    /// written out (`1e3` → `1000`), so that bounds never pass through `Double`. `nil` for `.inf`,
    /// `.nan`, anything else that is not a number, and numbers of more than 1,000 digits.
    var exactNumber: CRMNumber? {
        guard isTypedByContent || tag == "float" || tag == "int" else { return nil }
        if text.hasPrefix("0x") || text.hasPrefix("0o") { return intValue.map { CRMNumber($0) } }
        var rest = Substring(text)
        var sign = ""
        if rest.hasPrefix("-") { sign = "-"; rest = rest.dropFirst() } else if rest.hasPrefix("+") { rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(rest[rest.index(after: e)...]), abs(value) <= 1_000 else { return nil }
            exponent = value
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(integer.isEmpty && fraction.isEmpty), (integer + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var digits = String(integer + fraction)
        var point = integer.count + exponent
        if point < 0 { digits = String(repeating: "0", count: -point) + digits; point = 0 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        let whole = digits.prefix(point)
        let decimals = digits.dropFirst(point)
        let text = sign + (whole.isEmpty ? "0" : String(whole)) + (decimals.isEmpty ? "" : "." + decimals)
        guard text.utf8.count <= 1_000 else { return nil }
        return CRMNumber(text)
    }

    /// The scalar as a string value, when it is not YAML's null or a boolean/number typed by content.
    /// Numbers written plainly (`value: 1`) are accepted as strings, as every YAML user expects.
    var stringValue: String? {
        if isNull { return nil }
        return text
    }
}

/// A mapping whose keys are scalars, in the order written, without duplicates.
struct YAMLMapping: Sendable {
    struct Entry: Sendable {
        var key: String
        /// `key.utf8.count`, compared before the text: most lookups are for keys a mapping does not have.
        var keyLength: Int
        var keyMark: YAMLMark
        var value: YAMLNode

        init(key: String, keyMark: YAMLMark, value: YAMLNode) {
            self.key = key
            self.keyLength = key.utf8.count
            self.keyMark = keyMark
            self.value = value
        }

        func keyLocation(in file: String) -> SourceLocation { keyMark.location(in: file) }
    }

    var entries: [Entry]

    func entry(_ key: String) -> Entry? {
        let length = key.utf8.count
        return entries.first { $0.keyLength == length && $0.key == key }
    }
}
