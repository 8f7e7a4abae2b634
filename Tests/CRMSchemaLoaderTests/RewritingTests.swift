import CRMModel
@testable import CRMSchemaLoader
import Foundation
import PropertyBased
import TestSupport
import Testing

/// A definition means the same however it is written: random re-writings of real and random
/// definition files — block or flow collections, any quoting of strings and keys, shuffled keys,
/// comments anywhere, other indentation, a `---` — load to the same schema as the original.
@Suite("Re-written definitions")
struct RewritingTests {
    /// The candidate files: the good fixtures, the repository's definitions and random ones.
    static let candidates: [DefinitionSource] = {
        var sources = Fixtures.goodFiles.compactMap { try? Fixtures.source(good: $0) }
        let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for folder in ["Definitions/custom", "Examples/Roastery/Sources/Roastery"] {
            let url = root.appendingPathComponent(folder)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() where name.hasSuffix(".yaml") {
                if let data = try? Data(contentsOf: url.appendingPathComponent(name)) { sources.append(DefinitionSource(path: "\(folder)/\(name)", contents: Array(data))) }
            }
        }
        for seed in UInt64(0)..<8 {
            for document in RandomDefinitions.documents(seed: seed, prefix: "r\(seed)_", constraints: true) where document.kind == .custom {
                sources.append(DefinitionSource(path: "random/\(document.object).yaml", text: DefinitionWriter.yaml(document)))
            }
        }
        return sources
    }()

    /// What each candidate means, loaded once; a file that does not load by itself on the standard
    /// set has none and is left out of the pool.
    static let meanings: [String: String] = {
        var result: [String: String] = [:]
        for source in candidates { result[source.path] = SchemaLoader().load([source]).schema.flatMap { try? meaning(of: $0) } }
        return result
    }()

    /// The files re-written: the candidates that load.
    static let pool: [DefinitionSource] = candidates.filter { meanings[$0.path] != nil }

    @Test("the pool holds the fixtures, the repository's definitions and random ones")
    func poolIsFull() {
        #expect(Self.pool.count >= 12, "\(Self.pool.map(\.path))")
        #expect(Self.pool.contains { $0.path.hasSuffix("anchors-and-merge.yaml") })
        #expect(Self.pool.contains { $0.path.hasPrefix("Definitions/custom/") })
    }

