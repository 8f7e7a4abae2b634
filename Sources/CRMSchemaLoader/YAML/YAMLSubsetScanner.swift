import CRMModel

/// Reads the YAML that definition files are written in without libyaml, and gives the events libyaml
/// would give for it, or declines the file.
///
/// It knows a subset: block mappings and sequences indented with spaces; flow mappings and sequences
/// on one line; plain values, on one line or continued on lines indented deeper (no comment between,
/// no indicator first); quoted scalars on one line, with only the escapes `\\`, `\"`, `\/`, `\n` and
/// `\t`; literal and folded values (`|`, `|-`, `>`, `>-`) whose lines are all indented alike;
/// comments and blank lines; UTF-8; `\n` or `\r\n` line breaks. Everything else makes it decline, and
/// libyaml reads the file: anchors, aliases, tags, other block scalars and escapes, empty values,
/// document markers and directives, complex keys (`?`), tabs, a lone `\r`, Unicode line breaks and
/// byte order marks, characters libyaml does not allow, invalid UTF-8 and any syntax error. So that
/// what it accepts is never read differently, it declines more than it must: a plain key starts with
/// a letter, digit or `_`, a quoted key has its `:` right after it, a plain value may not start with
/// an indicator, and a line indented deeper than its collection is declined unless it continues a
/// plain value.
///
/// For a file it accepts, the events are libyaml's own: the same scalars with the same bytes and
/// styles, the same collections, the same marks (a block mapping's at its first key, a block
/// sequence's at its first dash, a flow collection's at its bracket, a quoted scalar's at its quote).
/// `YAMLSubsetScannerTests` and the `yaml` fuzz target hold it to that against libyaml.
///
/// Why: libyaml spends about 270 instructions on a byte of a definition file (a token queue, a
/// `malloc` for every scalar); this takes about 50 (the benchmark's 8 MB of definitions: 390 M
/// instructions, libyaml 2,000 M), and the tree is built from its events by the same code as from
/// libyaml's.
struct YAMLSubsetScanner {
    enum Kind: UInt8 {
        case scalar, mappingStart, sequenceStart, end, documentStart, streamEnd
    }

    struct Event: Equatable {
        var kind: Kind
        var style: YAMLScalar.Style = .plain
        /// 1-based, as ``YAMLMark`` always is. Only scalars and the starts of collections have one
        /// (the tree builder reads no other); the others are at 0:0.
        var mark: YAMLMark
        /// A scalar's bytes: in the input, or (``isInText``) in the scanner's `text`.
        var start: Int32 = 0
        var count: Int32 = 0
        /// The scalar's bytes are not the input's: a literal or folded one (its lines joined), or
        /// one with escapes.
        var isInText = false
    }

