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
    /// Definition files to generate Swift for: one output file each, named by ``GeneratedFileNames``.
    /// Objects of other files (the built-in standard set, say) appear in the registry but get no type here.
    public var definitionFiles: [String]
    /// Definition files whose objects' types go into `StandardTypes.swift` (the built-in standard set,
    /// when an app wants those types in its own module rather than from CRMObjects).
    public var standardTypeFiles: [String]
    /// Modules the generated files import besides CRMRuntime (e.g. `CRMObjects` for the standard types).
    public var imports: [String]
    /// Paths in generated comments are made relative to this folder (the package), so output
    /// does not depend on where the package sits on disk.
    public var sourceRoot: String?

    public init(accessModifier: AccessModifier = .internal, definitionFiles: [String], standardTypeFiles: [String] = [],
                imports: [String] = [], sourceRoot: String? = nil) {
        self.accessModifier = accessModifier
        self.definitionFiles = definitionFiles
        self.standardTypeFiles = standardTypeFiles
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
