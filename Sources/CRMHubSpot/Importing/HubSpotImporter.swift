import CRMModel
import CRMSchemaLoader

/// The responses `crmgen import hubspot` reads, each with the file it came from. A properties or
/// labels response does not say which object it belongs to, so the caller says it.
public struct HubSpotImportSources: Sendable {
    public struct Schemas: Sendable {
        public var file: String
        public var schemas: [HubSpotObjectSchema]
        public init(file: String, schemas: [HubSpotObjectSchema]) { self.file = file; self.schemas = schemas }
    }

    public struct Properties: Sendable {
        /// A name, objectTypeId or `p_name`, as the user gave it.
        public var object: String
        public var file: String
        public var properties: [HubSpotProperty]
        public init(object: String, file: String, properties: [HubSpotProperty]) {
            self.object = object; self.file = file; self.properties = properties
        }
    }

    public struct Labels: Sendable {
        public var from: String
        public var to: String
        public var file: String
        public var labels: [HubSpotAssociationLabel]
        public init(from: String, to: String, file: String, labels: [HubSpotAssociationLabel]) {
            self.from = from; self.to = to; self.file = file; self.labels = labels
        }
    }

    public var schemas: [Schemas] = []
    public var properties: [Properties] = []
    public var labels: [Labels] = []

    public init() {}
}

/// Definition files from a portal's responses, and what was noticed on the way.
public struct HubSpotImport: Sendable {
    /// One per custom object and per standard object with custom properties, sorted by object.
    public var documents: [DefinitionDocument]
    /// Warnings for what was left out (and why); errors for sources that cannot be used.
    public var diagnostics: [Diagnostic]
}

/// Turns HubSpot's GET responses into definitions (Documentation/HubSpotShapes.md): custom objects
/// with their properties, associations and labels; custom properties of standard objects as
/// extensions. HubSpot's own properties are skipped; a label and its inverse are paired as HubSpot
/// creates them (consecutive type ids, opposite directions). The order of the sources does not
/// matter. Pure: no I/O.
public struct HubSpotImporter: Sendable {
    /// The built-in standard set, which names standard objects and their properties.
    public let standard: Schema

    public init(standard: Schema) {
        self.standard = standard
    }

    /// Objects HubSpot associates every custom object with (crmgen adds those associations itself).
    /// HubSpot's docs name conversations; portals list communications (0-18) in their place.
    static let automaticTargets: Set<String> = ["calls", "conversations", "emails", "meetings", "notes", "tasks", "communications"]

    /// How an import error begins when the responses got past the importer's own rules but would not
    /// load as definitions (fuzzing looks for these: each is a rule the importer should have).
    public static let unwritablePrefix = "the responses cannot be written as definitions: "

