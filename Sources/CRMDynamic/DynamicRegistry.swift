import CRMRuntime
import CRMSchemaLoader

/// An app's compiled registry plus definitions loaded while it runs — a custom object a
/// portal admin added yesterday — with validators for objects that have no Swift type.
///
/// ```swift
/// let result = try DynamicRegistry.load(paths: ["/etc/roastery/objects"], on: Registry.schema)
/// result.diagnostics.forEach { print($0) }                 // file:line:column, as crmgen prints them
/// let issues = result.registry?.validate(record, as: "tasting_note")
/// ```
public struct DynamicRegistry: Sendable {
    public let schema: Schema
    public let associations: AssociationMatrix
    private let validators: [String: DynamicValidator]

    public init(schema: Schema) {
        self.schema = schema
        associations = AssociationMatrix(schema: schema)
        validators = Dictionary(uniqueKeysWithValues: schema.objects.map { ($0.name, DynamicValidator(object: $0)) })
    }

    /// Loads definition files on top of `compiled` (an app's `Registry.schema`), or on top of the
    /// built-in standard set when `compiled` is `nil`.
    /// - Returns: the registry, `nil` when the files have errors, and every diagnostic.
    public static func load(paths: [String], on compiled: Schema?) throws(DefinitionPathError) -> (registry: DynamicRegistry?, diagnostics: [Diagnostic]) {
        let result = try SchemaLoader().load(paths: paths, on: compiled)
        return (result.schema.map(DynamicRegistry.init(schema:)), result.diagnostics)
    }

    /// Same, for definitions in memory.
    public static func load(_ sources: [DefinitionSource], on compiled: Schema?) -> (registry: DynamicRegistry?, diagnostics: [Diagnostic]) {
        let result = SchemaLoader().load(sources, on: compiled)
        return (result.schema.map(DynamicRegistry.init(schema:)), result.diagnostics)
    }

    /// The object with this API name, label, objectTypeId or Swift type name.
    public func object(_ reference: String) -> ObjectSchema? { schema.object(matching: reference) }

    public func validator(for reference: String) -> DynamicValidator? {
        object(reference).flatMap { validators[$0.name] }
    }

    /// The record's issues, or `nil` when the registry has no such object.
    public func validate(_ record: RecordEnvelope, as reference: String) -> [ValidationIssue]? {
        validator(for: reference)?.validate(record)
    }
}

// The loader's types that this module's API uses; CRMSchemaLoader itself is not a product.
@_exported import struct CRMSchemaLoader.DefinitionSource
@_exported import struct CRMSchemaLoader.DefinitionPathError
