import Foundation

/// A record's property values exactly as HubSpot's JSON has them: every value a string, `""` for
/// "no value" (also how a client clears a field), and `null` where HubSpot sends one.
///
/// Values are kept as text. Typed values (``number(_:)``, ``date(_:)``, …) are read from the text
/// and written back as text; writing a value equal to the one already there keeps the text it had.
/// So a record decoded and encoded again gives the same `properties`, digit for digit.
///
/// ```swift
/// var properties: RecordProperties = ["quality_score": "87.50", "notes": ""]
/// properties.number("quality_score")       // 87.5, text "87.50"
/// properties["notes"]                      // nil: "" is no value
/// properties.entry("notes")                // .empty
/// properties.clear("quality_score")        // encodes as "quality_score": ""
/// ```
public struct RecordProperties: Hashable, Sendable {
    /// How a property appears in a record's `properties`.
    public enum Entry: Hashable, Sendable {
        /// A value: text that is not empty.
        case value(String)
        /// `""`: HubSpot's "no value"; sent in a request, it clears the field.
        case empty
        /// JSON `null`.
        case null
    }

    /// What a slot holds: nothing, an entry, or a value still in the JSON the record was read from.
    private enum Slot: Sendable {
        case absent
        case entry(Entry)
        /// A value (not empty) as `count` UTF-8 bytes of `source` from `start`: made a `String` only when read.
        case received(start: Int32, count: Int32)
    }

    /// The names a generated type knows, each in a slot of `slots` (read by a hash of the name's bytes,
    /// not by `Dictionary`'s); `nil` for properties not read into a generated type.
    private var layout: PropertyLayout?
    /// By the layout's positions; empty without a layout.
    private var slots: [Slot]
    /// Names outside the layout → entries.
    private var others: [String: Entry]
    /// The record JSON a generated type read these properties from, which `.received` slots point into:
    /// one copy of the bytes for the whole record instead of a `String` per value, and no UTF-8 check
    /// but the parser's (a value becomes a `String` only when read).
    private var source: [UInt8] = []

    /// No properties.
    public init() {
        layout = nil
        slots = []
        others = [:]
    }

    /// Properties with these texts; `""` is a property without a value.
    public init(_ texts: [String: String]) {
        layout = nil
        slots = []
        others = texts.mapValues(Self.entry)
    }

    /// No properties yet, with a slot for each name of `layout`: how a generated type's records are read.
    @_spi(Generated) public init(layout: PropertyLayout) {
        self.layout = layout
        slots = Array(repeating: .absent, count: layout.names.count)
        others = [:]
    }

    private static func entry(_ text: String) -> Entry { text.isEmpty ? .empty : .value(text) }

