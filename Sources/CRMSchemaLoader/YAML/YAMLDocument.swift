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

/// One YAML document as a syntax tree held in a few flat arrays: every node in ``nodes``, the
/// entries of every mapping in ``entries`` and the items of every sequence in ``items``, each
/// collection's children a contiguous range of those; every scalar's bytes (as libyaml gives
/// them: quotes, escapes and folding resolved) a range of ``text``. Mapping keys are interned
/// (``YAMLKeyTable``): readers find a key by comparing numbers, and ``KnownKey`` names the keys
/// definitions use. A scalar becomes a `String` only when a reader asks for one.
///
/// Aliases are already expanded (an alias is a node of its own, at its own place, that shares
/// the anchored node's children) and merge keys (`<<`) applied, so readers never see either.
final class YAMLDocument {
    enum Kind: UInt8, Sendable {
        case scalar, mapping, sequence
    }

    /// A core-schema tag given explicitly (`!!str`); `none` when there is none.
    enum Tag: UInt8, Sendable {
        case none, str, int, float, bool, null

        /// The tag's name without its `tag:yaml.org,2002:` prefix.
        var name: String? {
            switch self {
            case .none: nil
            case .str: "str"
            case .int: "int"
            case .float: "float"
            case .bool: "bool"
            case .null: "null"
            }
        }

        init(name: String?) {
            switch name {
            case "str": self = .str
            case "int": self = .int
            case "float": self = .float
            case "bool": self = .bool
            case "null": self = .null
            default: self = .none
            }
        }
    }

    struct Node: Sendable {
        var kind: Kind
        var style: YAMLScalar.Style
        var tag: Tag
        var mark: YAMLMark
        /// A scalar's first byte in ``YAMLDocument/text``, a mapping's first entry in
        /// ``YAMLDocument/entries``, a sequence's first item in ``YAMLDocument/items``.
        var start: Int32
        /// Bytes, entries or items.
        var count: Int32
    }

    struct Entry: Sendable {
        /// The interned key: equal keys (as Swift compares strings) have equal IDs.
        var key: Int32
        var keyMark: YAMLMark
        /// The key's bytes in ``YAMLDocument/text``.
        var keyStart: Int32
        var keyLength: Int32
        /// The value's node.
        var value: Int32
    }

    /// The file the document was read from, as diagnostics name it.
    let file: String
    /// The document's memory, filled by the parser and owned by the document (freed with it): the
    /// parser's buffers become the document's without a copy.
    let nodes: UnsafeBufferPointer<Node>
    let entries: UnsafeBufferPointer<Entry>
    /// Node indices.
    let items: UnsafeBufferPointer<Int32>
    let text: UnsafeBufferPointer<UInt8>
    let root: Int32

    /// Takes ownership of the buffers, which must have been allocated with `allocate(capacity:)`.
    init(file: String, nodes: UnsafeBufferPointer<Node>, entries: UnsafeBufferPointer<Entry>, items: UnsafeBufferPointer<Int32>,
         text: UnsafeBufferPointer<UInt8>, root: Int32) {
        self.file = file
        self.nodes = nodes
        self.entries = entries
        self.items = items
        self.text = text
        self.root = root
    }

    deinit {
        nodes.deallocate()
        entries.deallocate()
        items.deallocate()
        text.deallocate()
    }

    // MARK: Nodes

    @inline(__always)
    func kind(_ node: Int32) -> Kind { nodes[Int(node)].kind }

    @inline(__always)
    func mark(_ node: Int32) -> YAMLMark { nodes[Int(node)].mark }

    func location(_ node: Int32, in file: String) -> SourceLocation { mark(node).location(in: file) }

    /// Where a node was written, in the document's file.
    func location(_ node: Int32) -> SourceLocation { mark(node).location(in: file) }

