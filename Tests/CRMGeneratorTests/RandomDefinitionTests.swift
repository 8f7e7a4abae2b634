import CRMDynamic
@testable import CRMGenerator
import CRMModel
import CRMRuntime
import CRMSchemaLoader
import Foundation
import PropertyBased
import TestSupport
import Testing

/// Definitions nobody wrote by hand, end to end: random definition sets (several per case, so that
/// one compiler run covers them) load without a diagnostic, their generated code compiles, random
/// valid records pass the generated validators, a record with one rule broken gets exactly that one
/// issue, and the dynamic validator agrees with the generated one on every record.
@Suite("Random definitions, compiled")
struct RandomDefinitionTests {
    /// Definition sets per compiler run.
    static let setsPerCase = 4

    @Test("random definitions validate clean, compile, and their validators find exactly the broken rule", .shrinking(false))
    func compiledValidators() async {
        await propertyCheck(count: 1, input: Gen.int(in: 0...Int.max)) { seed in await recordingErrors {
            var documents: [DefinitionDocument] = []
            for set in 0..<Self.setsPerCase {
                documents += RandomDefinitions.documents(seed: UInt64(seed) &+ UInt64(set), prefix: "s\(set)_", constraints: true, extendsContacts: false)
            }
            let sources = documents.map { DefinitionSource(path: "random/\($0.object).yaml", text: DefinitionWriter.yaml($0)) }
            let loaded = SchemaLoader().load(sources)
            #expect(loaded.diagnostics.isEmpty, "seed \(seed): \(loaded.diagnostics)")
            let schema = try #require(loaded.schema, "seed \(seed)")
            let objects = documents.compactMap { schema.object(named: $0.object) }

            var random = RandomDefinitions.Random(seed: UInt64(seed))
            var cases: [(object: ObjectSchema, record: RecordEnvelope, expected: ExpectedIssue?)] = []
            for object in objects {
                let properties = documents.first { $0.object == object.name }?.properties ?? []
                // Every other record breaks one rule, taking the object's possible mutations in turn.
                let mutations = RandomRecords.mutations(properties)
                for index in 0..<60 {
                    var record = RecordEnvelope(id: String(index), properties: RandomRecords.valid(properties, &random))
                    var expected: ExpectedIssue?
                    if index % 2 == 1, !mutations.isEmpty {
                        let mutation = mutations[(index / 2) % mutations.count]
                        mutation.apply(&record.properties, &random)
                        expected = mutation.expected
                    }
                    cases.append((object, record, expected))
                }
                #expect(mutations.count <= 30, "\(object.name) has \(mutations.count) mutations; 30 records cannot break each once")
            }

            let kinds = Set(cases.compactMap(\.expected?.kind))
            #expect(kinds.contains(.missingRequired), "seed \(seed): broken were only \(kinds.map(\.rawValue).sorted())")
            let generated = try await Self.generatedIssues(cases.map { ($0.object, $0.record) }, schema: schema, sources: sources)
            try #require(generated.count == cases.count, "the probe answered \(generated.count) of \(cases.count) records")
            for (index, item) in cases.enumerated() {
                let issues = generated[index]
                let found = issues.map { ExpectedIssue(property: $0.property, kind: $0.kind) }
                let context = "seed \(seed), \(item.object.name) \(item.record.properties)"
                #expect(found == (item.expected.map { [$0] } ?? []), "\(context): \(issues)")
                let received = try JSONDecoder().decode(RecordEnvelope.self, from: JSONEncoder().encode(item.record))
                #expect(DynamicValidator(object: item.object).validate(received) == issues, "dynamic and generated differ: \(context)")
            }
        } }
    }

    /// One issue a test expects: which property, which rule.
    struct ExpectedIssue: Hashable, CustomStringConvertible {
        var property: String
        var kind: ValidationIssue.Kind
        var description: String { "\(property): \(kind.rawValue)" }
    }

    /// Generates the objects' code, compiles it with a main that decodes each record as its
    /// generated type and prints what `validate()` says.
    static func generatedIssues(_ records: [(ObjectSchema, RecordEnvelope)], schema: Schema, sources: [DefinitionSource]) async throws -> [[ValidationIssue]] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-random-records-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: input) }
        let encoder = JSONEncoder()
        let lines = try records.map { object, record in [object.name, String(decoding: try encoder.encode(record), as: UTF8.self)] }
        try encoder.encode(lines).write(to: input)
        let cases = Set(records.map(\.0.name)).sorted().map { name in
            "    case \(SwiftSyntax.stringLiteral(name)): results.append(try JSONDecoder().decode(\(schema.object(named: name)?.swiftName ?? name).self, from: json).validate())"
        }
        let main = """
        import CRMRuntime
        import Foundation

        let items = try JSONDecoder().decode([[String]].self, from: Data(contentsOf: URL(fileURLWithPath: \(SwiftSyntax.stringLiteral(input.path)))))
        var results: [[ValidationIssue]] = []
        for item in items {
            let json = Data(item[1].utf8)
            switch item[0] {
        \(cases.joined(separator: "\n"))
            default: exit(3)
            }
        }
        print(String(decoding: try JSONEncoder().encode(results), as: UTF8.self))
        """
        let files = SwiftGenerator(options: GeneratorOptions(definitionFiles: sources.map(\.path))).generate(schema)
        let output = try await GeneratedCodeProbe.run(files, main: main)
        return try JSONDecoder().decode([[ValidationIssue]].self, from: Data(output.utf8))
    }
}

