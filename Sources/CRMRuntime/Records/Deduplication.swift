import Foundation

/// Dedup keys in the form that makes duplicates equal: HubSpot dedups contacts by email and
/// companies by domain, other objects by record ID or their unique properties.
public enum DedupNormalizer {
    /// Trimmed and case-folded: `  Ada@Example.COM ` → `ada@example.com`.
    public static func email(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The host alone: no scheme, `www.`, user info, port, path, query or trailing dot.
    /// `https://www.Example.com:443/about?x` → `example.com`.
    public static func domain(_ value: String) -> String {
        var text = Substring(value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        if let end = text.firstIndex(where: { "/?#".contains($0) }) { text = text[..<end] }
        if let at = text.lastIndex(of: "@") { text = text[text.index(after: at)...] }
        if let colon = text.lastIndex(of: ":") { text = text[..<colon] }
        while text.hasSuffix(".") { text = text.dropLast() }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        return String(text)
    }

    /// A property value as a dedup key, by the property's `format`; other values are trimmed.
    public static func key(_ value: String, format: PropertyFormat?) -> String {
        switch format {
        case .email: email(value)
        case .domain, .url: domain(value)
        case .phone: value.filter { $0.isNumber || $0 == "+" }
        case nil: value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

/// Records that share a normalized dedup key.
public struct DuplicateGroup: Hashable, Sendable {
    /// The dedup key (property) that matched; `hs_object_id` means the record ID.
    public var key: String
    /// The value they share, normalized (an email trimmed and case-folded, a domain's host).
    public var normalizedValue: String
    /// Record IDs (or positions, `#3`, for records without one), in input order.
    public var records: [String]

    /// A group of `records` that share `normalizedValue` of `key`.
    public init(key: String, normalizedValue: String, records: [String]) {
        self.key = key
        self.normalizedValue = normalizedValue
        self.records = records
    }
}

/// Groups duplicate records of one object by its dedup keys.
public struct Deduplicator: Sendable {
    /// The object whose `dedupKeys` decide.
    public let object: ObjectSchema

    /// A deduplicator by the dedup keys of `object` (`Registry.Objects.contacts`).
    public init(object: ObjectSchema) {
        self.object = object
    }

    /// Every group of two or more records sharing a key, by key order then first appearance.
    public func duplicates(in records: [RecordEnvelope]) -> [DuplicateGroup] {
        var groups: [DuplicateGroup] = []
        for key in object.dedupKeys {
            let format = object.property(named: key)?.format
            var byValue: [String: [String]] = [:]
            var order: [String] = []
            for (index, record) in records.enumerated() {
                let raw = key == "hs_object_id" ? (record.properties[key] ?? record.id) : record.properties[key]
                guard let raw else { continue }
                let value = DedupNormalizer.key(raw, format: format)
                guard !value.isEmpty else { continue }
                if byValue[value] == nil { order.append(value) }
                byValue[value, default: []].append(record.id ?? "#\(index + 1)")
            }
            for value in order {
                guard let ids = byValue[value], ids.count > 1 else { continue }
                groups.append(DuplicateGroup(key: key, normalizedValue: value, records: ids))
            }
        }
        return groups
    }
}
