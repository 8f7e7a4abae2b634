import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// What generated code must never contain, and what its registry data must look like.
@Suite("Generated code shape")
struct GeneratedCodeShapeTests {
    /// The whole standard set and the roastery fixture, generated as an app with every type would.
    static func everything() throws -> [GeneratedFile] {
        let sources = try GoldenFileTests.sources("roastery")
        let result = SchemaLoader().load(sources)
        let schema = try #require(result.schema, "\(result.diagnostics)")
        let standard = schema.objects.compactMap(\.location?.file).filter { $0.hasPrefix(SchemaLoader.builtInPathPrefix) }
        return SwiftGenerator(options: GeneratorOptions(accessModifier: .public, definitionFiles: sources.map(\.path),
                                                        standardTypeFiles: standard)).generate(schema)
    }

    /// Code with string literals and comments taken out, so what is left is only Swift syntax.
    static func code(_ line: Substring) -> String {
        var text = String(line)
        if let literal = try? Regex(#""(?:\\.|[^"\\])*""#) { text = text.replacing(literal, with: "\"\"") }
        if let comment = text.range(of: "//") { text = String(text[..<comment.lowerBound]) }
        return text
    }

    @Test("no force unwrap, try! or fatalError in generated code")
    func noTraps() throws {
        let forceUnwrap = try Regex(#"[A-Za-z0-9_\)\]]!(?!=)"#)
        for file in try Self.everything() {
            for (number, line) in file.contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = Self.code(line)
                let trap = code.contains(forceUnwrap) || code.contains("try!") || code.contains("fatalError") || code.contains("preconditionFailure")
                #expect(!trap, "\(file.name):\(number + 1): \(line)")
            }
        }
    }

    @Test("every type or module that generated code names is one a definition cannot take as its type name")
    func reservedTypeNamesComplete() throws {
        let files = try Self.everything()
        let declaration = try Regex(#"\b(?:struct|enum|class|typealias|protocol)\s+([A-Z]\w*)"#)
        var named: Set<String> = []
        var declared: Set<String> = []
        // The generator's own declarations, which a type of the same name would collide with.
        var ownDeclarations: Set<String> = []
        for file in files {
            for line in file.contents.split(separator: "\n") {
                let code = Self.code(line).replacingOccurrences(of: "@_spi(Generated)", with: "")
                named.formUnion(Self.unqualifiedTypeNames(in: code))
                for match in code.matches(of: declaration) {
                    guard let name = match.output[1].substring.map(String.init) else { continue }
                    declared.insert(name)
                    if file.name == GeneratedFileNames.registry || file.name == GeneratedFileNames.associationMatrix { ownDeclarations.insert(name) }
                }
            }
        }
        #expect(named.contains("ObjectSchema") && named.contains("Foundation") && ownDeclarations.contains("Objects"), "the scan reads the code")
        let unreserved = named.subtracting(declared).union(ownDeclarations).subtracting(SwiftTypeNaming.reservedTypeNames)
        #expect(unreserved.isEmpty, "names generated code uses that a definition's swiftName or label could still take: \(unreserved.sorted())")
    }

    /// The identifiers of `code` that begin with a capital letter and do not follow a `.`.
    static func unqualifiedTypeNames(in code: String) -> [String] {
        var names: [String] = []
        var word = ""
        var afterDot = false
        for character in code + " " {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
                continue
            }
            if let first = word.first, first.isUppercase, !afterDot { names.append(word) }
            if !word.isEmpty || !character.isWhitespace { afterDot = character == "." }
            word = ""
        }
        return names
    }

    @Test("the registry is static Swift values a person can read and diff, one value a line")
    func readableRegistry() throws {
        let registry = try #require(try Self.everything().first { $0.name == GeneratedFileNames.registry })
        let lines = registry.contents.split(separator: "\n")
        #expect(lines.count > 3000, "the standard set spelled out")
        // Only a description, one text, may make a long line; nothing else holds more than one value.
        for line in lines where line.count > 200 {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("description: \""), "a long line: \(line.prefix(120))…")
        }
        #expect(registry.contents.contains("public static let contacts: ObjectSchema = contacts(file: \"<built-in>/contacts.yaml\")"))
        #expect(registry.contents.contains("private static func contacts(file: String) -> ObjectSchema {"), "a function, not a closure called in place")
        #expect(!registry.contents.contains("}()"), "no closure called in place: its statements would be type-checked all together")
        #expect(!registry.contents.contains("schemaJSON") && !registry.contents.contains("decodeSchema"))
    }

    @Test("registry lookups agree with the schema for every way of naming an object")
    func lookups() throws {
        let schema = try #require(SchemaLoader().load([]).schema)
        let index = schema.referenceIndex()
        for object in schema.objects {
            for reference in [object.name, object.swiftName, object.labels.plural, object.labels.singular.uppercased()] + [object.objectTypeId].compactMap({ $0 }) {
                let found = schema.object(matching: reference)
                #expect(found != nil, "\(reference)")
                if reference != object.name { #expect(index[reference] != nil || index[reference.lowercased()] != nil) }
            }
        }
        #expect(schema.object(matching: "0-14")?.name == "quotes")
        #expect(schema.object(matching: "LINE ITEMS")?.name == "line_items")
    }

    @Test("one file-name rule: the plugin and CRMModel compile the very same source file")
    func sharedFileNameRule() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.appendingPathComponent("Plugins/PluginsShared/GeneratedFileNames.swift").resolvingSymlinksInPath()
        let fromPlugin = root.appendingPathComponent("Plugins/CRMGenPlugin/PluginsShared/GeneratedFileNames.swift").resolvingSymlinksInPath()
        let fromModel = root.appendingPathComponent("Sources/CRMModel/Shared/GeneratedFileNames.swift").resolvingSymlinksInPath()
        #expect(fromPlugin.path == shared.path)
        #expect(fromModel.path == shared.path)
        let plugin = try String(contentsOf: root.appendingPathComponent("Plugins/CRMGenPlugin/CRMGenPlugin.swift"), encoding: .utf8)
        #expect(plugin.contains("GeneratedFileNames.assign("), "the plugin declares its outputs with the shared rule")
        #expect(!plugin.contains("crmgen-config.yaml\").") && !plugin.contains("split(separator: \"\\n\""), "the plugin reads no configuration")
    }

    /// Xcode's entry point cannot be compiled here (XcodeProjectPlugin exists only in Xcode): it must stay
    /// behind `canImport` and build its command with the SwiftPM path's function, never a rule of its own.
    @Test("the plugin's Xcode entry point makes the SwiftPM path's command")
    func xcodeEntryPointSharesTheCommand() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let xcode = try String(contentsOf: root.appendingPathComponent("Plugins/CRMGenPlugin/CRMGenPlugin+Xcode.swift"), encoding: .utf8)
        let plugin = try String(contentsOf: root.appendingPathComponent("Plugins/CRMGenPlugin/CRMGenPlugin.swift"), encoding: .utf8)
        let code = xcode.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
        #expect(code.first == "#if canImport(XcodeProjectPlugin)" && code.last == "#endif")
        #expect(xcode.contains("Self.generateCommand("))
        #expect(plugin.contains("Self.generateCommand("))
        #expect(!xcode.contains("GeneratedFileNames") && !xcode.contains(".buildCommand("), "one command, made in CRMGenPlugin.swift")
    }
}