    public func importDefinitions(_ sources: HubSpotImportSources) -> HubSpotImport {
        var log = ImportLog()
        let customs = collectCustomObjects(sources, log: &log)
        let objects = ObjectIndex(standard: standard, customs: customs)
        var documents: [String: DefinitionDocument] = [:]
        /// The properties file each imported property of a standard object came from, by `object.property`.
        var sourceOf: [String: String] = [:]

        for (name, entry) in customs.sorted(by: { $0.key < $1.key }) {
            documents[name] = customDocument(entry.schema, file: entry.file, extra: sources.properties, objects: objects, log: &log)
        }
        // In the order of file names: of two files that give one property differently, the first is imported.
        for source in sources.properties.sorted(by: { ($0.file, $0.object) < ($1.file, $1.object) }) {
            guard let target = objects.resolve(source.object) else {
                log.error("\(source.file): '\(source.object)' is neither a standard object nor a custom object of the schemas given")
                continue
            }
            guard case .standard(let object) = target else { continue }  // custom objects' properties joined their documents
            let known = Set(object.properties.map(\.name))
            let listed = Self.firstOfEachName(source.properties, object: object.name, file: source.file, log: &log)
            var added: [PropertySchema] = []
            for property in listed.sorted(by: { $0.name < $1.name }) where property.hubspotDefined != true {
                if known.contains(property.name) {
                    log.warning("\(source.file): \(object.name).\(property.name) is marked custom, but crmgen's standard set defines it; skipped")
                    continue
                }
                if let converted = convert(property, object: object.name, defaultGroup: nil, file: source.file, log: &log) { added.append(converted) }
            }
            // The portal's own options of the enumerations each portal defines (its deal stages, say),
            // when they are not the ones crmgen knows.
            var refined: [OptionsRefinement] = []
            for property in listed.sorted(by: { $0.name < $1.name }) where property.hubspotDefined == true {
                guard let known = object.property(named: property.name), known.optionSource == .portal, property.type == "enumeration" else { continue }
                let options = Self.options(of: property, place: "\(source.file): \(object.name).\(property.name)", log: &log)
                if !options.isEmpty, options != known.options { refined.append(OptionsRefinement(property: property.name, options: options)) }
            }
            Self.limitUnique(&added, alreadyUnique: object.properties.filter(\.unique).count, place: "\(source.file): \(object.name)", log: &log)
            guard !added.isEmpty || !refined.isEmpty else { continue }
            var document = documents[object.name] ?? DefinitionDocument(object: object.name, kind: .extension)
            var existing: [String: PropertySchema] = [:]
            for property in document.properties { existing[property.name] = property }
            for property in added {
                let key = "\(object.name).\(property.name)"
                guard let earlier = existing[property.name] else {
                    document.properties.append(property)
                    sourceOf[key] = source.file
                    continue
                }
                if earlier != property {
                    let first = sourceOf[key] ?? "an earlier properties file"
                    log.warning("\(source.file): \(key) differs from the one \(first) gives; the one of \(first) is imported")
                }
            }
            let existingRefinements = Set(document.refinedOptions.map(\.property))
            document.refinedOptions += refined.filter { !existingRefinements.contains($0.property) }
            document.header = [(document.properties.isEmpty ? "The portal's own options of HubSpot's " : "Custom properties of HubSpot's ")
                + "\(object.labels.plural.lowercased()), imported by crmgen import hubspot."]
            documents[object.name] = document
        }

        for association in associations(sources, objects: objects, log: &log) {
            documents[association.from]?.associations.append(association)
        }
        // A label that gives no Swift type name, or one another object has, gets a swiftName.
        let customLabels = documents.values.filter { $0.kind == .custom }.compactMap { document in
            document.labels.map { (name: document.object, label: $0.singular) }
        }
        for (name, swiftName) in SwiftTypeNaming.explicitNames(for: customLabels, taken: Set(standard.objects.map(\.swiftName))) {
            documents[name]?.swiftName = swiftName
        }
        let result = documents.keys.sorted().compactMap { documents[$0] }
        // What the rules above let through must still load: anything that does not is an error of the
        // import, so that crmgen never writes a definition `crmgen validate` would reject.
        if !log.diagnostics.containsErrors {
            let sources = result.map { DefinitionSource(path: "\($0.object).yaml", text: DefinitionWriter.yaml($0)) }
            for diagnostic in SchemaLoader().load(sources, on: standard).diagnostics where diagnostic.severity == .error {
                log.error(Self.unwritablePrefix + diagnostic.description)
            }
        }
        return HubSpotImport(documents: result, diagnostics: log.diagnostics)
    }

    // MARK: Custom objects

