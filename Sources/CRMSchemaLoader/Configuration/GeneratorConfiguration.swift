import CRMModel
import Foundation

/// `crmgen-config.yaml`: options for `crmgen generate`, read by the same libyaml loader as
/// definitions, with the same `file:line:column` diagnostics. Every key is optional.
///
/// ```yaml
/// accessModifier: public        # internal (default) | package | public
/// imports: [CRMObjects]         # crmgen-generated modules whose types this one uses
/// includeStandardTypes: false   # generate the built-in standard objects' types into this module
/// ```
///
/// The build plugin passes the file to `crmgen generate --config`; it reads nothing itself.
/// More definition folders are not a key: the plugin can only declare files it can see, so link a
/// shared folder into the target instead (`ln -s ../../Definitions Sources/App/Definitions`).
public struct GeneratorConfiguration: Hashable, Sendable {
    public static let fileName = "crmgen-config.yaml"
    public static let keys = ["accessModifier", "imports", "includeStandardTypes"]
    public static let accessModifiers = ["internal", "package", "public"]

    public var accessModifier: String?
    public var imports: [String] = []
    public var includeStandardTypes = false

    public init(accessModifier: String? = nil, imports: [String] = [], includeStandardTypes: Bool = false) {
        self.accessModifier = accessModifier
        self.imports = imports
        self.includeStandardTypes = includeStandardTypes
    }

    /// Reads a configuration; `nil` configuration when there are errors, which the diagnostics give.
    public static func load(_ source: DefinitionSource, limits: YAMLLimits = YAMLLimits()) -> (GeneratorConfiguration?, [Diagnostic]) {
        let log = DiagnosticLog()
        var configuration = GeneratorConfiguration()
        do throws(YAMLError) {
            if let root = try YAMLParser(limits: limits).parse(source.contents, file: source.path) {
                read(root, file: source.path, into: &configuration, log: log)
            }
        } catch {
            log.add(error.diagnostic)
        }
        return (log.hasErrors ? nil : configuration, log.diagnostics.sortedByLocation())
    }

    private static func read(_ root: YAMLNode, file: String, into configuration: inout GeneratorConfiguration, log: DiagnosticLog) {
        let definitions = root.document.entry(.definitions, in: root.index)
        if let definitions {
            log.error("'definitions' is not read from \(fileName): the build plugin can only see files in the target, so link the "
                      + "folder into it (ln -s ../../Definitions Sources/App/Definitions), or give --definitions to the CLI",
                      at: root.document.entries[definitions].keyMark.location(in: file))
        }
        let allowed = AllowedKeys(keys.compactMap(KnownKey.init(text:)) + (definitions != nil ? [.definitions] : []))
        guard let reader = MappingReader(root, context: .configuration, allowedKeys: allowed, log: log) else { return }
        if let access = reader.string(.accessModifier) {
            if accessModifiers.contains(access.value) {
                configuration.accessModifier = access.value
            } else {
                log.error("'accessModifier' of \(fileName) must be one of \(accessModifiers.joined(separator: ", ")), found '\(access.value)'"
                          + log.didYouMean(access.value, among: accessModifiers), at: access.location)
            }
        }
        for module in reader.stringList(.imports) ?? [] {
            if isModuleName(module.value) {
                configuration.imports.append(module.value)
            } else {
                log.error("'\(module.value)' is not a module name", at: module.location)
            }
        }
        configuration.includeStandardTypes = reader.bool(.includeStandardTypes) ?? false
    }

    /// A Swift module name: letters, digits and underscores, not starting with a digit, and not a
    /// keyword (`import class` is an import of another kind) or `_` alone.
    public static func isModuleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), name != "_", !SwiftNames.keywords.contains(name) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}
