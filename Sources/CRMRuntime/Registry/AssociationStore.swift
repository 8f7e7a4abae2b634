/// A record of some object: enough to associate it.
public struct RecordReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The object's API name.
    public var object: String
    /// The record ID.
    public var id: String

    /// The record `id` of `object` (an API name).
    public init(_ object: String, _ id: String) {
        self.object = object
        self.id = id
    }

    /// `object id`, as in `contacts 501`.
    public var description: String { "\(object) \(id)" }

    public static func < (lhs: RecordReference, rhs: RecordReference) -> Bool { (lhs.object, lhs.id) < (rhs.object, rhs.id) }
}

/// Why an association was refused.
public enum AssociationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The definitions declare no association between the two objects.
    case notAllowed(from: String, to: String)
    /// The association exists, but not with this label; `known` lists its labels.
    case unknownLabel(String, from: String, to: String, known: [String])
    /// The cardinality allows `record` only one associated `object` record, and it has one.
    case cardinalityExceeded(record: RecordReference, object: String, cardinality: Cardinality, existing: RecordReference)
    /// A record cannot be associated with itself.
    case sameRecord(RecordReference)
    /// The association type joins other objects than the two records'.
    case mismatchedType(AssociationType, from: String, to: String)

    /// The reason, for people.
    public var description: String {
        switch self {
        case let .notAllowed(from, to):
            "'\(from)' records cannot be associated with '\(to)' records"
        case let .unknownLabel(label, from, to, known):
            "no association label '\(label)' from '\(from)' to '\(to)'" + (known.isEmpty ? "" : "; labels: \(known.joined(separator: ", "))")
        case let .cardinalityExceeded(record, object, cardinality, existing):
            "\(record) already has its one '\(object)' record (\(existing)); the association is \(cardinality.rawValue)"
        case let .sameRecord(record):
            "\(record) cannot be associated with itself"
        case let .mismatchedType(type, from, to):
            "the association \(type) joins '\(type.from)' and '\(type.to)' records, not '\(from)' and '\(to)'"
        }
    }
}

/// An association a record must have and does not ("a quote always has a deal").
public struct MissingAssociation: Hashable, Sendable, CustomStringConvertible {
    /// The record that lacks the association.
    public var record: RecordReference
    /// The object it must be associated with.
    public var object: String

    /// The problem, for people.
    public var description: String { "\(record) has no '\(object)' association, which is required" }
}

/// Associations between records, accepted only when the matrix allows them and their
/// cardinality leaves room. Same-object associations (contact ↔ contact) work both ways.
public struct AssociationStore: Sendable {
    /// One association between two records, under a label or none.
    public struct Link: Hashable, Sendable {
        /// The record it was made from.
        public var from: RecordReference
        /// The record it was made to.
        public var to: RecordReference
        /// The label's name, read from `from`'s side; `nil` for the unlabeled association.
        public var label: String?
    }

    /// The rules every association is checked against.
    public let matrix: AssociationMatrix
    private var links: Set<Link> = []
    /// Every record's associated records, by object: both directions are indexed.
    private var neighbours: [RecordReference: [String: Set<RecordReference>]] = [:]

    /// An empty store that accepts what `matrix` allows (`Registry.associations`).
    public init(matrix: AssociationMatrix) {
        self.matrix = matrix
    }

    /// Every association made, sorted.
    public var allLinks: [Link] { links.sorted { ($0.from, $0.to, $0.label ?? "") < ($1.from, $1.to, $1.label ?? "") } }

    /// Associates two records, or says why not (the store is unchanged then).
    public mutating func associate(_ from: RecordReference, _ to: RecordReference, label: String? = nil) throws(AssociationError) {
        guard from != to else { throw .sameRecord(from) }
        guard let association = matrix.association(from: from.object, to: to.object) else {
            throw .notAllowed(from: from.object, to: to.object)
        }
        if let label, !association.labels.contains(where: { $0.name == label }) {
            throw .unknownLabel(label, from: from.object, to: to.object, known: association.labels.map(\.name))
        }
        let link = Link(from: from, to: to, label: label)
        if links.contains(link) { return }
        // Cardinality is read from `from`'s side: many-to-one = each `from` has at most one `to`.
        let fromHasOne = association.cardinality == .manyToOne || association.cardinality == .oneToOne
        let toHasOne = association.cardinality == .oneToMany || association.cardinality == .oneToOne
        if fromHasOne, let existing = neighbours[from]?[to.object]?.first(where: { $0 != to }) {
            throw .cardinalityExceeded(record: from, object: to.object, cardinality: association.cardinality, existing: existing)
        }
        if toHasOne, let existing = neighbours[to]?[from.object]?.first(where: { $0 != from }) {
            throw .cardinalityExceeded(record: to, object: from.object, cardinality: association.cardinality.inverse, existing: existing)
        }
        links.insert(link)
        neighbours[from, default: [:]][to.object, default: []].insert(to)
        neighbours[to, default: [:]][from.object, default: []].insert(from)
    }

    /// The records associated with `record`, optionally only those of one object.
    public func associated(with record: RecordReference, object: String? = nil) -> [RecordReference] {
        let byObject = neighbours[record] ?? [:]
        let records = object.map { byObject[$0] ?? [] } ?? byObject.values.reduce(into: Set()) { $0.formUnion($1) }
        return records.sorted()
    }

    /// Required associations that `records` lack, in the records' order.
    public func missingRequired(_ records: [RecordReference]) -> [MissingAssociation] {
        records.flatMap { record in
            matrix.targets(of: record.object).compactMap { target -> MissingAssociation? in
                guard matrix.association(from: record.object, to: target)?.required == true,
                      (neighbours[record]?[target] ?? []).isEmpty else { return nil }
                return MissingAssociation(record: record, object: target)
            }
        }
    }
}
