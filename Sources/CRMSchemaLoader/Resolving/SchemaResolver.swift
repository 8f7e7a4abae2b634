import CRMModel

/// Brings the built-in standard set, the user's definitions and their extensions together
/// and checks everything that spans files: duplicates, references, associations.
struct SchemaResolver {
    let log: DiagnosticLog

    /// HubSpot allows at most ten unique-value properties per object.
    static let maxUniqueProperties = 10
    /// Most objects in one definition set, and most properties of one object: crmgen's own bounds,
    /// far beyond any portal (34 standard objects; HubSpot's largest, contacts, has a few hundred
    /// properties), so that a generated file or a folder of files cannot grow without end.
    static let maxObjects = 5_000
    static let maxPropertiesPerObject = 5_000

    /// A base definition and where it came from.
    private struct Base {
        var definition: ObjectDefinition
        var isBuiltIn: Bool
        var extensions: [ObjectDefinition] = []
    }

    /// - Parameter baseAssociations: associations of an already resolved base schema (see `SchemaLoader.load(_:on:)`).
    ///
    /// The definitions are consumed: each object's properties move into its `ObjectSchema` without a copy.
    func resolve(builtIn: consuming [ObjectDefinition], user: consuming [ObjectDefinition], baseAssociations: [AssociationSchema] = []) -> Schema? {
        var bases: [String: Base] = [:]
        // Sized once: a growing dictionary would move every base, each a large value, at each doubling.
        bases.reserveCapacity(builtIn.count + user.count)
        for definition in builtIn { register(definition, isBuiltIn: true, in: &bases) }
        builtIn = []
        var extensions: [ObjectDefinition] = []
        user.sort { $0.location < $1.location }
        for definition in user {
            if definition.kind == .extension {
                extensions.append(definition)
            } else {
                register(definition, isBuiltIn: false, in: &bases)
            }
        }
        user = []
        let knownNames = bases.keys.sorted()  // sorted: a tie between suggestions must not depend on hashing
        for definition in extensions {
            guard bases[definition.name.value] != nil else {
                log.error("extension of unknown object '\(definition.name.value)'" + log.didYouMean(definition.name.value, among: knownNames),
                          at: definition.name.location)
                continue
            }
            bases[definition.name.value]?.extensions.append(definition)
        }
        extensions = []

        if bases.count > Self.maxObjects {
            let extra = bases.values.filter { !$0.isBuiltIn }.map(\.definition.name).sorted { $0.location < $1.location }.last
            log.error("the definitions hold \(bases.count) objects; crmgen's limit is \(Self.maxObjects)", at: extra?.location)
            return nil
        }
        let objectNames = Set(bases.keys)
        let sortedObjectNames = knownNames
        var declared: [AssociationDefinition] = []
        for name in sortedObjectNames {
            guard let base = bases[name] else { continue }
            declared += base.definition.associations
            for extensionDefinition in base.extensions { declared += extensionDefinition.associations }
        }
        for association in baseAssociations {
            // A base association whose object a file replaced goes with it.
            guard bases[association.from]?.isBuiltIn == true, bases[association.to]?.isBuiltIn == true else { continue }
            declared.append(AssociationDefinition(target: Located(association.to, at: association.location ?? SourceLocation(file: "<compiled>", line: 1, column: 1)),
                                                  schema: association))
        }
        var objects: [ObjectSchema] = []
        objects.reserveCapacity(bases.count)
        for name in sortedObjectNames {
            // Taken out of the dictionary, the definition is the only owner of its properties.
            guard var base = bases.removeValue(forKey: name) else { continue }
            let properties = base.definition.properties
            base.definition.properties = []
            guard let object = makeObject(base, properties: properties) else { continue }
            checkReferences(of: base, in: object, objectNames: objectNames, sortedObjectNames: sortedObjectNames)
            objects.append(object)
        }
        checkUniqueAcrossObjects(objects)
        let associations = resolveAssociations(consume declared, objects: objects, objectNames: objectNames, sortedObjectNames: sortedObjectNames)
        return log.hasErrors ? nil : Schema(objects: objects, associations: associations)
    }

