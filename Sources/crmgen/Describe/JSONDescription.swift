import CRMModel
import Foundation

/// `--format json`: stable output (sorted keys) for tools.
enum JSONDescription {
    static func render(_ objects: [ObjectSchema], in schema: Schema, single: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let descriptions = objects.map { ObjectDescription($0, in: schema) }
        let data = single ? try encoder.encode(descriptions[0]) : try encoder.encode(["objects": descriptions])
        return String(decoding: data, as: UTF8.self)
    }
}
