import CRMModel

extension SchemaResolver {
    /// Checks every declared association and adds the ones HubSpot creates for custom objects.
    ///
    /// - Parameter declared: consumed: sorted in place, so that the largest lists of a run are not held twice.
    func resolveAssociations(_ declared: consuming [AssociationDefinition], objects: [ObjectSchema], objectNames: Set<String>,
                             sortedObjectNames: [String]) -> [AssociationSchema] {
        let implicitTargets = ImplicitMembers.customObjectAssociationTargets.filter(objectNames.contains)
        let customCount = objects.indices.reduce(0) { $0 + (objects[$1].kind == .custom ? 1 : 0) }
        // Earlier files win, so "declared twice" points at the later declaration.
        var declared = declared
        declared.sort { $0.target.location < $1.target.location }
        // Each pair's first declaration, by its position in `declared` (not a copy of it).
        var byPair: [UnorderedPair: Int] = [:]
        byPair.reserveCapacity(declared.count)
        var result: [AssociationSchema] = []
        // Sized once: grown by doubling, the list would be copied several times and held twice.
        result.reserveCapacity(declared.count + customCount * implicitTargets.count)
        for index in declared.indices {
            let association = declared[index]
            let target = association.target
            guard objectNames.contains(target.value) else {
                log.error("association of '\(association.schema.from)' to unknown object '\(target.value)'"
                          + log.didYouMean(target.value, among: sortedObjectNames), at: target.location)
                continue
            }
            let pair = UnorderedPair(association.schema.from, target.value)
            if let first = byPair[pair] {
                log.error("the association between '\(pair.first)' and '\(pair.second)' is declared twice; declare it once, on either side",
                          at: target.location, notes: [.note("first declared here", at: declared[first].target.location)])
                continue
            }
            byPair[pair] = index
            result.append(association.schema)
        }
        for index in objects.indices where objects[index].kind == .custom {
            let name = objects[index].name
            for target in implicitTargets where byPair[UnorderedPair(name, target)] == nil {
                result.append(AssociationSchema(from: name, to: target, isImplicit: true, location: objects[index].location))
            }
        }
        let standardNames = Set(objects.indices.compactMap { objects[$0].kind == .standard ? objects[$0].name : nil })
        checkTypeIdsAcrossAssociations(result, standardNames: standardNames)
        return result
    }

    /// A HubSpot association type ID means one direction between one pair of objects, within its
    /// category: HubSpot's own types (between two standard objects) and a portal's types (those of
    /// custom objects) are numbered apart, so a portal's label may reuse a number HubSpot uses.
    private func checkTypeIdsAcrossAssociations(_ associations: [AssociationSchema], standardNames: Set<String>) {
        struct Use { var from: String; var to: String; var location: SourceLocation? }
        struct Key: Hashable { var hubSpotDefined: Bool; var id: Int }
        var uses: [Key: Use] = [:]
        for association in associations where Self.hasTypeIds(association) {
            let hubSpotDefined = standardNames.contains(association.from) && standardNames.contains(association.to)
            for directed in [association, association.inverted] {
                let ids = [directed.associationTypeId] + directed.labels.map(\.associationTypeId)
                for case let id? in ids {
                    let use = Use(from: directed.from, to: directed.to, location: association.location)
                    let key = Key(hubSpotDefined: hubSpotDefined, id: id)
                    if let first = uses[key] {
                        if first.from != use.from || first.to != use.to {
                            log.error("association type ID \(id) is used for \(use.from) → \(use.to) and for \(first.from) → \(first.to); "
                                      + "a type ID names one direction between one pair of objects",
                                      at: use.location, notes: first.location.map { [.note("\(first.from) → \(first.to) is declared here", at: $0)] } ?? [])
                        }
                    } else {
                        uses[key] = use
                    }
                }
            }
        }
    }
}

extension SchemaResolver {
    /// Whether an association gives any type ID, in either direction (most give none).
    static func hasTypeIds(_ association: AssociationSchema) -> Bool {
        association.associationTypeId != nil || association.inverseAssociationTypeId != nil
            || association.labels.contains { $0.associationTypeId != nil || $0.inverseAssociationTypeId != nil }
    }
}

/// Two object names regardless of order, so `a → b` and `b → a` are one pair.
struct UnorderedPair: Hashable {
    let first: String
    let second: String

    init(_ a: String, _ b: String) {
        (first, second) = a <= b ? (a, b) : (b, a)
    }
}
