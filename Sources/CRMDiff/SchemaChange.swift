import CRMModel

/// One difference between two schemas, with the rule that classifies it and the place it points at.
///
/// Printed, compiler style: `new/roast_batch.yaml:34:3: breaking: PROPERTY_TYPE_CHANGED: property
/// 'quality_score' of 'roast_batch' changed type from number to string`.
public struct SchemaChange: Hashable, Sendable {
    /// Whether a change can make what worked with the old schema fail with the new one.
    public enum Severity: String, Hashable, Sendable, CaseIterable {
        /// Records, API calls or associations valid under the old schema may be invalid under the new one.
        case breaking
        /// Everything valid under the old schema stays valid.
        case safe
    }

    /// The part of an object a change is about; `nil` in ``SchemaChange/member`` for the object itself.
    public enum Member: Hashable, Sendable {
        case property(String)
        /// An option of an `enumeration` (or the two of a `bool`), by its value.
        case option(property: String, value: String)
        /// The association between ``SchemaChange/object`` and `with`.
        case association(with: String)
        /// A labeled association type, by its name, of the association between ``SchemaChange/object`` and `with`.
        case label(String, association: String)
        /// A property group the object's definitions create.
        case propertyGroup(String)
    }

    public var rule: Rule
    public var severity: Severity { rule.severity }
    /// The object the change belongs to. For associations, the object whose side the change is read from.
    public var object: String
    public var member: Member?
    /// What changed, in words; echoes names and text from the definitions unescaped.
    public var message: String
    /// In the new definitions, or in the old ones for what was removed; `nil` only for schemas built without places.
    public var location: SourceLocation?

    public init(_ rule: Rule, object: String, member: Member? = nil, message: String, at location: SourceLocation?) {
        self.rule = rule
        self.object = object
        self.member = member
        self.message = message
        self.location = location
    }
}

extension SchemaChange: CustomStringConvertible {
    /// `path:line:column: breaking: RULE: message`, the form editors jump to. The path and the message are
    /// escaped as a diagnostic's are (``CRMModel/Diagnostic/escaped(_:)``): they echo names and text from files.
    public var description: String {
        let text = "\(severity.rawValue): \(rule.rawValue): \(Diagnostic.escaped(message))"
        guard var place = location else { return "crmgen: \(text)" }
        place.file = Diagnostic.escaped(place.file)
        return "\(place): \(text)"
    }
}
