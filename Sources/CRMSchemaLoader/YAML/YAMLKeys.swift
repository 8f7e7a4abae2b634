import CRMModel

/// The mapping keys that definitions and `crmgen-config.yaml` use. Their raw values are their IDs
/// in every ``YAMLKeyTable``, so a reader finds `label` by comparing a number.
enum KnownKey: Int32, CaseIterable, Sendable {
    // Objects
    case object, kind, objectTypeId, fullyQualifiedName, labels, swiftName, description, category, requires
    case primaryDisplayProperty, secondaryDisplayProperties, searchableProperties, owners, dedupKeys, propertyGroups
    case properties, associations
    // Properties and options
    case label, type, fieldType, groupName, displayOrder, required, unique, readOnly, calculated, calculationFormula
    case hidden, pattern, minLength, maxLength, minimum, maximum, format, numberDisplayHint, referencedObjectType
    case options, optionSource, value
    // Associations and their labels
    case to, cardinality, associationTypeId, inverseAssociationTypeId, inverseRequired, name, inverseLabel
    // Object labels and requirements
    case singular, plural, tier, activation
    // crmgen-config.yaml
    case accessModifier, imports, includeStandardTypes, definitions

    /// The key as written. (A test holds these to the case names.)
    var text: String { Self.texts[Int(rawValue)] }

    /// The key's length in bytes.
    var length: Int32 { Self.lengths[Int(rawValue)] }

    static let lengths = texts.map { Int32($0.utf8.count) }

    /// Whether a key of the document is this one, as written: its interned ID says it is equal as
    /// Swift compares strings, and its length that it is these very bytes (another spelling of the
    /// same string — `dedupKeys` with a Kelvin sign — is a different key, as it always was).
    @inline(__always)
    func isSpelled(by entry: YAMLDocument.Entry) -> Bool {
        entry.key == rawValue && entry.keyLength == length
    }

    init?(text: String) {
        guard let index = Self.texts.firstIndex(of: text) else { return nil }
        self.init(rawValue: Int32(index))
    }

    static let texts = [
        "object", "kind", "objectTypeId", "fullyQualifiedName", "labels", "swiftName", "description", "category", "requires",
        "primaryDisplayProperty", "secondaryDisplayProperties", "searchableProperties", "owners", "dedupKeys", "propertyGroups",
        "properties", "associations",
        "label", "type", "fieldType", "groupName", "displayOrder", "required", "unique", "readOnly", "calculated", "calculationFormula",
        "hidden", "pattern", "minLength", "maxLength", "minimum", "maximum", "format", "numberDisplayHint", "referencedObjectType",
        "options", "optionSource", "value",
        "to", "cardinality", "associationTypeId", "inverseAssociationTypeId", "inverseRequired", "name", "inverseLabel",
        "singular", "plural", "tier", "activation",
        "accessModifier", "imports", "includeStandardTypes", "definitions",
    ]
}

/// A set of ``KnownKey``s, one bit each.
struct KnownKeySet: Sendable {
    private var bits: UInt64 = 0

    init() {}

    init(_ keys: [KnownKey]) {
        for key in keys { insert(key.rawValue) }
    }

    /// Whether the key with this ID is in the set (IDs of other keys never are).
    @inline(__always)
    func contains(_ id: Int32) -> Bool {
        id >= 0 && id < 64 && bits >> UInt64(id) & 1 == 1
    }

    @inline(__always)
    func contains(_ key: KnownKey) -> Bool { contains(key.rawValue) }

    @inline(__always)
    mutating func insert(_ id: Int32) {
        if id >= 0 && id < 64 { bits |= 1 << UInt64(id) }
    }

    var isEmpty: Bool { bits == 0 }

    func isDisjoint(with other: KnownKeySet) -> Bool { bits & other.bits == 0 }
}

/// The keys a mapping may have, in the order messages list them ("did you mean" ties go to the
/// first). A plain value (a bit set, and the order packed 6 bits a key, ten keys a word), so that
/// readers copy it without reference counting.
struct AllowedKeys: Sendable {
    let set: KnownKeySet
    private let order: (UInt64, UInt64, UInt64, UInt64)
    private let count: Int

