@testable import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation
import Testing

/// `generate(_:into:)` hands each file over as it is rendered, in pieces, and never holds a large
/// file whole: what keeps `crmgen generate` of thousands of objects in bounded memory.
@Suite("Generating in pieces")
struct StreamingTests {
    /// What a sink was handed, checked as it comes: a file begins, its pieces follow, it ends.
    struct Recorder: GeneratedFileSink {
        struct Misuse: Error, CustomStringConvertible { var description: String }

        var files: [GeneratedFile] = []
        var pieces: [String: [Int]] = [:]
        private var current: GeneratedFile?
        /// With a number, the sink fails at that piece (counted over all files).
        var failingAtPiece: Int?
        var piecesSeen = 0

        mutating func beginFile(named name: String) throws(Misuse) {
            if let current { throw Misuse(description: "\(name) begun before \(current.name) ended") }
            current = GeneratedFile(name: name, contents: "")
        }

        mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) throws(Misuse) {
            guard current != nil else { throw Misuse(description: "a piece outside any file") }
            piecesSeen += 1
            if piecesSeen == failingAtPiece { throw Misuse(description: "disk full") }
            current?.contents += String(decoding: utf8, as: UTF8.self)
            pieces[current?.name ?? "", default: []].append(utf8.count)
        }

        mutating func endFile() throws(Misuse) {
            guard let current else { throw Misuse(description: "an end outside any file") }
            files.append(current)
            self.current = nil
        }
    }

    /// `count` objects of 40 properties each (every type, patterns, options), associated with each other.
    static func schema(objects count: Int) throws -> (Schema, [String]) {
        let sources = (0..<count).map { index in
            var text = """
            object: item_\(index)
            kind: custom
            labels: { singular: Item \(index), plural: Items \(index) }
            primaryDisplayProperty: field_00
            properties:

            """
            for property in 0..<40 {
                let name = String(format: "field_%02d", property)
                switch property % 5 {
                case 0: text += "  \(name): { label: Field \(property), type: string, fieldType: text, maxLength: 200 }\n"
                case 1: text += "  \(name): { label: Field \(property), type: number, fieldType: number, minimum: 0, maximum: 1000 }\n"
                case 2: text += "  \(name): { label: Field \(property), type: date, fieldType: date }\n"
                case 3: text += "  \(name): { label: Field \(property), type: enumeration, fieldType: select, options: [alpha, beta, gamma] }\n"
                default: text += "  \(name): { label: Field \(property), type: string, fieldType: text, pattern: \"^[A-Z]{2}-[0-9]+$\" }\n"
                }
            }
            if index > 0 { text += "associations:\n  - { to: item_\(index - 1) }\n" }
            return DefinitionSource(path: "items/item_\(index).yaml", text: text)
        }
        let result = SchemaLoader(includesStandardDefinitions: false).load(sources)
        let schema = try #require(result.schema, "\(result.diagnostics)")
        return (schema, sources.map(\.path))
    }

    @Test("each file arrives between its beginning and its end, one at a time, and the pieces are the bytes of generate(_:)")
    func piecesMakeTheFiles() throws {
        let (schema, files) = try Self.schema(objects: 12)
        let generator = SwiftGenerator(options: GeneratorOptions(definitionFiles: files))
        var recorder = Recorder()
        try generator.generate(schema, into: &recorder)
        #expect(recorder.files.sorted { $0.name < $1.name } == generator.generate(schema))
        #expect(recorder.files.count == 12 + 3)
    }

    @Test("a Registry.swift of megabytes arrives in pieces of about 64 KiB: never whole, never held")
    func largeFileInPieces() throws {
        let (schema, files) = try Self.schema(objects: 120)
        var recorder = Recorder()
        try SwiftGenerator(options: GeneratorOptions(definitionFiles: files)).generate(schema, into: &recorder)
        let registry = try #require(recorder.files.first { $0.name == "Registry.swift" })
        let pieces = recorder.pieces["Registry.swift"] ?? []
        #expect(registry.contents.utf8.count > 1 << 20, "the test needs a registry of more than 1 MiB")
        // A piece is what filled the writer past 64 KiB: at most that and one object's schema.
        #expect(pieces.allSatisfy { $0 <= CodeWriter.flushThreshold + 32 * 1024 }, "largest piece: \(pieces.max() ?? 0) bytes")
        for file in recorder.files where file.name.hasPrefix("Item") {
            #expect(recorder.pieces[file.name]?.count == 1, "\(file.name): a small file in one piece")
        }
    }

    @Test("a sink's error ends the generation at once: nothing is handed over after it")
    func sinkErrorStops() throws {
        let (schema, files) = try Self.schema(objects: 120)
        let generator = SwiftGenerator(options: GeneratorOptions(definitionFiles: files))
        var complete = Recorder()
        try generator.generate(schema, into: &complete)
        let registryStart = complete.files.prefix { $0.name != "Registry.swift" }.reduce(0) { $0 + (complete.pieces[$1.name]?.count ?? 0) }

        var failing = Recorder()
        failing.failingAtPiece = registryStart + 3  // the third piece of Registry.swift
        #expect(throws: Recorder.Misuse.self) { try generator.generate(schema, into: &failing) }
        #expect(failing.piecesSeen == registryStart + 3)
        #expect(failing.files.map(\.name) == complete.files.prefix { $0.name != "Registry.swift" }.map(\.name))
    }
}