    private func register(_ definition: ObjectDefinition, isBuiltIn: Bool, in bases: inout [String: Base]) {
        let name = definition.name.value
        if let existing = bases[name] {
            if existing.isBuiltIn && !isBuiltIn {
                if definition.kind == .custom {
                    let existingKind = existing.definition.kind == .custom ? "an object the app was compiled with" : "a standard object"
                    log.error("custom object '\(name)' has the name of \(existingKind); use 'kind: standard' to replace it "
                              + "or 'kind: extension' to add to it", at: definition.name.location)
                    return
                }
                bases[name] = Base(definition: definition, isBuiltIn: false)  // a standard file replaces the built-in object
                return
            }
            log.error("object '\(name)' is defined twice", at: definition.name.location,
                      notes: [.note("'\(name)' is first defined here", at: existing.definition.name.location)])
            return
        }
        bases[name] = Base(definition: definition, isBuiltIn: isBuiltIn)
    }

    // MARK: Objects

    /// Whether a property has one of crmgen's own ASCII names (an implicit member's). Such a name is
    /// equal only to its own bytes, so names of another length are ruled out before comparing text.
    @inline(__always)
    static func hasName(_ property: PropertySchema, _ asciiName: String) -> Bool {
        property.name.utf8.count == asciiName.utf8.count && property.name == asciiName
    }

    /// - Parameter properties: the definition's own properties (taken out of it, so they are not copied).
    private func makeObject(_ base: Base, properties: consuming [PropertySchema]) -> ObjectSchema? {
        let definition = base.definition
        guard let labels = definition.labels else { return nil }  // already reported by the reader
        let name = definition.name.value
        let isCustom = definition.kind == .custom

        var properties = properties
        if isCustom {
            for implicit in ImplicitMembers.customObjectProperties where !properties.contains(where: { Self.hasName($0, implicit.name) }) {
                properties.append(implicit)
            }
        }
        var object = ObjectSchema(
            name: name, kind: isCustom ? .custom : .standard,
            objectTypeId: definition.objectTypeId?.value, fullyQualifiedName: definition.fullyQualifiedName, labels: labels,
            swiftName: definition.swiftName?.value ?? Naming.typeName(fromLabel: labels.singular) ?? "",
            description: definition.description,
            category: definition.category ?? .custom,
            requirements: definition.requirements ?? (isCustom ? ObjectRequirements(tier: .enterprise) : ObjectRequirements()),
            primaryDisplayProperty: definition.primaryDisplayProperty?.value,
            secondaryDisplayProperties: definition.secondaryDisplayProperties.map { $0.value },
            searchableProperties: definition.searchableProperties.map { $0.value },
            properties: properties,
            propertyGroups: definition.propertyGroups,
            location: definition.location
        )
        if object.swiftName.isEmpty {
            log.error("cannot make a Swift type name from the label '\(labels.singular)' of '\(name)'; set 'swiftName'",
                      at: definition.location)
        } else if SwiftTypeNaming.reservedTypeNames.contains(object.swiftName) {
            log.error("'\(name)' would generate the Swift type '\(object.swiftName)', which would hide Swift's or crmgen's own "
                      + "'\(object.swiftName)'; set another 'swiftName' (for example 'CRM\(object.swiftName)')",
                      at: definition.swiftName?.location ?? definition.location)
        }
        if definition.kind == .standard, definition.category == nil {
            log.error("standard object '\(name)' needs a 'category' (\(ObjectCategory.allCases.map(\.rawValue).joined(separator: ", ")))",
                      at: definition.location)
        }
        var refined: [String: SourceLocation] = [:]
        for extensionDefinition in base.extensions {
            apply(extensionDefinition, to: &object, refined: &refined)
        }
        object.owners = definition.owners?.map { $0.value }
            ?? (object.properties.firstIndex { Self.hasName($0, "hubspot_owner_id") }.map { object.properties[$0].isOwner } == true ? ["hubspot_owner_id"] : [])
        object.dedupKeys = definition.dedupKeys?.map { $0.value } ?? defaultDedupKeys(object)
        return object
    }

