import CRMModel

/// Typed access to one YAML mapping of a definition, reporting every key it does not
/// know (with a suggestion) and every value of the wrong type, at the value's place.
///
/// Keys are found by their interned IDs (``KnownKey``), and values become `String`s only when
/// asked for as strings: choices (`type: number`), numbers and booleans are read from the bytes.
struct MappingReader {
    let document: YAMLDocument
    /// The mapping's node.
    let node: Int32
    /// How messages name the mapping: "property 'roast_date'".
    let context: MappingContext
    let log: DiagnosticLog
    /// The mapping's entries in ``YAMLDocument/entries``.
    let entries: Range<Int>
    /// The allowed keys the mapping has: a key it does not have is answered without a search.
    private let present: KnownKeySet
    /// Whether some key was not allowed (and so was already reported).
    private let hasUnknownKeys: Bool

    /// `nil` (with an error) when `node` is not a mapping.
    init?(_ node: YAMLNode, context: MappingContext, allowedKeys: AllowedKeys, log: DiagnosticLog) {
        self.init(node.document, node.index, context: context, allowedKeys: allowedKeys, log: log)
    }

    /// `nil` (with an error) when `node` is not a mapping.
    init?(_ document: YAMLDocument, _ node: Int32, context: MappingContext, allowedKeys: AllowedKeys, log: DiagnosticLog) {
        guard document.kind(node) == .mapping else {
            log.error("\(context.description(in: document)) must be a mapping of keys to values, found \(document.summary(node))", at: document.location(node))
            return nil
        }
        self.document = document
        self.node = node
        self.context = context
        self.log = log
        entries = document.entryRange(node)
        var present = KnownKeySet()
        var hasUnknownKeys = false
        for index in entries {
            let entry = document.entries[index]
            if allowedKeys.set.contains(entry.key), entry.keyLength == KnownKey.lengths[Int(entry.key)] {
                present.insert(entry.key)
            } else {
                hasUnknownKeys = true
                let text = document.keyText(index)
                log.error("unknown key '\(text)' in \(context.description(in: document))\(log.didYouMean(text, among: allowedKeys.texts))",
                          at: document.entries[index].keyMark.location(in: document.file))
            }
        }
        self.present = present
        self.hasUnknownKeys = hasUnknownKeys
    }

    /// The file being read; the tree keeps only line and column.
    var file: String { document.file }

    var location: SourceLocation { document.location(node) }

    /// How messages name the mapping: "property 'roast_date'".
    var subject: String { context.description(in: document) }

    /// Whether the mapping has `key`.
    func has(_ key: KnownKey) -> Bool { present.contains(key) }

    /// Whether the mapping has any of `keys`.
    func hasAny(of keys: KnownKeySet) -> Bool { !present.isDisjoint(with: keys) }

    /// The entry of `key` (an index into ``YAMLDocument/entries``), if the mapping has it. (A mapping
    /// holds one key of an ID at most, and `present` only keys written as such.)
    @inline(__always)
    func entry(_ key: KnownKey) -> Int? {
        guard present.contains(key) else { return nil }
        for index in entries where document.entries[index].key == key.rawValue { return index }
        return nil
    }

    /// The value node of `key`, if the mapping has it.
    @inline(__always)
    func value(_ key: KnownKey) -> Int32? {
        entry(key).map { document.entries[$0].value }
    }

    func keyLocation(_ entry: Int) -> SourceLocation { document.entries[entry].keyMark.location(in: document.file) }

    func valueLocation(_ entry: Int) -> SourceLocation { document.location(document.entries[entry].value) }

    /// Reports a missing key, unless a misspelling of it was already reported ("did you mean 'fieldType'?").
    func missing(_ key: KnownKey) {
        if hasUnknownKeys {
            let text = key.text
            for index in entries where !present.contains(document.entries[index].key) {
                if Suggestion.closest(to: document.keyText(index), among: [text]) != nil { return }
            }
        }
        log.error("\(subject) is missing '\(key.text)'", at: location)
    }

    /// A string value; numbers and booleans written plainly count as their text.
    func string(_ key: KnownKey, required: Bool = false) -> Located<String>? {
        stringAndNode(key, required: required).map { Located($0.text, at: document.location($0.node)) }
    }

    /// ``string(_:required:)`` without its place, for values no message will cite.
    func stringValue(_ key: KnownKey, required: Bool = false) -> String? {
        stringAndNode(key, required: required)?.text
    }

