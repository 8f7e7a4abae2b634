import CRMModel
@testable import CRMSchemaLoader
import Foundation
import Testing

/// Patterns that make ICU's backtracking take exponential time get a warning; the same shapes made
/// safe (possessive, atomic, bounded, escaped, quoted) do not.
@Suite("Patterns with nested repetition")
struct NestedRepetitionTests {
    @Test("a group repeated without bound that holds a repetition without bound is found", arguments: [
        "(a+)+", "^(?:(a+)+x|a*)$", #"(\w+\s?)*"#, "(x*){2,}", "((ab)*c)+", #"^(?:[a-z]+\.)+[a-z]+$"#, "(a|b+)*",
        "(?i:(a+))+", "(?<word>a+)+", "((a+))+", "([a-z]+?)+", "(a+)+?", "(a{1,})*",
    ])
    func found(pattern: String) throws {
        _ = try NSRegularExpression(pattern: pattern)  // a pattern the loader accepts
        #expect(NestedRepetition.isPresent(in: pattern))
    }

    @Test("bounded, possessive, atomic, escaped, quoted or commented repetitions are not", arguments: [
        #"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"#, "(a++)+", "(?>a+)+", "(a+){3}", "(a+){2,5}", "[(a+)+]", #"\(a+\)+"#, #"\Q(a+)+\E"#,
        "(?#(a+)(b)+", "^GL-[0-9]{4,}$", "(ab)+", "a+b+", "(?i)a+", "(a+)", "(a+)b{2,}", "^(?:EU|US|APAC)-[a-z]{3,8}$", "(a+)++",
        #"[\]]+(b)+"#, "x{2,}(y)*",
    ])
    func notFound(pattern: String) throws {
        _ = try NSRegularExpression(pattern: pattern)
        #expect(!NestedRepetition.isPresent(in: pattern))
    }

    @Test("the loader warns at the pattern's place and keeps the pattern")
    func warning() throws {
        let source = DefinitionSource(path: "Definitions/custom/thing.yaml", text: """
            object: thing
            kind: custom
            labels: { singular: Thing, plural: Things }
            primaryDisplayProperty: name
            properties:
              name: { label: Name, type: string, fieldType: text, pattern: "^(?:(a+)+x|a*)$" }
            """)
        let result = SchemaLoader().load([source])
        let schema = try #require(result.schema, "a warning, not an error: \(result.diagnostics)")
        #expect(schema.object(named: "thing")?.property(named: "name")?.pattern == "^(?:(a+)+x|a*)$")
        #expect(result.diagnostics.map(\.description) == [
            "Definitions/custom/thing.yaml:6:64: warning: pattern of property 'name' repeats a group that itself repeats without bound, as '(a+)+' does: "
                + "on a value that almost matches, matching can take exponential time, and a value the regular expression engine gives up on "
                + "counts as not matching; make the inner repetition possessive ('a++') or the group atomic ('(?>…)')",
        ])
    }
}