    private func collectCustomObjects(_ sources: HubSpotImportSources, log: inout ImportLog) -> [String: (schema: HubSpotObjectSchema, file: String)] {
        var found: [String: (schema: HubSpotObjectSchema, file: String)] = [:]
        for source in sources.schemas.sorted(by: { $0.file < $1.file }) {
            for schema in source.schemas {
                if schema.archived == true {
                    log.warning("\(source.file): \(schema.name) is archived; skipped")
                    continue
                }
                guard DefinitionRules.isValidName(schema.name) else {
                    log.error("\(source.file): the custom object name '\(schema.name)' cannot name a definition (\(DefinitionRules.nameRule)); skipped")
                    continue
                }
                guard standard.object(named: schema.name) == nil else {
                    log.error("\(source.file): a custom object is named '\(schema.name)', like HubSpot's standard object; skipped")
                    continue
                }
                if let first = found[schema.name], first.schema != schema {
                    log.error("\(source.file): \(schema.name) differs from its schema in \(first.file); give one response per object")
                    continue
                }
                found[schema.name] = (schema, source.file)
            }
        }
        // One objectTypeId names one object: a second use of it is left out of the later object.
        var owners: [String: String] = [:]
        for name in found.keys.sorted() {
            guard let id = found[name]?.schema.objectTypeId else { continue }
            if let first = owners[id] {
                log.warning("\(found[name]?.file ?? ""): \(name) has the objectTypeId \(id) of \(first); left out of \(name)")
                found[name]?.schema.objectTypeId = nil
            } else {
                owners[id] = name
            }
        }
        return found
    }

    private func customDocument(_ schema: HubSpotObjectSchema, file: String, extra: [HubSpotImportSources.Properties],
                                objects: ObjectIndex, log: inout ImportLog) -> DefinitionDocument {
        let name = schema.name
        var byName: [String: (property: HubSpotProperty, file: String)] = [:]
        for property in Self.firstOfEachName(schema.properties ?? [], object: name, file: file, log: &log) { byName[property.name] = (property, file) }
        // A properties file is read after the schema (it may be newer), in the order of file names.
        for source in extra.sorted(by: { $0.file < $1.file }) where objects.resolve(source.object)?.name == name {
            for property in Self.firstOfEachName(source.properties, object: name, file: source.file, log: &log) {
                if let earlier = byName[property.name], earlier.property != property {
                    log.warning("\(source.file): \(name).\(property.name) differs from the one \(earlier.file) gives; the one of \(source.file) is imported")
                }
                byName[property.name] = (property, source.file)
            }
        }
        let required = Set(schema.requiredProperties ?? [])
        var properties: [PropertySchema] = []
        for property in byName.values.map(\.property).sorted(by: { $0.name < $1.name })
        where property.hubspotDefined != true && !HubSpotNames.isHubSpotDefined(property.name) {
            guard var converted = convert(property, object: name, defaultGroup: "\(name)_information", file: file, log: &log) else { continue }
            converted.required = required.contains(property.name)
            if converted.required, converted.readOnly {
                log.warning("\(file): \(name).\(property.name) is required and read-only, which no client could satisfy; imported as required")
                converted.readOnly = false
            }
            properties.append(converted)
        }
        Self.limitUnique(&properties, alreadyUnique: 0, place: "\(file): \(name)", log: &log)
        // The primary display property first, as people write definitions; the rest by name.
        if let primary = schema.primaryDisplayProperty, let index = properties.firstIndex(where: { $0.name == primary }) {
            properties.insert(properties.remove(at: index), at: 0)
        }
        let present = Set(properties.map(\.name)).union(Self.implicitProperties)
        func kept(_ names: [String]?, _ key: String) -> [String] {
            (names ?? []).filter { property in
                if present.contains(property) { return true }
                log.warning("\(file): \(name).\(key) names '\(property)', a HubSpot property crmgen does not define; left out")
                return false
            }
        }
        var labels: ObjectLabels?
        if let singular = schema.labels?.singular, let plural = schema.labels?.plural {
            labels = ObjectLabels(singular: singular, plural: plural)
        } else {
            log.error("\(file): \(name) has no singular and plural labels")
        }
        // HubSpot names a custom object's records by it; a definition cannot do without one.
        let primary = schema.primaryDisplayProperty.flatMap { present.contains($0) ? $0 : nil }
        if primary == nil {
            log.error("\(file): \(name) has no primaryDisplayProperty among its properties"
                      + (schema.primaryDisplayProperty.map { " ('\($0)')" } ?? "") + "; crmgen needs one to write its definition")
        }
        var objectTypeId = schema.objectTypeId
        if let id = objectTypeId, !DefinitionRules.isCustomObjectTypeId(id) {
            log.warning("\(file): \(name) has the objectTypeId '\(id)', not a custom object's (2-<number>); left out")
            objectTypeId = nil
        }
        var qualifiedName = schema.fullyQualifiedName
        if let qualified = qualifiedName, !DefinitionRules.isFullyQualifiedName(qualified, of: name) {
            log.warning("\(file): \(name) has the fullyQualifiedName '\(qualified)', not p<portal ID>_\(name); left out")
            qualifiedName = nil
        }
        return DefinitionDocument(
            header: ["Imported from HubSpot by crmgen import hubspot" + (objectTypeId.map { " (objectTypeId \($0))" } ?? "") + "."],
            object: name, kind: .custom, objectTypeId: objectTypeId, fullyQualifiedName: qualifiedName,
            labels: labels, description: schema.description.flatMap { $0.isEmpty ? nil : $0 },
            primaryDisplayProperty: primary,
            secondaryDisplayProperties: kept(schema.secondaryDisplayProperties, "secondaryDisplayProperties"),
            searchableProperties: kept(schema.searchableProperties, "searchableProperties"),
            properties: properties
        )
    }

