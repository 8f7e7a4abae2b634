import CRMModel

/// Reads the syntax tree of one definition file into an ``ObjectDefinition``, checking
/// everything that can be checked without the other files.
struct DefinitionReader {
    let log: DiagnosticLog
    let patterns = PatternChecker()

    static let objectKeys = [
        "object", "kind", "objectTypeId", "fullyQualifiedName", "labels", "swiftName", "description", "category", "requires",
        "primaryDisplayProperty", "secondaryDisplayProperties", "searchableProperties",
        "owners", "dedupKeys", "propertyGroups", "properties", "associations",
    ]

    /// The keys an extension may use; it adds to an object, it does not redefine it.
    static let extensionKeys = [
        "object", "kind", "labels", "description", "propertyGroups", "properties", "associations",
        "searchableProperties", "secondaryDisplayProperties",
    ]

    func read(_ root: YAMLNode, file: String) -> ObjectDefinition? {
        guard let mapping = root.mapping else {
            log.error("a definition file must be a mapping that starts with 'object:' and 'kind:', found \(root.summary)", at: root.location(in: file))
            return nil
        }
        let context = mapping.entry("object")?.value.scalar?.stringValue.map(MappingContext.object) ?? .definition
        // A mapping always makes a reader; the guard keeps that a fact of MappingReader, not of this line.
        guard let reader = MappingReader(root, in: file, context: context, allowedKeys: Self.objectKeys, log: log) else { return nil }
        guard let name = reader.string("object", required: true),
              let kind = reader.choice("kind", as: ObjectDefinition.Kind.self, required: true)
        else { return nil }
        if !Naming.isSnakeCase(name.value) {
            log.error("object name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        var definition = ObjectDefinition(name: name, kind: kind.value)
        if kind.value == .extension {
            for entry in mapping.entries where Self.objectKeys.contains(entry.key) && !Self.extensionKeys.contains(entry.key) {
                log.error("'\(entry.key)' cannot be set by an extension of '\(name.value)'; an extension may only add "
                          + "labels, description, propertyGroups, properties, associations, searchableProperties and secondaryDisplayProperties",
                          at: entry.keyLocation(in: file))
            }
        }
        readIdentity(reader, into: &definition)
        readPropertyLists(reader, into: &definition)
        readProperties(reader, into: &definition)
        if let associations = reader.list("associations", { AssociationReader(log: log, file: file, owner: name.value).read($0) }) {
            definition.associations = associations
        }
        return definition
    }

    private func readIdentity(_ reader: MappingReader, into definition: inout ObjectDefinition) {
        let name = definition.name.value
        let kind = definition.kind
        if let id = reader.string("objectTypeId") {
            let prefix = kind == .custom ? "2-" : "0-"
            if !Naming.isObjectTypeId(id.value, custom: kind == .custom) {
                let kindName = kind == .custom ? "a custom" : "a standard"
                log.error("objectTypeId '\(id.value)' of \(kindName) object must look like '\(prefix)<number>'", at: id.location)
            } else {
                definition.objectTypeId = id
            }
        }
        if let labels = reader.nested("labels", context: .labels(object: name), allowedKeys: ["singular", "plural"]) {
            let singular = labels.string("singular", required: kind != .extension)
            let plural = labels.string("plural", required: kind != .extension)
            if let singular, let plural {
                definition.labels = ObjectLabels(singular: singular.value, plural: plural.value)
            } else if kind == .extension, singular != nil || plural != nil {
                log.error("an extension that renames '\(name)' must give both 'singular' and 'plural'", at: labels.location)
            }
        } else if kind != .extension, reader.entry("labels") == nil {
            reader.missing("labels")
        }
        if let swiftName = reader.string("swiftName") {
            if Naming.isTypeName(swiftName.value) {
                definition.swiftName = swiftName
            } else {
                log.error("swiftName '\(swiftName.value)' must be an UpperCamelCase Swift type name (ASCII letters and digits, starting with a capital; at most \(Naming.maxNameLength) characters)",
                          at: swiftName.location)
            }
        }
        definition.description = reader.string("description")?.value
        if let qualified = reader.string("fullyQualifiedName") {
            if kind == .custom, Naming.isFullyQualifiedName(qualified.value, of: name) {
                definition.fullyQualifiedName = qualified.value
            } else {
                log.error(kind == .custom
                          ? "fullyQualifiedName '\(qualified.value)' must be p<portal ID>_\(name), as HubSpot writes it"
                          : "only custom objects have a fullyQualifiedName", at: qualified.location)
            }
        }
        if let groups = reader.list("propertyGroups", { readPropertyGroup($0, reader.file, object: name) }) {
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
        definition.category = reader.choice("category", as: ObjectCategory.self)?.value
        if let requires = reader.nested("requires", context: .requirements(object: name), allowedKeys: ["tier", "activation"]) {
            let tier = requires.choice("tier", as: SubscriptionTier.self)?.value
            let activation = requires.choice("activation", as: Activation.self)?.value
            definition.requirements = ObjectRequirements(tier: tier, activation: activation)
        }
        if kind == .custom, reader.entry("primaryDisplayProperty") == nil {
            log.error("custom object '\(name)' needs a 'primaryDisplayProperty': HubSpot names its records by it", at: definition.location)
        }
    }

    private func readPropertyGroup(_ node: YAMLNode, _ file: String, object: String) -> (PropertyGroup, SourceLocation)? {
        guard let reader = MappingReader(node, in: file, context: .propertyGroup(object: object), allowedKeys: ["name", "label", "displayOrder"], log: log),
              let name = reader.string("name", required: true), let label = reader.string("label", required: true)
        else { return nil }
        if !Naming.isSnakeCase(name.value) {
            log.error("property group name '\(name.value)' must be \(Naming.snakeCaseRule)", at: name.location)
        }
        return (PropertyGroup(name: name.value, label: label.value, displayOrder: reader.int("displayOrder")?.value), name.location)
    }

    private func readPropertyLists(_ reader: MappingReader, into definition: inout ObjectDefinition) {
        if let primary = reader.string("primaryDisplayProperty") { definition.primaryDisplayProperty = primary }
        definition.secondaryDisplayProperties = reader.stringList("secondaryDisplayProperties") ?? []
        definition.searchableProperties = reader.stringList("searchableProperties") ?? []
        definition.owners = reader.stringList("owners")
        definition.dedupKeys = reader.stringList("dedupKeys")
    }

    private func readProperties(_ reader: MappingReader, into definition: inout ObjectDefinition) {
        let file = reader.file
        guard let entry = reader.entry("properties") else { return }
        guard let mapping = entry.value.mapping else {
            log.error("'properties' of object '\(definition.name.value)' must be a mapping of property names to definitions, found \(entry.value.summary)",
                      at: entry.value.location(in: file))
            definition.propertiesAreUnreadable = true
            return
        }
        let propertyReader = PropertyReader(log: log, file: file, object: definition.name.value, patterns: patterns)
        for property in mapping.entries {
            if definition.kind == .extension, PropertyReader.isRefinement(property.value) {
                if let refinement = propertyReader.readRefinement(name: Located(property.key, at: property.keyLocation(in: file)), property.value) {
                    definition.refinements.append(refinement)
                }
                continue
            }
            let before = log.diagnostics.count
            let schema = propertyReader.read(name: Located(property.key, at: property.keyLocation(in: file)), property.value)
            if let schema, log.diagnostics.count == before {
                definition.properties.append(schema)
            } else {
                definition.unreadableProperties.insert(property.key)
                if let schema { definition.properties.append(schema) }
            }
        }
    }
}
