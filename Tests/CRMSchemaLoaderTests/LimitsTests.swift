import CRMModel
@testable import CRMSchemaLoader
import Foundation
import Testing

/// Every bound on hostile definition files (README's table "Limits"), at its default value: input
/// exactly at the limit is read, one step past it gets the diagnostic the table gives.
@Suite("Limits of definition files")
struct LimitsTests {
    static let limits = YAMLLimits()

    func parse(_ text: String, limits: YAMLLimits = LimitsTests.limits) -> String? {
        do {
            _ = try YAMLParser(limits: limits).parse(Array(text.utf8), file: "t.yaml")
            return nil
        } catch {
            return error.diagnostic.description
        }
    }

    @Test("file size: 8 MiB is read, a byte more is refused")
    func fileSize() {
        let head = "a: b\n"
        let atLimit = head + String(repeating: "#", count: Self.limits.maxFileSize - head.utf8.count - 1) + "\n"
        #expect(atLimit.utf8.count == 8 << 20)
        #expect(parse(atLimit) == nil)
        #expect(parse(atLimit + "\n") == "t.yaml:1:1: error: file is 8388609 bytes; definition files are limited to 8388608 bytes")
    }

    @Test("nesting: 64 levels are read, 65 are refused")
    func depth() {
        func nested(_ levels: Int) -> String { String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "\n" }
        #expect(parse(nested(Self.limits.maxDepth)) == nil)
        #expect(parse(nested(Self.limits.maxDepth + 1)) == "t.yaml:1:65: error: nesting is deeper than 64 levels, more than a definition file can need")
    }

    @Test("nodes: 250,000 are read, one more is refused")
    func nodes() {
        // A flow sequence of n scalars is n + 1 nodes.
        func sequence(_ nodes: Int) -> String { "[" + Array(repeating: "x", count: nodes - 1).joined(separator: ",") + "]\n" }
        #expect(parse(sequence(Self.limits.maxNodes)) == nil)
        let message = parse(sequence(Self.limits.maxNodes + 1))
        #expect(message?.hasSuffix("error: the document has more than 250000 nodes, more than a definition file can need") == true, "\(message ?? "nil")")
    }

    @Test("aliases: an expansion to 250,000 nodes is read, one more is refused")
    func aliasExpansion() {
        // An anchored sequence of 9 scalars (10 nodes), referenced r times inside an outer sequence:
        // 1 (outer) + 10 (anchor) + 10·r (aliases) + s (plain scalars to reach the count exactly).
        func document(_ nodes: Int) -> String {
            let references = (nodes - 11) / 10
            let scalars = nodes - 11 - 10 * references
            let items = ["&a [x,x,x,x,x,x,x,x,x]"] + Array(repeating: "*a", count: references) + Array(repeating: "y", count: scalars)
            return "[" + items.joined(separator: ",") + "]\n"
        }
        #expect(parse(document(Self.limits.maxNodes)) == nil)
        let message = parse(document(Self.limits.maxNodes + 10))
        #expect(message?.contains("error: alias '*a' expands the document past 250000 nodes; aliases are bounded") == true, "\(message ?? "nil")")
    }

    @Test("errors: 1,000 are listed; past that they are counted in a note")
    func errorCount() throws {
        func result(errors: Int) -> LoadResult {
            let keys = (0..<errors).map { "k\($0): 1\n" }.joined()
            // Each unknown key is one error; the object itself is otherwise valid.
            let text = "object: o\nkind: custom\nlabels: { singular: O, plural: Os }\nprimaryDisplayProperty: n\n"
                + "properties:\n  n: { label: N, type: string, fieldType: text }\n" + keys
            return SchemaLoader().load([DefinitionSource(path: "many.yaml", text: text)])
        }
        let atLimit = result(errors: DiagnosticLog.maximumErrors)
        #expect(atLimit.diagnostics.filter { $0.severity == .error }.count == 1_000)
        #expect(!atLimit.printed.contains("more errors not shown"))
        let past = result(errors: DiagnosticLog.maximumErrors + 1)
        #expect(past.diagnostics.filter { $0.severity == .error }.count == 1_000)
        #expect(past.printed.hasSuffix("note: 1 more errors not shown; crmgen lists the first 1000"), "\(past.printed.suffix(200))")
    }

    @Test("messages: 1,000 bytes are kept whole, longer ones are shortened")
    func messageLength() {
        func message(keyLength: Int) -> String {
            let log = DiagnosticLog()
            log.error("unknown key '\(String(repeating: "k", count: keyLength))'", at: nil)
            return log.diagnostics[0].message
        }
        let frame = "unknown key ''".utf8.count
        #expect(message(keyLength: DiagnosticLog.maximumMessageLength - frame).utf8.count == 1_000)
        #expect(!message(keyLength: DiagnosticLog.maximumMessageLength - frame).hasSuffix("(message shortened)"))
        #expect(message(keyLength: DiagnosticLog.maximumMessageLength - frame + 1).hasSuffix("… (message shortened)"))
    }