    /// HubSpot's own properties that crmgen gives every custom object.
    static let implicitProperties: Set<String> = ["hs_object_id", "hs_createdate", "hs_lastmodifieddate", "hubspot_owner_id"]

    // MARK: Properties

    /// A HubSpot property as a definition; `nil` (with a warning) when the definition format cannot
    /// hold it.
    func convert(_ property: HubSpotProperty, object: String, defaultGroup: String?, file: String, log: inout ImportLog) -> PropertySchema? {
        let place = "\(file): \(object).\(property.name)"
        guard DefinitionRules.isValidName(property.name) else {
            log.warning("\(place): the name cannot name a property in a definition (\(DefinitionRules.nameRule)); skipped")
            return nil
        }
        guard let type = PropertyType(rawValue: property.type) else {
            log.warning("\(place) has type '\(property.type)', which HubSpot keeps for itself; skipped")
            return nil
        }
        guard let fieldType = FieldType(rawValue: property.fieldType), FieldType.allowed(for: type).contains(fieldType) else {
            log.warning("\(place) has fieldType '\(property.fieldType)' with type '\(property.type)', which crmgen does not know; skipped")
            return nil
        }
        var schema = PropertySchema(
            name: property.name, label: property.label,
            description: property.description.flatMap { $0.isEmpty ? nil : $0 },
            type: type, fieldType: fieldType,
            groupName: property.groupName == defaultGroup ? nil : property.groupName,
            displayOrder: property.displayOrder.flatMap { $0 >= 0 ? $0 : nil },
            unique: property.hasUniqueValue == true,
            calculated: property.calculated == true || property.calculationFormula != nil || fieldType == .calculationEquation,
            calculationFormula: property.calculationFormula,
            hidden: property.hidden == true,
            numberDisplayHint: property.numberDisplayHint.flatMap(NumberDisplayHint.init(rawValue:)),
            referencedObjectType: property.referencedObjectType
        )
        schema.readOnly = property.modificationMetadata?.readOnlyValue == true && !schema.calculated
        if schema.calculationFormula != nil, fieldType != .calculationEquation {
            log.warning("\(place) has a calculationFormula but fieldType \(fieldType.rawValue); the formula is left out")
            schema.calculationFormula = nil
        }
        if type != .number { schema.numberDisplayHint = nil }
        if let reference = property.referencedObjectType, reference != PropertySchema.ownerReference {
            log.warning("\(place) refers to '\(reference)' records; kept as text")
            schema.referencedObjectType = nil
            if type == .enumeration {
                schema.type = .string
                schema.fieldType = .text
            }
        }
        let options = Self.options(of: property, place: place, log: &log)
        switch schema.type {
        case .enumeration where !schema.isOwner:
            guard !options.isEmpty else {
                log.warning("\(place) takes its options from elsewhere in the portal (externalOptions); skipped")
                return nil
            }
            schema.options = options
        case .bool:
            // HubSpot gives every bool Yes/No; only other labels are worth keeping.
            let isDefault = options.map(\.value) == ["true", "false"] && options.map(\.label) == ["Yes", "No"] && !options.contains(where: \.hidden)
            if !options.isEmpty, !isDefault {
                if options.map(\.value).sorted() == ["false", "true"] {
                    schema.options = options
                } else {
                    log.warning("\(place): a bool's options are true and false, not \(options.map(\.value).joined(separator: ", ")); left out")
                }
            }
        default:
            break
        }
        return schema
    }

