import CRMDiff
import CRMModel
import Foundation

/// What `crmgen diff` prints: one line per change and a count, or a JSON document. The JSON fields
/// are documented in README ("What you get") and only ever gain fields.
enum DiffReport {
    /// Every change in compiler style, then `2 breaking changes, 1 safe change.` or `no changes.`
    static func text(_ changes: [SchemaChange]) -> String {
        changes.map { $0.description + "\n" }.joined() + summary(changes) + "\n"
    }

    static func summary(_ changes: [SchemaChange]) -> String {
        guard !changes.isEmpty else { return "no changes." }
        func count(_ severity: SchemaChange.Severity) -> String {
            let number = changes.filter { $0.severity == severity }.count
            return "\(number) \(severity.rawValue) \(number == 1 ? "change" : "changes")"
        }
        return "\(count(.breaking)), \(count(.safe))."
    }

    /// `{"breaking": N, "safe": M, "changes": [...]}`, keys sorted.
    static func json(_ changes: [SchemaChange]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(breaking: changes.filter { $0.severity == .breaking }.count,
                                safe: changes.filter { $0.severity == .safe }.count,
                                changes: changes.map(Change.init))
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    private struct Document: Encodable {
        var breaking: Int
        var safe: Int
        var changes: [Change]
    }

    /// One change; `member` and `location` are `null` rather than left out, so every change has every key.
    private struct Change: Encodable {
        var change: SchemaChange

        enum CodingKeys: String, CodingKey {
            case rule, severity, object, member, message, location
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(change.rule.rawValue, forKey: .rule)
            try container.encode(change.severity.rawValue, forKey: .severity)
            try container.encode(change.object, forKey: .object)
            try container.encode(change.member.map(Member.init), forKey: .member)
            try container.encode(change.message, forKey: .message)
            try container.encode(change.location, forKey: .location)
        }
    }

    /// `{"kind": "property", "name"}`, `{"kind": "option", "property", "value"}`, `{"kind": "association", "with"}`,
    /// `{"kind": "label", "name", "with"}` or `{"kind": "propertyGroup", "name"}`.
    private struct Member: Encodable {
        var kind: String
        var name: String?
        var property: String?
        var value: String?
        var with: String?

        init(_ member: SchemaChange.Member) {
            switch member {
            case .property(let name): kind = "property"; self.name = name
            case .option(let property, let value): kind = "option"; self.property = property; self.value = value
            case .association(let other): kind = "association"; with = other
            case .label(let name, let other): kind = "label"; self.name = name; with = other
            case .propertyGroup(let name): kind = "propertyGroup"; self.name = name
            }
        }
    }
}