    /// Custom objects are deduplicated by their unique properties, everything else by record ID.
    private func defaultDedupKeys(_ object: ObjectSchema) -> [String] {
        let unique = object.properties.compactMap { $0.unique ? $0.name : nil }
        if object.kind == .custom, !unique.isEmpty { return unique }
        return object.properties.contains { Self.hasName($0, ImplicitMembers.recordIdProperty) } ? [ImplicitMembers.recordIdProperty] : []
    }

    /// - Parameter refined: the properties whose options an extension already changed, and where.
    private func apply(_ extensionDefinition: ObjectDefinition, to object: inout ObjectSchema, refined: inout [String: SourceLocation]) {
        var existingByName = Dictionary(object.properties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for property in extensionDefinition.properties {
            if let existing = existingByName[property.name] {
                log.error("extension of '\(object.name)' redefines property '\(property.name)'; an extension may only add new properties, or change an enumeration's options with 'options' and 'optionSource' alone",
                          at: property.location,
                          notes: existing.location.map { [.note("'\(property.name)' is first defined here", at: $0)] } ?? [])
                continue
            }
            existingByName[property.name] = property
            object.properties.append(property)
        }
        for refinement in extensionDefinition.refinements {
            refine(&object, refinement, refined: &refined)
        }
        if let labels = extensionDefinition.labels { object.labels = labels }
        let groups = Set(object.propertyGroups.map(\.name))
        for group in extensionDefinition.propertyGroups where !groups.contains(group.name) {
            object.propertyGroups.append(group)
        }
        if let description = extensionDefinition.description { object.description = description }
        let searchable = Set(object.searchableProperties)
        object.searchableProperties += extensionDefinition.searchableProperties.map(\.value).filter { !searchable.contains($0) }
        let secondary = Set(object.secondaryDisplayProperties)
        object.secondaryDisplayProperties += extensionDefinition.secondaryDisplayProperties.map(\.value).filter { !secondary.contains($0) }
        object.extensionLocations.append(extensionDefinition.location)
    }

    /// An extension's change to the options of an enumeration the object has. The property keeps
    /// its place of definition: a portal's own list is never planned as a change to the portal.
    private func refine(_ object: inout ObjectSchema, _ refinement: PropertyRefinement, refined: inout [String: SourceLocation]) {
        let name = refinement.name
        guard let index = object.properties.firstIndex(where: { $0.name == name.value }) else {
            log.error("extension of '\(object.name)' changes the options of '\(name.value)', which '\(object.name)' does not have"
                      + log.didYouMean(name.value, among: object.properties.map(\.name))
                      + " (a new property needs label, type and fieldType)", at: name.location)
            return
        }
        let property = object.properties[index]
        guard property.type == .enumeration, !property.isOwner else {
            log.error("an extension can change only the options of an enumeration, and '\(name.value)' of '\(object.name)' is "
                      + (property.isOwner ? "an owner property" : "of type \(property.type.rawValue)"), at: name.location,
                      notes: property.location.map { [.note("'\(name.value)' is defined here", at: $0)] } ?? [])
            return
        }
        if let first = refined[name.value] {
            log.error("the options of '\(object.name).\(name.value)' are changed by two extensions", at: name.location,
                      notes: [.note("first changed here", at: first)])
            return
        }
        refined[name.value] = name.location
        if let source = refinement.optionSource { object.properties[index].optionSource = source.value }
        if let options = refinement.options { object.properties[index].options = options }
        object.properties[index].optionsLocation = name.location
        if object.properties[index].options.isEmpty, object.properties[index].optionSource == .definitions {
            log.error("'\(object.name).\(name.value)' would have no options; list them, or say 'optionSource: portal'", at: name.location)
        }
    }

    // MARK: References within an object

    /// Every property name a definition or its extensions list must exist; owner properties must hold owner IDs.
    private func checkReferences(of base: Base, in object: ObjectSchema, objectNames: Set<String>, sortedObjectNames: [String]) {
        let parts = [base.definition] + base.extensions
        // Objects list a few references each: they are looked up by a linear search, unless there are
        // so many references and properties that an index is cheaper.
        let referenceCount = parts.reduce(0) { count, part in
            count + (part.primaryDisplayProperty == nil ? 0 : 1) + part.secondaryDisplayProperties.count + part.searchableProperties.count
                + (part.dedupKeys?.count ?? 0) + (part.owners?.count ?? 0)
        }
        let index = referenceCount * object.properties.count > 4_096
            ? Dictionary(object.properties.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first }) : nil
        func property(named name: String) -> Int? {
            if let index { return index[name] }
            return object.properties.firstIndex { $0.name == name }
        }
        let unreadable = parts.reduce(into: Set<String>()) { $0.formUnion($1.unreadableProperties) }
        func check(_ key: String, _ reference: Located<String>) {
            guard property(named: reference.value) == nil, !unreadable.contains(reference.value),
                  !parts.contains(where: \.propertiesAreUnreadable) else { return }
            log.error("\(key) '\(reference.value)' is not a property of '\(object.name)'"
                      + log.didYouMean(reference.value, among: object.properties.map(\.name)), at: reference.location)
        }
        for part in parts {
            part.primaryDisplayProperty.map { check("primaryDisplayProperty", $0) }
            part.secondaryDisplayProperties.forEach { check("secondaryDisplayProperties entry", $0) }
            part.searchableProperties.forEach { check("searchableProperties entry", $0) }
            part.dedupKeys?.forEach { check("dedupKeys entry", $0) }
            for owner in part.owners ?? [] {
                check("owners entry", owner)
                if let position = property(named: owner.value), !object.properties[position].isOwner {
                    log.error("owner property '\(owner.value)' of '\(object.name)' must have 'referencedObjectType: OWNER'",
                              at: owner.location)
                }
            }
        }
        if object.properties.count > Self.maxPropertiesPerObject {
            log.error("'\(object.name)' has \(object.properties.count) properties; crmgen's limit is \(Self.maxPropertiesPerObject) per object",
                      at: object.properties[Self.maxPropertiesPerObject].location ?? object.location)
        }
        // Positions, not copies of the properties: these loops run over every property of every object.
        let unique = object.properties.indices.filter { object.properties[$0].unique }
        if unique.count > Self.maxUniqueProperties {
            let extra = object.properties[unique[Self.maxUniqueProperties]]
            log.error("'\(object.name)' has \(unique.count) unique properties; HubSpot allows at most \(Self.maxUniqueProperties) per object",
                      at: extra.location ?? object.location)
        }
        for index in object.properties.indices {
            guard let reference = object.properties[index].referencedObjectType, reference != PropertySchema.ownerReference,
                  !objectNames.contains(reference) else { continue }
            let property = object.properties[index]
            log.error("referencedObjectType '\(reference)' of property '\(property.name)' is not an object"
                      + log.didYouMean(reference, among: sortedObjectNames),
                      at: property.location ?? object.location)
        }
    }

