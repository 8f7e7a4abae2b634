import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// Reference tests: fixture definitions → the exact Swift files under Expected/.
/// After an intended change to generated code, re-record with `CRMGEN_RECORD=1 swift test`
/// and review the diff of Expected/ like any other code change.
@Suite("Generated code, byte for byte")
struct GoldenFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func sources(_ fixture: String) throws -> [DefinitionSource] {
        let folder = root.appendingPathComponent("Fixtures/\(fixture)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            DefinitionSource(path: "\(fixture)/\(name)", contents: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    static func generate(_ sources: [DefinitionSource], access: GeneratorOptions.AccessModifier = .public) throws -> [GeneratedFile] {
        let result = SchemaLoader(includesStandardDefinitions: false).load(sources)
        let schema = try #require(result.schema, "\(result.diagnostics)")
        return SwiftGenerator(options: GeneratorOptions(accessModifier: access, definitionFiles: sources.map(\.path))).generate(schema)
    }

    @Test("the roastery fixture generates exactly the expected files")
    func roastery() throws {
        let files = try Self.generate(Self.sources("roastery"))
        let expectedFolder = Self.root.appendingPathComponent("Expected/roastery")
        if ProcessInfo.processInfo.environment["CRMGEN_RECORD"] == "1" {
            for file in files {
                try Data(file.contents.utf8).write(to: expectedFolder.appendingPathComponent(file.name))
            }
            Issue.record("recorded \(files.count) expected files; run the tests again without CRMGEN_RECORD")
            return
        }
        let expectedNames = try FileManager.default.contentsOfDirectory(atPath: expectedFolder.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.map(\.name) == expectedNames)
        for file in files {
            let expected = (try? String(contentsOf: expectedFolder.appendingPathComponent(file.name), encoding: .utf8)) ?? ""
            if let difference = TextDifference.first(expected: expected, actual: file.contents) {
                Issue.record("\(file.name) differs from Expected/roastery/\(file.name):\n\(difference)")
            }
        }
    }

    @Test("the same definitions in any order give the same bytes")
    func orderIndependent() throws {
        let sources = try Self.sources("roastery")
        #expect(try Self.generate(sources) == Self.generate(sources.reversed()))
    }

    @Test("the access modifier reaches every declaration")
    func accessModifier() throws {
        let internalFiles = try Self.generate(Self.sources("roastery"), access: .internal)
        let lot = try #require(internalFiles.first { $0.name == "GreenLot.swift" })
        #expect(lot.contents.contains("\nnonisolated struct GreenLot: CRMRecord {"))
        #expect(!lot.contents.contains("public "))
        let packageFiles = try Self.generate(Self.sources("roastery"), access: .package)
        #expect(packageFiles.first { $0.name == "GreenLot.swift" }?.contents.contains("package nonisolated struct GreenLot") == true)
    }

    @Test("file names follow definition file names")
    func fileNames() {
        func name(_ path: String) -> String { GeneratedFileNames.assign([path])[0].file }
        #expect(name("Definitions/custom/roast_batch.yaml") == "RoastBatch.swift")
        #expect(name("line-items.yml") == "LineItems.swift")
        #expect(name("<built-in>/contacts.yaml") == "Contacts.swift")
        #expect(name("3d_prints.yaml") == "_3dPrints.swift")
        #expect(name("café.yaml") == "Café.swift")
        #expect(name("咖啡.yaml") == "咖啡.swift")
        #expect(name("---.yaml") == "Definition.swift")
        #expect(name("registry.yaml") == "Registry_2.swift", "a fixed file keeps its name")
    }

    @Test("one file-name rule: two definition files with one name get distinct Swift files, in path order")
    func oneFileNameRule() throws {
        let a = DefinitionSource(path: "a/green_lot.yaml", text: "object: a_lot\nkind: custom\nlabels: {singular: A, plural: As}\nprimaryDisplayProperty: n\nproperties:\n  n: {label: N, type: string, fieldType: text}\n")
        let b = DefinitionSource(path: "b/green_lot.yaml", text: "object: b_lot\nkind: custom\nlabels: {singular: B, plural: Bs}\nprimaryDisplayProperty: n\nproperties:\n  n: {label: N, type: string, fieldType: text}\n")
        let c = DefinitionSource(path: "c/GreenLot.yaml", text: "object: c_lot\nkind: custom\nlabels: {singular: C, plural: Cs}\nprimaryDisplayProperty: n\nproperties:\n  n: {label: N, type: string, fieldType: text}\n")
        let files = try Self.generate([c, b, a])
        #expect(files.map(\.name).filter { $0.hasPrefix("GreenLot") } == ["GreenLot.swift", "GreenLot_2.swift", "GreenLot_3.swift"])
        #expect(files.first { $0.name == "GreenLot.swift" }?.contents.contains("struct A: CRMRecord") == true)
        #expect(files.first { $0.name == "GreenLot_2.swift" }?.contents.contains("struct B: CRMRecord") == true)
        #expect(files.first { $0.name == "GreenLot_3.swift" }?.contents.contains("struct C: CRMRecord") == true, "case-insensitively the same name")
        #expect(try Self.generate([a, b, c]) == files)
    }
}

/// The first differing line of two texts, with a little context, for readable failures.
enum TextDifference {
    static func first(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let context = max(0, index - 2)
        var lines = ["first difference at line \(index + 1):"]
        for line in context..<index { lines.append("    \(old[line])") }
        if index < old.count { lines.append("  - \(old[index])") }
        if index < new.count { lines.append("  + \(new[index])") }
        lines.append("(expected \(old.count) lines, generated \(new.count))")
        return lines.joined(separator: "\n")
    }
}