    /// HubSpot allows ten unique-value properties per object; a response that claims more keeps the
    /// first ones unique, with a warning.
    static func limitUnique(_ properties: inout [PropertySchema], alreadyUnique: Int, place: String, log: inout ImportLog) {
        var count = alreadyUnique
        for index in properties.indices where properties[index].unique {
            count += 1
            if count > DefinitionRules.maxUniqueProperties {
                log.warning("\(place).\(properties[index].name): more than \(DefinitionRules.maxUniqueProperties) unique properties, HubSpot's limit; imported as not unique")
                properties[index].unique = false
            }
        }
    }

    /// Each name's first property that is not archived, with a warning for a later one of the same
    /// name that differs (one alike is HubSpot listing it twice, and nothing is lost).
    static func firstOfEachName(_ properties: [HubSpotProperty], object: String, file: String, log: inout ImportLog) -> [HubSpotProperty] {
        var first: [String: HubSpotProperty] = [:]
        var kept: [HubSpotProperty] = []
        for property in properties where property.archived != true {
            guard let earlier = first[property.name] else {
                first[property.name] = property
                kept.append(property)
                continue
            }
            if earlier != property { log.warning("\(file): \(object).\(property.name) is listed twice, differently; the first is imported") }
        }
        return kept
    }

    /// A property's options as definitions write them: a display order that is just the position
    /// left out; a value given twice kept once, the first (definitions hold each value once), with a
    /// warning at `place`.
    static func options(of property: HubSpotProperty, place: String, log: inout ImportLog) -> [PropertyOption] {
        var seen: [String: String] = [:]
        return (property.options ?? []).enumerated().compactMap { index, option in
            if let label = seen[option.value] {
                log.warning("\(place) gives the option value '\(option.value)' twice; the first (\(label)) is imported")
                return nil
            }
            seen[option.value] = option.label
            return PropertyOption(value: option.value, label: option.label,
                                  description: option.description.flatMap { $0.isEmpty ? nil : $0 },
                                  displayOrder: option.displayOrder.flatMap { $0 == index || $0 < 0 ? nil : $0 },
                                  hidden: option.hidden == true)
        }
    }

    // MARK: Associations