    /// Most keys whose order is kept (more than any mapping of definitions allows).
    static let capacity = 40

    init(_ keys: [KnownKey]) {
        set = KnownKeySet(keys)
        var words: [UInt64] = [0, 0, 0, 0]
        let kept = keys.prefix(Self.capacity)
        for (index, key) in kept.enumerated() {
            words[index / 10] |= UInt64(key.rawValue & 63) << UInt64(index % 10 * 6)
        }
        order = (words[0], words[1], words[2], words[3])
        count = kept.count
    }

    /// The keys, in order.
    var keys: [KnownKey] {
        let words = [order.0, order.1, order.2, order.3]
        return (0..<count).compactMap { index in KnownKey(rawValue: Int32(truncatingIfNeeded: words[index / 10] >> UInt64(index % 10 * 6) & 63)) }
    }

    var texts: [String] { keys.map(\.text) }
}

/// Interns mapping keys: each distinct key gets a small number, and keys that are equal as Swift
/// compares strings (canonical equivalence: `é` written precomposed or as `e` and an accent) get
/// the same one, so a duplicate key is found as Swift would find it. The ``KnownKey``s come first,
/// with their raw values as IDs. One table serves every file a parser reads; while a file is
/// parsed, its ``Storage`` is taken out and worked on as a value.
final class YAMLKeyTable {
    var storage: Storage

    init() { storage = Storage() }

    /// The key's ID, new if the table has not seen the key (or an equal one).
    func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 { storage.id(of: bytes) }

    /// An open-addressing table over the keys' bytes, hashed with a per-table random seed (a file
    /// cannot be written to make its keys collide). Bytes that are not all ASCII — or that hold one of
    /// the three ASCII characters another character is canonically equivalent to: `K` (Kelvin sign),
    /// `;` (Greek question mark) and `` ` `` (Greek varia) — are also looked up as a `String`, so that
    /// different bytes of one string share an ID.
    struct Storage {
        private struct Slot {
            var hash: UInt64
            var id: Int32
            var start: Int32
            var length: Int32
        }

        private static let empty = Slot(hash: 0, id: -1, start: 0, length: 0)

        /// A key of at most 16 bytes, as two words, and its ID.
        private struct RecentKey {
            var low: UInt64
            var high: UInt64
            var length: Int
            var id: Int32
        }

        /// The last short key seen at each of 64 places: files repeat a few keys (`label`, `type`)
        /// thousands of times, and the same bytes always have the same ID, so a key found here
        /// needs no hashing. A plain cache: a key that misses is looked up as usual.
        private var recent: [RecentKey] = []
        private static let recentCount = 64

        private var slots: [Slot]
        private var mask: Int
        private var used = 0
        /// The bytes of every key in the table.
        private var bytes: [UInt8] = []
        private var byString: [String: Int32] = [:]
        private(set) var count: Int32 = 0
        private let seed: UInt64

        /// An empty table that holds no storage, for the parser's table while its storage is lent out.
        static var placeholder: Storage { Storage(slots: [], seed: 0) }

        private init(slots: [Slot], seed: UInt64) {
            self.slots = slots
            mask = max(slots.count - 1, 0)
            self.seed = seed
        }

        init() {
            var generator = SystemRandomNumberGenerator()
            seed = generator.next() | 1
            slots = Array(repeating: Self.empty, count: 256)
            mask = 255
            recent = Array(repeating: RecentKey(low: 0, high: 0, length: -1, id: -1), count: Self.recentCount)
            for text in KnownKey.texts {
                _ = text.withUTF8Bytes { id(of: $0) }
            }
        }

        /// The key's ID, new if the table has not seen the key (or an equal one).
        mutating func id(of key: UnsafeBufferPointer<UInt8>) -> Int32 {
            guard key.count <= 16, !recent.isEmpty, let base = key.baseAddress else { return lookUp(key) }
            let raw = UnsafeRawPointer(base)
            let low = key.count >= 8 ? raw.loadUnaligned(as: UInt64.self) : Self.tailWord(raw, from: 0, to: key.count)
            let high = key.count == 16 ? raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                : key.count > 8 ? Self.tailWord(raw, from: 8, to: key.count) : 0
            let place = Int(truncatingIfNeeded: ((low ^ high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: key.count)) &* 0xD6E8_FEB8_6659_FD93) >> 58)
            let entry = recent[place]
            if entry.length == key.count, entry.low == low, entry.high == high { return entry.id }
            let id = lookUp(key)
            recent[place] = RecentKey(low: low, high: high, length: key.count, id: id)
            return id
        }