    /// A string value and its scalar.
    func stringAndNode(_ key: KnownKey, required: Bool = false) -> (text: String, node: Int32)? {
        guard let value = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = document.stringValue(value) else {
            log.error("'\(key.text)' of \(subject) must be a string, found \(document.summary(value))", at: document.location(value))
            return nil
        }
        return (text, value)
    }

    func bool(_ key: KnownKey) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = document.boolValue(value) else {
            log.error("'\(key.text)' of \(subject) must be true or false, found \(document.summary(value))", at: document.location(value))
            return nil
        }
        return bool
    }

    func int(_ key: KnownKey, atLeast minimum: Int? = nil) -> Located<Int>? {
        guard let value = value(key) else { return nil }
        guard let int = document.intValue(value) else {
            log.error("'\(key.text)' of \(subject) must be a whole number, found \(document.summary(value))", at: document.location(value))
            return nil
        }
        if let minimum, int < minimum {
            log.error("'\(key.text)' of \(subject) must be at least \(minimum), found \(int)", at: document.location(value))
            return nil
        }
        return Located(int, at: document.location(value))
    }

    /// An exact number: YAML ints and floats, exponents written out.
    func number(_ key: KnownKey) -> Located<CRMNumber>? {
        guard let value = value(key) else { return nil }
        guard let number = document.exactNumber(value) else {
            log.error("'\(key.text)' of \(subject) must be a number, found \(document.summary(value))", at: document.location(value))
            return nil
        }
        return Located(number, at: document.location(value))
    }

    /// One of an enumeration's raw values, with a suggestion when misspelled.
    func choice<Value: YAMLChoice>(_ key: KnownKey, as type: Value.Type, required: Bool = false) -> Located<Value>? {
        choiceAndNode(key, as: type, required: required).map { Located($0.value, at: document.location($0.node)) }
    }

    /// ``choice(_:as:required:)`` with the scalar it was read from, whose place is needed only for messages.
    func choiceAndNode<Value: YAMLChoice>(_ key: KnownKey, as type: Value.Type, required: Bool = false) -> (value: Value, node: Int32)? {
        guard let value = value(key) else {
            if required { missing(key) }
            return nil
        }
        if let choice = document.choice(value, as: type) { return (choice, value) }
        // Not one of them: read it as a string for the message (or for the message that it is not a string).
        guard let text = string(key) else { return nil }
        let allowed = Value.allCases.map(\.rawValue)
        log.error("'\(key.text)' of \(subject) must be one of \(allowed.joined(separator: ", ")), found '\(text.value)'"
                  + log.didYouMean(text.value, among: allowed), at: text.location)
        return nil
    }

    /// A list of strings (property or object names); a duplicate is an error.
    func stringList(_ key: KnownKey) -> [Located<String>]? {
        guard let value = value(key) else { return nil }
        guard document.kind(value) == .sequence else {
            log.error("'\(key.text)' of \(subject) must be a list, found \(document.summary(value))", at: document.location(value))
            return nil
        }
        var result: [Located<String>] = []
        var seen: [String: SourceLocation] = [:]
        for position in document.itemRange(value) {
            let item = document.items[position]
            guard let text = document.stringValue(item) else {
                log.error("items of '\(key.text)' in \(subject) must be names, found \(document.summary(item))", at: document.location(item))
                continue
            }
            let location = document.location(item)
            if let first = seen[text] {
                log.error("'\(text)' is listed twice in '\(key.text)' of \(subject)", at: location, notes: [.note("first listed here", at: first)])
                continue
            }
            seen[text] = location
            result.append(Located(text, at: location))
        }
        return result
    }

    /// The items of a list value, each read by `read`.
    func list<Item>(_ key: KnownKey, _ read: (Int32) -> Item?) -> [Item]? {
        guard let value = value(key) else { return nil }
        guard document.kind(value) == .sequence else {
            log.error("'\(key.text)' of \(subject) must be a list, found \(document.summary(value))", at: document.location(value))
            return nil
        }
        return document.itemRange(value).compactMap { read(document.items[$0]) }
    }

    /// A nested mapping, read with its own allowed keys.
    func nested(_ key: KnownKey, context nestedContext: MappingContext, allowedKeys: AllowedKeys) -> MappingReader? {
        guard let value = value(key) else { return nil }
        return MappingReader(document, value, context: nestedContext, allowedKeys: allowedKeys, log: log)
    }
}
