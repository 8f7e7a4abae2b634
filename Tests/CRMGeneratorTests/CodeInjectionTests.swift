@testable import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation
import PropertyBased
import TestSupport
import Testing

/// No definition can inject code: random texts over a hostile alphabet go into every place a
/// definition's text reaches generated code — labels, descriptions (doc comments), option labels
/// and values, association labels, patterns — and the generated code compiles, and every text reads
/// back from the compiled registry and types exactly as it went in.
@Suite("Code injection")
struct CodeInjectionTests {
    /// Pieces of text that break naive generators: raw-string and interpolation delimiters, comment
    /// ends, every kind of line break, control and bidirectional characters, non-ASCII and emoji.
    static let hostilePieces = [
        "\\", "#", "\"", "\"\"\"", "\\#(", "\\(", "\\##(", ")", "{", "}", "/*", "*/", "//", "\n", "\r", "\r\n", "\t",
        "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "é", "中", "😀", "👩‍👩‍👧", "\u{2028}", "\u{2029}", "\u{202E}",
        "$", "'", "a", " ", "x", "#\"", "\"#", "\\#", "##", "\"\"\"#", "1 + 2", "fatalError()",
    ]

    static let hostileText = Gen.element(of: hostilePieces).map { $0 ?? "" }.array(of: 0...9).map { $0.joined() }

    /// The objects' names: the first is `file`, the name of the constant that holds each object's path
    /// in the registry (its own constant, `Registry.Objects.file`, must not get in the way).
    static let names = ["file", "probe_1", "probe_2"]

    /// Three objects whose every text, and the path of whose file, is hostile; `texts` holds 48 of them.
    static func definitions(_ texts: [String]) -> [DefinitionSource] {
        var next = texts.makeIterator()
        func text() -> String { next.next() ?? "" }
        return (0..<3).map { index in
            let name = names[index]
            let target = names[(index + 1) % 3]
            let options = (0..<3).map { option in "      - { value: \(YAMLText.quoted("o\(option)" + text())), label: \(YAMLText.quoted(text())) }" }
            let yaml = """
            object: \(name)
            kind: custom
            swiftName: Probe\(index)
            labels: { singular: \(YAMLText.quoted(text())), plural: \(YAMLText.quoted(text())) }
            description: \(YAMLText.quoted(text()))
            primaryDisplayProperty: note
            properties:
              note:
                label: \(YAMLText.quoted(text()))
                description: \(YAMLText.quoted(text()))
                type: string
                fieldType: text
                pattern: \(YAMLText.quoted(NSRegularExpression.escapedPattern(for: "p" + text())))
              tone:
                label: \(YAMLText.quoted(text()))
                type: enumeration
                fieldType: checkbox
                options:
            \(options.joined(separator: "\n"))
            associations:
              - to: \(target)
                labels:
                  - { name: hostile, label: \(YAMLText.quoted(text())), inverseLabel: \(YAMLText.quoted(text())) }

            """
            return DefinitionSource(path: "probe/\(name)\(text()).yaml", text: yaml)
        }
    }

    /// Prints what the compiled code holds: the registry's schema and the generated enums and patterns.
    static let probeMain = """
    @_spi(Generated) import CRMRuntime
    import Foundation

    struct Readback: Encodable {
        var schema: Schema
        var enums: [String: [String]]
        var patterns: [String: String]
    }
    let readback = Readback(
        schema: Registry.schema,
        enums: ["file": Probe0.Tone.knownValues.map(\\.rawValue), "probe_1": Probe1.Tone.knownValues.map(\\.rawValue),
                "probe_2": Probe2.Tone.knownValues.map(\\.rawValue)],
        patterns: ["file": Probe0.notePattern.pattern, "probe_1": Probe1.notePattern.pattern, "probe_2": Probe2.notePattern.pattern]
    )
    print(String(decoding: try JSONEncoder().encode(readback), as: UTF8.self))
    """

    struct Readback: Decodable {
        var schema: Schema
        var enums: [String: [String]]
        var patterns: [String: String]
    }

    @Test("hostile texts compile and read back exactly", .shrinking(false))
    func hostileTextsReadBack() async throws {
        await propertyCheck(count: 2, input: Self.hostileText.array(of: 48)) { texts in await recordingErrors {
            let sources = Self.definitions(texts)
            let loaded = SchemaLoader(includesStandardDefinitions: false).load(sources)
            let schema = try #require(loaded.schema, "\(loaded.diagnostics)")
            let files = SwiftGenerator(options: GeneratorOptions(accessModifier: .public, definitionFiles: sources.map(\.path))).generate(schema)
            let output = try await GeneratedCodeProbe.run(files, main: Self.probeMain)
            let readback = try JSONDecoder().decode(Readback.self, from: Data(output.utf8))
            for object in schema.objects {
                let compiled = try #require(readback.schema.object(named: object.name))
                #expect(compiled.labels == object.labels)
                #expect(compiled.location == object.location, "the object's file, named once in its closure")
                #expect(compiled.description == object.description)
                for property in object.properties {
                    let other = compiled.property(named: property.name)
                    #expect(other?.label == property.label && other?.description == property.description && other?.pattern == property.pattern)
                    #expect(other?.options == property.options)
                    #expect(other?.location == property.location)
                }
                let tone = try #require(object.property(named: "tone"))
                #expect(readback.enums[object.name] == tone.options.map(\.value), "enum raw values")
                #expect(readback.patterns[object.name] == object.property(named: "note")?.pattern, "compiled patterns")
            }
            #expect(readback.schema.associations.map(\.labels) == schema.associations.map(\.labels))
        } }
    }

    @Test("raw multi-line literals (crmgen-embed's) read back as the text, whatever # and \\ it holds", .shrinking(false))
    func rawLiteralsReadBack() async throws {
        await propertyCheck(count: 2, input: Self.hostileText.array(of: 40)) { texts in await recordingErrors {
            let literals = texts.map(SwiftLiteral.rawMultiline).joined(separator: ",\n")
            let main = """
            import Foundation
            let texts: [String] = [
            \(literals)
            ]
            print(String(decoding: try JSONEncoder().encode(texts), as: UTF8.self))
            """
            let output = try await GeneratedCodeProbe.run([], main: main)
            #expect(try JSONDecoder().decode([String].self, from: Data(output.utf8)) == texts)
        } }
    }

    @Test("the delimiter counts # after \\ as well as after \"")
    func delimiterCountsBackslashes() {
        #expect(SwiftSyntax.longestHashRun(afterQuoteOrBackslashIn: ##"Notes \#(1 + 2) here"##) == 1)
        #expect(SwiftSyntax.multilineLiteral(##"Notes \#(1 + 2) here"##).hasPrefix("##\"\"\""))
        #expect(SwiftSyntax.multilineLiteral("a\rb") == #""a\rb""#, "a carriage return cannot stay raw in a multi-line literal")
    }
}
