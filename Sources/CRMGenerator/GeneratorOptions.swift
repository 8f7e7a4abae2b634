import CRMModel

/// What the generator writes and how.
public struct GeneratorOptions: Hashable, Sendable {
    /// Access level of generated declarations.
    public enum AccessModifier: String, CaseIterable, Hashable, Sendable {
        case `internal`, package, `public`

        /// The keyword and a space, or nothing for `internal` (Swift's default).
        var prefix: String { self == .internal ? "" : rawValue + " " }
    }

    public var accessModifier: AccessModifier
    /// Definition files to generate Swift for: one output file each. Objects of other files
    /// (the built-in standard set, say) appear in the registry but get no type here.
    public var definitionFiles: [String]
    /// Modules the generated files import besides CRMRuntime (e.g. `CRMObjects` for the standard types).
    public var imports: [String]
    /// Paths in generated comments are made relative to this folder (the package), so output
    /// does not depend on where the package sits on disk.
    public var sourceRoot: String?

    public init(accessModifier: AccessModifier = .internal, definitionFiles: [String], imports: [String] = [], sourceRoot: String? = nil) {
        self.accessModifier = accessModifier
        self.definitionFiles = definitionFiles
        self.imports = imports
        self.sourceRoot = sourceRoot
    }
}

/// One generated Swift file.
public struct GeneratedFile: Hashable, Sendable {
    /// File name only (`RoastBatch.swift`).
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// The output file names, which the build plugin must know before anything is generated.
public enum GeneratedFileNames {
    public static let registry = "Registry.swift"
    public static let associationMatrix = "AssociationMatrix.swift"

    /// `Definitions/custom/roast_batch.yaml` → `RoastBatch.swift`: the file's stem in UpperCamelCase.
    /// CRMGenPlugin spells the same rule; keep the two in step.
    public static func swiftFile(forDefinition path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
        return SwiftSyntax.upperCamelCase(stem) + ".swift"
    }
}
