import Foundation
import Testing

/// The repository stands on its own: what its documents and comments cite is in it, and each rule
/// the code depends on is written once.
@Suite("The repository")
struct RepositoryTests {
    static let root = CommandRunner.repositoryRoot

    /// Every tracked text file under the folders people read (docs, sources, definitions, scripts).
    static func files(_ extensions: Set<String>) -> [URL] {
        var found: [URL] = []
        for folder in ["Sources", "Plugins", "Definitions", "Documentation", "Tests", "Examples", "Benchmarks", "Fuzz", "Scripts", ".ci"] {
            let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: [.isSymbolicLinkKey],
                                                        options: [.skipsHiddenFiles])
            while let url = walker?.nextObject() as? URL {
                if url.path.contains("/.build") { walker?.skipDescendants(); continue }
                if (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == true { continue }
                if extensions.contains(url.pathExtension) { found.append(url) }
            }
        }
        return found + ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "Package.swift"].map { root.appendingPathComponent($0) }
    }

    @Test("nothing cites files outside this repository")
    func noOutsideCitations() throws {
        let outside = try Regex(#"shared/hubspot|hubspot-facts\.md|hubspot-api-shapes\.md|DESIGN\.md|/work/"#)
        for file in Self.files(["swift", "md", "yaml", "yml", "py", "sh", "tsv", "run"]) {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(outside) {
                // This file names the patterns it looks for.
                if file.lastPathComponent == "RepositoryTests.swift" { continue }
                Issue.record("\(file.path.dropFirst(Self.root.path.count + 1)):\(number + 1): \(line.prefix(160))")
            }
        }
    }

    @Test("every relative link and path in the documents exists")
    func linksResolve() throws {
        let link = try Regex(#"\]\(([^)#:]+)(#[^)]*)?\)"#)
        let root = Self.root
        let documents = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "Package.swift"].map { root.appendingPathComponent($0) }
            + (try FileManager.default.contentsOfDirectory(at: root.appendingPathComponent("Documentation"), includingPropertiesForKeys: nil))
        for document in documents {
            let text = try String(contentsOf: document, encoding: .utf8)
            var targets: [String] = text.matches(of: link).compactMap { match in match.output[1].substring.map { String($0) } }
            targets += text.matches(of: try Regex(#"Documentation/[A-Za-z]+\.md"#)).map { String(text[$0.range]) }
            for target in Set(targets) {
                let base = target.hasPrefix("Documentation/") || document.deletingLastPathComponent().path == root.path
                    ? root : document.deletingLastPathComponent()
                #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent(target).path), "\(document.lastPathComponent) links to \(target)")
            }
        }
    }

    /// The DocC catalog repeats the README's table of limits (DocC cannot include part of a file), and
    /// takes the definition format from Documentation/ by a symbolic link.
    @Test("the DocC catalog's Limits table is the README's, and its definition format is Documentation's")
    func catalogInStep() throws {
        let catalog = Self.root.appendingPathComponent("Sources/CRMRuntime/CRMRuntime.docc")
        func tableRows(_ text: String) -> [String] {
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("|") }
        }
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "| limit | value |"), let end = readme.range(of: "\n\n", range: start.upperBound..<readme.endIndex) else {
            Issue.record("README has no table of limits")
            return
        }
        let article = try String(contentsOf: catalog.appendingPathComponent("Limits.md"), encoding: .utf8)
        let readmeRows = tableRows(String(readme[start.lowerBound..<end.lowerBound]))
        #expect(readmeRows.count > 10)
        let articleRows = tableRows(article)
        #expect(articleRows.count == readmeRows.count, "Limits.md has \(articleRows.count) table rows, README \(readmeRows.count)")
        for (articleRow, readmeRow) in zip(articleRows, readmeRows) where articleRow != readmeRow {
            Issue.record("Limits.md: \(articleRow)\nREADME:    \(readmeRow)")
        }

        let format = catalog.appendingPathComponent("DefinitionFormat.md")
        #expect(format.resolvingSymlinksInPath().path == Self.root.appendingPathComponent("Documentation/DefinitionFormat.md").resolvingSymlinksInPath().path)
    }

    @Test("one UpperCamelCase function for type names, member names and file names")
    func oneNamingFunction() throws {
        var definitions: [String] = []
        for file in Self.files(["swift"]) where file.path.contains("/Sources/") || file.path.contains("/Plugins/") {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if text.contains("func upperCamelCase(") { definitions.append(file.lastPathComponent) }
        }
        // The shared rule, and SwiftSyntax's spelling of it for an empty result ("Value").
        #expect(definitions.sorted() == ["GeneratedFileNames.swift", "SwiftSyntax.swift"], "\(definitions)")
        let syntax = try String(contentsOf: Self.root.appendingPathComponent("Sources/CRMGenerator/Writing/SwiftSyntax.swift"), encoding: .utf8)
        #expect(syntax.contains("SwiftNames.upperCamelCase(text)"), "SwiftSyntax delegates to the shared rule")
    }
}
