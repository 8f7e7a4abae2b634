import CRMModel

/// Typed access to one YAML mapping of a definition, reporting every key it does not
/// know (with a suggestion) and every value of the wrong type, at the value's place.
struct MappingReader {
    let mapping: YAMLMapping
    /// The file being read; the tree keeps only line and column.
    let file: String
    let location: SourceLocation
    /// How messages name the mapping: "property 'roast_date'".
    let context: MappingContext
    let log: DiagnosticLog
    /// Keys present but not allowed, already reported with a suggestion.
    private let unknownKeys: Set<String>

    /// `nil` (with an error) when `node` is not a mapping.
    init?(_ node: YAMLNode, in file: String, context: MappingContext, allowedKeys: [String], log: DiagnosticLog) {
        guard let mapping = node.mapping else {
            log.error("\(context) must be a mapping of keys to values, found \(node.summary)", at: node.location(in: file))
            return nil
        }
        self.mapping = mapping
        self.file = file
        self.location = node.location(in: file)
        self.context = context
        self.log = log
        self.unknownKeys = Set(mapping.entries.compactMap { entry in
            allowedKeys.contains { $0.utf8.count == entry.keyLength && $0 == entry.key } ? nil : entry.key
        })
        for entry in mapping.entries where unknownKeys.contains(entry.key) {
            log.error("unknown key '\(entry.key)' in \(context)\(log.didYouMean(entry.key, among: allowedKeys))",
                      at: entry.keyLocation(in: file))
        }
    }

    func entry(_ key: String) -> YAMLMapping.Entry? { mapping.entry(key) }

    /// Reports a missing key, unless a misspelling of it was already reported ("did you mean 'fieldType'?").
    func missing(_ key: String) {
        if unknownKeys.contains(where: { Suggestion.closest(to: $0, among: [key]) != nil }) { return }
        log.error("\(context) is missing '\(key)'", at: location)
    }

    /// A string value; numbers and booleans written plainly count as their text.
    func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let entry = entry(key) else {
            if required { missing(key) }
            return nil
        }
        guard let scalar = entry.value.scalar, let text = scalar.stringValue else {
            log.error("'\(key)' of \(context) must be a string, found \(entry.value.summary)", at: entry.value.location(in: file))
            return nil
        }
        return Located(text, at: entry.value.location(in: file))
    }

    func bool(_ key: String) -> Bool? {
        guard let entry = entry(key) else { return nil }
        guard let value = entry.value.scalar?.boolValue else {
            log.error("'\(key)' of \(context) must be true or false, found \(entry.value.summary)", at: entry.value.location(in: file))
            return nil
        }
        return value
    }

    func int(_ key: String, atLeast minimum: Int? = nil) -> Located<Int>? {
        guard let entry = entry(key) else { return nil }
        guard let value = entry.value.scalar?.intValue else {
            log.error("'\(key)' of \(context) must be a whole number, found \(entry.value.summary)", at: entry.value.location(in: file))
            return nil
        }
        if let minimum, value < minimum {
            log.error("'\(key)' of \(context) must be at least \(minimum), found \(value)", at: entry.value.location(in: file))
            return nil
        }
        return Located(value, at: entry.value.location(in: file))
    }

    /// An exact number: YAML ints and floats, exponents written out.
    func number(_ key: String) -> Located<CRMNumber>? {
        guard let entry = entry(key) else { return nil }
        guard let value = entry.value.scalar?.exactNumber else {
            log.error("'\(key)' of \(context) must be a number, found \(entry.value.summary)", at: entry.value.location(in: file))
            return nil
        }
        return Located(value, at: entry.value.location(in: file))
    }

    /// One of an enumeration's raw values, with a suggestion when misspelled.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, as _: Value.Type, required: Bool = false) -> Located<Value>?
    where Value.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        if let value = Value(rawValue: text.value) { return Located(value, at: text.location) }
        let allowed = Value.allCases.map(\.rawValue)
        log.error("'\(key)' of \(context) must be one of \(allowed.joined(separator: ", ")), found '\(text.value)'"
                  + log.didYouMean(text.value, among: allowed), at: text.location)
        return nil
    }

    /// A list of strings (property or object names); a duplicate is an error.
    func stringList(_ key: String) -> [Located<String>]? {
        guard let entry = entry(key) else { return nil }
        guard let items = entry.value.sequence else {
            log.error("'\(key)' of \(context) must be a list, found \(entry.value.summary)", at: entry.value.location(in: file))
            return nil
        }
        var result: [Located<String>] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let text = item.scalar?.stringValue else {
                log.error("items of '\(key)' in \(context) must be names, found \(item.summary)", at: item.location(in: file))
                continue
            }
            if let first = seen[text] {
                log.error("'\(text)' is listed twice in '\(key)' of \(context)", at: item.location(in: file),
                          notes: [.note("first listed here", at: first)])
                continue
            }
            seen[text] = item.location(in: file)
            result.append(Located(text, at: item.location(in: file)))
        }
        return result
    }

    /// The items of a list value, each read by `read`.
    func list<Item>(_ key: String, _ read: (YAMLNode) -> Item?) -> [Item]? {
        guard let entry = entry(key) else { return nil }
        guard let items = entry.value.sequence else {
            log.error("'\(key)' of \(context) must be a list, found \(entry.value.summary)", at: entry.value.location(in: file))
            return nil
        }
        return items.compactMap(read)
    }

    /// A nested mapping, read with its own allowed keys.
    func nested(_ key: String, context nestedContext: MappingContext, allowedKeys: [String]) -> MappingReader? {
        guard let entry = entry(key) else { return nil }
        return MappingReader(entry.value, in: file, context: nestedContext, allowedKeys: allowedKeys, log: log)
    }
}
