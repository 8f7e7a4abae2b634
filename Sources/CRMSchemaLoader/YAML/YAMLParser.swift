import CLibYAML
import CRMModel

/// Reads one YAML document into a ``YAMLNode`` tree by pulling libyaml's parser events.
///
/// Stricter than YAML loaders usually are, because a definition file is code:
/// duplicate keys, several documents, unknown tags and non-scalar keys are errors,
/// and ``YAMLLimits`` bound size, depth and alias expansion.
struct YAMLParser {
    var limits: YAMLLimits

    /// The document's root node; `nil` for a file without content (only comments or blanks).
    func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode? {
        if bytes.count > limits.maxFileSize {
            throw YAMLError("file is \(bytes.count) bytes; definition files are limited to \(limits.maxFileSize) bytes",
                            at: SourceLocation(file: file, line: 1, column: 1))
        }
        if let offset = UTF8Validation.firstInvalidByteOffset(in: bytes) {
            throw YAMLError(String(format: "invalid UTF-8 (byte 0x%02X); definition files must be UTF-8 encoded", bytes[offset]),
                            at: TextPosition.location(ofByteOffset: offset, in: bytes, file: file))
        }
        if bytes.isEmpty { return nil }
        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) in
            var builder = TreeBuilder(file: file, bytes: buffer, limits: limits)
            return try builder.run()
        }
    }
}

/// A YAML problem that stops reading the file.
struct YAMLError: Error {
    var diagnostic: Diagnostic

    init(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        diagnostic = .error(message, at: location, notes: notes)
    }
}

/// Turns the event stream into a tree with an explicit stack, so nesting never recurses.
private struct TreeBuilder {
    let file: String
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: YAMLLimits

    /// An open mapping or sequence. One struct for both, mutated in place on the stack,
    /// so appending never copies the items gathered so far.
    private struct Frame {
        var isMapping: Bool
        var mark: YAMLMark
        var anchor: String?
        var items: [YAMLNode] = []
        var entries: [YAMLMapping.Entry] = []
        /// Built only for large mappings; small ones are searched linearly, which is faster.
        var keyIndex: [String: Int]?
        var pendingKey: (text: String, mark: YAMLMark, isMerge: Bool)?
        var mergeSources: [YAMLMapping] = []
        var nodeCount = 1

        /// Where `key` was first written in this mapping, if it was.
        func mark(ofKey key: String) -> YAMLMark? {
            if let keyIndex { return keyIndex[key].map { entries[$0].keyMark } }
            return entries.first { $0.key == key }?.keyMark
        }

