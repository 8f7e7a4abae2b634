import CRMModel
import CRMSchemaLoader
import Testing

/// Every bad fixture yields exactly its expected diagnostics; every good one loads cleanly.
@Suite("Fixture corpus")
struct FixtureCorpusTests {
    @Test("the corpus is large enough to cover every check")
    func corpusSize() {
        #expect(Fixtures.badCases.count >= 30)
        #expect(Fixtures.goodFiles.count >= 4)
    }

    @Test("bad definitions give exact file:line:column diagnostics", arguments: Fixtures.badCases)
    func badCase(_ name: String) throws {
        let result = SchemaLoader().load(try Fixtures.sources(ofBadCase: name))
        #expect(result.schema == nil, "\(name) must not load")
        #expect(result.diagnostics.containsErrors)
        #expect(result.printed == (try Fixtures.expected(ofBadCase: name)))
    }

    @Test("good definitions load on top of the standard set without diagnostics", arguments: Fixtures.goodFiles)
    func goodCase(_ name: String) throws {
        let result = SchemaLoader().load([try Fixtures.source(good: name)])
        #expect(result.printed == "")
        #expect(result.schema != nil)
    }

    @Test("all good fixtures load together, with Roast Batch")
    func goodTogether() throws {
        let sources = try Fixtures.goodFiles.map(Fixtures.source(good:)) + [Fixtures.roastBatch]
        let result = SchemaLoader().load(sources)
        #expect(result.printed == "")
        #expect(result.schema?.object(named: "green_lot") != nil)
    }
}
