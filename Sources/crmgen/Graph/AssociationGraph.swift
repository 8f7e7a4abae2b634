import CRMModel
import CRMSchemaLoader

/// The part of a schema's association graph that `crmgen graph` draws: objects sorted by name,
/// associations sorted by their two ends, as declared.
struct AssociationGraph: Equatable {
    var objects: [ObjectSchema]
    var associations: [AssociationSchema]

    /// The objects within `depth` associations of `roots`, and the associations that reach them:
    /// every association of an object fewer than `depth` steps away, and those between roots.
    /// Implicit associations (the ones HubSpot gives every custom object) only with `implicit`.
    static func around(_ roots: [String], depth: Int, in schema: Schema, implicit: Bool) -> AssociationGraph {
        let edges = schema.associations.filter { implicit || !$0.isImplicit }
        var neighbours: [String: Set<String>] = [:]
        for edge in edges {
            neighbours[edge.from, default: []].insert(edge.to)
            neighbours[edge.to, default: []].insert(edge.from)
        }
        var distance = Dictionary(roots.map { ($0, 0) }, uniquingKeysWith: { first, _ in first })
        var frontier = Set(roots)
        for step in 0..<max(depth, 0) {
            // Nothing new was reached: no step after this one can add anything, however large `depth` is.
            if frontier.isEmpty { break }
            var next: Set<String> = []
            for name in frontier {
                for neighbour in neighbours[name] ?? [] where distance[neighbour] == nil {
                    distance[neighbour] = step + 1
                    next.insert(neighbour)
                }
            }
            frontier = next
        }
        let shown = edges.filter { edge in
            guard let from = distance[edge.from], let to = distance[edge.to] else { return false }
            return min(from, to) < depth || max(from, to) == 0
        }
        return AssociationGraph(objects: schema.objects.filter { distance[$0.name] != nil }, associations: shown)
    }

    /// What `crmgen graph` draws without OBJECT: the definitions' own part of the model — each
    /// custom object, and each object an extension file associates — with neighbours up to
    /// `depth`. Without either (only standard objects), every object that has an association.
    static func overview(depth: Int, in schema: Schema, implicit: Bool) -> AssociationGraph {
        let extensionFiles = Set(schema.objects.flatMap { $0.extensionLocations.map(\.file) })
        var roots = Set(schema.objects.filter { $0.kind == .custom }.map(\.name))
        for association in schema.associations where association.location.map({ extensionFiles.contains($0.file) }) == true {
            roots.formUnion([association.from, association.to])
        }
        if roots.isEmpty { return whole(schema, implicit: implicit) }
        return around(roots.sorted(), depth: depth, in: schema, implicit: implicit)
    }

    /// Every association, and every object that has one.
    static func whole(_ schema: Schema, implicit: Bool) -> AssociationGraph {
        let edges = schema.associations.filter { implicit || !$0.isImplicit }
        let ends = Set(edges.flatMap { [$0.from, $0.to] })
        return AssociationGraph(objects: schema.objects.filter { ends.contains($0.name) }, associations: edges)
    }

    /// Objects that no shown association touches (they are drawn on their own).
    var isolatedObjects: [ObjectSchema] {
        let ends = Set(associations.flatMap { [$0.from, $0.to] })
        return objects.filter { !ends.contains($0.name) }
    }

    /// The association's labels as one text: "Cupper / Tasting note" for a pair read both ways,
    /// "Primary" for a label that reads the same; several joined by ", "; "" when unlabeled.
    static func labelText(_ association: AssociationSchema) -> String {
        association.labels.map { $0.label == $0.inverseLabel ? $0.label : "\($0.label) / \($0.inverseLabel)" }.joined(separator: ", ")
    }

    /// How many records of each end: at the `from` end, how many `from` records one `to` record may
    /// have, and the other way round; each with whether at least one is required.
    struct End: Equatable {
        var many: Bool
        var required: Bool
    }

    static func ends(_ association: AssociationSchema) -> (from: End, to: End) {
        let fromMany = association.cardinality == .manyToOne || association.cardinality == .manyToMany
        let toMany = association.cardinality == .oneToMany || association.cardinality == .manyToMany
        return (End(many: fromMany, required: association.inverseRequired), End(many: toMany, required: association.required))
    }
}
