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

    /// Names → text as received, `""` included.
    private var texts: [String: String]
    /// Names given as JSON `null` (never also in `texts`).
    private var nulls: Set<String>

    /// No properties.
    public init() {
        texts = [:]
        nulls = []
    }

    /// Properties with these texts; `""` is a property without a value.
    public init(_ texts: [String: String]) {
        self.texts = texts
        nulls = []
    }

    // MARK: Reading

    /// The property's value; `nil` when the record does not have it, or has it as `""` or `null`.
    /// Setting `nil` removes the property; setting a string (`""` too) stores it as it is.
    public subscript(name: String) -> String? {
        get {
            guard let text = texts[name], !text.isEmpty else { return nil }
            return text
        }
        set {
            nulls.remove(name)
            texts[name] = newValue
        }
    }

    /// How the record has the property, or `nil` when it does not.
    public func entry(_ name: String) -> Entry? {
        if let text = texts[name] { return text.isEmpty ? .empty : .value(text) }
        return nulls.contains(name) ? .null : nil
    }

    /// Whether the record has the property, with or without a value.
    public func contains(_ name: String) -> Bool { texts[name] != nil || nulls.contains(name) }

    /// Every property name, sorted.
    public var names: [String] { (Array(texts.keys) + nulls).sorted() }

    /// The properties that have a value (not `""`, not `null`).
    public var values: [String: String] { texts.filter { !$0.value.isEmpty } }

    /// How many properties the record has, with or without values.
    public var count: Int { texts.count + nulls.count }

    /// Whether there is no property at all (not even `null`).
    public var isEmpty: Bool { texts.isEmpty && nulls.isEmpty }

    // MARK: Writing

    /// Gives the property `""`: in a request, HubSpot removes its value.
    public mutating func clear(_ name: String) {
        nulls.remove(name)
        texts[name] = ""
    }

    /// Gives the property JSON `null`.
    public mutating func setNull(_ name: String) {
        texts[name] = nil
        nulls.insert(name)
    }

    /// Takes the property out of the record: a request leaves HubSpot's value as it is.
    public mutating func remove(_ name: String) {
        texts[name] = nil
        nulls.remove(name)
    }

    /// Stores a property read from JSON; `false` when the record already has one of that name.
    @_spi(Generated) public mutating func insertReceived(_ name: String, _ text: String?) -> Bool {
        // One hash per property where possible: this runs for every property of every record read.
        if !nulls.isEmpty, nulls.contains(name) { return false }
        guard let text else {
            guard texts[name] == nil else { return false }
            return nulls.insert(name).inserted
        }
        let count = texts.count
        Self.leave(&texts[name, default: text])
        return texts.count > count
    }

    /// Makes room for `count` properties, so that reading a record does not grow its storage step by step.
    @_spi(Generated) public mutating func reserveCapacity(_ count: Int) {
        texts.reserveCapacity(count)
    }

    /// Takes the value in place and leaves it: `texts[name, default: text]` then inserts `text` only when absent.
    private static func leave(_: inout String) {}

    /// Calls `body` with each property's name and text (`""` included, `null`s not) while it returns
    /// `true`; `false` when `body` stopped it.
    @_spi(Generated) public func allTexts(_ body: (String, String) -> Bool) -> Bool {
        for (name, text) in texts where !body(name, text) { return false }
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
        if let current = texts[name], !current.isEmpty, isSame(current) {
            nulls.remove(name)
            return
        }
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
                nulls.insert(key.stringValue)
            } else {
                texts[key.stringValue] = try container.decode(String.self, forKey: key)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (name, text) in texts { try container.encode(text, forKey: Name(stringValue: name)) }
        for name in nulls { try container.encodeNil(forKey: Name(stringValue: name)) }
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
