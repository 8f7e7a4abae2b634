@_spi(Generated) import CRMRuntime
import Foundation

/// Finds where records begin and end in JSON text, one byte at a time: a push-down automaton over
/// JSON's tokens. At every byte it knows whether a value, a key, `:`, `,` or a closing bracket may
/// come, so broken JSON is found where it breaks, not at the end of the file. It does not decode:
/// strings are checked for their escapes and for raw control characters (a line feed in a string is
/// a syntax error, as JSON says, so an unterminated string ends at its line), numbers and literals
/// for their grammar; the record parser checks the rest of each record (UTF-8, surrogates, keys
/// given twice).
///
/// Records are a top-level object (unless it has a `"results"` key: a list response, whose
/// `results` array holds the records) and the items of a top-level array. Only the bytes of the
/// record being read are kept, at most `RecordStream.maximumRecordSize` of them; the stack is at most
/// `RecordEnvelope.maximumNestingDepth` deep. So memory does not grow with the input.
struct RecordScanner {
    enum Event {
        case record(Data, line: Int)
        /// With ``readsLinesWhole``: a line whose first token is a `{` at the top level and whose brackets
        /// close at its last byte that is not white space, from the `{` to that `}`, not yet read as JSON.
        /// ``events(ofLine:number:)`` gives what scanning it would have given. `declined`: ``acceptsLine``
        /// was asked about it and said no.
        case line(Data, line: Int, declined: Bool)
        /// With ``acceptsLine``: a line it accepted, from a `{` that begins it to its last `}` (so one
        /// record, which scanning would have found whole).
        case acceptedLine(line: Int)
        case tooLarge(line: Int)
        case notARecord(String, line: Int)
        case notJSON(String, line: Int)
    }

    private enum Mode {
        case byteOrderMark, tokens, string, escape, unicodeEscape, number, literal, skippingLine
    }

    /// What may come next in `.tokens` mode, given the container on top of the stack.
    private enum Expect {
        case value, valueOrEnd, key, keyOrEnd, colon, commaOrEnd
    }

    /// Where a number is in JSON's grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private enum NumberState {
        case minus, zero, integer, dot, fraction, exponentMark, exponentSign, exponent

        var isComplete: Bool { self == .zero || self == .integer || self == .fraction || self == .exponent }