    /// The subset's events for `bytes`, and the text of its literal and folded scalars; `nil` when
    /// the text is outside the subset.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, eventCapacity: Int = 0) -> (events: [Event], text: [UInt8])? {
        var scanner = YAMLSubsetScanner(bytes: bytes)
        scanner.events.reserveCapacity(eventCapacity)
        do throws(Decline) {
            try scanner.run()
            return (scanner.events, scanner.text)
        } catch {
            return scanner.readsWithoutReturns ? scanWithoutCarriageReturns(bytes, eventCapacity: eventCapacity) : nil
        }
    }

    /// A text with Windows line breaks (`\r\n`), read without their `\r`s: libyaml takes `\r\n` for one
    /// line break, and writes it `\n` inside values. The events then hold every scalar in `text`.
    private static func scanWithoutCarriageReturns(_ bytes: UnsafeBufferPointer<UInt8>, eventCapacity: Int) -> (events: [Event], text: [UInt8])? {
        var lines: [UInt8] = []
        lines.reserveCapacity(bytes.count)
        for index in bytes.indices where bytes[index] != UInt8(ascii: "\r") || index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n") {
            lines.append(bytes[index])
        }
        return lines.withUnsafeBufferPointer { lines in
            guard var scanned = scan(lines, eventCapacity: eventCapacity) else { return nil }
            for index in scanned.events.indices where scanned.events[index].kind == .scalar && !scanned.events[index].isInText {
                let event = scanned.events[index]
                scanned.events[index].start = Int32(truncatingIfNeeded: scanned.text.count)
                scanned.events[index].isInText = true
                scanned.text.append(contentsOf: UnsafeBufferPointer(rebasing: lines[Int(event.start)..<Int(event.start + event.count)]))
            }
            return scanned
        }
    }

    /// The text is outside the subset.
    private struct Decline: Error {}

    private enum Stop {
        /// `: ` or `:` at the end of the line (a key's end).
        case colon
        /// The end of the line, or a comment after a space.
        case lineEnd
        /// `,`, `[`, `]`, `{` or `}` in a flow collection.
        case flowIndicator
    }

    private struct Flow {
        enum State {
            case first, afterComma, value, afterValue
        }

        var isMapping: Bool
        var state = State.first
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private var events: [Event] = []
    private var text: [UInt8] = []
    /// Whether every byte is ASCII: then a column is a byte offset, else characters are counted.
    private var isASCII = true
    /// There is a `\r\n`: a `\r` was let through by the character check, which went on.
    private var hasLineFeedsAfterReturns = false
    /// The characters are all allowed and every `\r` is followed by `\n`: the text is to be read
    /// again without them. (Not merely ``hasLineFeedsAfterReturns``: a lone `\r` after a `\r\n` is a
    /// line break of its own to libyaml, and taking it out would join two lines.)
    private var readsWithoutReturns = false
    /// Outside ASCII: the characters of line `countedLine` before byte `countedTo`.
    private var countedLine = -1
    private var countedTo = 0
    private var countedColumns = 0
    /// The current line, 0-based, and where it starts.
    private var line = 0
    private var lineStart = 0
    /// The block collections open, innermost last: whether each is a mapping, and the column (0-based)
    /// of its keys or dashes.
    private var blocks: [(isMapping: Bool, indent: Int)] = []
    private var flows: [Flow] = []
    /// The last line ended in `key:`: the next must open a collection indented deeper.
    private var valueOnNextLine = false

    /// Deeper nesting is left to libyaml (and the tree builder's depth limit).
    private static let maxFlowDepth = 64
    /// libyaml looks for a key's `:` no further than 1024 characters from the key's start (spaces
    /// before the `:` count).
    private static let maxKeyLength = 1000

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        end = bytes.count
    }

    // MARK: Lines

    private mutating func run() throws(Decline) {
        try checkCharacters()
        if hasLineFeedsAfterReturns {
            readsWithoutReturns = true
            throw Decline()
        }
        var started = false
        var position = 0
        while position < end {
            lineStart = position
            var p = position
            while p < end, bytes[p] == UInt8(ascii: " ") { p += 1 }
            let indent = p - lineStart
            if p == end || bytes[p] == UInt8(ascii: "\n") || bytes[p] == UInt8(ascii: "#") {
                position = nextLine(from: p)
                line += 1
                continue
            }
            if indent == 0, startsMarker(at: p) { throw Decline() }
            if !started {
                guard indent == 0 else { throw Decline() }
                started = true
                events.append(Event(kind: .documentStart, mark: YAMLMark(line: 0, column: 0)))
                try openBlock(at: p)
            } else if valueOnNextLine {
                valueOnNextLine = false
                guard let top = blocks.last, indent > top.indent else { throw Decline() }
                try openBlock(at: p)
            } else {
                while let top = blocks.last, top.indent > indent {
                    events.append(Event(kind: .end, mark: YAMLMark(line: 0, column: 0)))
                    blocks.removeLast()
                }
                guard let top = blocks.last, top.indent == indent else { throw Decline() }
            }
            position = try lineContent(at: p)
            line += 1
        }
        guard started, !valueOnNextLine else { throw Decline() }
        for _ in blocks { events.append(Event(kind: .end, mark: YAMLMark(line: 0, column: 0))) }
        events.append(Event(kind: .streamEnd, mark: YAMLMark(line: 0, column: 0)))
    }

    /// Line feeds and the characters libyaml allows in text, in valid UTF-8; not NEL, U+2028 or
    /// U+2029 (line breaks to libyaml), nor a byte order mark.
    private mutating func checkCharacters() throws(Decline) {
        let raw = UnsafeRawBufferPointer(bytes)
        var p = 0
        while p < end {
            // Eight bytes at a time while none is a control character, DEL or outside ASCII.
            if p + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                let below20 = (word &- ones &* 0x20) & ~word & high
                let delete = ((word ^ (ones &* 0x7F)) &- ones) & ~(word ^ (ones &* 0x7F)) & high
                if (word & high) | below20 | delete == 0 {
                    p += 8
                    continue
                }
            }
            let byte = bytes[p]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\r"), p + 1 < end, bytes[p + 1] == UInt8(ascii: "\n") {
                    hasLineFeedsAfterReturns = true
                    p += 2
                    continue
                }
                guard byte >= 0x20 && byte < 0x7F || byte == UInt8(ascii: "\n") else { throw Decline() }
                p += 1
                continue
            }
            isASCII = false
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            guard byte >= 0xC2, byte <= 0xF4, p + length <= end else { throw Decline() }
            var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length {
                let next = bytes[p + offset]
                guard next & 0xC0 == 0x80 else { throw Decline() }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            let shortest = length == 2 ? scalar >= 0x80 : length == 3 ? scalar >= 0x800 : scalar >= 0x10000
            let allowed = (0xA0...0xD7FF).contains(scalar) || (0xE000...0xFFFD).contains(scalar) || (0x10000...0x10FFFF).contains(scalar)
            guard shortest, allowed, scalar != 0x2028, scalar != 0x2029, scalar != 0xFEFF else { throw Decline() }
            p += length
        }
    }

    /// `---`, `...` or a directive at the start of a line.
    private func startsMarker(at p: Int) -> Bool {
        let byte = bytes[p]
        if byte == UInt8(ascii: "%") { return true }
        guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
        return p + 2 < end && bytes[p + 1] == byte && bytes[p + 2] == byte
    }

    /// A new block collection whose first key or dash is at `p`.
    private mutating func openBlock(at p: Int) throws(Decline) {
        let isSequence = bytes[p] == UInt8(ascii: "-") && isBlankOrEnd(p + 1)
        events.append(Event(kind: isSequence ? .sequenceStart : .mappingStart, mark: mark(p)))
        blocks.append((!isSequence, p - lineStart))
    }

    /// The line's content from `p`, where the innermost block collection's key or dash is; the next line's start.
    private mutating func lineContent(at p: Int) throws(Decline) -> Int {
        guard let top = blocks.last else { throw Decline() }
        if top.isMapping { return try mappingEntry(at: p) }
        guard bytes[p] == UInt8(ascii: "-"), p + 1 < end, bytes[p + 1] == UInt8(ascii: " ") else { throw Decline() }
        let item = skipSpaces(from: p + 1)
        guard item < end else { throw Decline() }
        switch bytes[item] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let next = try flowCollection(at: item)
            return try endOfLine(from: next)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let next = try quotedScalar(at: item)
            guard next < end, bytes[next] == UInt8(ascii: ":") else { return try endOfLine(from: next) }
            // `- "key": value`: a mapping in the item, which starts before its first key.
            events.removeLast()
            events.append(Event(kind: .mappingStart, mark: mark(item)))
            blocks.append((true, item - lineStart))
            return try value(after: quotedKey(at: item))
        default:
            guard isKeyStart(bytes[item]) || isPlainValueStart(at: item) else { throw Decline() }
            let (scalarEnd, stop, next) = try blockPlain(from: item)
            if stop == .colon {
                // `- name: value`: a mapping in the item, its keys in this column.
                guard isKeyStart(bytes[item]) else { throw Decline() }
                events.append(Event(kind: .mappingStart, mark: mark(item)))
                blocks.append((true, item - lineStart))
                return try keyAndValue(key: item, keyEnd: scalarEnd, colon: next)
            }
            return try plainValue(from: item, to: scalarEnd, stop: next)
        }
    }

    /// `key: value`, `key: {…}` or `key:` with the value on the lines below.
    private mutating func mappingEntry(at p: Int) throws(Decline) -> Int {
        if isQuote(bytes[p]) { return try value(after: quotedKey(at: p)) }
        guard isKeyStart(bytes[p]) else { throw Decline() }
        let (keyEnd, stop, colon) = try blockPlain(from: p)
        guard stop == .colon else { throw Decline() }
        return try keyAndValue(key: p, keyEnd: keyEnd, colon: colon)
    }

    /// A quoted key (`"yes": …`) directly followed by `: ` (or `:` at the end of the line); its colon.
    private mutating func quotedKey(at p: Int) throws(Decline) -> Int {
        let colon = try quotedScalar(at: p)
        guard colon < end, bytes[colon] == UInt8(ascii: ":"), isBlankOrEnd(colon + 1), colon - p <= Self.maxKeyLength else {
            throw Decline()
        }
        return colon
    }

    private mutating func keyAndValue(key: Int, keyEnd: Int, colon: Int) throws(Decline) -> Int {
        guard colon - key <= Self.maxKeyLength else { throw Decline() }
        appendScalar(.plain, from: key, to: keyEnd)
        return try value(after: colon)
    }

    /// The value after a block mapping key's colon.
    private mutating func value(after colon: Int) throws(Decline) -> Int {
        let value = skipSpaces(from: colon + 1)
        if value == end || bytes[value] == UInt8(ascii: "\n") || bytes[value] == UInt8(ascii: "#") {
            valueOnNextLine = true
            return nextLine(from: value)
        }
        switch bytes[value] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let next = try flowCollection(at: value)
            return try endOfLine(from: next)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let next = try quotedScalar(at: value)
            return try endOfLine(from: next)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try blockScalar(at: value)
        default:
            guard isPlainValueStart(at: value) else { throw Decline() }
            let (scalarEnd, stop, next) = try blockPlain(from: value)
            guard stop == .lineEnd else { throw Decline() }
            return try plainValue(from: value, to: scalarEnd, stop: next)
        }
    }

    /// A plain value of a block collection from `start` to `scalarEnd`, which ended at `stop` (the end
    /// of its line or a comment), with the lines that continue it: those indented deeper than the
    /// collection, before any comment line. Lines are joined by a space, or by a line break for each
    /// blank line between them, as libyaml folds them. The start of the line after the value.
    private mutating func plainValue(from start: Int, to scalarEnd: Int, stop: Int) throws(Decline) -> Int {
        guard stop < end, bytes[stop] == UInt8(ascii: "\n"), let indent = blocks.last?.indent else {
            appendScalar(.plain, from: start, to: scalarEnd)
            return nextLine(from: stop)
        }
        let here = mark(start)
        let textStart = text.count
        var position = stop + 1
        var blanks = 0
        var continued = 0
        var after = position
        var linesAfter = 0
        while position < end {
            var content = position
            while content < end, bytes[content] == UInt8(ascii: " ") { content += 1 }
            if content == end || bytes[content] == UInt8(ascii: "\n") {
                blanks += 1
                position = nextLine(from: content)
                continue
            }
            guard content - position > indent, bytes[content] != UInt8(ascii: "#") else { break }
            // A continuation line: text only; an indicator first, or a `: ` or ` #` in it, is declined.
            guard isPlainValueStart(at: content) else { throw Decline() }
            let (lineEnd, lineStop, next) = try blockPlain(from: content)
            guard lineStop == .lineEnd, next == end || bytes[next] == UInt8(ascii: "\n") else { throw Decline() }
            if continued == 0 { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<scalarEnd])) }
            if blanks == 0 {
                text.append(UInt8(ascii: " "))
            } else {
                text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: blanks))
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[content..<lineEnd]))
            continued += 1
            linesAfter += blanks + 1
            blanks = 0
            position = nextLine(from: next)
            after = position
        }
        guard continued > 0 else {
            appendScalar(.plain, from: start, to: scalarEnd)
            return stop + 1
        }
        line += linesAfter
        events.append(Event(kind: .scalar, style: .plain, mark: here, start: Int32(truncatingIfNeeded: textStart),
                            count: Int32(truncatingIfNeeded: text.count - textStart), isInText: true))
        return after
    }

    /// After a value: spaces, then the end of the line or a comment. (Called with the value's end in
    /// a variable: as the argument of this non-mutating call, the mutating scan of the value would be
    /// made on a copy of the scanner's arrays, which each append would then copy again.)
    private func endOfLine(from p: Int) throws(Decline) -> Int {
        let q = skipSpaces(from: p)
        if q < end, bytes[q] != UInt8(ascii: "\n") {
            guard bytes[q] == UInt8(ascii: "#"), q > p else { throw Decline() }
        }
        return nextLine(from: q)
    }

    /// The start of the line after the one `p` is on.
    private func nextLine(from p: Int) -> Int {
        var q = p
        while q < end, bytes[q] != UInt8(ascii: "\n") { q += 1 }
        return q + 1
    }

    // MARK: Scalars

    /// A plain scalar of a block collection, from `p` to the end of its line: where its text ends
    /// (trailing spaces dropped), what ended it, and where.
    private func blockPlain(from p: Int) throws(Decline) -> (end: Int, stop: Stop, at: Int) {
        var q = p
        var stop = Stop.lineEnd
        while q < end {
            let byte = bytes[q]
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: ":"), isBlankOrEnd(q + 1) {
                stop = .colon
                break
            }
            if byte == UInt8(ascii: "#"), bytes[q - 1] == UInt8(ascii: " ") { break }
            q += 1
        }
        return (trimmingSpaces(from: p, to: q), stop, q)
    }

    /// A plain scalar in a flow collection, from `p`: it ends at a flow indicator or `: `, on the same line.
    private func flowPlain(from p: Int) throws(Decline) -> (end: Int, stop: Stop, at: Int) {
        var q = p
        while q < end {
            switch bytes[q] {
            case UInt8(ascii: "\n"):
                throw Decline()
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                return (trimmingSpaces(from: p, to: q), .flowIndicator, q)
            case UInt8(ascii: ":"):
                // `a:b` is one scalar in libyaml's flow context, `a:,` ends one: neither is a definition's.
                guard q + 1 < end, bytes[q + 1] == UInt8(ascii: " ") else { throw Decline() }
                return (trimmingSpaces(from: p, to: q), .colon, q)
            case UInt8(ascii: "#") where bytes[q - 1] == UInt8(ascii: " "):
                throw Decline()
            default:
                q += 1
            }
        }
        throw Decline()
    }

    /// A quoted scalar on one line, without `''` in single quotes; after its closing quote.
    private mutating func quotedScalar(at p: Int) throws(Decline) -> Int {
        let quote = bytes[p]
        var q = p + 1
        while true {
            guard q < end else { throw Decline() }
            let byte = bytes[q]
            if byte == quote {
                if quote == UInt8(ascii: "'"), q + 1 < end, bytes[q + 1] == quote { throw Decline() }
                break
            }
            if byte == UInt8(ascii: "\n") { throw Decline() }
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") { return try escapedScalar(at: p, firstEscape: q) }
            q += 1
        }
        events.append(Event(kind: .scalar, style: quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted, mark: mark(p),
                            start: Int32(truncatingIfNeeded: p + 1), count: Int32(truncatingIfNeeded: q - p - 1)))
        return q + 1
    }

    /// A double-quoted scalar on one line with escapes (`"^\\d+$"`), unescaped into `text`; after its closing quote.
    private mutating func escapedScalar(at p: Int, firstEscape: Int) throws(Decline) -> Int {
        let start = text.count
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(p + 1)..<firstEscape]))
        var q = firstEscape
        while true {
            guard q < end else { throw Decline() }
            let byte = bytes[q]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\n") { throw Decline() }
            if byte == UInt8(ascii: "\\") {
                guard q + 1 < end else { throw Decline() }
                switch bytes[q + 1] {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "/"): text.append(bytes[q + 1])
                case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
                default: throw Decline()
                }
                q += 2
            } else {
                text.append(byte)
                q += 1
            }
        }
        events.append(Event(kind: .scalar, style: .doubleQuoted, mark: mark(p), start: Int32(truncatingIfNeeded: start),
                            count: Int32(truncatingIfNeeded: text.count - start), isInText: true))
        return q + 1
    }

    /// A literal (`|`) or folded (`>`) value, clipped or stripped (`-`), whose lines are all indented
    /// alike (blank lines between them too: paragraphs); the start of the line after it.
    private mutating func blockScalar(at p: Int) throws(Decline) -> Int {
        guard let parentIndent = blocks.last?.indent else { throw Decline() }
        let isLiteral = bytes[p] == UInt8(ascii: "|")
        let here = mark(p)
        var q = p + 1
        let strips = q < end && bytes[q] == UInt8(ascii: "-")
        if strips { q += 1 }
        q = skipSpaces(from: q)
        guard q < end, bytes[q] == UInt8(ascii: "\n") else { throw Decline() }  // a comment, `+`, an indentation digit
        let start = text.count
        var position = q + 1
        var indent = -1
        var lines = 0
        var blanks = 0
        while position < end {
            var content = position
            while content < end, bytes[content] == UInt8(ascii: " ") { content += 1 }
            let spaces = content - position
            if content == end || bytes[content] == UInt8(ascii: "\n") {
                // A blank line: not before the first (libyaml then finds the indentation otherwise), and no
                // longer than the indentation (else it holds spaces).
                guard indent >= 0, spaces <= indent else { throw Decline() }
                blanks += 1
            } else {
                if indent < 0 {
                    guard spaces > parentIndent else { throw Decline() }
                    indent = spaces
                }
                if spaces < indent { break }
                guard spaces == indent else { throw Decline() }
                var lineEnd = content
                while lineEnd < end, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                guard lineEnd < end else { throw Decline() }  // the last line without its line break
                // Lines are joined by their line break, a folded one's by a space; a folded line break
                // followed by blank lines is dropped, and each blank line is a line break.
                if lines > 0 {
                    if isLiteral || blanks > 0 {
                        text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: isLiteral ? blanks + 1 : blanks))
                    } else {
                        text.append(UInt8(ascii: " "))
                    }
                }
                blanks = 0
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[content..<lineEnd]))
                lines += 1
            }
            position = nextLine(from: content)
            line += 1
        }
        guard lines > 0 else { throw Decline() }
        if !strips { text.append(UInt8(ascii: "\n")) }
        events.append(Event(kind: .scalar, style: isLiteral ? .literal : .folded, mark: here,
                            start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: text.count - start), isInText: true))
        return position
    }

    private mutating func appendScalar(_ style: YAMLScalar.Style, from start: Int, to scalarEnd: Int) {
        events.append(Event(kind: .scalar, style: style, mark: mark(start),
                            start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: scalarEnd - start)))
    }

    private func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Keys are names: a letter, digit or `_` first.
    private func isKeyStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"): true
        default: false
        }
    }

    /// Whether a plain value may start at `p`: not with an indicator (`-` only before a digit or `.`, as in `-5`).
    private func isPlainValueStart(at p: Int) -> Bool {
        switch bytes[p] {
        case UInt8(ascii: "-"):
            guard p + 1 < end else { return false }
            let next = bytes[p + 1]
            return (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) || next == UInt8(ascii: ".")
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"),
             UInt8(ascii: " "), UInt8(ascii: "\n"):
            return false
        default:
            return true
        }
    }

    // MARK: Flow collections

    /// A flow mapping or sequence that opens at `p` and closes on the same line; after its closing bracket.
    private mutating func flowCollection(at p: Int) throws(Decline) -> Int {
        var q = try openFlow(at: p)
        while let top = flows.last {
            q = skipSpaces(from: q)
            guard q < end else { throw Decline() }
            let byte = bytes[q]
            let closing = top.isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
            switch top.state {
            case .first, .afterComma:
                if byte == closing {
                    guard top.state == .first else { throw Decline() }  // a trailing comma
                    q = closeFlow(at: q)
                } else if top.isMapping {
                    let colon: Int
                    if isQuote(byte) {
                        // `"key": value`; libyaml also reads `"key":value` in a flow collection, declined here.
                        colon = try quotedScalar(at: q)
                        guard colon + 1 < end, bytes[colon] == UInt8(ascii: ":"), bytes[colon + 1] == UInt8(ascii: " "),
                              colon - q <= Self.maxKeyLength else { throw Decline() }
                    } else {
                        guard isKeyStart(byte) else { throw Decline() }
                        let (keyEnd, stop, at) = try flowPlain(from: q)
                        guard stop == .colon, at - q <= Self.maxKeyLength else { throw Decline() }
                        appendScalar(.plain, from: q, to: keyEnd)
                        colon = at
                    }
                    flows[flows.count - 1].state = .value
                    q = colon + 1
                } else {
                    q = try flowValue(at: q)
                }
            case .value:
                q = try flowValue(at: q)
            case .afterValue:
                if byte == UInt8(ascii: ",") {
                    flows[flows.count - 1].state = .afterComma
                    q += 1
                } else if byte == closing {
                    q = closeFlow(at: q)
                } else {
                    throw Decline()
                }
            }
        }
        return q
    }

    /// A value in the innermost flow collection, which then waits for a comma or its end.
    private mutating func flowValue(at p: Int) throws(Decline) -> Int {
        flows[flows.count - 1].state = .afterValue
        switch bytes[p] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try openFlow(at: p)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try quotedScalar(at: p)
        default:
            guard isPlainValueStart(at: p) else { throw Decline() }
            let (scalarEnd, stop, next) = try flowPlain(from: p)
            guard stop == .flowIndicator else { throw Decline() }
            appendScalar(.plain, from: p, to: scalarEnd)
            return next
        }
    }

    private mutating func openFlow(at p: Int) throws(Decline) -> Int {
        guard flows.count < Self.maxFlowDepth else { throw Decline() }
        let isMapping = bytes[p] == UInt8(ascii: "{")
        events.append(Event(kind: isMapping ? .mappingStart : .sequenceStart, mark: mark(p)))
        flows.append(Flow(isMapping: isMapping))
        return p + 1
    }

    private mutating func closeFlow(at p: Int) -> Int {
        events.append(Event(kind: .end, mark: YAMLMark(line: 0, column: 0)))
        flows.removeLast()
        return p + 1
    }

    /// One event as the differential tests compare them: the kind; for a scalar its style, mark and
    /// text; for a collection's start its mark. The tree builder reads nothing more of an event.
    static func describe(kind: String, style: YAMLScalar.Style, mark: YAMLMark, text: UnsafeBufferPointer<UInt8>) -> String {
        switch kind {
        case "scalar": "scalar \(style) \(mark.line):\(mark.column) \(String(decoding: text, as: UTF8.self).debugDescription)"
        case "mappingStart", "sequenceStart": "\(kind) \(mark.line):\(mark.column)"
        default: kind
        }
    }

    // MARK: Positions

    /// The mark of `p` on the current line; its column counts characters, as libyaml's do. Outside
    /// ASCII, characters are counted on from the last mark on the line, so that a long line of many
    /// scalars is counted once, not once a scalar.
    private mutating func mark(_ p: Int) -> YAMLMark {
        var column = p - lineStart
        if !isASCII {
            if countedLine != line || countedTo > p {
                countedLine = line
                countedTo = lineStart
                countedColumns = 0
            }
            for q in countedTo..<p where bytes[q] & 0xC0 != 0x80 { countedColumns += 1 }
            countedTo = p
            column = countedColumns
        }
        return YAMLMark(line: Int32(truncatingIfNeeded: line + 1), column: Int32(truncatingIfNeeded: column + 1))
    }

    private func skipSpaces(from p: Int) -> Int {
        var q = p
        while q < end, bytes[q] == UInt8(ascii: " ") { q += 1 }
        return q
    }

    private func trimmingSpaces(from start: Int, to scalarEnd: Int) -> Int {
        var q = scalarEnd
        while q > start, bytes[q - 1] == UInt8(ascii: " ") { q -= 1 }
        return q
    }

    private func isBlankOrEnd(_ p: Int) -> Bool {
        p >= end || bytes[p] == UInt8(ascii: " ") || bytes[p] == UInt8(ascii: "\n")
    }
}