    /// The entry in slot `position`, a received value made a `String`.
    @inline(__always)
    private func slotEntry(_ position: Int) -> Entry? {
        switch slots[position] {
        case .absent: nil
        case .entry(let entry): entry
        case .received(let start, let count): .value(withSourceBytes(start, count) { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// Calls `body` with `count` bytes of `source` from `start`.
    @inline(__always)
    private func withSourceBytes<R>(_ start: Int32, _ count: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let range = Int(start)..<Int(start + count)
        return source.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The layout slot of `name`, if the properties have a layout that holds it.
    @inline(__always)
    private func slot(_ name: String) -> Int? {
        guard let layout else { return nil }
        return layout.position(of: name)
    }

    /// Sets or removes the entry of `name`.
    private mutating func setEntry(_ name: String, _ entry: Entry?) {
        if let slot = slot(name) { slots[slot] = entry.map(Slot.entry) ?? .absent } else { others[name] = entry }
    }

    /// Every name with its entry, in no particular order.
    private func forEachEntry(_ body: (String, Entry) -> Bool) -> Bool {
        if let layout {
            for position in slots.indices {
                if let entry = slotEntry(position), !body(layout.names[position], entry) { return false }
            }
        }
        for (name, entry) in others where !body(name, entry) { return false }
        return true
    }

    /// Names → entries, whatever the storage: what equality and hashing compare.
    private var entries: [String: Entry] {
        guard let layout else { return others }
        var all = others
        for position in slots.indices {
            if let entry = slotEntry(position) { all[layout.names[position]] = entry }
        }
        return all
    }

    // MARK: Value semantics

    /// Equal when the same names have the same entries, however each side stores them.
    public static func == (lhs: RecordProperties, rhs: RecordProperties) -> Bool {
        if lhs.layout === rhs.layout {
            return lhs.others == rhs.others && lhs.slots.indices.allSatisfy { lhs.slotEntry($0) == rhs.slotEntry($0) }
        }
        return lhs.entries == rhs.entries
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
    }

    // MARK: Reading

    /// The property's value; `nil` when the record does not have it, or has it as `""` or `null`.
    /// Setting `nil` removes the property; setting a string (`""` too) stores it as it is.
    public subscript(name: String) -> String? {
        get {
            guard case .value(let text) = entry(name) else { return nil }
            return text
        }
        set {
            setEntry(name, newValue.map(Self.entry))
        }
    }

    /// How the record has the property, or `nil` when it does not.
    public func entry(_ name: String) -> Entry? {
        if let slot = slot(name) { return slotEntry(slot) }
        return others[name]
    }

    /// Whether the record has the property, with or without a value.
    public func contains(_ name: String) -> Bool { entry(name) != nil }

    /// Every property name, sorted.
    public var names: [String] {
        var names: [String] = []
        _ = forEachEntry { name, _ in
            names.append(name)
            return true
        }
        return names.sorted()
    }

    /// The properties that have a value (not `""`, not `null`).
    public var values: [String: String] {
        var values: [String: String] = [:]
        _ = forEachEntry { name, entry in
            if case .value(let text) = entry { values[name] = text }
            return true
        }
        return values
    }

    /// How many properties the record has, with or without values.
    public var count: Int {
        others.count + slots.count {
            if case .absent = $0 { return false }
            return true
        }
    }

    /// Whether there is no property at all (not even `null`).
    public var isEmpty: Bool { count == 0 }

    // MARK: Writing

    /// Gives the property `""`: in a request, HubSpot removes its value.
    public mutating func clear(_ name: String) {
        setEntry(name, .empty)
    }

    /// Gives the property JSON `null`.
    public mutating func setNull(_ name: String) {
        setEntry(name, .null)
    }

    /// Takes the property out of the record: a request leaves HubSpot's value as it is.
    public mutating func remove(_ name: String) {
        setEntry(name, nil)
    }

    /// Stores a property read from JSON; `false` when the record already has one of that name.
    @_spi(Generated) public mutating func insertReceived(_ name: String, _ text: String?) -> Bool {
        insertReceived(name, text.map(Self.entry) ?? .null)
    }

    private mutating func insertReceived(_ name: String, _ entry: Entry) -> Bool {
        if let slot = slot(name) {
            guard case .absent = slots[slot] else { return false }
            slots[slot] = .entry(entry)
            return true
        }
        // One hash: `others[name, default: entry]` inserts only when absent.
        let count = others.count
        Self.leave(&others[name, default: entry])
        return others.count > count
    }

    /// Stores a property read from JSON at its slot in the layout (`slot` from
    /// `PropertyLayout.position(of:)`); `false` when the record already has it.
    @_spi(Generated) public mutating func insertReceived(slot: Int, _ text: String?) -> Bool {
        guard case .absent = slots[slot] else { return false }
        slots[slot] = .entry(text.map(Self.entry) ?? .null)
        return true
    }

    /// As ``insertReceived(slot:_:)``, for a value that is `count` UTF-8 bytes from `start` of the record
    /// JSON (valid UTF-8, as the parser checked), which ``setSource(_:)`` then gives.
    @_spi(Generated) public mutating func insertReceived(slot: Int, sourceStart start: Int, count: Int) -> Bool {
        guard case .absent = slots[slot] else { return false }
        slots[slot] = count == 0 ? .entry(.empty) : .received(start: Int32(start), count: Int32(count))
        return true
    }

    /// The record JSON that received values point into (``insertReceived(slot:sourceStart:count:)``).
    @_spi(Generated) public mutating func setSource(_ json: UnsafeBufferPointer<UInt8>) {
        source = Array(json)
    }

    /// Makes room for `count` properties outside the layout.
    @_spi(Generated) public mutating func reserveCapacity(_ count: Int) {
        others.reserveCapacity(count)
    }

    /// Takes the entry in place and leaves it as it is.
    private static func leave(_: inout Entry) {}

    /// Calls `body` with each property's name and text (`""` included, `null`s not) while it returns
    /// `true`; `false` when `body` stopped it.
    @_spi(Generated) public func allTexts(_ body: (String, String) -> Bool) -> Bool {
        forEachEntry { name, entry in
            switch entry {
            case .value(let text): body(name, text)
            case .empty: body(name, "")
            case .null: true
            }
        }
    }

    /// With the layout `layout`: calls `body` with the position and text of each property in a slot
    /// (`""` included) while it returns `true`, then with each other name's text; `false` when `body`
    /// stopped. `nil` when the properties have another layout or none.
    @_spi(Generated) public func allTexts(in layout: PropertyLayout, _ body: (Int?, String, String) -> Bool) -> Bool? {
        guard self.layout === layout else { return nil }
        for position in slots.indices {
            switch slotEntry(position) {
            case .value(let text)?: if !body(position, layout.names[position], text) { return false }
            case .empty?: if !body(position, layout.names[position], "") { return false }
            case .null?, nil: continue
            }
        }
        for (name, entry) in others {
            switch entry {
            case .value(let text): if !body(nil, name, text) { return false }
            case .empty: if !body(nil, name, "") { return false }
            case .null: continue
            }
        }
        return true
    }

    /// As ``allTexts(in:_:)``, each slot's value as its UTF-8 bytes, read where it is: `body` gets the
    /// position (`nil` for a name outside the layout) and the bytes (empty for `""`).
    @_spi(Generated) public func allValueBytes(in layout: PropertyLayout, _ body: (Int?, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
        guard self.layout === layout else { return nil }
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for position in slots.indices {
            switch slots[position] {
            case .absent, .entry(.null): continue
            case .entry(.empty): if !body(position, empty) { return false }
            case .entry(.value(let text)): if !text.withUTF8Bytes({ body(position, $0) }) { return false }
            case .received(let start, let count): if !withSourceBytes(start, count, { body(position, $0) }) { return false }
            }
        }
        for (_, entry) in others {
            switch entry {
            case .value(let text): if !text.withUTF8Bytes({ body(nil, $0) }) { return false }
            case .empty: if !body(nil, empty) { return false }
            case .null: continue
            }
        }
        return true
    }

    /// Writes `text` unless the property already holds text that `isSame` finds equal, so writing back
    /// what was read changes nothing. `nil` removes a value, but keeps `""` and `null` (no value
    /// already) and text that is not a value of the type (it read as `nil`; it stays, malformed).
    @_spi(Generated) public mutating func store(_ name: String, _ text: String?, isSame: (String) -> Bool) {
        guard let text else {
            if case .value(let current) = entry(name), !isSame(current) { remove(name) }
            return
        }
        if case .value(let current) = entry(name), isSame(current) { return }
        self[name] = text
    }
}

extension RecordProperties: ExpressibleByDictionaryLiteral {
    /// Properties written as a literal: `["title": "Guji", "score": "86.75"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension RecordProperties: Codable {
    private struct Name: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue _: Int) { nil }
    }

    /// Reads `{"name": "text" | null, …}`. (`JSONDecoder` merges duplicate keys before this runs;
    /// `RecordEnvelope(json:)` reports them.)
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        self.init()
        for key in container.allKeys {
            if try container.decodeNil(forKey: key) {
                others[key.stringValue] = .null
            } else {
                others[key.stringValue] = Self.entry(try container.decode(String.self, forKey: key))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        var failure: (any Error)?
        _ = forEachEntry { name, entry in
            do {
                switch entry {
                case .value(let text): try container.encode(text, forKey: Name(stringValue: name))
                case .empty: try container.encode("", forKey: Name(stringValue: name))
                case .null: try container.encodeNil(forKey: Name(stringValue: name))
                }
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
    }
}

// MARK: Typed values

extension RecordProperties {
    /// Text, `nil` when absent, `""` or `null`.
    public func string(_ name: String) -> String? { self[name] }

    /// The value as a number; `nil` when absent, empty, or not a number.
    public func number(_ name: String) -> CRMNumber? { self[name].flatMap(CRMNumber.init) }

    /// The value as a `Bool` (`"true"`/`"false"`); `nil` when absent, empty or neither.
    public func bool(_ name: String) -> Bool? { self[name].flatMap(HubSpotValueFormat.bool) }

    /// `YYYY-MM-DD` or epoch milliseconds, as the UTC day.
    public func date(_ name: String) -> CalendarDate? { self[name].flatMap(CalendarDate.init(hubSpotValue:)) }

    /// ISO 8601 or epoch milliseconds.
    public func datetime(_ name: String) -> Date? { self[name].flatMap(HubSpotValueFormat.datetime) }

    /// The value as an owner ID; `nil` when absent.
    public func owner(_ name: String) -> OwnerID? { self[name].map(OwnerID.init(rawValue:)) }

    /// One option; values the definitions do not list read as the `unknown` case.
    public func enumeration<Value: CRMEnumeration>(_ name: String, as _: Value.Type = Value.self) -> Value? {
        self[name].map(Value.init(rawValue:))
    }

    /// Several options, `;`-separated; empty parts (HubSpot's leading `;` means "append") are skipped.
    public func multiSelect<Value: CRMEnumeration>(_ name: String, as _: Value.Type = Value.self) -> Set<Value>? {
        self[name].map { Set(HubSpotValueFormat.multiSelect($0).map(Value.init(rawValue:))) }
    }

    /// Sets text. `nil` takes a value out (a request then leaves HubSpot's value as it is); to clear
    /// the value in HubSpot, use ``clear(_:)``.
    public mutating func set(_ name: String, _ value: String?) {
        store(name, value) { $0 == value }
    }

    /// Writes a number as its text, unless the value held is already equal; `nil` takes the value out.
    public mutating func set(_ name: String, _ value: CRMNumber?) {
        store(name, value?.text) { CRMNumber($0) == value }
    }

    /// Writes `"true"` or `"false"`, unless the value held is already equal; `nil` takes the value out.
    public mutating func set(_ name: String, _ value: Bool?) {
        store(name, value.map { $0 ? "true" : "false" }) { HubSpotValueFormat.bool($0) == value }
    }

    /// Writes a day as `YYYY-MM-DD`, unless the value held is already the same day; `nil` takes the value out.
    public mutating func set(_ name: String, _ value: CalendarDate?) {
        store(name, value?.description) { CalendarDate(hubSpotValue: $0) == value }
    }

    /// Written as HubSpot returns datetimes: UTC with milliseconds (`2024-11-20T20:12:09.236Z`).
    public mutating func set(_ name: String, _ value: Date?) {
        store(name, value.map(HubSpotValueFormat.format)) { text in
            HubSpotValueFormat.datetime(text).map { HubSpotValueFormat.format($0) } == value.map(HubSpotValueFormat.format)
        }
    }

    /// Writes an owner ID; `nil` takes the value out.
    public mutating func set(_ name: String, _ value: OwnerID?) {
        store(name, value?.rawValue) { $0 == value?.rawValue }
    }

    /// Writes an option's value, unless the value held is already equal; `nil` takes the value out.
    public mutating func set<Value: CRMEnumeration>(_ name: String, _ value: Value?) {
        store(name, value?.rawValue) { $0 == value?.rawValue }
    }

    /// Written in definition order, unknown values after the known ones, sorted; `;`-separated.
    public mutating func set<Value: CRMEnumeration>(_ name: String, _ value: Set<Value>?) {
        let ordered = value?.sorted { ($0.definitionOrder, $0.rawValue) < ($1.definitionOrder, $1.rawValue) }
        store(name, ordered?.map(\.rawValue).joined(separator: ";")) { text in
            Set(HubSpotValueFormat.multiSelect(text).map(Value.init(rawValue:))) == value
        }
    }
}
