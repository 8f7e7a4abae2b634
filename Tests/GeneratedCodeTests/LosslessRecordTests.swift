import CRMObjects
import Foundation
import PropertyBased
import TestSupport
import Testing

/// Every value decoded from HubSpot JSON encodes back to the same value: random valid records —
/// numbers with any digits, dates as days or epoch milliseconds, datetimes in any zone, multi-select
/// values in any order, `""` and `null` — go through the generated type and come back identical.
@Suite("Lossless records")
struct LosslessRecordTests {
    /// Valid texts of each kind, in the many forms HubSpot (or a client) may write them.
    static let numbers = ["0", "-0", "007", "12.50", "9007199254740993", "123456789012345678901234567890", "-3.14159265358979323846",
                          "0.0000001", "100.000", "1"]
    static let dates = ["2024-11-20", "1582416000000", "0001-01-01", "9999-12-31", "2024-02-29", "-0", "001582416000000", "0000-01-01"]
    static let datetimes = ["2024-11-20T20:12:09.236Z", "2024-11-20T20:12:09Z", "2024-11-20t20:12:09.1+01:00", "1732133529236",
                            "2024-11-20T23:59:60.999999999-23:59", "0"]
    static let texts = ["plain", "é 中 😀", "\"quoted\" \\ backslash", "line\nbreak\r\n", "\u{0}\u{1B}", " padded ", "#1"]

    static func values(for property: PropertySchema) -> [String] {
        switch ValidationPlan(property).kind {
        case .number: numbers
        case .date: dates
        case .datetime: datetimes
        case .bool: ["true", "false"]
        case .option: property.options.map(\.value) + ["not-an-option"]
        case .options:
            property.options.map(\.value) + [property.options.reversed().map(\.value).joined(separator: ";"),
                                             ";" + (property.options.first?.value ?? ""), "a;;b;", "x;x"]
        case .text: texts
        }
    }

    /// A record of `object` with a random subset of properties: valid values, `""`, `null`, unknown ones.
    static func record(of object: ObjectSchema, picks: [Int]) -> [String: Any] {
        var properties: [String: Any] = [:]
        var pick = picks.makeIterator()
        for property in object.properties {
            let choice = pick.next() ?? 0
            let values = values(for: property)
            switch choice % (values.count + 3) {
            case values.count: properties[property.name] = ""
            case values.count + 1: properties[property.name] = NSNull()
            case values.count + 2: continue
            case let index: properties[property.name] = values[index]
            }
        }
        properties["portal_only"] = texts[(picks.last ?? 0) % texts.count]
        properties["portal_null"] = NSNull()
        return ["id": "42", "properties": properties, "createdAt": datetimes[(picks.first ?? 0) % datetimes.count], "archived": false]
    }

    static let picks = Gen.int(in: 0...1000).array(of: 40)

    static func properties(_ data: Data) throws -> NSDictionary? {
        try (JSONSerialization.jsonObject(with: data) as? [String: Any])?["properties"] as? NSDictionary
    }

    @Test("random valid records: decode → encode gives identical properties (RoastBatch)")
    func roastBatch() async {
        await propertyCheck(count: 300, input: Self.picks) { picks in await recordingErrors {
            let json = try JSONSerialization.data(withJSONObject: Self.record(of: RoastBatch.schema, picks: picks))
            let sent = try Self.properties(json)
            for batch in [try RoastBatch(json: json), try JSONDecoder().decode(RoastBatch.self, from: json)] {
                #expect(try Self.properties(JSONEncoder().encode(batch)) == sent)
                // Writing back what was read leaves the text as it was.
                var same = batch
                same.roastDate = batch.roastDate
                same.flavorProfile = batch.flavorProfile
                same.qualityScore = batch.qualityScore
                same.roastedAt = batch.roastedAt
                same.releasedForSale = batch.releasedForSale
                #expect(same == batch)
            }
        } }
    }

    @Test("random valid records of a standard object and of the hostile fixture come back identical")
    func others() async {
        await propertyCheck(count: 100, input: Self.picks) { picks in await recordingErrors {
            let deal = try JSONSerialization.data(withJSONObject: Self.record(of: Deal.schema, picks: picks))
            #expect(try Self.properties(JSONEncoder().encode(try Deal(json: deal))) == Self.properties(deal))
            let hostile = try #require(Registry.shared.object("hostile_thing"))
            let thing = try JSONSerialization.data(withJSONObject: Self.record(of: hostile, picks: picks))
            #expect(try Self.properties(JSONEncoder().encode(try HostileThing(json: thing))) == Self.properties(thing))
        } }
    }

    @Test("clearing a property writes \"\", and setting nil leaves it out")
    func clearing() throws {
        var batch = RoastBatch(id: "1")
        batch.qualityScore = 91
        batch.roastLevel = .dark
        batch.clear(.qualityScore)
        batch.roastLevel = nil
        let sent = try #require(try Self.properties(JSONEncoder().encode(batch)))
        #expect(sent["quality_score"] as? String == "")
        #expect(sent["roast_level"] == nil)
        #expect(batch.qualityScore == nil)
        batch.clear(named: "portal_only")
        #expect(batch.properties.entry("portal_only") == .empty)
        #expect(batch.validate().map(\.property).contains("batch_name"), "a cleared value is no value")
    }

    @Test("numbers keep every digit; hs_object_id is exact, never floating point")
    func exactNumbers() throws {
        let json = Data(#"{"id":"9007199254740993","properties":{"hs_object_id":"9007199254740993","quality_score":"1e-07","green_weight_kg":"0.0000001"}}"#.utf8)
        let batch = try RoastBatch(json: json)
        #expect(batch.hsObjectId?.text == "9007199254740993")
        #expect(batch.hsObjectId == CRMNumber("9007199254740993") && batch.hsObjectId != CRMNumber("9007199254740992"))
        #expect(batch.qualityScore == nil && batch.malformedProperties["quality_score"] == "1e-07", "an exponent is not HubSpot's number syntax")
        #expect(try Self.properties(JSONEncoder().encode(batch)) == Self.properties(json))
        #expect(batch.greenWeightKg == CRMNumber(1e-7))
    }
}