        mutating func append(_ entry: YAMLMapping.Entry) {
            entries.append(entry)
            if keyIndex != nil {
                keyIndex?[entry.key] = entries.count - 1
            } else if entries.count > 16 {
                keyIndex = Dictionary(entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
            }
        }
    }

    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, nodeCount: Int)] = [:]
    private var totalNodes = 0
    private var root: YAMLNode?
    private var documentCount = 0

    init(file: String, bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
    }

    mutating func run() throws(YAMLError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError("libyaml could not start (out of memory)", at: location(line: 0, column: 0))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw syntaxError(parser)
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return root }
            try handle(event)
        }
    }

    private mutating func handle(_ event: yaml_event_t) throws(YAMLError) {
        let here = mark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            if documentCount > 1 {
                throw YAMLError("a definition file holds one object, but this is a second YAML document; put each object in a file of its own", at: here.location(in: file))
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = string(data.value, length: data.length)
            let tag = try coreTag(data.tag, at: here, allowed: ["str", "int", "float", "bool", "null"])
            let scalar = YAMLScalar(text: text, style: style(data.style), tag: tag)
            try add(YAMLNode(content: .scalar(scalar), mark: here), nodeCount: 1,
                    anchor: cString(data.anchor), at: here)
        case YAML_ALIAS_EVENT:
            let name = cString(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                throw YAMLError("alias '*\(name)' refers to no anchor defined before it", at: here.location(in: file))
            }
            var node = target.node
            node.mark = here
            try add(node, nodeCount: target.nodeCount, anchor: nil, at: here, viaAlias: name)
        case YAML_MAPPING_START_EVENT:
            try checkDepth(at: here)
            _ = try coreTag(event.data.mapping_start.tag, at: here, allowed: ["map"])
            try countNodes(1, at: here)
            stack.append(Frame(isMapping: true, mark: here, anchor: cString(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_START_EVENT:
            try checkDepth(at: here)
            _ = try coreTag(event.data.sequence_start.tag, at: here, allowed: ["seq"])
            try countNodes(1, at: here)
            stack.append(Frame(isMapping: false, mark: here, anchor: cString(event.data.sequence_start.anchor)))
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            let frame = stack.removeLast()
            let content: YAMLNode.Content = frame.isMapping ? .mapping(merged(frame)) : .sequence(frame.items)
            // The container's own node was counted at its start.
            try add(YAMLNode(content: content, mark: frame.mark), nodeCount: frame.nodeCount,
                    anchor: frame.anchor, at: frame.mark, alreadyCounted: true)
        default:
            break  // stream and document boundaries carry nothing we keep
        }
    }

    // MARK: Building

    private mutating func add(
        _ node: YAMLNode, nodeCount: Int, anchor: String?, at location: YAMLMark,
        viaAlias alias: String? = nil, alreadyCounted: Bool = false
    ) throws(YAMLError) {
        if !alreadyCounted { try countNodes(nodeCount, at: location, alias: alias) }
        if let anchor { anchors[anchor] = (node, nodeCount) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].nodeCount += nodeCount
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pendingKey = nil
            if key.isMerge {
                try collectMergeSources(node, into: &stack[top])
            } else {
                stack[top].append(YAMLMapping.Entry(key: key.text, keyMark: key.mark, value: node))
            }
        } else {
            stack[top].pendingKey = try key(from: node, in: stack[top])
        }
    }

    private func key(from node: YAMLNode, in frame: Frame) throws(YAMLError) -> (text: String, mark: YAMLMark, isMerge: Bool) {
        guard let scalar = node.scalar else {
            throw YAMLError("mapping keys must be plain names, not \(node.summary)", at: node.location(in: file))
        }
        if scalar.text == "<<" && scalar.style == .plain {
            return (scalar.text, node.mark, true)
        }
        if let first = frame.mark(ofKey: scalar.text) {
            throw YAMLError("duplicate key '\(scalar.text)'; YAML does not allow a key twice in one mapping",
                            at: node.location(in: file), notes: [.note("'\(scalar.text)' is first set here", at: first.location(in: file))])
        }
        return (scalar.text, node.mark, false)
    }

    private func collectMergeSources(_ node: YAMLNode, into frame: inout Frame) throws(YAMLError) {
        switch node.content {
        case .mapping(let mapping):
            frame.mergeSources.append(mapping)
        case .sequence(let items):
            for item in items {
                guard let mapping = item.mapping else {
                    throw YAMLError("a merge key '<<' takes a mapping or a list of mappings, not \(item.summary)", at: item.location(in: file))
                }
                frame.mergeSources.append(mapping)
            }
        case .scalar:
            throw YAMLError("a merge key '<<' takes a mapping or a list of mappings, not \(node.summary)", at: node.location(in: file))
        }
    }

    /// Keys written in the mapping win over merged ones; among merge sources, the first wins (YAML's merge key rules).
    private func merged(_ frame: Frame) -> YAMLMapping {
        guard !frame.mergeSources.isEmpty else { return YAMLMapping(entries: frame.entries) }
        var entries = frame.entries
        var seen = Set(entries.map(\.key))
        for source in frame.mergeSources {
            for entry in source.entries where seen.insert(entry.key).inserted {
                entries.append(entry)
            }
        }
        return YAMLMapping(entries: entries)
    }

    // MARK: Limits

    private mutating func countNodes(_ count: Int, at mark: YAMLMark, alias: String? = nil) throws(YAMLError) {
        totalNodes += count
        guard totalNodes > limits.maxNodes else { return }
        let location = mark.location(in: file)
        if let alias {
            throw YAMLError("alias '*\(alias)' expands the document past \(limits.maxNodes) nodes; aliases are bounded so that a file cannot expand without limit ('billion laughs')", at: location)
        }
        throw YAMLError("the document has more than \(limits.maxNodes) nodes, more than a definition file can need", at: location)
    }

    private func checkDepth(at mark: YAMLMark) throws(YAMLError) {
        if stack.count >= limits.maxDepth {
            throw YAMLError("nesting is deeper than \(limits.maxDepth) levels, more than a definition file can need", at: mark.location(in: file))
        }
    }

    // MARK: libyaml values

    private func coreTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, at mark: YAMLMark, allowed: [String]) throws(YAMLError) -> String? {
        guard let tag = cString(tag) else { return nil }
        let prefix = "tag:yaml.org,2002:"
        if tag.hasPrefix(prefix) {
            let name = String(tag.dropFirst(prefix.count))
            if allowed.contains(name) { return name }
        }
        if tag == "!" { return "str" }  // the non-specific tag of a quoted scalar
        throw YAMLError("unsupported YAML tag '\(tag)' here; definitions use plain YAML values", at: mark.location(in: file))
    }

    private func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int32(clamping: mark.line + 1), column: Int32(clamping: mark.column + 1))
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        location(line: mark.line, column: mark.column)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    // MARK: Syntax errors

    /// libyaml's problem, reworded where its words are cryptic, at its mark.
    private func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        if parser.error == YAML_READER_ERROR {
            return YAMLError("cannot read the file as text: \(problem)",
                             at: TextPosition.location(ofByteOffset: parser.problem_offset, in: Array(bytes), file: file))
        }
        if parser.error == YAML_MEMORY_ERROR {
            return YAMLError("libyaml ran out of memory", at: location(line: 0, column: 0))
        }
        let mark = location(parser.problem_mark)
        let contextMark = location(parser.context_mark)
        let offending = parser.problem_mark.index < bytes.count ? bytes[parser.problem_mark.index] : nil

        if offending == UInt8(ascii: "\t") || (problem.contains("tab") && !problem.contains("escape")) {
            return YAMLError("tab character: YAML allows only spaces for indentation", at: mark)
        }
        if let context, context.contains("quoted scalar"), problem.contains("end of stream") {
            return YAMLError("unterminated quoted string: the quote opened at line \(contextMark.line), column \(contextMark.column) is never closed", at: contextMark)
        }
        var message = "YAML syntax error: \(problem)"
        if let context {
            message += " \(context) at line \(contextMark.line), column \(contextMark.column)"
        }
        if problem.contains("mapping values are not allowed") || problem.contains("did not find expected")
            || problem.contains("indentation") {
            message += " (check the indentation and that every 'key: value' is on its own line)"
        }
        return YAMLError(message, at: mark)
    }
}

/// Line and column of a byte offset, for errors found before libyaml has marks.
enum TextPosition {
    static func location(ofByteOffset offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(min(offset, bytes.count)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // count characters, not continuation bytes
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
