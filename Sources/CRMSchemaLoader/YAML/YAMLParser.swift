import CLibYAML
import CRMModel

/// Reads one YAML document into a ``YAMLDocument`` by pulling libyaml's parser events.
///
/// Stricter than YAML loaders usually are, because a definition file is code:
/// duplicate keys, several documents, unknown tags and non-scalar keys are errors,
/// and ``YAMLLimits`` bound size, depth and alias expansion.
struct YAMLParser {
    var limits: YAMLLimits
    /// Keys interned across every file this parser reads.
    let keys: YAMLKeyTable
    private let libYAML = LibYAMLParsers()

    init(limits: YAMLLimits) {
        self.limits = limits
        keys = YAMLKeyTable()
    }

    /// The document's root node; `nil` for a file without content (only comments or blanks).
    func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode? {
        try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) in try parse(buffer, file: file) }
    }

    /// The document's root node; `nil` for a file without content. The tree keeps no reference to `bytes`.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(YAMLError) -> YAMLNode? {
        // The tree addresses its text with 32-bit offsets: 1 GiB is the most it reads, whatever the limits say.
        let limit = min(limits.maxFileSize, 1 << 30)
        if bytes.count > limit {
            throw YAMLError("file is \(bytes.count) bytes; definition files are limited to \(limit) bytes",
                            at: SourceLocation(file: file, line: 1, column: 1))
        }
        if !Self.isASCII(bytes) {
            let array = Array(bytes)
            if let offset = UTF8Validation.firstInvalidByteOffset(in: array) {
                throw YAMLError(String(format: "invalid UTF-8 (byte 0x%02X); definition files must be UTF-8 encoded", array[offset]),
                                at: TextPosition.location(ofByteOffset: offset, in: array, file: file))
            }
        }
        if bytes.isEmpty { return nil }
        var builder = TreeBuilder(file: file, bytes: bytes, limits: limits, keys: keys)
        return try builder.run(libYAML)
    }

    /// The events a tree would be built from, one line each (`scalar plain 3:5 text`): libyaml's
    /// (`nil` when it reports a problem), or ``YAMLSubsetScanner``'s (`nil` when it declines the text).
    /// For the tests and the fuzz target that hold the scanner to libyaml's events.
    func eventDescriptions(_ bytes: [UInt8], subset: Bool) -> [String]? {
        bytes.withUnsafeBufferPointer { buffer in
            if subset {
                guard let scanned = YAMLSubsetScanner.scan(buffer) else { return nil }
                return scanned.events.map { event in
                    let range = Int(event.start)..<Int(event.start + event.count)
                    return event.isInText
                        ? scanned.text.withUnsafeBufferPointer { text in
                            YAMLSubsetScanner.describe(kind: "\(event.kind)", style: event.style, mark: event.mark,
                                                       text: UnsafeBufferPointer(rebasing: text[range]))
                        }
                        : YAMLSubsetScanner.describe(kind: "\(event.kind)", style: event.style, mark: event.mark,
                                                     text: UnsafeBufferPointer(rebasing: buffer[range]))
                }
            }
            var builder = TreeBuilder(file: "", bytes: buffer, limits: limits, keys: keys)
            return builder.describeLibYAMLEvents(libYAML)
        }
    }

    /// Whether every byte is ASCII (then the text is valid UTF-8), 32 bytes at a time, then eight.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        var high: UInt64 = 0
        while offset + 32 <= raw.count {
            high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
            offset += 32
        }
        while offset + 8 <= raw.count {
            high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < raw.count {
            high |= UInt64(raw[offset])
            offset += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}

/// The libyaml parsers of one ``YAMLParser``, one file after another. The parser for the next file is
/// made as soon as the last one is freed, before anything else is allocated, so that its buffers (64 KiB)
/// take the memory the last one gave back. Made when its file's turn came, after the definition read
/// from the last file had taken pieces of that memory, each parser's buffers were memory not used
/// before: a cache simulation (cachegrind) of `validate` showed libyaml's input buffer missing the
/// last-level cache 85,000 times over 2,000 files, and no such misses with the parsers made ahead.
final class LibYAMLParsers {
    private var next: UnsafeMutablePointer<yaml_parser_t>?

    deinit {
        if let next {
            yaml_parser_delete(next)
            next.deallocate()
        }
    }

    /// A parser ready for its input; `nil` when libyaml cannot allocate its buffers.
    func take() -> UnsafeMutablePointer<yaml_parser_t>? {
        if let parser = next {
            next = nil
            return parser
        }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        return parser
    }

    /// Frees a parser that is done, and makes the next one in its place.
    func giveBack(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
        yaml_parser_delete(parser)
        if next == nil, yaml_parser_initialize(parser) == 1 {
            next = parser
        } else {
            parser.deallocate()
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

/// Turns the event stream into a ``YAMLDocument`` with an explicit stack, so nesting never recurses.
///
/// Nodes are appended as they complete (a collection at its end). The entries and items of the
/// collections still open wait on stacks, innermost last; when a collection ends, its own are moved
/// to the document's arrays in one piece, so every collection's children are one range. Everything
/// on the hot path is a plain value: the open collections (`Frame`), the scalars' bytes (`TextBuffer`)
/// and the key table, taken from the parser for the file and given back at the end.
private struct TreeBuilder {
    typealias Node = YAMLDocument.Node
    typealias Entry = YAMLDocument.Entry

    let file: String
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: YAMLLimits
    private let table: YAMLKeyTable
    private var keys: YAMLKeyTable.Storage

    private var nodes: RawBuffer<Node>
    private var entries: RawBuffer<Entry>
    private var items: RawBuffer<Int32>
    private var text: RawBuffer<UInt8>

    /// The events taken from libyaml and not yet built, and the tags and anchors of those that have any.
    private var events: RawBuffer<Event>
    private var eventNames: [(tag: String?, anchor: String?)] = []
    /// How many events are taken from libyaml before they are built.
    private static let eventBatch = 256

    /// The open collections, innermost last.
    private var stack: RawBuffer<Frame>
    /// The entries, items and merge sources of the open collections, innermost last.
    private var openEntries: RawBuffer<Entry>
    private var openItems: RawBuffer<Int32>
    private var openMergeSources: RawBuffer<Int32>
    /// The anchors of the open collections that have one, and the key indexes of those that are large.
    private var openAnchors: [String] = []
    private var openKeyIndexes: [[Int32: Int32]] = []

    private var anchors: [String: (node: Int32, nodeCount: Int)] = [:]
    private var totalNodes = 0
    private var root: Int32?
    private var documentCount = 0

    /// One of libyaml's events, as the builder needs it: a scalar's bytes are already in `text`.
    private struct Event {
        enum Kind: UInt8 {
            case scalar, mappingStart, sequenceStart, end, alias, documentStart, streamEnd
        }

        var kind: Kind
        var style: YAMLScalar.Style = .plain
        var mark: YAMLMark
        /// A scalar's bytes in `text`.
        var start: Int32 = 0
        var count: Int32 = 0
        /// Its tag and anchor (an alias: the anchor it names) in `eventNames`; -1 when it has none.
        var names: Int32 = -1
    }

    /// A key waiting for its value.
    private struct PendingKey {
        var id: Int32
        var mark: YAMLMark
        var start: Int32
        var length: Int32
        var isMerge: Bool
    }

    /// An open mapping or sequence.
    private struct Frame {
        var isMapping: Bool
        var hasAnchor: Bool
        var hasKeyIndex = false
        var mark: YAMLMark
        /// Where its entries (or items) begin in `openEntries` (or `openItems`).
        var start: Int32
        /// Where its merge sources begin in `openMergeSources`.
        var mergeStart: Int32
        var nodeCount = 1
        var pendingKey: PendingKey?
    }

    /// Mappings with more entries than this find duplicate keys through a dictionary.
    private static let linearKeySearchLimit = 64

    init(file: String, bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits, keys: YAMLKeyTable) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
        table = keys
        self.keys = keys.storage
        // Sized for definition files (about one node every 12 bytes); each grows when a file needs more.
        text = RawBuffer(capacity: bytes.count + 16)
        nodes = RawBuffer(capacity: bytes.count / 12)
        entries = RawBuffer(capacity: bytes.count / 16)
        items = RawBuffer(capacity: 16)
        stack = RawBuffer(capacity: 16)
        openEntries = RawBuffer(capacity: 64)
        openItems = RawBuffer(capacity: 64)
        openMergeSources = RawBuffer(capacity: 4)
        events = RawBuffer(capacity: Self.eventBatch)
    }

    private func deallocate() {
        text.deallocate()
        nodes.deallocate()
        entries.deallocate()
        items.deallocate()
        stack.deallocate()
        openEntries.deallocate()
        openItems.deallocate()
        openMergeSources.deallocate()
        events.deallocate()
    }

    mutating func run(_ parsers: LibYAMLParsers) throws(YAMLError) -> YAMLNode? {
        // The key table is worked on as a value while the file is read (the table holds a placeholder,
        // so the value is the only reference to its arrays), and given back however reading ends.
        table.storage = YAMLKeyTable.Storage.placeholder
        defer {
            table.storage = keys
            deallocate()
        }
        if let document = try buildSubset() { return document }
        guard let parser = parsers.take() else {
            throw YAMLError("libyaml could not start (out of memory)", at: location(line: 0, column: 0))
        }
        defer { parsers.giveBack(parser) }
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)

        // libyaml's events are taken a batch at a time, then built into the tree, so that libyaml and
        // the builder each run their own code for a while instead of taking turns at every event. With
        // the parsers made ahead (LibYAMLParsers), `validate` of the benchmark's 2,000 files took 2% less
        // time (median of 21 paired rounds; each alone: 0.4% and 1.3%). The problem found first in the
        // file is still the one reported: a batch's events are built before libyaml's error that ended
        // it is thrown.
        while true {
            let syntaxProblem = collectEvents(parser)
            for index in 0..<events.count {
                if let document = try build(events[index]) { return document }
            }
            events.removeLast(events.count)
            eventNames.removeAll(keepingCapacity: true)
            if let syntaxProblem { throw syntaxProblem }
        }
    }

    /// The document built from ``YAMLSubsetScanner``'s events; `nil` when the scanner declines the
    /// text (libyaml reads it then). The same events make the same tree, and the same errors.
    private mutating func buildSubset() throws(YAMLError) -> YAMLNode?? {
        guard let base = bytes.baseAddress, let scanned = YAMLSubsetScanner.scan(bytes, eventCapacity: bytes.count / 8 + 16) else { return nil }
        for item in scanned.events {
            let event: Event
            switch item.kind {
            case .scalar:
                let start = Int32(truncatingIfNeeded: text.count)
                if item.isInText {
                    scanned.text.withUnsafeBufferPointer { joined in
                        if let joined = joined.baseAddress { text.append(from: joined + Int(item.start), count: Int(item.count)) }
                    }
                } else {
                    text.append(from: base + Int(item.start), count: Int(item.count))
                }
                event = Event(kind: .scalar, style: item.style, mark: item.mark, start: start, count: item.count)
            case .mappingStart: event = Event(kind: .mappingStart, mark: item.mark)
            case .sequenceStart: event = Event(kind: .sequenceStart, mark: item.mark)
            case .end: event = Event(kind: .end, mark: item.mark)
            case .documentStart: event = Event(kind: .documentStart, mark: item.mark)
            case .streamEnd: event = Event(kind: .streamEnd, mark: item.mark)
            }
            if let document = try build(event) { return .some(document) }
        }
        // The scanner's events always end with the stream's end, which builds the document.
        throw YAMLError("internal error: the YAML scanner's events ended early; please report this file", at: location(line: 0, column: 0))
    }

    /// libyaml's events for the whole text, described as ``YAMLParser/eventDescriptions(_:subset:)``
    /// gives them; `nil` when libyaml reports a problem.
    mutating func describeLibYAMLEvents(_ parsers: LibYAMLParsers) -> [String]? {
        defer { deallocate() }
        guard let parser = parsers.take() else { return nil }
        defer { parsers.giveBack(parser) }
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        var descriptions: [String] = []
        while true {
            let syntaxProblem = collectEvents(parser)
            for index in 0..<events.count {
                let event = events[index]
                var description = YAMLSubsetScanner.describe(kind: "\(event.kind)", style: event.style, mark: event.mark,
                                                             text: text.bytes(start: event.start, count: event.count))
                if event.names >= 0 {
                    let names = eventNames[Int(event.names)]
                    description += " tag=\(names.tag ?? "-") anchor=\(names.anchor ?? "-")"
                }
                descriptions.append(description)
                if event.kind == .streamEnd { return descriptions }
            }
            events.removeLast(events.count)
            eventNames.removeAll(keepingCapacity: true)
            if syntaxProblem != nil { return nil }
        }
    }

    /// Takes up to `Self.eventBatch` events, the stream's end included, into `events`; libyaml's error
    /// if it stops at one.
    private mutating func collectEvents(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> YAMLError? {
        var event = yaml_event_t()
        while events.count < Self.eventBatch {
            guard yaml_parser_parse(parser, &event) == 1 else { return syntaxError(parser.pointee) }
            defer { yaml_event_delete(&event) }
            let here = mark(event.start_mark)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let start = Int32(truncatingIfNeeded: text.count)
                if let value = data.value { text.append(from: value, count: data.length) }
                events.append(Event(kind: .scalar, style: style(data.style), mark: here, start: start, count: Int32(truncatingIfNeeded: data.length),
                                    names: nameIndex(tag: data.tag, anchor: data.anchor)))
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                events.append(Event(kind: .mappingStart, mark: here, names: nameIndex(tag: data.tag, anchor: data.anchor)))
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                events.append(Event(kind: .sequenceStart, mark: here, names: nameIndex(tag: data.tag, anchor: data.anchor)))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                events.append(Event(kind: .end, mark: here))
            case YAML_ALIAS_EVENT:
                events.append(Event(kind: .alias, mark: here, names: nameIndex(tag: nil, anchor: event.data.alias.anchor)))
            case YAML_DOCUMENT_START_EVENT:
                events.append(Event(kind: .documentStart, mark: here))
            case YAML_STREAM_END_EVENT:
                events.append(Event(kind: .streamEnd, mark: here))
                return nil
            default:
                break  // the stream's start and the documents' ends carry nothing we keep
            }
        }
        return nil
    }

    /// The index in `eventNames` of an event's tag and anchor; -1 when it has neither (almost always).
    private mutating func nameIndex(tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?) -> Int32 {
        guard tag != nil || anchor != nil else { return -1 }
        eventNames.append((cString(tag), cString(anchor)))
        return Int32(truncatingIfNeeded: eventNames.count - 1)
    }

    /// An event's core-schema tag (checked against `allowedTags`) and anchor.
    private func tagAndAnchor(of event: Event, allowedTags: [String]) throws(YAMLError) -> (tag: YAMLDocument.Tag, anchor: String?) {
        guard event.names >= 0 else { return (.none, nil) }
        let names = eventNames[Int(event.names)]
        return (try coreTag(names.tag, at: event.mark, allowed: allowedTags), names.anchor)
    }

    /// Builds one event into the tree; the document at the stream's end.
    private mutating func build(_ event: Event) throws(YAMLError) -> YAMLNode?? {
        switch event.kind {
        case .scalar: try scalar(event)
        case .mappingStart, .sequenceStart: try start(event)
        case .end: try end()
        case .alias: try alias(event)
        case .documentStart:
            documentCount += 1
            if documentCount > 1 {
                throw YAMLError("a definition file holds one object, but this is a second YAML document; put each object in a file of its own",
                                at: event.mark.location(in: file))
            }
        case .streamEnd:
            guard let root else { return .some(nil) }
            // The document takes the buffers over; only the scratch ones are freed here.
            let document = YAMLDocument(file: file, nodes: nodes.take(), entries: entries.take(), items: items.take(), text: text.take(), root: root)
            return document.node(root)
        }
        return nil
    }

    // MARK: Events

    private mutating func scalar(_ event: Event) throws(YAMLError) {
        let here = event.mark
        let (tag, anchor) = try tagAndAnchor(of: event, allowedTags: Self.scalarTags)
        let record = Node(kind: .scalar, style: event.style, tag: tag, mark: here, start: event.start, count: event.count)
        try countNodes(1, at: here)
        let top = stack.count - 1
        if top >= 0, stack[top].isMapping, stack[top].pendingKey == nil {
            // A key needs no node of its own, unless an anchor names it.
            if let anchor { anchors[anchor] = (append(record), 1) }
            stack[top].nodeCount += 1
            stack[top].pendingKey = try key(record, in: top)
        } else {
            try attach(append(record), nodeCount: 1, anchor: anchor)
        }
    }

    private mutating func alias(_ event: Event) throws(YAMLError) {
        let here = event.mark
        let name = event.names >= 0 ? eventNames[Int(event.names)].anchor ?? "" : ""
        guard let target = anchors[name] else {
            throw YAMLError("alias '*\(name)' refers to no anchor defined before it", at: here.location(in: file))
        }
        var record = nodes[Int(target.node)]
        record.mark = here
        try countNodes(target.nodeCount, at: here, alias: name)
        let top = stack.count - 1
        if top >= 0, stack[top].isMapping, stack[top].pendingKey == nil, record.kind == .scalar {
            stack[top].nodeCount += target.nodeCount
            stack[top].pendingKey = try key(record, in: top)
        } else {
            try attach(append(record), nodeCount: target.nodeCount, anchor: nil)
        }
    }

    private mutating func start(_ event: Event) throws(YAMLError) {
        let here = event.mark
        let isMapping = event.kind == .mappingStart
        try checkDepth(at: here)
        let anchor = try tagAndAnchor(of: event, allowedTags: isMapping ? Self.mappingTags : Self.sequenceTags).anchor
        try countNodes(1, at: here)
        if let anchor { openAnchors.append(anchor) }
        stack.append(Frame(isMapping: isMapping, hasAnchor: anchor != nil, mark: here,
                           start: Int32(truncatingIfNeeded: isMapping ? openEntries.count : openItems.count),
                           mergeStart: Int32(truncatingIfNeeded: openMergeSources.count)))
    }

    private mutating func end() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let record: Node
        if frame.isMapping {
            let start = entries.count
            let own = Int(frame.start)
            entries.append(contentsOf: openEntries, from: own)
            openEntries.removeLast(openEntries.count - own)
            let mergeStart = Int(frame.mergeStart)
            if mergeStart < openMergeSources.count {
                merge(sourcesFrom: mergeStart, into: start)
                openMergeSources.removeLast(openMergeSources.count - mergeStart)
            }
            if frame.hasKeyIndex { openKeyIndexes.removeLast() }
            record = Node(kind: .mapping, style: .plain, tag: .none, mark: frame.mark,
                          start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: entries.count - start))
        } else {
            let start = items.count
            let own = Int(frame.start)
            items.append(contentsOf: openItems, from: own)
            openItems.removeLast(openItems.count - own)
            record = Node(kind: .sequence, style: .plain, tag: .none, mark: frame.mark,
                          start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: items.count - start))
        }
        let anchor = frame.hasAnchor ? openAnchors.popLast() : nil
        // The collection's own node was counted at its start.
        try attach(append(record), nodeCount: frame.nodeCount, anchor: anchor)
    }

    // MARK: Building

    @inline(__always)
    private mutating func append(_ record: Node) -> Int32 {
        nodes.append(record)
        return Int32(truncatingIfNeeded: nodes.count - 1)
    }

    /// Adds a complete node (already counted) to the collection it belongs to.
    private mutating func attach(_ node: Int32, nodeCount: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, nodeCount) }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        stack[top].nodeCount += nodeCount
        guard stack[top].isMapping else {
            openItems.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = try key(nodes[Int(node)], in: top)
            return
        }
        stack[top].pendingKey = nil
        if key.isMerge {
            try collectMergeSources(node)
        } else {
            appendEntry(Entry(key: key.id, keyMark: key.mark, keyStart: key.start, keyLength: key.length, value: node), to: top)
        }
    }

    /// A key of the mapping `top`: only scalars are keys, a plain `<<` is a merge key, and a key is never given twice.
    private mutating func key(_ record: Node, in top: Int) throws(YAMLError) -> PendingKey {
        guard record.kind == .scalar else {
            throw YAMLError("mapping keys must be plain names, not \(summary(record))", at: record.mark.location(in: file))
        }
        let bytes = text.bytes(start: record.start, count: record.count)
        if record.style == .plain, bytes.count == 2, bytes[0] == UInt8(ascii: "<"), bytes[1] == UInt8(ascii: "<") {
            return PendingKey(id: -1, mark: record.mark, start: record.start, length: record.count, isMerge: true)
        }
        let id = keys.id(of: bytes)
        if let first = firstMark(of: id, in: top) {
            let key = String(decoding: bytes, as: UTF8.self)
            throw YAMLError("duplicate key '\(key)'; YAML does not allow a key twice in one mapping",
                            at: record.mark.location(in: file), notes: [.note("'\(key)' is first set here", at: first.location(in: file))])
        }
        return PendingKey(id: id, mark: record.mark, start: record.start, length: record.count, isMerge: false)
    }

    /// Where `key` was first written in the mapping `top`, if it was.
    @inline(__always)
    private func firstMark(of key: Int32, in top: Int) -> YAMLMark? {
        if stack[top].hasKeyIndex, let index = openKeyIndexes.last {
            return index[key].map { openEntries[Int($0)].keyMark }
        }
        for index in Int(stack[top].start)..<openEntries.count where openEntries[index].key == key { return openEntries[index].keyMark }
        return nil
    }

    @inline(__always)
    private mutating func appendEntry(_ entry: Entry, to top: Int) {
        openEntries.append(entry)
        let position = Int32(truncatingIfNeeded: openEntries.count - 1)
        if stack[top].hasKeyIndex {
            openKeyIndexes[openKeyIndexes.count - 1][entry.key] = position
        } else if Int(position - stack[top].start) >= Self.linearKeySearchLimit {
            var index: [Int32: Int32] = [:]
            for entryPosition in Int(stack[top].start)..<openEntries.count {
                index[openEntries[entryPosition].key] = Int32(truncatingIfNeeded: entryPosition)
            }
            openKeyIndexes.append(index)
            stack[top].hasKeyIndex = true
        }
    }

    /// The value of a merge key: a mapping, or a list of mappings.
    private mutating func collectMergeSources(_ node: Int32) throws(YAMLError) {
        let record = nodes[Int(node)]
        switch record.kind {
        case .mapping:
            openMergeSources.append(node)
        case .sequence:
            for position in Int(record.start)..<Int(record.start) + Int(record.count) {
                let item = nodes[Int(items[position])]
                guard item.kind == .mapping else {
                    throw YAMLError("a merge key '<<' takes a mapping or a list of mappings, not \(summary(item))", at: item.mark.location(in: file))
                }
                openMergeSources.append(items[position])
            }
        case .scalar:
            throw YAMLError("a merge key '<<' takes a mapping or a list of mappings, not \(summary(record))", at: record.mark.location(in: file))
        }
    }

    /// Adds the merged entries to the mapping whose own entries start at `start`: keys written in the
    /// mapping win over merged ones; among merge sources, the first wins (YAML's merge key rules).
    private mutating func merge(sourcesFrom first: Int, into start: Int) {
        var seen = Set((start..<entries.count).map { entries[$0].key })
        for index in first..<openMergeSources.count {
            let record = nodes[Int(openMergeSources[index])]
            for position in Int(record.start)..<Int(record.start) + Int(record.count) where seen.insert(entries[position].key).inserted {
                entries.append(entries[position])
            }
        }
    }

    private func summary(_ record: Node) -> String {
        YAMLDocument.summary(record, text: text.bytes(start: 0, count: Int32(truncatingIfNeeded: text.count)))
    }

    // MARK: Limits

    @inline(__always)
    private mutating func countNodes(_ count: Int, at mark: YAMLMark) throws(YAMLError) {
        totalNodes += count
        if totalNodes > limits.maxNodes { throw tooManyNodes(at: mark, alias: nil) }
    }

    private mutating func countNodes(_ count: Int, at mark: YAMLMark, alias: String) throws(YAMLError) {
        totalNodes += count
        if totalNodes > limits.maxNodes { throw tooManyNodes(at: mark, alias: alias) }
    }

    private func tooManyNodes(at mark: YAMLMark, alias: String?) -> YAMLError {
        let location = mark.location(in: file)
        if let alias {
            return YAMLError("alias '*\(alias)' expands the document past \(limits.maxNodes) nodes; aliases are bounded so that a file cannot expand without limit ('billion laughs')", at: location)
        }
        return YAMLError("the document has more than \(limits.maxNodes) nodes, more than a definition file can need", at: location)
    }

    private func checkDepth(at mark: YAMLMark) throws(YAMLError) {
        if stack.count >= limits.maxDepth {
            throw YAMLError("nesting is deeper than \(limits.maxDepth) levels, more than a definition file can need", at: mark.location(in: file))
        }
    }

    // MARK: libyaml values

    private static let scalarTags = ["str", "int", "float", "bool", "null"]
    private static let mappingTags = ["map"]
    private static let sequenceTags = ["seq"]

    private func coreTag(_ tag: String?, at mark: YAMLMark, allowed: [String]) throws(YAMLError) -> YAMLDocument.Tag {
        guard let tag else { return .none }
        let prefix = "tag:yaml.org,2002:"
        if tag.hasPrefix(prefix) {
            let name = String(tag.dropFirst(prefix.count))
            if allowed.contains(name) { return YAMLDocument.Tag(name: name) }
        }
        if tag == "!" { return .str }  // the non-specific tag of a quoted scalar
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

/// A growing buffer of plain values for the tree builder: appends without the uniqueness and
/// capacity checks of an `Array`, freed by its owner (``deallocate()``). Indices are the builder's
/// own and always in range (checked by assertions in debug builds).
private struct RawBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        nonmutating set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(from elements: UnsafePointer<Element>, count length: Int) {
        guard length > 0 else { return }
        if count + length > capacity { grow(to: count + length) }
        (base + count).update(from: elements, count: length)
        count += length
    }

    /// Appends `other`'s elements from `start` on.
    mutating func append(contentsOf other: RawBuffer<Element>, from start: Int) {
        append(from: other.base + start, count: other.count - start)
    }

    mutating func removeLast(_ length: Int) {
        assert(length >= 0 && length <= count)
        count -= length
    }

    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    private mutating func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// `count` elements from `start`, valid until the next append.
    @inline(__always)
    func bytes(start: Int32, count length: Int32) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + Int(start), count: Int(length))
    }

    /// The elements, handed over with the memory (the caller frees it); the buffer is left empty.
    mutating func take() -> UnsafeBufferPointer<Element> {
        let elements = UnsafeBufferPointer(start: base, count: count)
        capacity = 0
        count = 0
        base = UnsafeMutablePointer<Element>.allocate(capacity: 1)
        return elements
    }

    func deallocate() { base.deallocate() }
}
