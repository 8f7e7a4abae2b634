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

    var doubleValue: Double? {
        guard isTypedByContent || tag == "float" || tag == "int" else { return nil }
        if let int = intValue { return Double(int) }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return nil  // not meaningful as a bound; reported as "not a number"
        default:
            // Swift's parser also takes "nan", "inf" and hex floats, which YAML does not.
            guard text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true,
                  !text.lowercased().contains("n"), !text.lowercased().contains("x")
            else { return nil }
            return Double(text)
        }
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
