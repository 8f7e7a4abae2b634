import CRMModel
@testable import CRMSchemaLoader
import Foundation
import Testing

/// Inputs fuzzing found (Tests/FuzzRepros), replayed with the checks of their fuzz targets.
@Suite("Fuzz findings: YAML, loader and configuration")
struct FuzzReproTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("FuzzRepros")

    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = root.appendingPathComponent(target)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { name in (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, Array($0)) } }
    }

    @Test("every target has inputs to replay", arguments: ["yaml", "loader", "records", "importer", "config"])
    func present(target: String) {
        #expect(!Self.inputs(target).isEmpty, "Tests/FuzzRepros/\(target) is empty")
    }

    @Test("yaml: parsed or refused with a placed error; the subset scanner declines or gives libyaml's events")
    func yaml() {
        for input in Self.inputs("yaml") {
            let parser = YAMLParser(limits: YAMLLimits())
            do {
                _ = try parser.parse(input.bytes, file: input.name)
            } catch {
                #expect(error.diagnostic.location?.file == input.name, "\(input.name)")
            }
            if let subset = parser.eventDescriptions(input.bytes, subset: true) {
                #expect(subset == parser.eventDescriptions(input.bytes, subset: false), "\(input.name)")
            }
        }
    }

    @Test("loader: a schema or an error", arguments: [false, true])
    func loader(withStandard: Bool) {
        for input in Self.inputs("loader") {
            let result = SchemaLoader(includesStandardDefinitions: withStandard).load([DefinitionSource(path: input.name, contents: input.bytes)])
            #expect((result.schema == nil) == result.diagnostics.containsErrors, "\(input.name)")
        }
    }

    @Test("config: a configuration or an error")
    func config() {
        for input in Self.inputs("config") {
            let (configuration, diagnostics) = GeneratorConfiguration.load(DefinitionSource(path: input.name, contents: input.bytes))
            #expect((configuration == nil) == diagnostics.containsErrors, "\(input.name)")
        }
    }
}