    /// Every association the sources show between objects one of which is custom, declared once (on the
    /// custom side, or on the first by name), with its type ids both ways and its labels paired.
    func associations(_ sources: HubSpotImportSources, objects: ObjectIndex, log: inout ImportLog) -> [AssociationSchema] {
        struct Direction: Hashable, Comparable {
            var from: String
            var to: String
            static func < (a: Direction, b: Direction) -> Bool { (a.from, a.to) < (b.from, b.to) }
        }
        var unlabeled: [Direction: Int] = [:]
        var labeled: [Direction: [(id: Int, label: String)]] = [:]
        func name(_ reference: String, _ file: String) -> String? {
            if let object = objects.resolve(reference) { return object.name }
            log.warning("\(file): objectTypeId '\(reference)' is no object of the sources or the standard set; its association is skipped")
            return nil
        }
        for source in sources.schemas.sorted(by: { $0.file < $1.file }) {
            for schema in source.schemas where schema.archived != true {
                for definition in schema.associations ?? [] {
                    guard let from = name(definition.fromObjectTypeId, source.file), let to = name(definition.toObjectTypeId, source.file),
                          let id = Int(definition.id) else { continue }
                    unlabeled[Direction(from: from, to: to)] = id
                }
            }
        }
        for source in sources.labels.sorted(by: { ($0.from, $0.to, $0.file) < ($1.from, $1.to, $1.file) }) {
            guard let from = name(source.from, source.file), let to = name(source.to, source.file) else { continue }
            let direction = Direction(from: from, to: to)
            for entry in source.labels.sorted(by: { $0.typeId < $1.typeId }) {
                if let label = entry.label, !label.isEmpty {
                    if !(labeled[direction] ?? []).contains(where: { $0.id == entry.typeId }) { labeled[direction, default: []].append((entry.typeId, label)) }
                } else if let first = unlabeled[direction] {
                    if first != entry.typeId {
                        log.warning("\(source.file): \(from) → \(to) has a second unlabeled association type, \(entry.typeId), besides \(first); it is left out")
                    }
                } else {
                    unlabeled[direction] = entry.typeId
                }
            }
        }

        // A type id names one direction between one pair of objects: an id the sources give a second
        // direction is left out there. (HubSpot's own ids are numbered apart from a portal's, so the
        // standard set's ids are no conflict.)
        var owner: [Int: Direction] = [:]
        func claim(_ id: Int, for direction: Direction) -> Bool {
            if let first = owner[id], first != direction {
                log.warning("association type id \(id) is given for \(direction.from) → \(direction.to) and for \(first.from) → \(first.to); left out of \(direction.from) → \(direction.to)")
                return false
            }
            owner[id] = direction
            return true
        }
        for direction in unlabeled.keys.sorted() {
            if let id = unlabeled[direction], !claim(id, for: direction) { unlabeled[direction] = nil }
        }
        for direction in labeled.keys.sorted() {
            labeled[direction] = labeled[direction]?.filter { claim($0.id, for: direction) }
        }

        var pairs = Set<UnorderedNames>()
        for direction in Array(unlabeled.keys) + Array(labeled.keys) { pairs.insert(UnorderedNames(direction.from, direction.to)) }
        var result: [AssociationSchema] = []
        for pair in pairs.sorted() {
            let aIsCustom = objects.isCustom(pair.first)
            let bIsCustom = objects.isCustom(pair.second)
            if !aIsCustom && !bIsCustom {
                if labeled[Direction(from: pair.first, to: pair.second)] != nil || labeled[Direction(from: pair.second, to: pair.first)] != nil {
                    log.warning("labels between \(pair.first) and \(pair.second), two standard objects, are not imported (the standard set declares that association)")
                }
                continue
            }
            let (from, to) = aIsCustom || !bIsCustom ? (pair.first, pair.second) : (pair.second, pair.first)
            if Self.automaticTargets.contains(to) && !objects.isCustom(to) { continue }
            var association = AssociationSchema(
                from: from, to: to,
                associationTypeId: unlabeled[Direction(from: from, to: to)],
                inverseAssociationTypeId: from == to ? nil : unlabeled[Direction(from: to, to: from)]
            )
            association.labels = Self.pairLabels(forward: labeled[Direction(from: from, to: to)] ?? [],
                                                 backward: from == to ? nil : labeled[Direction(from: to, to: from)] ?? [])
            result.append(association)
        }
        return result
    }