        func next(_ byte: UInt8) -> NumberState? {
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let exponent = byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            switch self {
            case .minus: return byte == UInt8(ascii: "0") ? .zero : digit ? .integer : nil
            case .zero: return byte == UInt8(ascii: ".") ? .dot : exponent ? .exponentMark : nil
            case .integer: return digit ? .integer : byte == UInt8(ascii: ".") ? .dot : exponent ? .exponentMark : nil
            case .dot: return digit ? .fraction : nil
            case .fraction: return digit ? .fraction : exponent ? .exponentMark : nil
            case .exponentMark: return digit ? .exponent : byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") ? .exponentSign : nil
            case .exponentSign, .exponent: return digit ? .exponent : nil
            }
        }
    }

    private static let byteOrderMark: StaticString = "\u{FEFF}"
    private static let results: StaticString = "results"

    /// Hands over each line that holds one top-level object as a ``Event/line(_:line:)``, found by its
    /// brackets and quotes alone, to be read by whoever takes it: `crmgen check`'s threads then do the
    /// reading, and the scanner's own pass over NDJSON is a quick one.
    var readsLinesWhole = false
    /// With ``readsLinesWhole``: asked first about a line that begins with `{` and ends with `}`, with
    /// the bytes from one to the other; `true` only when they are one JSON object, read as strictly as
    /// the scanner reads, without a `"results"` key written as is (a list response). An accepted line is
    /// not scanned at all: only its line feed is looked for.
    var acceptsLine: ((UnsafeBufferPointer<UInt8>) -> Bool)?

    private var mode = Mode.byteOrderMark
    private var expect = Expect.value
    /// The push-down stack: `true` for an object, `false` for an array.
    private var stack: [Bool] = []
    private var line = 1
    /// Whether a token began on this line: a `{` or `[` that is the first is where reading can resume.
    private var lineHasToken = false
    /// Whether anything but white space (and a byte order mark) was seen.
    private var sawInput = false
    private var byteOrderMarkIndex = 0

    private var stringIsKey = false
    /// For a key of the top-level object: how many bytes of `results` it matches so far; -1 otherwise.
    private var keyMatch = -1
    private var lastKeyIsResults = false
    private var hexDigitsLeft = 0
    private var number = NumberState.zero
    private var literal: StaticString = "null"
    private var literalIndex = 0

    /// The line where the current top-level value began.
    private var valueLine = 1
    /// Whether the top-level object has had a `"results"` key.
    private var sawResults = false
    /// The stack depth inside the array whose items are records (1: a top-level array, 2: `results`); 0 when none.
    private var recordsDepth = 0
    private var itemNumber = 0
    /// A value that is not a record, reported when it ends at `depth` (a syntax error in it is reported instead).
    private var notRecord: (message: String, line: Int, depth: Int)?

    /// The stack depth inside the object of the record being read; 0 when none.
    private var recordDepth = 0
    private var recordLine = 0
    /// Bytes of the record before `pendingStart`; those of earlier chunks are in `buffer` unless it is too large.
    private var recordSize = 0
    private var pendingStart = 0
    private var buffer: [UInt8] = []
    private var recordTooLarge = false

    init() {
        stack.reserveCapacity(RecordEnvelope.maximumNestingDepth)
    }

    /// The line being read.
    var currentLine: Int { line }

    /// Reads `bytes` from `index` until something is found or `bytes` end; `index` is left after what was
    /// read. The caller hands over the input in chunks of any size, in order.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int) -> Event? {
        var i = index
        let end = bytes.count
        pendingStart = i
        var event: Event?
        reading: while i < end {
            switch mode {
            case .tokens:
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    i += 1
                case UInt8(ascii: "\n"):
                    i += 1
                    line += 1
                    lineHasToken = false
                default:
                    if readsLinesWhole, byte == UInt8(ascii: "{"), !lineHasToken, stack.isEmpty {
                        var declined = false
                        if let acceptsLine, let candidate = Self.lineEndingInBrace(bytes, from: i) {
                            if acceptsLine(UnsafeBufferPointer(rebasing: bytes[i..<candidate.end])) {
                                event = .acceptedLine(line: line)
                                sawInput = true
                                i = candidate.lineFeed + 1
                                line += 1
                                break reading
                            }
                            declined = true
                        }
                        if let whole = Self.wholeLineObject(bytes, from: i) {
                            event = .line(Data(UnsafeBufferPointer(rebasing: bytes[i..<whole.end])), line: line, declined: declined)
                            sawInput = true
                            i = whole.lineFeed + 1
                            line += 1
                            break reading
                        }
                    }
                    event = token(byte, in: bytes, at: &i)
                    if event != nil { break reading }
                }
            case .string:
                // Most bytes of a file are in strings: this loop is the hot path.
                if keyMatch < 0 {
                    i = JSONStringBytes.skipPlain(bytes, from: i, stoppingAtNonASCII: false)
                    while i < end {
                        let byte = bytes[i]
                        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                        i += 1
                    }
                } else {
                    while i < end {
                        let byte = bytes[i]
                        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                        if keyMatch >= 0 {
                            keyMatch = keyMatch < Self.results.utf8CodeUnitCount && Self.results.utf8Start[keyMatch] == byte ? keyMatch + 1 : -1
                        }
                        i += 1
                    }
                }
                guard i < end else { break reading }
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    mode = .tokens
                    event = stringEnded()
                    if event != nil { break reading }
                } else if byte == UInt8(ascii: "\\") {
                    i += 1
                    mode = .escape
                    keyMatch = -1  // an escaped key is not compared; as a record, the parser reads it
                } else {
                    let reason = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                        ? "a string is not closed before the line ends"
                        : "a control character (\(Self.hex(byte))) in a string"
                    event = fail(reason, byte: byte, at: &i, first: false)
                    break reading
                }
            case .escape:
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                    mode = .string
                case UInt8(ascii: "u"):
                    i += 1
                    hexDigitsLeft = 4
                    mode = .unicodeEscape
                default:
                    event = fail("invalid escape: \\ followed by \(Self.describe(byte)) in a string", byte: byte, at: &i, first: false)
                    break reading
                }
            case .unicodeEscape:
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
                    i += 1
                    hexDigitsLeft -= 1
                    if hexDigitsLeft == 0 { mode = .string }
                default:
                    event = fail("invalid \\u escape in a string", byte: byte, at: &i, first: false)
                    break reading
                }
            case .number:
                let byte = bytes[i]
                if let next = number.next(byte) {
                    number = next
                    i += 1
                } else if number.isComplete {
                    mode = .tokens  // the byte after the number is read as a token
                    event = valueEnded()
                    if event != nil { break reading }
                } else {
                    event = fail("invalid number", byte: byte, at: &i, first: false)
                    break reading
                }
            case .literal:
                let byte = bytes[i]
                guard byte == literal.utf8Start[literalIndex] else {
                    event = fail("unexpected \(Self.describe(byte)) (expected '\(literal)')", byte: byte, at: &i, first: false)
                    break reading
                }
                i += 1
                literalIndex += 1
                if literalIndex == literal.utf8CodeUnitCount {
                    mode = .tokens
                    event = valueEnded()
                    if event != nil { break reading }
                }
            case .skippingLine:
                while i < end, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                if i < end {
                    i += 1
                    line += 1
                    lineHasToken = false
                    mode = .tokens
                }
            case .byteOrderMark:
                let byte = bytes[i]
                if byte == Self.byteOrderMark.utf8Start[byteOrderMarkIndex] {
                    i += 1
                    byteOrderMarkIndex += 1
                    if byteOrderMarkIndex == Self.byteOrderMark.utf8CodeUnitCount { mode = .tokens }
                } else if byteOrderMarkIndex == 0 {
                    mode = .tokens
                } else {
                    event = fail("unexpected \(Self.describe(byte)) in a byte order mark", byte: byte, at: &i, first: false)
                    break reading
                }
            }
        }
        keepRecordBytes(bytes, upTo: i)
        index = i
        return event
    }

    /// At the end of the input: an unfinished value is reported where it began; an input without any
    /// JSON is reported too.
    mutating func finish() -> Event? {
        defer {
            reset()
            mode = .byteOrderMark
            byteOrderMarkIndex = 0
            line = 1
            sawInput = false
        }
        switch mode {
        case .skippingLine:
            return nil
        case .byteOrderMark where byteOrderMarkIndex == 0, .tokens where stack.isEmpty:
            return sawInput ? nil : .notJSON("holds no JSON", line: 1)
        case .number where stack.isEmpty && number.isComplete:
            return valueEnded()
        default:
            let what = recordDepth > 0 ? "the record" : "the JSON value that starts here"
            return .notJSON("not JSON: the input ends before \(what) is complete", line: recordDepth > 0 ? recordLine : valueLine)
        }
    }

    // MARK: Whole lines

    /// For a `{` at `start` that begins its line at the top level: where its object ends (after the `}`)
    /// and where the line's line feed is, when the object's brackets close at the line's last byte that
    /// is not white space and no string in it is left open; `nil` otherwise, and when the line does not end
    /// in `bytes`, is larger than a record may be, or has a control character in a string.
    ///
    /// Such a line is scanned by itself: read as tokens, it either ends its one top-level value at that
    /// `}`, or has a syntax error, after which the scanner skips to the line's end. Either way the scanner
    /// is back at the top level when the next line begins, so the line's events do not depend on what
    /// comes after it.
    static func wholeLineObject(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, lineFeed: Int)? {
        let count = min(bytes.count, start + RecordStream.maximumRecordSize)
        var i = start + 1
        var depth = 1
        scanning: while i < count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while true {
                    i = JSONStringBytes.skipPlain(bytes, from: i, stoppingAtNonASCII: false)
                    guard i < count else { return nil }
                    let byte = bytes[i]
                    if byte == UInt8(ascii: "\"") {
                        i += 1
                        break
                    } else if byte == UInt8(ascii: "\\") {
                        guard i + 1 < count, bytes[i + 1] >= 0x20 else { return nil }
                        i += 2
                    } else if byte < 0x20 {
                        return nil
                    } else {
                        i += 1
                    }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
                if depth == 0 { break scanning }
            case UInt8(ascii: "\n"):
                return nil
            default:
                i += 1
            }
        }
        guard depth == 0 else { return nil }
        let end = i
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
            case UInt8(ascii: "\n"): return (end, i)
            default: return nil
            }
        }
        return nil
    }

    /// Whether `object`, a line's bytes from its first `{` to its last `}`, is scanned by itself: its
    /// brackets close at its last byte and no string in it is left open (as ``wholeLineObject(_:from:)``
    /// decides, the line's end being the end of `object`).
    static func isWholeObject(_ object: UnsafeBufferPointer<UInt8>) -> Bool {
        var line = Array(object)
        line.append(UInt8(ascii: "\n"))
        return line.withUnsafeBufferPointer { wholeLineObject($0, from: 0)?.end == object.count }
    }

    /// Whether the scanner is at the start of a line and outside every value: what it reads next does
    /// not depend on the lines before.
    var isBetweenLines: Bool {
        !lineHasToken && stack.isEmpty && recordDepth == 0 && notRecord == nil
            && (mode == .tokens || (mode == .byteOrderMark && byteOrderMarkIndex == 0))
    }

    /// Passes over a line that was read elsewhere (by ``isBetweenLines``, from where scanning it would
    /// have come back between lines).
    mutating func skipLine() {
        mode = .tokens
        sawInput = true
        line += 1
        lineHasToken = false
    }

    /// For a `{` at `start`: where the line's last byte that is not white space ends, when it is a `}`,
    /// and where its line feed is; `nil` when the line does not end in `bytes` or is larger than a record may be.
    static func lineEndingInBrace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, lineFeed: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let limit = min(bytes.count, start + RecordStream.maximumRecordSize + 1)
        guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), limit - start) else { return nil }
        let lineFeed = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        guard let object = objectBounds(UnsafeBufferPointer(rebasing: bytes[start..<lineFeed])),
              object.count <= RecordStream.maximumRecordSize
        else { return nil }
        return (start + object.upperBound, lineFeed)
    }

    /// For a line (without its line feed) whose first byte that is not white space is `{` and whose last
    /// is `}`: the range from one to the other.
    static func objectBounds(_ line: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") }
        var start = 0
        while start < line.count, isSpace(line[start]) { start += 1 }
        var end = line.count
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        guard end - start >= 2, line[start] == UInt8(ascii: "{"), line[end - 1] == UInt8(ascii: "}") else { return nil }
        return start..<end
    }

    /// The events that scanning would give for the line of a ``Event/line(_:line:)``, numbered `number`.
    static func events(ofLine bytes: Data, number: Int) -> [Event] {
        var scanner = RecordScanner()
        scanner.mode = .tokens
        scanner.line = number
        scanner.sawInput = true
        var events: [Event] = []
        bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var index = 0
            while index < buffer.count {
                if let event = scanner.scan(buffer, from: &index) { events.append(event) }
            }
        }
        return events
    }

    // MARK: Tokens

    /// A byte that is not white space, in `.tokens` mode.
    private mutating func token(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Event? {
        let first = !lineHasToken
        lineHasToken = true
        sawInput = true
        switch expect {
        case .value, .valueOrEnd:
            if byte == UInt8(ascii: "]"), expect == .valueOrEnd { return close(in: bytes, at: &i) }
            return beginValue(byte, at: &i, first: first)
        case .key, .keyOrEnd:
            if byte == UInt8(ascii: "\"") {
                i += 1
                mode = .string
                stringIsKey = true
                keyMatch = stack.count == 1 && stack[0] ? 0 : -1
                return nil
            }
            if byte == UInt8(ascii: "}"), expect == .keyOrEnd { return close(in: bytes, at: &i) }
            return fail("expected a key, found \(Self.describe(byte))", byte: byte, at: &i, first: first)
        case .colon:
            guard byte == UInt8(ascii: ":") else {
                return fail("expected ':' after a key, found \(Self.describe(byte))", byte: byte, at: &i, first: first)
            }
            i += 1
            expect = .value
            return nil
        case .commaOrEnd:
            let inObject = stack.last == true
            if byte == UInt8(ascii: ",") {
                i += 1
                expect = inObject ? .key : .value
                return nil
            }
            if byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) { return close(in: bytes, at: &i) }
            return fail("expected ',' or '\(inObject ? "}" : "]")', found \(Self.describe(byte))", byte: byte, at: &i, first: first)
        }
    }

    /// The first byte of a value: decides what the value is to the file (a record, an item that is
    /// not one, a list response's `results`) before reading it.
    private mutating func beginValue(_ byte: UInt8, at i: inout Int, first: Bool) -> Event? {
        var event: Event?
        let depth = stack.count
        if depth == 0 {
            valueLine = line
            sawResults = false
            if byte == UInt8(ascii: "{") {
                beginRecord(at: i)
            } else if byte == UInt8(ascii: "[") {
                recordsDepth = 1
                itemNumber = 0
            } else {
                notRecord = ("\(Self.kind(byte)) is not a record", line, 0)
            }
        } else if depth == recordsDepth {
            itemNumber += 1
            if byte == UInt8(ascii: "{") {
                beginRecord(at: i)
            } else {
                let array = recordsDepth == 1 ? "the array" : "'results'"
                notRecord = ("item \(itemNumber) of \(array) is \(Self.kind(byte)), not a record", line, depth)
            }
        } else if depth == 1, lastKeyIsResults, stack[0] {
            // A list response: the top-level object is an envelope, not a record.
            recordDepth = 0
            buffer.removeAll(keepingCapacity: true)
            if sawResults { event = .notARecord("'results' appears twice in the list response", line: line) }
            sawResults = true
            if byte == UInt8(ascii: "[") {
                recordsDepth = 2
                itemNumber = 0
            } else {
                notRecord = ("'results' is \(Self.kind(byte)), not an array of records", line, depth)
            }
        }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < RecordEnvelope.maximumNestingDepth else {
                let limit = RecordEnvelope.maximumNestingDepth
                return fail("nesting is deeper than \(limit) levels, crmgen's limit", byte: byte, at: &i, first: first, syntax: false)
            }
            let isObject = byte == UInt8(ascii: "{")
            stack.append(isObject)
            expect = isObject ? .keyOrEnd : .valueOrEnd
        case UInt8(ascii: "\""):
            mode = .string
            stringIsKey = false
            keyMatch = -1
        case UInt8(ascii: "-"):
            mode = .number
            number = .minus
        case UInt8(ascii: "0"):
            mode = .number
            number = .zero
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            mode = .number
            number = .integer
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            mode = .literal
            literal = byte == UInt8(ascii: "t") ? "true" : byte == UInt8(ascii: "f") ? "false" : "null"
            literalIndex = 1
        default:
            return fail("unexpected \(Self.describe(byte))", byte: byte, at: &i, first: first)
        }
        i += 1
        return event
    }

    /// A closing bracket at `i`, which matches the container on top of the stack.
    private mutating func close(in bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Event? {
        let end = i
        // The grammar only lets a bracket close an open container; a failed pop would be a bug, reported as such.
        guard stack.popLast() != nil else { return fail("unexpected \(Self.describe(bytes[end]))", byte: bytes[end], at: &i, first: false) }
        i += 1
        let depth = stack.count
        if depth + 1 == recordsDepth { recordsDepth = 0 }
        guard depth + 1 == recordDepth else { return valueEnded() }
        let record = endRecord(bytes, through: end)
        // A record is an item or the top-level value, never inside a value that is not a record: so
        // its end cannot also end one.
        _ = valueEnded()
        return record
    }

    private mutating func stringEnded() -> Event? {
        guard stringIsKey else { return valueEnded() }
        lastKeyIsResults = keyMatch == Self.results.utf8CodeUnitCount
        keyMatch = -1
        expect = .colon
        return nil
    }

    private mutating func valueEnded() -> Event? {
        let depth = stack.count
        expect = depth == 0 ? .value : .commaOrEnd
        guard let value = notRecord, value.depth == depth else { return nil }
        notRecord = nil
        return .notARecord(value.message, line: value.line)
    }

    // MARK: Record bytes

    private mutating func beginRecord(at i: Int) {
        recordDepth = stack.count + 1
        recordLine = line
        recordSize = 0
        pendingStart = i
        recordTooLarge = false
        buffer.removeAll(keepingCapacity: true)
    }

    /// Keeps the record's bytes of this chunk before the next one replaces it; past the size limit, only
    /// their count.
    private mutating func keepRecordBytes(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) {
        guard recordDepth > 0 else { return }
        recordSize += end - pendingStart
        guard !recordTooLarge else { return }
        if recordSize > RecordStream.maximumRecordSize {
            recordTooLarge = true
            buffer = []
        } else {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pendingStart..<end]))
        }
        pendingStart = end
    }

    private mutating func endRecord(_ bytes: UnsafeBufferPointer<UInt8>, through end: Int) -> Event {
        recordDepth = 0
        let last = UnsafeBufferPointer(rebasing: bytes[pendingStart...end])
        defer { buffer.removeAll(keepingCapacity: true) }
        guard !recordTooLarge, recordSize + last.count <= RecordStream.maximumRecordSize else { return .tooLarge(line: recordLine) }
        if buffer.isEmpty { return .record(Data(last), line: recordLine) }
        buffer.append(contentsOf: last)
        return .record(Data(buffer), line: recordLine)
    }

    // MARK: Errors

    /// Reports a syntax error (or a value nested too deeply) and resumes reading at the start of the next
    /// line; or, when the offending byte is a `{` or `[` that begins its line (an NDJSON record after
    /// a broken one), right there, so that record is read.
    private mutating func fail(_ reason: String, byte: UInt8, at i: inout Int, first: Bool, syntax: Bool = true) -> Event {
        sawInput = true
        let reportedLine = recordDepth > 0 ? recordLine : line
        let place = line == reportedLine ? "" : " at line \(line)"
        var message = syntax ? "not JSON\(place): \(reason)" : (place.isEmpty ? reason : "\(place.dropFirst()): \(reason)")
        reset()
        if first && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")) {
            lineHasToken = false
        } else if byte == UInt8(ascii: "\n") {
            i += 1
            line += 1
            lineHasToken = false
        } else {
            message += "; skipped the rest of line \(line)"
            i += 1
            mode = .skippingLine
        }
        return .notJSON(message, line: reportedLine)
    }

    /// Forgets the value being read; the position in the input stays.
    private mutating func reset() {
        mode = .tokens
        expect = .value
        stack.removeAll(keepingCapacity: true)
        keyMatch = -1
        lastKeyIsResults = false
        sawResults = false
        recordsDepth = 0
        notRecord = nil
        recordDepth = 0
        recordSize = 0
        recordTooLarge = false
        if buffer.capacity > 1 << 20 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
    }

    // MARK: Messages

    /// What a value is, from its first byte.
    private static func kind(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        default: "a number"
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x21...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        case UInt8(ascii: "\n"): "a line break"
        default: hex(byte)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
