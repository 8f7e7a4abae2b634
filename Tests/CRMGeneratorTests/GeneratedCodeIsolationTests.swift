import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// Generated code compiled the way apps compile it: with the main actor as default isolation
/// (Xcode 26's default for new app targets), and seeing only CRMRuntime's public API.
@Suite("Generated code in an app's module")
struct GeneratedCodeIsolationTests {
    static func roasteryFiles() throws -> [GeneratedFile] {
        let sources = try GoldenFileTests.sources("roastery")
        return try GoldenFileTests.generate(sources, access: .internal)
    }

    @Test("default isolation MainActor: generated types work on the main actor and off it")
    func mainActorDefaultIsolation() async throws {
        let main = """
        import CRMRuntime
        import Foundation

        @concurrent nonisolated func elsewhere(_ data: Data) async throws -> [String] {
            let lot = try GreenLot(json: data)
            _ = Registry.shared.object("green_lot")
            return lot.validate().map(\\.description)
        }
        let data = Data(#"{"id":"1","properties":{"lot_number":"LOT-1","price":"12.50","organic":"yes"}}"#.utf8)
        let here = try GreenLot(json: data).validate().map(\\.description)
        let there = try await elsewhere(data)
        print(here == there ? "same: \\(here.count)" : "different")
        """
        let output = try await GeneratedCodeProbe.run(try Self.roasteryFiles(), main: main, flags: ["-default-isolation", "MainActor"])
        #expect(output == "same: 2\n")
    }

    @Test("what is API: runtime helpers for generated code are not public", arguments: [
        "var issues: [ValidationIssue] = []\nValueRules.text(RecordProperties(), \"x\", required: true, into: &issues)",
        "_ = CompiledPattern(\"^a$\")",
        "_ = HubSpotValueFormat.bool(\"true\")",
        "_ = RecordRegistry(schema: Schema(objects: [], associations: []), recordTypes: [])",
        "_ = CRMNumber.checked(\"1\")",
    ])
    func helpersAreNotPublicAPI(use: String) async throws {
        await #expect(throws: GeneratedCodeProbe.Failure.self, "public without @_spi(Generated)") {
            _ = try await GeneratedCodeProbe.run([], main: "import CRMRuntime\n" + use)
        }
        // The same code with the SPI import compiles: the helpers exist, they are just not public API.
        _ = try await GeneratedCodeProbe.run([], main: "@_spi(Generated) import CRMRuntime\n" + use)
    }
}
