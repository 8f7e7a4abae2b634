import CRMObjects
import CRMSchemaLoader
import Foundation
import Testing

/// What is built from Definitions/ must match Definitions/.
@Suite("In step with Definitions/")
struct InStepTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the embedded standard set is Definitions/standard, file for file")
    func embeddedStandardSet() throws {
        let folder = Self.repository.appendingPathComponent("Definitions/standard")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let embedded = SchemaLoader.standardSources
        let hint = "run: swift run crmgen-embed Sources/CRMStandardDefinitions/StandardDefinitions+Files.swift Definitions/standard/*.yaml"
        #expect(embedded.map { String($0.path.dropFirst(SchemaLoader.builtInPathPrefix.count)) } == names, "\(hint)")
        for source in embedded {
            let name = String(source.path.dropFirst(SchemaLoader.builtInPathPrefix.count))
            let onDisk = try? Data(contentsOf: folder.appendingPathComponent(name))
            #expect(onDisk.map(Array.init) == source.contents, "\(name) changed since it was embedded; \(hint)")
        }
    }

    @Test("CRMObjects' registry is the schema of Definitions/")
    func crmObjectsRegistry() throws {
        let root = Self.repository.path + "/"
        let loaded = try #require(try SchemaLoader().load(paths: [root + "Definitions"]).schema)
        let generated = CRMObjects.Registry.schema
        #expect(generated.objects.map(\.name) == loaded.objects.map(\.name))
        for (mine, theirs) in zip(generated.objects, loaded.objects) {
            var expected = theirs
            expected.location = theirs.location.map { SourceLocation(file: $0.file.replacingOccurrences(of: root, with: ""), line: $0.line, column: $0.column) }
            expected.properties = theirs.properties.map { property in
                var property = property
                property.location = property.location.map { SourceLocation(file: $0.file.replacingOccurrences(of: root, with: ""), line: $0.line, column: $0.column) }
                return property
            }
            #expect(mine == expected, "\(mine.name) differs; rebuild CRMObjects")
        }
        #expect(generated.associations.count == loaded.associations.count)
        #expect(CRMObjects.Registry.recordTypes.count == loaded.objects.count)
    }
}