    /// Labels as HubSpot makes them: a label and its inverse get consecutive type ids, one each way.
    /// For a same-object pair (`backward` is `nil`) both halves are in `forward`.
    static func pairLabels(forward: [(id: Int, label: String)], backward: [(id: Int, label: String)]?) -> [AssociationLabel] {
        var names = Set<String>()
        func uniqueName(_ label: String) -> String {
            var base = label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }
                .reduce(into: "") { text, character in if !(character == "_" && text.hasSuffix("_")) { text.append(character) } }
            base = String(base.drop { $0 == "_" })
            while base.hasSuffix("_") { base.removeLast() }
            if base.first.map({ !$0.isLetter }) ?? true { base = "label_" + base }
            var name = base
            var counter = 2
            while names.contains(name) { name = "\(base)_\(counter)"; counter += 1 }
            names.insert(name)
            return name
        }
        var labels: [AssociationLabel] = []
        guard let backward else {
            var index = 0
            let sorted = forward.sorted { $0.id < $1.id }
            while index < sorted.count {
                let current = sorted[index]
                if index + 1 < sorted.count, sorted[index + 1].id == current.id + 1 {
                    let inverse = sorted[index + 1]
                    labels.append(AssociationLabel(name: uniqueName(current.label), label: current.label, inverseLabel: inverse.label,
                                                   associationTypeId: current.id, inverseAssociationTypeId: inverse.id))
                    index += 2
                } else {
                    labels.append(AssociationLabel(name: uniqueName(current.label), label: current.label, associationTypeId: current.id))
                    index += 1
                }
            }
            return labels
        }
        var unmatched = backward.sorted { $0.id < $1.id }
        for current in forward.sorted(by: { $0.id < $1.id }) {
            if let index = unmatched.firstIndex(where: { abs($0.id - current.id) == 1 }) {
                let inverse = unmatched.remove(at: index)
                labels.append(AssociationLabel(name: uniqueName(current.label), label: current.label, inverseLabel: inverse.label,
                                               associationTypeId: current.id, inverseAssociationTypeId: inverse.id))
            } else {
                labels.append(AssociationLabel(name: uniqueName(current.label), label: current.label, associationTypeId: current.id))
            }
        }
        for inverse in unmatched {
            labels.append(AssociationLabel(name: uniqueName(inverse.label), label: inverse.label, inverseAssociationTypeId: inverse.id))
        }
        return labels
    }
}

/// Two object names regardless of order.
struct UnorderedNames: Hashable, Comparable {
    let first: String
    let second: String

    init(_ a: String, _ b: String) {
        (first, second) = a <= b ? (a, b) : (b, a)
    }

    static func < (a: UnorderedNames, b: UnorderedNames) -> Bool { (a.first, a.second) < (b.first, b.second) }
}

/// Objects by every name the sources use for them: names, objectTypeIds, `p_name` and
/// `p{portal}_name` for custom objects; names, labels and objectTypeIds for standard ones.
struct ObjectIndex {
    enum Object {
        case standard(ObjectSchema)
        case custom(HubSpotObjectSchema)

        var name: String {
            switch self {
            case .standard(let object): object.name
            case .custom(let schema): schema.name
            }
        }
    }

    let standard: Schema
    private let customs: [String: HubSpotObjectSchema]
    private let customByReference: [String: String]

    init(standard: Schema, customs: [String: (schema: HubSpotObjectSchema, file: String)]) {
        self.standard = standard
        self.customs = customs.mapValues(\.schema)
        var references: [String: String] = [:]
        for (name, entry) in customs {
            for reference in [name, "p_\(name)", entry.schema.objectTypeId, entry.schema.fullyQualifiedName].compactMap({ $0 }) {
                references[reference] = name
            }
        }
        customByReference = references
    }

    func resolve(_ reference: String) -> Object? {
        if let name = customByReference[reference], let schema = customs[name] { return .custom(schema) }
        return standard.object(matching: reference).map(Object.standard)
    }

    func isCustom(_ name: String) -> Bool { customs[name] != nil }
}

/// Diagnostics of an import, in the order found.
struct ImportLog {
    var diagnostics: [Diagnostic] = []

    mutating func warning(_ message: String) { diagnostics.append(.warning(message, at: nil)) }
    mutating func error(_ message: String) { diagnostics.append(.error(message, at: nil)) }
}