    /// A mapping's entries (indices into ``entries``); empty for other nodes.
    @inline(__always)
    func entryRange(_ node: Int32) -> Range<Int> {
        let record = nodes[Int(node)]
        guard record.kind == .mapping else { return 0..<0 }
        return Int(record.start)..<Int(record.start) + Int(record.count)
    }

    /// A sequence's items (indices into ``items``); empty for other nodes.
    @inline(__always)
    func itemRange(_ node: Int32) -> Range<Int> {
        let record = nodes[Int(node)]
        guard record.kind == .sequence else { return 0..<0 }
        return Int(record.start)..<Int(record.start) + Int(record.count)
    }

    /// The entry of a known key, written as such, in a mapping, if it has one.
    @inline(__always)
    func entry(_ key: KnownKey, in node: Int32) -> Int? {
        for index in entryRange(node) where key.isSpelled(by: entries[index]) { return index }
        return nil
    }

    // MARK: Text

    /// `count` bytes of ``text`` from `start`.
    @inline(__always)
    private func bytes(start: Int32, count: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(start)..<Int(start) + Int(count)])
    }

    /// A key's text.
    func keyText(_ entry: Int) -> String {
        let record = entries[entry]
        return string(bytes(start: record.keyStart, count: record.keyLength))
    }

    /// Calls `body` with a scalar's bytes (empty for a mapping or sequence).
    @inline(__always)
    func withBytes<Result>(_ node: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let record = nodes[Int(node)]
        return body(bytes(start: record.start, count: record.kind == .scalar ? record.count : 0))
    }

    /// A scalar's text, as written (null and numbers included).
    func string(_ node: Int32) -> String {
        let record = nodes[Int(node)]
        return record.kind == .scalar ? string(bytes(start: record.start, count: record.count)) : ""
    }

    @inline(__always)
    private func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        bytes.isEmpty ? "" : String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Typed scalars (YAML 1.2's core schema; see ScalarTyping)

    func isNull(_ node: Int32) -> Bool {
        let record = nodes[Int(node)]
        guard record.kind == .scalar else { return false }
        return ScalarTyping.isNull(bytes(start: record.start, count: record.count), style: record.style, tag: record.tag)
    }

    /// The scalar as a string value: `nil` for a mapping, a sequence or null.
    func stringValue(_ node: Int32) -> String? {
        let record = nodes[Int(node)]
        guard record.kind == .scalar else { return nil }
        let bytes = bytes(start: record.start, count: record.count)
        if ScalarTyping.isNull(bytes, style: record.style, tag: record.tag) { return nil }
        return string(bytes)
    }

    func boolValue(_ node: Int32) -> Bool? { typed(node, ScalarTyping.bool) }

    func intValue(_ node: Int32) -> Int? { typed(node, ScalarTyping.int) }

    func exactNumber(_ node: Int32) -> CRMNumber? { typed(node, ScalarTyping.exactNumber) }

    /// A scalar's value by one of ScalarTyping's rules; `nil` for a mapping or sequence.
    @inline(__always)
    private func typed<Value>(_ node: Int32, _ rule: (UnsafeBufferPointer<UInt8>, YAMLScalar.Style, Tag) -> Value?) -> Value? {
        let record = nodes[Int(node)]
        guard record.kind == .scalar else { return nil }
        return rule(bytes(start: record.start, count: record.count), record.style, record.tag)
    }

    /// One of an enumeration's raw values, compared as bytes: `nil` for anything else (null included).
    func choice<Value: YAMLChoice>(_ node: Int32, as _: Value.Type) -> Value? {
        let record = nodes[Int(node)]
        guard record.kind == .scalar else { return nil }
        let bytes = bytes(start: record.start, count: record.count)
        if ScalarTyping.isNull(bytes, style: record.style, tag: record.tag) { return nil }
        return Value.yamlChoices.value(of: bytes)
    }

    /// What a node is, for messages: "a mapping", "a list", "'maybe'", "null".
    func summary(_ node: Int32) -> String {
        Self.summary(nodes[Int(node)], text: text)
    }

    /// What a node is, for messages, given the bytes its scalar's range refers to.
    static func summary(_ record: Node, text: UnsafeBufferPointer<UInt8>) -> String {
        switch record.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            let bytes = UnsafeBufferPointer(rebasing: text[Int(record.start)..<Int(record.start + record.count)])
            if ScalarTyping.isNull(bytes, style: record.style, tag: record.tag) { return "null" }
            let string = String(decoding: bytes, as: UTF8.self)
            return "'" + (string.count > 40 ? String(string.prefix(40)) + "…" : string) + "'"
        }
    }

    /// A node of this document as a value ``YAMLNode``.
    func node(_ index: Int32) -> YAMLNode { YAMLNode(document: self, index: index) }
}