    @Test("random re-writings load to the same schema", .shrinking(false))
    func rewritingsLoadEqual() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...Int.max)) { seed in await recordingErrors {
            var random = RandomDefinitions.Random(seed: UInt64(seed))
            let source = random.pick(Self.pool)
            let node = try #require(try YAMLParser(limits: YAMLLimits()).parse(source.contents, file: source.path))
            var rewriter = YAMLRewriter(random: random)
            let text = rewriter.document(node)
            let loaded = SchemaLoader().load([DefinitionSource(path: source.path, text: text)])
            #expect(loaded.diagnostics.isEmpty, "seed \(seed), \(source.path):\n\(loaded.diagnostics)\n--- re-written:\n\(text)")
            let rewritten = try #require(loaded.schema)
            let (after, before) = (try Self.meaning(of: rewritten), try #require(Self.meanings[source.path]))
            if after != before { Issue.record("seed \(seed), \(source.path): \(Self.firstDifference(after, before))\n--- re-written:\n\(text)") }
        } }
    }

    @Test("the re-writer does change the text: styles, order and comments differ from the original")
    func rewritingsDiffer() throws {
        var random = RandomDefinitions.Random(seed: 7)
        var styles = Set<String>()
        for source in Self.pool {
            let node = try #require(try YAMLParser(limits: YAMLLimits()).parse(source.contents, file: source.path))
            var rewriter = YAMLRewriter(random: random)
            let text = rewriter.document(node)
            random = rewriter.random
            if text.contains("{") { styles.insert("flow") }
            if text.contains("'") { styles.insert("single") }
            if text.contains("# ") { styles.insert("comment") }
            if text.contains("\n    ") { styles.insert("indent 4") }
            #expect(text != String(decoding: source.contents, as: UTF8.self))
        }
        #expect(styles == ["flow", "single", "comment", "indent 4"])
    }

    /// The first line where two texts differ, with its neighbours.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let (left, right) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
        guard let index = zip(left, right).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
            return "one has \(left.count) lines, the other \(right.count)"
        }
        let range = max(0, index - 3)..<min(left.count, right.count, index + 3)
        return "re-written:\n" + left[range].joined(separator: "\n") + "\noriginal:\n" + right[range].joined(separator: "\n")
    }

    /// The schema as JSON without source locations, which a re-writing moves.
    static func meaning(of schema: Schema) throws -> String {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !$0.key.lowercased().contains("location") }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(schema))
        let data = try JSONSerialization.data(withJSONObject: strip(json), options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Writes a YAML tree again, choosing at random among the ways YAML allows to say the same thing.
struct YAMLRewriter {
    var random: RandomDefinitions.Random
    private var step = 2

    init(random: RandomDefinitions.Random) { self.random = random }

    mutating func document(_ node: YAMLNode) -> String {
        step = random.pick([2, 3, 4])
        var text = random.bool() ? "# re-written: \"quotes\", key: value, [brackets]\n" : ""
        if random.int(0...3) == 0 { text += "---\n" }
        if case .mapping(let mapping) = node.content, !mapping.entries.isEmpty {
            text += blockMapping(mapping, indent: 0, ordered: false)
        } else {
            text += flow(node) + "\n"
        }
        return text
    }

    // MARK: Block style

    private mutating func blockMapping(_ mapping: YAMLMapping, indent: Int, ordered: Bool, firstLinePrefix: String? = nil) -> String {
        var entries = mapping.entries
        if !ordered { entries.shuffle(using: &random.generator) }
        var text = ""
        for (index, entry) in entries.enumerated() {
            let pad = String(repeating: " ", count: indent)
            if random.int(0...5) == 0, index > 0 || firstLinePrefix == nil { text += pad + "# \(entry.key): a comment\n" }
            let lead = index == 0 ? (firstLinePrefix ?? pad) : pad
            text += lead + key(entry.key) + ":" + value(entry.value, indent: indent, ordered: entry.key == "properties")
        }
        return text
    }

    /// What follows `key:`: a scalar or flow collection on the same line, or a block below.
    private mutating func value(_ node: YAMLNode, indent: Int, ordered: Bool) -> String {
        switch node.content {
        case .scalar(let scalar):
            return " " + self.scalar(scalar, inFlow: false) + (random.int(0...6) == 0 ? "  # note" : "") + "\n"
        case .mapping(let mapping):
            if mapping.entries.isEmpty || (canFlow(node) && random.int(0...2) == 0) { return " " + flow(node, ordered: ordered) + "\n" }
            return "\n" + blockMapping(mapping, indent: indent + step, ordered: ordered)
        case .sequence(let items):
            if items.isEmpty || (canFlow(node) && random.int(0...2) == 0) { return " " + flow(node) + "\n" }
            // A sequence may sit at its key's own indentation.
            return "\n" + blockSequence(items, indent: random.bool() ? indent : indent + step)
        }
    }

    private mutating func blockSequence(_ items: [YAMLNode], indent: Int) -> String {
        var text = ""
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item.content {
            case .mapping(let mapping) where !mapping.entries.isEmpty && !(canFlow(item) && random.bool()):
                if random.bool() {
                    text += blockMapping(mapping, indent: indent + 2, ordered: false, firstLinePrefix: pad + "- ")
                } else {
                    text += pad + "-\n" + blockMapping(mapping, indent: indent + step, ordered: false)
                }
            case .sequence(let inner) where !inner.isEmpty && !canFlow(item):
                text += pad + "-\n" + blockSequence(inner, indent: indent + step)
            case .scalar(let scalar):
                text += pad + "- " + self.scalar(scalar, inFlow: false) + "\n"
            default:
                text += pad + "- " + flow(item) + "\n"
            }
        }
        return text
    }

    // MARK: Flow style

    /// `ordered`: the entries' order means something (`properties`).
    private mutating func flow(_ node: YAMLNode, ordered: Bool = false) -> String {
        switch node.content {
        case .scalar(let scalar): return self.scalar(scalar, inFlow: true)
        case .mapping(let mapping):
            var entries = mapping.entries
            if !ordered { entries.shuffle(using: &random.generator) }
            return "{" + entries.map { key($0.key) + ": " + flow($0.value, ordered: $0.key == "properties") }.joined(separator: ", ") + "}"
        case .sequence(let items):
            return "[" + items.map { flow($0) }.joined(separator: random.pick([", ", ","])) + "]"
        }
    }

    /// Plain scalars keep their text (their meaning depends on it); a plain scalar with flow
    /// indicators cannot go into a flow collection.
    private func canFlow(_ node: YAMLNode) -> Bool {
        switch node.content {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return true }
            return !scalar.text.contains { ",[]{}#:&*!|>'\"%@`".contains($0) } && !scalar.text.hasPrefix("-") && !scalar.text.hasPrefix("?")
        case .mapping(let mapping): return mapping.entries.allSatisfy { canFlow($0.value) }
        case .sequence(let items): return items.allSatisfy(canFlow)
        }
    }

    // MARK: Scalars and keys

    private mutating func scalar(_ scalar: YAMLScalar, inFlow: Bool) -> String {
        let tag = scalar.tag.map { "!!\($0) " } ?? ""
        if scalar.style == .plain {
            if scalar.text.isEmpty { return tag + random.pick(["~", "null"]) }
            return tag + scalar.text
        }
        // Quoted, literal and folded scalars are strings: any quoting that gives the same text will do.
        let text = scalar.text
        let plainSafe = text.range(of: "^[A-Za-z][A-Za-z ]*[A-Za-z]$", options: .regularExpression) != nil
            && !["true", "false", "null"].contains(text.lowercased()) && scalar.tag == nil
        let singleSafe = !text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\t" || YAMLText.needsEscape($0) }
            && text.first != " " && text.last != " "
        switch random.int(0...2) {
        case 0 where plainSafe: return text
        case 1 where singleSafe: return tag + "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        default: return tag + YAMLText.quoted(text)
        }
    }

    private mutating func key(_ text: String) -> String {
        let plain = text.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil
            && !["true", "false", "null", "y", "n", "yes", "no", "on", "off"].contains(text.lowercased())
        if plain, random.int(0...4) > 0 { return text }
        return random.bool() || !plain ? YAMLText.quoted(text) : "'" + text + "'"
    }
}
