import CRMModel

/// Reads the syntax tree of one definition file into an ``ObjectDefinition``, checking
/// everything that can be checked without the other files.
struct DefinitionReader {
    let log: DiagnosticLog
    let patterns = PatternChecker()

    static let objectKeys = AllowedKeys([
        .object, .kind, .objectTypeId, .fullyQualifiedName, .labels, .swiftName, .description, .category, .requires,
        .primaryDisplayProperty, .secondaryDisplayProperties, .searchableProperties,
        .owners, .dedupKeys, .propertyGroups, .properties, .associations,
    ])

    /// The keys an extension may use; it adds to an object, it does not redefine it.
    static let extensionKeys = AllowedKeys([
        .object, .kind, .labels, .description, .propertyGroups, .properties, .associations,
        .searchableProperties, .secondaryDisplayProperties,
    ])

    static let labelsKeys = AllowedKeys([.singular, .plural])
    static let requirementKeys = AllowedKeys([.tier, .activation])
    static let propertyGroupKeys = AllowedKeys([.name, .label, .displayOrder])

    func read(_ root: YAMLNode, file: String) -> ObjectDefinition? {
        let document = root.document
        guard document.kind(root.index) == .mapping else {
            log.error("a definition file must be a mapping that starts with 'object:' and 'kind:', found \(root.summary)", at: root.location(in: file))
            return nil
        }
        let objectNode = document.entry(.object, in: root.index).map { document.entries[$0].value }
        let context = objectNode.flatMap { document.stringValue($0) == nil ? nil : MappingContext.object($0) } ?? .definition
        // A mapping always makes a reader; the guard keeps that a fact of MappingReader, not of this line.
        guard let reader = MappingReader(root, context: context, allowedKeys: Self.objectKeys, log: log) else { return nil }
        guard let name = reader.string(.object, required: true),
              let kind = reader.choice(.kind, as: ObjectDefinition.Kind.self, required: true)
        else { return nil }
        if !Naming.isSnakeCase(name.value) {
            log.error("object name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        var definition = ObjectDefinition(name: name, kind: kind.value)
        // The scalar that names the object, which messages about its parts quote.
        let nameNode = reader.value(.object) ?? -1
        if kind.value == .extension {
            for entry in reader.entries
            where Self.objectKeys.set.contains(document.entries[entry].key) && !Self.extensionKeys.set.contains(document.entries[entry].key) {
                log.error("'\(document.keyText(entry))' cannot be set by an extension of '\(name.value)'; an extension may only add "
                          + "labels, description, propertyGroups, properties, associations, searchableProperties and secondaryDisplayProperties",
                          at: reader.keyLocation(entry))
            }
        }
        readIdentity(reader, nameNode: nameNode, into: &definition)
        readPropertyLists(reader, into: &definition)
        readProperties(reader, into: &definition)
        let associationReader = AssociationReader(log: log, document: document, file: file, owner: name.value, ownerNode: nameNode)
        if let associations = reader.list(.associations, { associationReader.read($0) }) {
            definition.associations = associations
        }
        return definition
    }

    private func readIdentity(_ reader: MappingReader, nameNode: Int32, into definition: inout ObjectDefinition) {
        let name = definition.name.value
        let kind = definition.kind
        if let id = reader.string(.objectTypeId) {
            let prefix = kind == .custom ? "2-" : "0-"
            if !Naming.isObjectTypeId(id.value, custom: kind == .custom) {
                let kindName = kind == .custom ? "a custom" : "a standard"
                log.error("objectTypeId '\(id.value)' of \(kindName) object must look like '\(prefix)<number>'", at: id.location)
            } else {
                definition.objectTypeId = id
            }
        }
        if let labels = reader.nested(.labels, context: .labels(object: nameNode), allowedKeys: Self.labelsKeys) {
            let singular = labels.string(.singular, required: kind != .extension)
            let plural = labels.string(.plural, required: kind != .extension)
            if let singular, let plural {
                definition.labels = ObjectLabels(singular: singular.value, plural: plural.value)
            } else if kind == .extension, singular != nil || plural != nil {
                log.error("an extension that renames '\(name)' must give both 'singular' and 'plural'", at: labels.location)
            }
        } else if kind != .extension, !reader.has(.labels) {
            reader.missing(.labels)
        }
        if let swiftName = reader.string(.swiftName) {
            if Naming.isTypeName(swiftName.value) {
                definition.swiftName = swiftName
            } else {
                log.error("swiftName '\(swiftName.value)' must be an UpperCamelCase Swift type name (ASCII letters and digits, starting with a capital; at most \(Naming.maxNameLength) characters)",
                          at: swiftName.location)
            }
        }
        definition.description = reader.stringValue(.description)
        if let qualified = reader.string(.fullyQualifiedName) {
            if kind == .custom, Naming.isFullyQualifiedName(qualified.value, of: name) {
                definition.fullyQualifiedName = qualified.value
            } else {
                log.error(kind == .custom
                          ? "fullyQualifiedName '\(qualified.value)' must be p<portal ID>_\(name), as HubSpot writes it"
                          : "only custom objects have a fullyQualifiedName", at: qualified.location)
            }
        }
        if let groups = reader.list(.propertyGroups, { readPropertyGroup(reader.document, $0, object: nameNode) }) {
            var seen: [String: SourceLocation] = [:]
            for (group, location) in groups {
                if let first = seen[group.name] {
                    log.error("property group '\(group.name)' is defined twice in '\(name)'", at: location, notes: [.note("first defined here", at: first)])
                    continue
                }
                seen[group.name] = location
                definition.propertyGroups.append(group)
            }
        }
        definition.category = reader.choice(.category, as: ObjectCategory.self)?.value
        if let requires = reader.nested(.requires, context: .requirements(object: nameNode), allowedKeys: Self.requirementKeys) {
            let tier = requires.choice(.tier, as: SubscriptionTier.self)?.value
            let activation = requires.choice(.activation, as: Activation.self)?.value
            definition.requirements = ObjectRequirements(tier: tier, activation: activation)
        }
        if kind == .custom, !reader.has(.primaryDisplayProperty) {
            log.error("custom object '\(name)' needs a 'primaryDisplayProperty': HubSpot names its records by it", at: definition.location)
        }
    }

    private func readPropertyGroup(_ document: YAMLDocument, _ node: Int32, object: Int32) -> (PropertyGroup, SourceLocation)? {
        guard let reader = MappingReader(document, node, context: .propertyGroup(object: object), allowedKeys: Self.propertyGroupKeys, log: log),
              let name = reader.string(.name, required: true), let label = reader.string(.label, required: true)
        else { return nil }
        if !Naming.isSnakeCase(name.value) {
            log.error("property group name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        return (PropertyGroup(name: name.value, label: label.value, displayOrder: reader.int(.displayOrder)?.value), name.location)
    }

    private func readPropertyLists(_ reader: MappingReader, into definition: inout ObjectDefinition) {
        if let primary = reader.string(.primaryDisplayProperty) { definition.primaryDisplayProperty = primary }
        definition.secondaryDisplayProperties = reader.stringList(.secondaryDisplayProperties) ?? []
        definition.searchableProperties = reader.stringList(.searchableProperties) ?? []
        definition.owners = reader.stringList(.owners)
        definition.dedupKeys = reader.stringList(.dedupKeys)
    }

    private func readProperties(_ reader: MappingReader, into definition: inout ObjectDefinition) {
        let file = reader.file
        let document = reader.document
        guard let mapping = reader.value(.properties) else { return }
        guard document.kind(mapping) == .mapping else {
            log.error("'properties' of object '\(definition.name.value)' must be a mapping of property names to definitions, found \(document.summary(mapping))",
                      at: document.location(mapping, in: file))
            definition.propertiesAreUnreadable = true
            return
        }
        let propertyReader = PropertyReader(log: log, document: document, file: file, object: definition.name.value, patterns: patterns)
        let entries = document.entryRange(mapping)
        definition.properties.reserveCapacity(entries.count + ImplicitMembers.customObjectProperties.count)
        for entry in entries {
            let name = Located(document.keyText(entry), at: reader.keyLocation(entry))
            let value = document.entries[entry].value
            if definition.kind == .extension, propertyReader.isRefinement(value) {
                if let refinement = propertyReader.readRefinement(name: name, entry: Int32(truncatingIfNeeded: entry), value) {
                    definition.refinements.append(refinement)
                }
                continue
            }
            let before = log.diagnostics.count
            let isRead = propertyReader.read(name: name, entry: Int32(truncatingIfNeeded: entry), value, appendingTo: &definition.properties)
            if !isRead || log.diagnostics.count != before {
                definition.unreadableProperties.insert(name.value)
            }
        }
    }
}
