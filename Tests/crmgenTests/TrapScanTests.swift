import Foundation
import Testing

/// No input can crash crmgen: the sources of the CLI, the plugin and the libraries, and the code
/// crmgen generates, hold no `fatalError`, `precondition`, `try!`, `as!` or force unwrap outside
/// an allow-list that gives each entry its reason.
@Suite("No traps reachable from input")
struct TrapScanTests {
    /// `path: the line, trimmed` → why it cannot trap on input. Empty today; an entry needs a reason
    /// a reviewer accepts (an invariant the code itself establishes, never "the input is valid").
    static let allowed: [String: String] = [:]

    /// One place that could trap.
    struct Trap: CustomStringConvertible, Equatable {
        var file: String
        var line: Int
        var text: String

        var key: String { "\(file): \(text)" }
        var description: String { "\(file):\(line): \(text)" }
    }

    @Test("the scanner finds each kind of trap in code and none in strings or comments")
    func scannerFindsTraps() {
        let source = #"""
        let a = values.first!            // 1
        let b = try! parse(text)         // 2
        let c = thing as! String         // 3
        fatalError("no")                 // 4
        precondition(x > 0)              // 5
        let d = map[key]!.count          // 6
        // let e = comment.only!
        /* nested /* block */ x! */
        let f = "a string with x! and try! inside"
        let g = #"raw "quoted" y!"#
        let h = """
            multi-line z!
            """
        let i = !flag && a != b          // prefix not and != are fine
        let j = (a)?.b                   // optional chaining is fine
        """#
        let found = Self.traps(in: source, file: "sample.swift").map(\.line)
        #expect(found == [1, 2, 3, 4, 5, 6])
    }

    @Test("Sources and Plugins hold no trap outside the allow-list")
    func sources() throws {
        var traps: [Trap] = []
        for folder in ["Sources", "Plugins"] {
            for file in Self.swiftFiles(under: CommandRunner.repositoryRoot.appendingPathComponent(folder)) {
                let text = try String(contentsOf: file, encoding: .utf8)
                traps += Self.traps(in: text, file: String(file.path.dropFirst(CommandRunner.repositoryRoot.path.count + 1)))
            }
        }
        let unexplained = traps.filter { Self.allowed[$0.key] == nil }
        #expect(unexplained.isEmpty, "\(unexplained.map(\.description).joined(separator: "\n"))")
        let stale = Set(Self.allowed.keys).subtracting(traps.map(\.key))
        #expect(stale.isEmpty, "allow-list entries that match nothing: \(stale.sorted())")
    }

    @Test("generated code holds no trap, for the definitions of this repository and hostile ones")
    func generatedCode() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-traps-\(UUID().uuidString)")
        let hostile = CommandRunner.repositoryRoot.appendingPathComponent("Tests/GeneratedCodeTests/Definitions").path
        let result = try CommandRunner.run(["generate", "--output", output.path, "--include-standard-types",
                                            "--definitions", "Definitions", "--definitions", hostile])
        #expect(result.status == 0, "\(result.stderr)")
        let files = Self.swiftFiles(under: output)
        #expect(files.count > 30)
        for file in files {
            let traps = Self.traps(in: try String(contentsOf: file, encoding: .utf8), file: file.lastPathComponent)
            #expect(traps.isEmpty, "\(traps.map(\.description).joined(separator: "\n"))")
        }
    }

    static func swiftFiles(under folder: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            if url.pathExtension == "swift" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    // MARK: The scanner

    /// A call that stops the program, or `!` right after a name, `)` or `]` (a force unwrap) that
    /// does not begin `!=`.
    static var pattern: Regex<(Substring, Substring?)> { #/\bfatalError\(|\bprecondition(Failure)?\(|\btry!|\bas!|[\w\)\]]!(?!=)/# }

    /// The traps of a Swift source, strings and comments blanked out first.
    static func traps(in source: String, file: String) -> [Trap] {
        let code = blankingStringsAndComments(source)
        let original = source.split(separator: "\n", omittingEmptySubsequences: false)
        return code.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard line.contains(pattern) else { return nil }
            let text = index < original.count ? original[index].trimmingCharacters(in: .whitespaces) : ""
            return Trap(file: file, line: index + 1, text: text)
        }
    }

    /// The source with every comment and string literal (plain, multi-line, raw) replaced by spaces,
    /// line breaks kept, so that what remains is code at its original lines.
    static func blankingStringsAndComments(_ source: String) -> String {
        let scalars = Array(source.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        func blank(_ range: Range<Int>) {
            for position in range { result.append(scalars[position] == "\n" ? "\n" : " ") }
        }
        func starts(_ text: String, at position: Int) -> Bool {
            let needle = Array(text.unicodeScalars)
            return position + needle.count <= scalars.count && Array(scalars[position..<position + needle.count]) == needle
        }
        while index < scalars.count {
            if starts("//", at: index) {
                var end = index
                while end < scalars.count, scalars[end] != "\n" { end += 1 }
                blank(index..<end)
                index = end
            } else if starts("/*", at: index) {
                var depth = 0
                var end = index
                repeat {
                    if starts("/*", at: end) { depth += 1; end += 2 } else if starts("*/", at: end) { depth -= 1; end += 2 } else { end += 1 }
                } while depth > 0 && end < scalars.count
                blank(index..<min(end, scalars.count))
                index = end
            } else if scalars[index] == "\"" || (scalars[index] == "#" && (index + 1 < scalars.count) && (scalars[index + 1] == "#" || scalars[index + 1] == "\"")) {
                var hashes = 0
                var position = index
                while position < scalars.count, scalars[position] == "#" { hashes += 1; position += 1 }
                guard position < scalars.count, scalars[position] == "\"" else { result.append(scalars[index]); index += 1; continue }
                let isMultiLine = starts("\"\"\"", at: position)
                position += isMultiLine ? 3 : 1
                let closing = (isMultiLine ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
                let escape = "\\" + String(repeating: "#", count: hashes)
                while position < scalars.count {
                    if starts(escape, at: position) { position += escape.unicodeScalars.count + 1; continue }
                    if starts(closing, at: position) { position += closing.unicodeScalars.count; break }
                    if !isMultiLine, scalars[position] == "\n" { break }
                    position += 1
                }
                blank(index..<min(position, scalars.count))
                index = position
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}