/// Records for random definitions: valid ones, and one-rule mutations of them.
enum RandomRecords {
    typealias Random = RandomDefinitions.Random

    /// A value for every required property and for some others; optional ones are sometimes `""` or null.
    static func valid(_ properties: [PropertySchema], _ random: inout Random) -> RecordProperties {
        var record = RecordProperties()
        for property in properties {
            switch property.required ? 0 : random.int(0...5) {
            case 0, 1, 2, 3: if let value = value(property, &random) { record[property.name] = value }
            case 4: record.setNull(property.name)
            default: record[property.name] = ""
            }
        }
        if random.int(0...3) == 0 { record["unlisted_property"] = random.text() }
        return record
    }

    /// A value that keeps every rule of the property.
    static func value(_ property: PropertySchema, _ random: inout Random) -> String? {
        if property.isOwner { return String(random.int(1...999_999_999)) }
        switch property.type {
        case .bool: return random.pick(["true", "false"])
        case .date: return String(format: "%04d-%02d-%02d", random.int(1970...2099), random.int(1...12), random.int(1...28))
        case .datetime:
            return random.bool() ? String(random.int(0...4_102_444_800_000))
                : String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", random.int(1970...2099), random.int(1...12), random.int(1...28),
                         random.int(0...23), random.int(0...59), random.int(0...59), random.int(0...999))
        case .number:
            if property.minimum != nil || property.maximum != nil {
                let low = property.minimum.map { Int($0.doubleValue) } ?? (property.maximum.map { Int($0.doubleValue) } ?? 0) - 100
                let high = property.maximum.map { Int($0.doubleValue) } ?? low + 100
                return String(random.int(low...high))
            }
            return random.pick(["0", "42", "-7.25", "1234.5", "123456789012345678901234567890", "0.000001"])
        case .enumeration:
            guard !property.options.isEmpty else { return random.text() }
            let values = property.options.map(\.value)
            guard property.isMultiSelect else { return random.pick(values) }
            return values.filter { _ in random.bool() }.joined(separator: ";").nonEmpty ?? values[0]
        case .string:
            if let pattern = property.pattern, let sample = RandomDefinitions.patterns.first(where: { $0.pattern == pattern }) {
                return sample.matching(&random)
            }
            if let format = property.format { return RandomDefinitions.formatted(format, &random) }
            if let minLength = property.minLength {
                return RandomDefinitions.letters(&random, random.int(minLength...(property.maxLength ?? minLength + 10)), "abcdé咖z")
            }
            return random.text()
        }
    }

    /// One way to break one rule of one property, and the issue it must give.
    struct Mutation {
        var expected: RandomDefinitionTests.ExpectedIssue
        var apply: (inout RecordProperties, inout Random) -> Void
    }

    /// Every single-rule mutation the properties allow.
    static func mutations(_ properties: [PropertySchema]) -> [Mutation] {
        var result: [Mutation] = []
        func add(_ property: PropertySchema, _ kind: ValidationIssue.Kind, _ value: @escaping (inout Random) -> String?) {
            result.append(Mutation(expected: .init(property: property.name, kind: kind)) { record, random in
                if let text = value(&random) { record[property.name] = text } else { record.remove(property.name) }
            })
        }
        for property in properties where !property.calculated {
            if property.required { add(property, .missingRequired) { _ in nil } }
            switch property.type {
            case .number:
                add(property, .malformedValue) { _ in "12abc" }
                if let minimum = property.minimum { add(property, .belowMinimum) { _ in String(Int(minimum.doubleValue) - 1) } }
                if let maximum = property.maximum { add(property, .aboveMaximum) { _ in String(Int(maximum.doubleValue) + 1) } }
            case .bool: add(property, .malformedValue) { _ in "maybe" }
            case .date: add(property, .malformedValue) { _ in "2023-02-29" }
            case .datetime: add(property, .malformedValue) { _ in "2024-11-20T25:00:00Z" }
            case .enumeration where !property.options.isEmpty && !property.isOwner:
                add(property, .unknownOption) { _ in "zz_unlisted" }
            case .string:
                if let pattern = property.pattern, let sample = RandomDefinitions.patterns.first(where: { $0.pattern == pattern }) {
                    add(property, .patternMismatch) { sample.notMatching(&$0) }
                }
                if let format = property.format { add(property, .invalidFormat) { _ in "not a \(format.rawValue)" } }
                if let minLength = property.minLength { add(property, .tooShort) { RandomDefinitions.letters(&$0, minLength - 1, "xé") } }
                if let maxLength = property.maxLength { add(property, .tooLong) { RandomDefinitions.letters(&$0, maxLength + 1, "xé") } }
            default: break
            }
        }
        return result
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
