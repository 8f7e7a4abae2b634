import Foundation
import Testing
import TestSupport

@testable import CRMModel

/// `PropertySchema` keeps its rarely set settings out of line, in a list with a bit per setting.
/// These tests hold it to what a plain struct of optionals would do, whatever order settings are
/// set and cleared in.
@Suite("PropertySchema's out-of-line settings")
struct PropertySchemaStorageTests {
    /// The settings as plain optionals: what the out-of-line list must behave like.
    struct Reference: Equatable {
        var description: String?
        var groupName: String?
        var displayOrder: Int?
        var calculationFormula: String?
        var pattern: String?
        var minLength: Int?
        var maxLength: Int?
        var minimum: CRMNumber?
        var maximum: CRMNumber?
        var format: PropertyFormat?
        var numberDisplayHint: NumberDisplayHint?
        var referencedObjectType: String?
        var optionsLocation: CRMModel.SourceLocation?

        init(of property: PropertySchema) {
            description = property.description
            groupName = property.groupName
            displayOrder = property.displayOrder
            calculationFormula = property.calculationFormula
            pattern = property.pattern
            minLength = property.minLength
            maxLength = property.maxLength
            minimum = property.minimum
            maximum = property.maximum
            format = property.format
            numberDisplayHint = property.numberDisplayHint
            referencedObjectType = property.referencedObjectType
            optionsLocation = property.optionsLocation
        }

        init() {}

        /// The property the initializer makes from these settings.
        var property: PropertySchema {
            PropertySchema(
                name: "green_lot_number", label: "Green lot number", description: description, type: .string, fieldType: .text,
                groupName: groupName, displayOrder: displayOrder, calculationFormula: calculationFormula, pattern: pattern,
                minLength: minLength, maxLength: maxLength, minimum: minimum, maximum: maximum, format: format,
                numberDisplayHint: numberDisplayHint, referencedObjectType: referencedObjectType, optionsLocation: optionsLocation)
        }
    }

    /// Sets (or clears, for `nil`) setting number `slot` of 13 to a value drawn from `random`, in both.
    static func change(_ slot: Int, clear: Bool, _ property: inout PropertySchema, _ reference: inout Reference,
                       _ random: inout SplitMix64) {
        let text: String? = clear ? nil : "v\(random.next() % 1000) \\#( \u{1F600}"
        let number: Int? = clear ? nil : Int(truncatingIfNeeded: random.next() % 10_000) - 5_000
        switch slot {
        case 0: property.description = text; reference.description = text
        case 1: property.groupName = text; reference.groupName = text
        case 2: property.displayOrder = number; reference.displayOrder = number
        case 3: property.calculationFormula = text; reference.calculationFormula = text
        case 4: property.pattern = text; reference.pattern = text
        case 5: property.minLength = number; reference.minLength = number
        case 6: property.maxLength = number; reference.maxLength = number
        case 7: property.minimum = number.map { CRMNumber($0) }; reference.minimum = number.map { CRMNumber($0) }
        case 8: property.maximum = number.map { CRMNumber($0) }; reference.maximum = number.map { CRMNumber($0) }
        case 9:
            let format: PropertyFormat? = clear ? nil : PropertyFormat.allCases[Int(random.next() % UInt64(PropertyFormat.allCases.count))]
            property.format = format; reference.format = format
        case 10:
            let hint: NumberDisplayHint? = clear ? nil : NumberDisplayHint.allCases[Int(random.next() % UInt64(NumberDisplayHint.allCases.count))]
            property.numberDisplayHint = hint; reference.numberDisplayHint = hint
        case 11: property.referencedObjectType = text; reference.referencedObjectType = text
        default:
            let location = number.map { CRMModel.SourceLocation(file: "Definitions/custom/roast_batch.yaml", line: abs($0) + 1, column: 3) }
            property.optionsLocation = location; reference.optionsLocation = location
        }
    }

    @Test("every setting reads back what was last set, in any order of setting and clearing")
    func readsBackWhatWasSet() throws {
        for seed in UInt64(1)...200 {
            var random = SplitMix64(seed: seed)
            var property = Reference().property
            var reference = Reference()
            for _ in 0..<40 {
                let slot = Int(random.next() % 13)
                Self.change(slot, clear: random.next() % 3 == 0, &property, &reference, &random)
                #expect(Reference(of: property) == reference, "seed \(seed)")
            }
            // Built whole or changed step by step, the same settings make equal, equally hashed values.
            let built = reference.property
            #expect(property == built, "seed \(seed)")
            #expect(property.hashValue == built.hashValue, "seed \(seed)")
            let decoded = try JSONDecoder().decode(PropertySchema.self, from: JSONEncoder().encode(property))
            #expect(decoded == property, "seed \(seed)")
            #expect(Reference(of: decoded) == reference, "seed \(seed)")
        }
    }

    @Test("properties that differ in one setting are not equal, and a cleared setting is gone")
    func differsInOneSetting() {
        var random = SplitMix64(seed: 15)
        for slot in 0..<13 {
            var property = Reference().property
            var reference = Reference()
            Self.change(slot, clear: false, &property, &reference, &random)
            #expect(property != Reference().property, "slot \(slot)")
            Self.change(slot, clear: true, &property, &reference, &random)
            #expect(property == Reference().property, "slot \(slot)")
            #expect(Reference(of: property) == Reference(), "slot \(slot)")
        }
    }
}
