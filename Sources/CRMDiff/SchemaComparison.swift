import CRMModel

/// One comparison of two schemas: collects changes as it walks both.
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

    mutating func compareObjects() {}

    mutating func compareAssociations() {}
}
