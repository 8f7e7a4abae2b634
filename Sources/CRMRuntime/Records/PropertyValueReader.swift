import Foundation

/// Takes typed values out of a record's string properties, for generated `init(from:)`.
///
/// A value that cannot be read as its type (`"abc"` for a number) is not an error here:
/// it moves to ``malformed``, is written back unchanged, and `validate()` reports it.
/// Whatever no property claims stays in ``remaining`` and is kept too.
public struct PropertyValueReader {
    public private(set) var remaining: [String: String]
    public private(set) var malformed: [String: String] = [:]

    public init(_ properties: [String: String]) {
        remaining = properties
    }

    private mutating func take<Value>(_ name: String, _ parse: (String) -> Value?) -> Value? {
        guard let text = remaining.removeValue(forKey: name) else { return nil }
        if let value = parse(text) { return value }
        malformed[name] = text
        return nil
    }

    public mutating func string(_ name: String) -> String? { take(name) { $0 } }
    public mutating func double(_ name: String) -> Double? { take(name, HubSpotValueFormat.double) }
    public mutating func decimal(_ name: String) -> Decimal? { take(name, HubSpotValueFormat.decimal) }
    public mutating func bool(_ name: String) -> Bool? { take(name, HubSpotValueFormat.bool) }
    public mutating func date(_ name: String) -> CalendarDate? { take(name) { CalendarDate(hubSpotValue: $0) } }
    public mutating func datetime(_ name: String) -> Date? { take(name, HubSpotValueFormat.datetime) }
    public mutating func owner(_ name: String) -> OwnerID? { take(name) { OwnerID($0) } }

    public mutating func enumeration<Value: CRMEnumeration>(_ name: String, as _: Value.Type = Value.self) -> Value? {
        take(name) { Value(rawValue: $0) }
    }

    public mutating func multiSelect<Value: CRMEnumeration>(_ name: String, as _: Value.Type = Value.self) -> Set<Value>? {
        take(name) { Set(HubSpotValueFormat.multiSelect($0).map(Value.init(rawValue:))) }
    }
}

/// Writes typed values back as HubSpot's strings, for generated `encode(to:)`.
public struct PropertyValueWriter {
    public private(set) var values: [String: String]

    /// Starts from the values to keep verbatim: unknown and malformed properties.
    public init(keeping kept: [String: String]...) {
        values = kept.reduce(into: [:]) { result, next in result.merge(next) { first, _ in first } }
    }

    public mutating func set(_ name: String, _ value: String?) { if let value { values[name] = value } }
    public mutating func set(_ name: String, _ value: Double?) { if let value { values[name] = HubSpotValueFormat.format(value) } }
    public mutating func set(_ name: String, _ value: Decimal?) { if let value { values[name] = HubSpotValueFormat.format(value) } }
    public mutating func set(_ name: String, _ value: Bool?) { if let value { values[name] = value ? "true" : "false" } }
    public mutating func set(_ name: String, _ value: CalendarDate?) { if let value { values[name] = value.description } }
    public mutating func set(_ name: String, _ value: Date?) { if let value { values[name] = HubSpotValueFormat.format(value) } }
    public mutating func set(_ name: String, _ value: OwnerID?) { if let value { values[name] = value.rawValue } }
    public mutating func set<Value: CRMEnumeration>(_ name: String, _ value: Value?) { if let value { values[name] = value.rawValue } }

    /// Multi-select values in definition order, unknown ones after them sorted, joined by `;`.
    public mutating func set<Value: CRMEnumeration>(_ name: String, _ value: Set<Value>?) {
        guard let value else { return }
        let ordered = value.sorted { ($0.definitionOrder, $0.rawValue) < ($1.definitionOrder, $1.rawValue) }
        values[name] = ordered.map(\.rawValue).joined(separator: ";")
    }
}