// MARK: - Values over the tree

/// A node of a ``YAMLDocument``, for code that walks the tree as values (tests, the fuzz harness,
/// messages). Readers on the hot path use the document's index-based functions instead.
struct YAMLNode {
    enum Content {
        case scalar(YAMLScalar)
        case mapping(YAMLMapping)
        case sequence([YAMLNode])
    }

    let document: YAMLDocument
    let index: Int32

    var mark: YAMLMark { document.mark(index) }

    func location(in file: String) -> SourceLocation { document.location(index, in: file) }

    var content: Content {
        switch document.kind(index) {
        case .scalar: return .scalar(document.scalar(index))
        case .mapping: return .mapping(document.mapping(index))
        case .sequence: return .sequence(document.itemRange(index).map { document.node(document.items[$0]) })
        }
    }

    var scalar: YAMLScalar? { document.kind(index) == .scalar ? document.scalar(index) : nil }

    var mapping: YAMLMapping? { document.kind(index) == .mapping ? document.mapping(index) : nil }

    var sequence: [YAMLNode]? {
        document.kind(index) == .sequence ? document.itemRange(index).map { document.node(document.items[$0]) } : nil
    }

    /// What the node is, for messages: "a mapping", "a list", "'maybe'", "null".
    var summary: String { document.summary(index) }
}

extension YAMLDocument {
    fileprivate func scalar(_ node: Int32) -> YAMLScalar {
        let record = nodes[Int(node)]
        return YAMLScalar(text: string(node), style: record.style, tag: record.tag.name)
    }

    fileprivate func mapping(_ node: Int32) -> YAMLMapping {
        YAMLMapping(entries: entryRange(node).map { index in
            let entry = entries[index]
            return YAMLMapping.Entry(key: keyText(index), keyMark: entry.keyMark, value: self.node(entry.value))
        })
    }
}

/// A scalar and how it was written; plain scalars are typed by YAML 1.2's core schema.
struct YAMLScalar: Sendable {
    enum Style: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var text: String
    var style: Style
    /// A core-schema tag given explicitly (`!!str`), without its `tag:yaml.org,2002:` prefix.
    var tag: String?

    private func typed<Result>(_ body: (UnsafeBufferPointer<UInt8>, Style, YAMLDocument.Tag) -> Result) -> Result {
        var text = text
        let tag = YAMLDocument.Tag(name: tag)
        return text.withUTF8 { body($0, style, tag) }
    }

    var isNull: Bool { typed(ScalarTyping.isNull) }
    var boolValue: Bool? { typed(ScalarTyping.bool) }
    var intValue: Int? { typed(ScalarTyping.int) }
    var exactNumber: CRMNumber? { typed(ScalarTyping.exactNumber) }

    /// The scalar as a string value, when it is not YAML's null.
    /// Numbers written plainly (`value: 1`) are accepted as strings, as every YAML user expects.
    var stringValue: String? { isNull ? nil : text }
}

/// A mapping whose keys are scalars, in the order written, without duplicates.
struct YAMLMapping {
    struct Entry {
        var key: String
        var keyMark: YAMLMark
        var value: YAMLNode

        func keyLocation(in file: String) -> SourceLocation { keyMark.location(in: file) }
    }

    var entries: [Entry]

    func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }
}