    // MARK: Uniqueness across objects

    private func checkUniqueAcrossObjects(_ objects: [ObjectSchema]) {
        var typeIds: [String: Int] = [:]
        var swiftNames: [String: Int] = [:]
        let origin = SourceLocation(file: "", line: 0, column: 0)
        // Indices sorted, not the objects: the same order without moving large values.
        for index in objects.indices.sorted(by: { (objects[$0].location ?? origin) < (objects[$1].location ?? origin) }) {
            let object = objects[index]
            if let id = object.objectTypeId {
                if let first = typeIds[id].map({ objects[$0] }) {
                    log.error("objectTypeId '\(id)' of '\(object.name)' is already the objectTypeId of '\(first.name)'", at: object.location,
                              notes: first.location.map { [.note("'\(first.name)' is defined here", at: $0)] } ?? [])
                } else {
                    typeIds[id] = index
                }
            }
            if !object.swiftName.isEmpty {
                if let first = swiftNames[object.swiftName].map({ objects[$0] }) {
                    log.error("'\(object.name)' and '\(first.name)' would both generate the Swift type '\(object.swiftName)'; set 'swiftName' on one of them",
                              at: object.location, notes: first.location.map { [.note("'\(first.name)' is defined here", at: $0)] } ?? [])
                } else {
                    swiftNames[object.swiftName] = index
                }
            }
        }
    }
}
