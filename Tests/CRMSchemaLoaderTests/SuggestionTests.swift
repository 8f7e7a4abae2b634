@testable import CRMSchemaLoader
import Testing

@Suite("did you mean")
struct SuggestionTests {
    @Test("close misspellings are suggested, far ones are not", arguments: [
        ("fieldtype", ["fieldType", "type"], "fieldType"),
        ("lable", ["label", "labels"], "label"),
        ("contact", ["contacts", "companies"], "contacts"),
        ("many-many", ["one-to-one", "many-to-many"], "many-to-many"),
        ("colour", ["label", "type"], nil),
        ("x", ["y"], "y"),
    ] as [(String, [String], String?)])
    func closest(word: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: word, among: candidates) == expected)
    }

    @Test("a transposition counts as one edit")
    func transposition() {
        #expect(Suggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }

    @Test("Swift type names come from labels")
    func typeNames() {
        #expect(Naming.typeName(fromLabel: "Roast Batch") == "RoastBatch")
        #expect(Naming.typeName(fromLabel: "Line item") == "LineItem")
        #expect(Naming.typeName(fromLabel: "e-mail") == "EMail")
        #expect(Naming.typeName(fromLabel: "3D print") == nil)
    }
}
