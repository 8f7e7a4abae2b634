@testable import CRMGenerator
@testable import CRMModel
import Foundation
import Testing

/// The generator's shortcuts give exactly what the general rules give: names, trimming, lengths.
@Suite("Spelling shortcuts")
struct SpellingShortcutTests {
    /// Every string of up to `length` characters over `alphabet`.
    static func strings(over alphabet: [String], upTo length: Int) -> [String] {
        var all: [String] = [""]
        var last: [String] = [""]
        for _ in 0..<length {
            last = last.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += last
        }
        return all
    }

    @Test("snake_case names and everything near them camel-case as SwiftNames does")
    func camelCase() {
        let alphabet = ["a", "z", "0", "9", "_", "B", "-"]
        for text in Self.strings(over: alphabet, upTo: 5) + ["field_00", "green_lot_number", "hs_object_id", "a__b_", "x_1st_crop", "café_x"] {
            #expect(SwiftSyntax.lowerCamelCase(text) == SwiftNames.lowerCamelCase(text), "\(text)")
            let upper = SwiftNames.upperCamelCase(text)
            #expect(SwiftSyntax.upperCamelCase(text) == (upper.isEmpty ? "Value" : upper), "\(text)")
        }
    }

    @Test("trimming is Foundation's trimmingCharacters(in: .whitespaces), for every character of the Basic Multilingual Plane")
    func trimming() {
        var differences: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["\(scalar)", "\(scalar)x\(scalar)", " \(scalar) ", "x\(scalar)\u{301}"] {
                if SwiftSyntax.trimmingWhitespace(text) != text.trimmingCharacters(in: .whitespaces) {
                    differences.append(String(value, radix: 16))
                }
            }
        }
        #expect(differences.isEmpty, "U+\(differences.prefix(20).joined(separator: ", U+"))")
    }

    @Test("the check of bytes finds exactly the characters that need an escape, in literals and in comments")
    func escapes() {
        var values = Array(UInt32(0)...0xFFFF)
        values += stride(from: UInt32(0x10000), through: 0x10FFFF, by: 0x3F)
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            // Short texts and long ones, the character at every place of an eight-byte word.
            let contexts = ["\(scalar)", "ab\(scalar)", "\(scalar)é", "—\(scalar)—", "12345678\(scalar)12345678", "123456789abcdef\(scalar)"]
            for text in contexts + (value % 97 == 0 ? (0..<8).map { String(repeating: "x", count: 8 + $0) + "\(scalar)" + "12345678" } : []) {
                let literal = !text.unicodeScalars.contains { $0 == "\"" || $0 == "\\" || SwiftSyntax.needsEscape($0) }
                let comment = !text.unicodeScalars.contains { $0 != "\t" && SwiftSyntax.needsEscape($0) }
                #expect(SwiftSyntax.hasNothingToEscape(text, allowing: .none) == literal, "U+\(String(value, radix: 16))")
                #expect(SwiftSyntax.hasNothingToEscape(text, allowing: .tabQuoteAndBackslash) == comment, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test("a length check from bytes agrees with counting characters")
    func lengths() {
        let pieces = ["a", "\r\n", "\r", "\n", "é", "e\u{301}", "👩‍👩‍👧", "🇫🇷", "\u{301}", " "]
        for text in Self.strings(over: pieces, upTo: 4) {
            for limit in 0...10 {
                #expect(SwiftSyntax.hasAtMost(limit, charactersIn: text) == (text.count <= limit), "\(text.debugDescription), \(limit)")
            }
        }
        let crlf = String(repeating: "x", count: 50) + "\r\n" + String(repeating: "x", count: 60)
        #expect(SwiftSyntax.hasAtMost(111, charactersIn: crlf) && !SwiftSyntax.hasAtMost(110, charactersIn: crlf))
        let accent = String(repeating: "x", count: 105) + "e\u{301}" + String(repeating: "x", count: 5)
        #expect(SwiftSyntax.hasAtMost(111, charactersIn: accent) && !SwiftSyntax.hasAtMost(110, charactersIn: accent))
        let long = String(repeating: "x", count: 200)
        #expect(SwiftSyntax.hasAtMost(200, charactersIn: long))
        #expect(!SwiftSyntax.hasAtMost(199, charactersIn: long))
        #expect(SwiftSyntax.hasAtMost(110, charactersIn: String(repeating: "é", count: 110)))
    }
    @Test("definition files named in snake_case get the file names the general rule gives")
    func fileStems() {
        let alphabet = ["a", "z", "0", "9", "_", "B", "-", "é"]
        for stem in Self.strings(over: alphabet, upTo: 4) + ["roast_batch", "bench_object_00003", "a__b_", "x_1st_crop"] {
            let general = SwiftNames.upperCamelCase(stem, asciiOnly: false)
            if let shortcut = GeneratedFileNames.snakeCaseUpperCamelCase(Substring(stem)) {
                #expect(shortcut == general, "\(stem)")
            }
            #expect(GeneratedFileNames.stem(ofDefinition: "Definitions/\(stem).yaml") == (general.isEmpty ? "Definition" : general), "\(stem)")
        }
    }

    @Test("a definition's stem is found on the bytes as it was on characters, wherever the two can agree")
    func stemsOfPaths() {
        // The rule as it was: the last of the path's components, split into Characters.
        func reference(_ path: String) -> String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            var stem = Substring(name)
            for suffix in [".yaml", ".yml"] where stem.hasSuffix(suffix) {
                stem = stem.dropLast(suffix.count)
                break
            }
            let camel = SwiftNames.upperCamelCase(stem, asciiOnly: false)
            return camel.isEmpty ? "Definition" : camel
        }
        let pieces = ["/", "a", "_", ".", "yaml", "yml", "é", "B", " "]
        for path in Self.strings(over: pieces, upTo: 5) {
            #expect(GeneratedFileNames.stem(ofDefinition: path) == reference(path), "\(path.debugDescription)")
        }
        // Where a combining mark joins '/' to one Character, or a prepended mark joins '.', the file system
        // still splits there: so does the stem (the rule on Characters kept the whole path, or the extension).
        #expect(GeneratedFileNames.stem(ofDefinition: "Definitions/a/\u{301}roast_batch.yaml") == "RoastBatch")
        #expect(GeneratedFileNames.stem(ofDefinition: "Definitions/lot\u{600}.yaml") == "Lot")
        #expect(GeneratedFileNames.stem(ofDefinition: "Definitions/roast_batch.\u{301}yaml") == "RoastBatchYaml")
        #expect(GeneratedFileNames.stem(ofDefinition: "Definitions/roast_batch.yaml\u{301}") == "RoastBatchYaml\u{301}")
    }

    @Test("doc lines and comments written in pieces are the lines of the whole text")
    func citedLines() {
        let labels = ["Lot", "Lot — “green”", " padded", "trailing ", "two\nlines", "tab\there", "", "é", "back\\slash \"q\"", "\u{202E}"]
        let files: [String?] = ["Definitions/lot.yaml", "odd\u{202E}name.yaml", "line\nbreak.yaml", "tab\t.yaml", nil]
        for file in files {
            let citation = Citation(file: file, line: 7)
            var pieces = CodeWriter()
            pieces.comment("lot_number", citation)
            var whole = CodeWriter()
            whole.comment("lot_number — \(citation.text)")
            #expect(pieces.take() == whole.take(), "\(String(describing: file))")
            for label in labels {
                for traits in ["", " (required, unique)"] {
                    let accessor = PropertyAccessor(swiftName: "lotNumber", jsonName: "lot_number", kind: .string, label: label, traits: traits,
                                                    source: citation, description: nil)
                    var accessorText = CodeWriter()
                    PropertyRenderer.writeAccessor(accessor, access: "", into: &accessorText)
                    var summary = CodeWriter()
                    summary.documentation(accessor.summary)
                    let written = accessorText.take(), expected = summary.take()
                    #expect(Array(written.prefix(expected.count)) == expected, "\(label.debugDescription), \(String(describing: file))")
                }
            }
        }
    }
}