    @Test("unique properties: HubSpot's 10 per object are accepted, 11 are not")
    func uniqueProperties() {
        func load(unique: Int) -> LoadResult {
            let properties = (0..<unique).map { "  u\($0): { label: U\($0), type: string, fieldType: text, unique: true }\n" }.joined()
            let text = "object: o\nkind: custom\nlabels: { singular: O, plural: Os }\nprimaryDisplayProperty: u0\nproperties:\n" + properties
            return SchemaLoader().load([DefinitionSource(path: "o.yaml", text: text)])
        }
        #expect(load(unique: 10).schema != nil)
        #expect(load(unique: 11).printed == "o.yaml:16:3: error: 'o' has 11 unique properties; HubSpot allows at most 10 per object")
    }

    @Test("names: 100 characters are accepted, 101 are not (objects, properties, Swift names)")
    func nameLength() {
        func load(object: String = "o", property: String = "p", swiftName: String = "O") -> String {
            let text = "object: \(object)\nkind: custom\nswiftName: \(swiftName)\nlabels: { singular: O, plural: Os }\n"
                + "primaryDisplayProperty: \(property)\nproperties:\n  \(property): { label: P, type: string, fieldType: text }\n"
            return SchemaLoader().load([DefinitionSource(path: "o.yaml", text: text)]).printed
        }
        let limit = DefinitionRules.maxNameLength
        #expect(limit == 100)
        #expect(load(object: String(repeating: "o", count: limit), property: String(repeating: "p", count: limit),
                     swiftName: "O" + String(repeating: "k", count: limit - 1)) == "")
        let longObject = load(object: String(repeating: "o", count: limit + 1))
        #expect(longObject.contains("o.yaml:1:9: error: object name '\(String(repeating: "o", count: limit + 1))' must be lowercase snake_case: letters a-z, digits and underscores, starting with a letter, at most 100 characters"), "\(longObject)")
        let longProperty = load(property: String(repeating: "p", count: limit + 1))
        #expect(longProperty.contains("o.yaml:7:3: error: property name '\(String(repeating: "p", count: limit + 1))' must be lowercase snake_case"), "\(longProperty)")
        let longType = load(swiftName: "O" + String(repeating: "k", count: limit))
        #expect(longType.hasPrefix("o.yaml:3:12: error: "), "\(longType)")
        #expect(longType.contains("at most 100 characters"), "\(longType)")
    }

    @Test("properties: 5,000 per object are accepted, 5,001 are not")
    func propertiesPerObject() throws {
        func load(declared: Int) -> LoadResult {
            let properties = (0..<declared).map { "  p\($0): { label: P, type: string, fieldType: text }\n" }.joined()
            let text = "object: o\nkind: custom\nlabels: { singular: O, plural: Os }\nprimaryDisplayProperty: p0\nproperties:\n" + properties
            return SchemaLoader().load([DefinitionSource(path: "o.yaml", text: text)])
        }
        // A custom object also has HubSpot's own properties (hs_object_id, ...).
        let implicit = try #require(load(declared: 1).schema?.object(named: "o")?.properties.count) - 1
        let limit = SchemaResolver.maxPropertiesPerObject
        #expect(limit == 5_000)
        let atLimit = load(declared: limit - implicit)
        #expect(atLimit.printed == "")
        #expect(atLimit.schema?.object(named: "o")?.properties.count == limit)
        let past = load(declared: limit - implicit + 1).printed
        #expect(past.contains("error: 'o' has 5001 properties; crmgen's limit is 5000 per object"), "\(past)")
    }

    @Test("objects: 5,000 in one definition set are accepted, 5,001 are not")
    func objects() {
        func load(total: Int) -> LoadResult {
            let custom = total - SchemaLoader.standardSources.count
            return SchemaLoader().load((0..<custom).map { index in
                DefinitionSource(path: "o\(index).yaml", text: "object: o\(index)\nkind: custom\nlabels: { singular: O\(index), plural: O\(index)s }\n"
                                 + "primaryDisplayProperty: t\nproperties:\n  t: { label: T, type: string, fieldType: text }\n")
            })
        }
        let limit = SchemaResolver.maxObjects
        #expect(limit == 5_000)
        let atLimit = load(total: limit)
        #expect(atLimit.printed == "")
        #expect(atLimit.schema?.objects.count == limit)
        let past = load(total: limit + 1).printed
        #expect(past.hasSuffix("error: the definitions hold 5001 objects; crmgen's limit is 5000"), "\(past)")
    }
}
