import CRMModel

/// One comparison of two schemas: walks both and collects what differs, in the order it compares.
struct SchemaComparison {
    let old: Schema
    let new: Schema
    let isBuiltIn: (SourceLocation) -> Bool
    private(set) var changes: [SchemaChange] = []

    init(old: Schema, new: Schema, isBuiltIn: @escaping (SourceLocation) -> Bool) {
        self.old = old
        self.new = new
        self.isBuiltIn = isBuiltIn
    }

    /// What a group of changes is about: the object and member they report, the words that name it
    /// at the start of each message, and where they are placed.
    struct Subject {
        var object: String
        var member: SchemaChange.Member?
        var phrase: String
        var location: SourceLocation?
    }

    mutating func record(_ rule: SchemaChange.Rule, _ subject: Subject, _ text: String) {
        changes.append(SchemaChange(rule, object: subject.object, member: subject.member, message: "\(subject.phrase) \(text)",
                                    at: subject.location))
    }

    /// `… changed key from a to b`, `… now has key b` or `… no longer has key (was a)`; nothing when equal.
    mutating func setting<Value: Equatable>(_ rule: SchemaChange.Rule, _ key: String, _ old: Value?, _ new: Value?,
                                            of subject: Subject, shown: (Value) -> String) {
        switch (old, new) {
        case let (before?, after?) where before != after: record(rule, subject, "changed \(key) from \(shown(before)) to \(shown(after))")
        case let (nil, after?): record(rule, subject, "now has \(key) \(shown(after))")
        case let (before?, nil): record(rule, subject, "no longer has \(key) (was \(shown(before)))")
        default: break
        }
    }

    /// Descriptions are free text, often long: the message says that one changed, not what it says.
    mutating func description(_ rule: SchemaChange.Rule, _ old: String?, _ new: String?, of subject: Subject) {
        switch (old, new) {
        case let (before?, after?) where before != after: record(rule, subject, "changed description")
        case (nil, _?): record(rule, subject, "now has a description")
        case (_?, nil): record(rule, subject, "no longer has a description")
        default: break
        }
    }
}

/// How values appear in messages: text the definitions wrote in quotes, names of kinds, numbers and
/// booleans as they are, lists of property names in brackets.
enum Shown {
    static func quoted(_ text: String) -> String { "'\(text)'" }
    static func plain<Value: CustomStringConvertible>(_ value: Value) -> String { value.description }
    static func raw<Value: RawRepresentable>(_ value: Value) -> String where Value.RawValue == String { value.rawValue }
    static func list(_ names: [String]) -> String { "[" + names.joined(separator: ", ") + "]" }
}
