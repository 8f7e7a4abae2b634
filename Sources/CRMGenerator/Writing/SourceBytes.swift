import CRMModel

/// A growing buffer of UTF-8 source text, appended to without making a string on the way: the
/// generator writes megabytes in pieces of a few bytes, and a string per piece (to interpolate,
/// escape or join it), or `Array.append(contentsOf:)` per piece, cost more than the bytes themselves.
///
/// A value, as `Array` is: a copy shares the storage until either is changed, and storage is changed
/// only while one value holds it (`isKnownUniquelyReferenced`), which makes sending copies safe.
struct SourceBytes: @unchecked Sendable {
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit {
            base.deallocate()
        }
    }

    private var storage: Storage

    init(capacity: Int = 256) {
        storage = Storage(capacity: capacity)
    }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.count == 0 }

    /// The bytes, as an array, and the buffer empty (its capacity kept).
    mutating func take() -> [UInt8] {
        let taken = bytes(0..<storage.count)
        removeAll()
        return taken
    }

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) {
            storage.count = 0
        } else {
            storage = Storage(capacity: storage.capacity)
        }
    }

    /// Room for `extra` more bytes at the end, in storage of this value's own.
    @inline(__always)
    private mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if storage.count + extra > storage.capacity || !isKnownUniquelyReferenced(&storage) { moveToNewStorage(room: extra) }
        return storage.base + storage.count
    }

    /// Storage of this value's own with room for `extra` more bytes: twice as large when full.
    @inline(never)
    private mutating func moveToNewStorage(room extra: Int) {
        let needed = storage.count + extra
        let grown = Storage(capacity: Swift.max(needed, needed > storage.capacity ? storage.capacity * 2 : storage.capacity))
        grown.base.initialize(from: storage.base, count: storage.count)
        grown.count = storage.count
        storage = grown
    }

    mutating func append(_ byte: UInt8) {
        reserve(1).initialize(to: byte)
        storage.count += 1
    }

    // Inlined: for a literal the count is a constant, and the copy becomes a store or two.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        Self.copy(source, to: reserve(count), count: count)
        storage.count += count
    }

    /// Copies `count` bytes, none or more: short pieces by ``copyShort(from:to:count:)``, longer ones by `memcpy`.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int) {
        if count > 16 {
            destination.initialize(from: source, count: count)
        } else if count > 0 {
            copyShort(from: UnsafeRawPointer(source), to: UnsafeMutableRawPointer(destination), count: count)
        }
    }

    /// Copies 1 to 16 bytes with two loads and two stores that may overlap, rather than a call to
    /// `memcpy`: most pieces of generated source are that short.
    @inline(__always)
    private static func copyShort(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
        func copy<Word: FixedWidthInteger>(_: Word.Type) {
            let size = MemoryLayout<Word>.size
            let head = source.loadUnaligned(as: Word.self)
            let tail = source.loadUnaligned(fromByteOffset: count - size, as: Word.self)
            destination.storeBytes(of: head, as: Word.self)
            destination.storeBytes(of: tail, toByteOffset: count - size, as: Word.self)
        }
        if count >= 8 {
            copy(UInt64.self)
        } else if count >= 4 {
            copy(UInt32.self)
        } else if count >= 2 {
            copy(UInt16.self)
        } else {
            destination.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
        }
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Bytes `range` of `other`.
    mutating func append(_ other: SourceBytes, _ range: Range<Int>) {
        // `other` holds its storage while this one may grow into new storage: the source stays valid.
        append(UnsafeBufferPointer(start: other.storage.base + range.lowerBound, count: range.count))
    }

    /// `spaces` spaces, bytes `range` of `other`, `suffix` and a line feed: a whole line, in one reservation.
    mutating func appendLine(spaces: Int, _ other: SourceBytes, _ range: Range<Int>, suffix: StaticString) {
        let suffixCount = suffix.utf8CodeUnitCount
        let count = spaces + range.count + suffixCount + 1
        // `other` holds its storage while this one may grow into new storage: the source stays valid.
        let line = reserve(count)
        Self.fillSpaces(line, count: spaces)
        Self.copy(other.storage.base + range.lowerBound, to: line + spaces, count: range.count)
        suffix.withUTF8Buffer { suffixBytes in
            if let start = suffixBytes.baseAddress { Self.copy(start, to: line + spaces + range.count, count: suffixCount) }
        }
        (line + count - 1).initialize(to: UInt8(ascii: "\n"))
        storage.count += count
    }

    /// `count` spaces: indentation.
    mutating func append(spaces count: Int) {
        guard count > 0 else { return }
        Self.fillSpaces(reserve(count), count: count)
        storage.count += count
    }

    /// Writes `count` spaces with a few stores that may overlap, up to 32 (every indentation the
    /// generator writes), rather than a call to `memset`, which costs more than the spaces.
    @inline(__always)
    private static func fillSpaces(_ destination: UnsafeMutablePointer<UInt8>, count: Int) {
        let raw = UnsafeMutableRawPointer(destination)
        let eight: UInt64 = 0x2020_2020_2020_2020
        switch count {
        case 8...32:
            raw.storeBytes(of: eight, as: UInt64.self)
            raw.storeBytes(of: eight, toByteOffset: Swift.min(8, count - 8), as: UInt64.self)
            raw.storeBytes(of: eight, toByteOffset: Swift.min(16, count - 8), as: UInt64.self)
            raw.storeBytes(of: eight, toByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            raw.storeBytes(of: UInt32(truncatingIfNeeded: eight), as: UInt32.self)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: eight), toByteOffset: count - 4, as: UInt32.self)
        case 1..<4:
            raw.storeBytes(of: UInt8(ascii: " "), as: UInt8.self)
            raw.storeBytes(of: UInt8(ascii: " "), toByteOffset: count / 2, as: UInt8.self)
            raw.storeBytes(of: UInt8(ascii: " "), toByteOffset: count - 1, as: UInt8.self)
        default:
            destination.initialize(repeating: UInt8(ascii: " "), count: Swift.max(count, 0))
        }
    }

    /// The UTF-8 of a literal, read where the binary holds it: cheaper than a `String`'s, for the
    /// fixed pieces of generated source.
    @inline(__always)
    mutating func append(static text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// The UTF-8 of `text`.
    mutating func append(utf8 text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// `text` as a `"…"` literal, byte for byte as ``SwiftSyntax/stringLiteral(_:)`` spells it.
    mutating func append(literalOf text: String) {
        guard SwiftSyntax.hasNothingToEscape(text, allowing: .none) else {
            append(utf8: SwiftSyntax.stringLiteral(text))
            return
        }
        append(UInt8(ascii: "\""))
        append(utf8: text)
        append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `number`, as `"\(number)"` writes them.
    mutating func append(decimal number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let start = reserve(digits)
        for offset in stride(from: digits - 1, through: 0, by: -1) {
            (start + offset).initialize(to: UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        storage.count += digits
    }

    /// Lends the bytes to `sink` as its next piece of text, without copying them.
    func write<Sink: GeneratedFileSink>(to sink: inout Sink) throws(Sink.Failure) {
        // `self` holds the storage for the whole call, so the bytes stay valid while the sink reads them.
        try sink.write(UnsafeBufferPointer(start: storage.base, count: storage.count))
        withExtendedLifetime(storage) {}
    }

    /// Whether bytes `range` are all ASCII but the carriage return (one character a byte).
    func isASCIIWithoutCarriageReturn(_ range: Range<Int>) -> Bool {
        SwiftSyntax.isASCIIWithoutCarriageReturn(UnsafeBufferPointer(start: storage.base + range.lowerBound, count: range.count))
    }

    /// Bytes `range`, as an array, copied at once (`Array(UnsafeBufferPointer)` copies byte by byte).
    func bytes(_ range: Range<Int>) -> [UInt8] {
        let source = storage.base + range.lowerBound
        return [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            buffer.baseAddress?.initialize(from: source, count: range.count)
            initialized = range.count
        }
    }
}
