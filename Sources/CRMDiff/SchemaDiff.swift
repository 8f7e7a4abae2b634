import CRMModel

/// Compares two schemas and classifies every difference, as buf classifies changes of protobuf schemas.
///
/// ```swift
/// let changes = SchemaDiff.changes(from: old, to: new)
/// if changes.contains(where: { $0.severity == .breaking }) { … }
/// ```
///
/// A pure function of the two schemas. Objects are matched by name, properties by name, options by
/// value, associations by their unordered pair of objects (a declaration may move to the other
/// object's file without being a change), labels by name. What is the same on both sides — the
/// built-in standard set, usually — produces nothing, and so do the members crmgen adds implicitly,
/// unless a definition that replaced them changed.
public enum SchemaDiff {
    /// Every change from `old` to `new`, sorted by place (file, line, column), then rule ID; changes
    /// at the same place with the same rule keep the order in which the members were compared.
    ///
    /// - Parameter isBuiltIn: whether a place is in definitions both sides share without the user
    ///   writing them (crmgen's built-in set). A change of such an object is placed at its last
    ///   extension instead, where the user wrote the difference.
    public static func changes(
        from old: Schema, to new: Schema, isBuiltIn: @escaping (SourceLocation) -> Bool = { _ in false }
    ) -> [SchemaChange] {
        var comparison = SchemaComparison(old: old, new: new, isBuiltIn: isBuiltIn)
        comparison.compareObjects()
        comparison.compareAssociations()
        return sorted(comparison.changes)
    }

    static func sorted(_ changes: [SchemaChange]) -> [SchemaChange] {
        changes.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default:
                if a.element.rule != b.element.rule { return a.element.rule.rawValue < b.element.rule.rawValue }
                return a.offset < b.offset
            }
        }.map(\.element)
    }
}
