import CRMModel
import TestSupport
import Testing

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test("5. echoed text cannot forge a line: control, separator and bidi characters are escaped in path and message")
    func escapesEchoedText() {
        let forged = Diagnostic.error("record 1\nfake.json:1: error: forged\u{1B}[2J", at: SourceLocation(file: "a\u{202E}b.json\r", line: 3, column: 7))
        #expect(forged.description == #"a\u{202E}b.json\u{D}:3:7: error: record 1\u{A}fake.json:1: error: forged\u{1B}[2J"#)
        #expect(!forged.description.contains("\n"))
        let hidden: [Unicode.Scalar] = ["\u{0}", "\u{9}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{2028}", "\u{2029}",
                                        "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{61C}"]
        for scalar in hidden {
            #expect(Diagnostic.escaped("x\(scalar)y") == "x\\u{\(String(scalar.value, radix: 16, uppercase: true))}y")
        }
    }

    @Test("5. ordinary text is printed as it is, non-ASCII letters and lone backslashes included")
    func keepsOrdinaryText() {
        for text in ["Röstung 12 – ☕️", #"^\d{4}$"#, #"C:\roast\batches"#, "a\\", "\u{A0}é\u{200B}", ""] {
            #expect(Diagnostic.escaped(text) == text)
        }
        #expect(Diagnostic.error("bad", at: SourceLocation(file: "records.ndjson", line: 7)).description == "records.ndjson:7: error: bad")
    }

    @Test("5. a backslash is doubled only where it would otherwise read as part of an escape")
    func backslashes() {
        #expect(Diagnostic.escaped(#"\u{1B}"#) == #"\\u{1B}"#)
        #expect(Diagnostic.escaped("\\\u{1B}") == #"\\\u{1B}"#)
        #expect(Diagnostic.escaped(#"a\\b"#) == #"a\\\b"#)
        #expect(Diagnostic.escaped(#"\u00e9"#) == #"\u00e9"#)
    }

    @Test("5. escaping is reversible and leaves nothing hidden, for any text")
    func reversible() {
        var random = SplitMix64(seed: 7)
        let alphabet: [Unicode.Scalar] = ["\\", "u", "{", "}", "a", "1", "B", "\n", "\u{1B}", "\u{7F}", "\u{85}", "\u{202E}", "\u{2028}", "é", "☕"]
        for _ in 0..<5_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 12) { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            let original = String(text)
            let escaped = Diagnostic.escaped(original)
            #expect(Self.unescape(escaped) == original, "\(original.debugDescription) → \(escaped.debugDescription)")
            #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" || $0 == "\u{2028}" })
        }
    }

    /// The rule as a reader applies it: `\\` is a backslash, `\u{…}` a character, any other `\` itself.
    static func unescape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "\\" {
                result.append("\\")
                index += 2
            } else if scalars[index] == "\\", index + 2 < scalars.count, scalars[index + 1] == "u", scalars[index + 2] == "{",
                      let close = scalars[(index + 3)...].firstIndex(of: "}"),
                      let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 3)..<close])), radix: 16),
                      let scalar = Unicode.Scalar(value) {
                result.append(scalar)
                index = close + 1
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}