        /// ``id(of:)`` through the table.
        private mutating func lookUp(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
            let hash = Self.hash(key, seed: seed)
            var index = Int(truncatingIfNeeded: hash) & mask
            let found: Int32? = slots.withUnsafeBufferPointer { slots in
                bytes.withUnsafeBufferPointer { stored in
                    while true {
                        let slot = slots[index]
                        if slot.id < 0 { return nil }
                        if slot.hash == hash, Int(slot.length) == key.count, Self.equal(stored, from: Int(slot.start), key) { return slot.id }
                        index = (index + 1) & mask
                    }
                }
            }
            if let found { return found }
            var id = count
            if Self.needsStringComparison(key) {
                let text = String(decoding: key, as: UTF8.self)
                if let existing = byString[text] {
                    id = existing
                } else {
                    byString[text] = id
                    count += 1
                }
            } else {
                count += 1
            }
            insert(key, hash: hash, id: id, at: index)
            return id
        }

        /// Whether the stored bytes from `start` are `key`'s, compared eight bytes at a time.
        @inline(__always)
        private static func equal(_ stored: UnsafeBufferPointer<UInt8>, from start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let storedBase = stored.baseAddress, let keyBase = key.baseAddress else { return key.isEmpty }
            let a = UnsafeRawPointer(storedBase + start)
            let b = UnsafeRawPointer(keyBase)
            var offset = 0
            while offset + 8 <= key.count {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset += 8
            }
            return tailWord(a, from: offset, to: key.count) == tailWord(b, from: offset, to: key.count)
        }

        /// The fewer than eight bytes from `offset` to `end` as one little-endian word, zero above
        /// them: read four, two and one at a time rather than in a loop of single bytes.
        @inline(__always)
        private static func tailWord(_ raw: UnsafeRawPointer, from offset: Int, to end: Int) -> UInt64 {
            var offset = offset
            var word: UInt64 = 0
            var shift: UInt64 = 0
            if end - offset >= 4 {
                word = UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                offset += 4
                shift = 32
            }
            if end - offset >= 2 {
                word |= UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian) << shift
                offset += 2
                shift += 16
            }
            if end - offset >= 1 {
                word |= UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)) << shift
            }
            return word
        }

        private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, id: Int32, at index: Int) {
            let start = Int32(truncatingIfNeeded: bytes.count)
            bytes.append(contentsOf: key)
            slots[index] = Slot(hash: hash, id: id, start: start, length: Int32(truncatingIfNeeded: key.count))
            used += 1
            if used * 2 > slots.count { grow() }
        }

        private mutating func grow() {
            let old = slots
            slots = Array(repeating: Self.empty, count: old.count * 2)
            mask = slots.count - 1
            for slot in old where slot.id >= 0 {
                var index = Int(truncatingIfNeeded: slot.hash) & mask
                while slots[index].id >= 0 { index = (index + 1) & mask }
                slots[index] = slot
            }
        }

        @inline(__always)
        private static func needsStringComparison(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in key where byte >= 0x80 || byte == UInt8(ascii: "K") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "`") {
                return true
            }
            return false
        }

        /// A wyhash-style mix of 8-byte words with the table's seed.
        @inline(__always)
        private static func hash(_ key: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
            var hash = seed ^ UInt64(truncatingIfNeeded: key.count) &* 0x9E37_79B9_7F4A_7C15
            guard let base = key.baseAddress else { return mix(hash, 0x2D35_8DCC_AA6C_78A5) }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= key.count {
                hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), 0xE703_7ED1_A0B4_28DB ^ seed)
                offset += 8
            }
            return mix(hash ^ tailWord(raw, from: offset, to: key.count), 0x8EBC_6AF0_9C88_C6E3 ^ seed)
        }

        @inline(__always)
        private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
    }
}
