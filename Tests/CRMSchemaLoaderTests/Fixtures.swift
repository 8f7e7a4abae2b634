import CRMModel
import CRMSchemaLoader
import Foundation

/// The fixture corpus beside this file: `good/` definitions that must load cleanly and
/// `bad/` cases (a file or a folder) each with the exact diagnostics expected in `<case>.expected`.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let good = root.appendingPathComponent("good")
    static let bad = root.appendingPathComponent("bad")

    /// Names of the bad cases: `tab-indentation` for `tab-indentation.yaml`, `duplicate-object` for a folder.
    static var badCases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: bad.path)) ?? []
        return names.filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(".expected".count)) }.sorted()
    }

    static var goodFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: good.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The sources of a bad case, with paths relative to `bad/` as they appear in `.expected`.
    static func sources(ofBadCase name: String) throws -> [DefinitionSource] {
        let file = bad.appendingPathComponent(name + ".yaml")
        if FileManager.default.fileExists(atPath: file.path) {
            return [DefinitionSource(path: name + ".yaml", contents: Array(try Data(contentsOf: file)))]
        }
        let folder = bad.appendingPathComponent(name)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { fileName in
            DefinitionSource(path: "\(name)/\(fileName)", contents: Array(try Data(contentsOf: folder.appendingPathComponent(fileName))))
        }
    }

    static func expected(ofBadCase name: String) throws -> String {
        try String(contentsOf: bad.appendingPathComponent(name + ".expected"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
    }

    static func source(good name: String) throws -> DefinitionSource {
        DefinitionSource(path: name, contents: Array(try Data(contentsOf: good.appendingPathComponent(name))))
    }

    static var roastBatch: DefinitionSource {
        get throws {
            let url = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Definitions/custom/roast_batch.yaml")
            return DefinitionSource(path: "Definitions/custom/roast_batch.yaml", contents: Array(try Data(contentsOf: url)))
        }
    }
}

extension LoadResult {
    /// The diagnostics as `crmgen validate` prints them, one line each (notes included).
    var printed: String { diagnostics.map(\.description).joined(separator: "\n") }
}
