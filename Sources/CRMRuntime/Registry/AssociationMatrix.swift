/// Which objects may associate, under which labels, with which cardinality and HubSpot
/// type IDs. Every question is answered in O(1): a hash lookup of the ordered pair.
public struct AssociationMatrix: Sendable {
    /// An association read from one side (`from`), with its labels by name.
    public struct Entry: Hashable, Sendable {
        /// The association as declared (on either side).
        public let association: AssociationSchema
        /// Its labels by name.
        public let labelsByName: [String: AssociationLabel]
    }

    private struct Pair: Hashable {
        let from: String
        let to: String
    }

    private let entries: [Pair: Entry]
    private let targetsByObject: [String: [String]]

    /// The matrix of every association of `schema`, each read from both sides.
    public init(schema: Schema) {
        var entries: [Pair: Entry] = [:]
        for association in schema.associations {
            for directed in [association, association.inverted] {
                let labels = Dictionary(directed.labels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                let pair = Pair(from: directed.from, to: directed.to)
                if entries[pair] == nil { entries[pair] = Entry(association: directed, labelsByName: labels) }
            }
        }
        self.entries = entries
        targetsByObject = Dictionary(grouping: entries.keys, by: \.from).mapValues { $0.map(\.to).sorted() }
    }

    /// The association `from → to`, read from `from`'s side.
    public func association(from: String, to: String) -> AssociationSchema? {
        entries[Pair(from: from, to: to)]?.association
    }

    /// Whether a `from` record may be associated with a `to` record, unlabeled (`label == nil`)
    /// or under the label with this name, read from `from`'s side.
    public func allows(from: String, to: String, label: String? = nil) -> Bool {
        guard let entry = entries[Pair(from: from, to: to)] else { return false }
        guard let label else { return true }
        return entry.labelsByName[label] != nil
    }

    /// HubSpot's association type ID for `from → to`, unlabeled or under `label`.
    public func typeId(from: String, to: String, label: String? = nil) -> Int? {
        guard let entry = entries[Pair(from: from, to: to)] else { return nil }
        guard let label else { return entry.association.associationTypeId }
        return entry.labelsByName[label]?.associationTypeId
    }

    /// The cardinality seen from `from` (`many-to-one`: many `from` records to one `to` record); `nil` when
    /// the objects cannot associate.
    public func cardinality(from: String, to: String) -> Cardinality? {
        entries[Pair(from: from, to: to)]?.association.cardinality
    }

    /// The labels of the association, read from `from`'s side; empty when it has none.
    public func labels(from: String, to: String) -> [AssociationLabel] {
        entries[Pair(from: from, to: to)]?.association.labels ?? []
    }

    /// The objects `object` may associate with, sorted.
    public func targets(of object: String) -> [String] { targetsByObject[object] ?? [] }

    // MARK: Typed

    /// ``allows(from:to:label:)`` by generated types: `allows(TastingNote.self, Contact.self, label: "cupper")`.
    public func allows<From: CRMRecord, To: CRMRecord>(_ from: From.Type, _ to: To.Type, label: String? = nil) -> Bool {
        allows(from: From.objectName, to: To.objectName, label: label)
    }

    /// ``typeId(from:to:label:)`` by generated types.
    public func typeId<From: CRMRecord, To: CRMRecord>(_ from: From.Type, _ to: To.Type, label: String? = nil) -> Int? {
        typeId(from: From.objectName, to: To.objectName, label: label)
    }
}
