import CRMModel
import Foundation

/// `crmgen graph --format mermaid`: a Mermaid `erDiagram`, which GitHub renders in Markdown.
///
/// Crow's-foot ends give the cardinality (`}o` zero or more, `|o` zero or one, `}|` one or more,
/// `||` exactly one); implicit associations are dashed (`..`). Text from definitions is made safe
/// for Mermaid's lexer: see ``text(_:)``.
enum MermaidGraph {
    static func render(_ graph: AssociationGraph) -> String {
        var lines = ["erDiagram"]
        for object in graph.isolatedObjects { lines.append("    " + entity(object.name)) }
        for association in graph.associations {
            let ends = AssociationGraph.ends(association)
            let left = ends.from.many ? (ends.from.required ? "}|" : "}o") : (ends.from.required ? "||" : "|o")
            let right = ends.to.many ? (ends.to.required ? "|{" : "o{") : (ends.to.required ? "||" : "o|")
            let line = association.isImplicit ? ".." : "--"
            lines.append("    \(entity(association.from)) \(left)\(line)\(right) \(entity(association.to)) : \"\(text(AssociationGraph.labelText(association)))\"")
        }
        return lines.joined(separator: "\n")
    }

    /// Words Mermaid's erDiagram lexer (case-insensitive) reads as keywords wherever they stand.
    static let keywords: Set<String> = [
        "erdiagram", "class", "classdef", "style", "subgraph", "end", "one", "many", "to", "u", "title", "acctitle", "accdescr", "direction",
    ]

    /// Object names are `[a-z][a-z0-9_]*`, which Mermaid takes as they are, except its keywords:
    /// those are quoted (`"end"`), which Mermaid reads as the same name.
    static func entity(_ name: String) -> String {
        keywords.contains(name.lowercased()) ? "\"\(name)\"" : name
    }

    /// Text inside `"…"`: Mermaid has no escape character, so `"`, `#` and `%` become its entity
    /// codes (`#quot;`, `#35;`, `#37;`, shown as the characters), line breaks and other control
    /// characters become spaces, and a space after "direction" becomes `#32;` (Mermaid would read
    /// "direction LR" anywhere in a line as a layout statement).
    static func text(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "#quot;"
            case "#": result += "#35;"
            case "%": result += "#37;"
            case _ where scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}":
                result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return guardingDirection(result)
    }

    /// `direction` followed by white space, in any case, gets `#32;` for that space.
    private static func guardingDirection(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "direction", options: .caseInsensitive) {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            if let next = rest.first, next.isWhitespace {
                result += "#32;"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}

/// `crmgen graph --format dot`: a Graphviz digraph, one node per object (its label and API name)
/// and one edge per association from the declaring object, with crow's-foot arrows at both ends.
enum DotGraph {
    static func render(_ graph: AssociationGraph) -> String {
        var lines = [
            "digraph associations {",
            "    graph [rankdir=LR];",
            "    node [shape=box, style=rounded, fontname=\"Helvetica\"];",
            "    edge [dir=both, fontname=\"Helvetica\", fontsize=10];",
        ]
        for object in graph.objects {
            lines.append("    \(quoted(object.name)) [label=\(quoted(object.labels.singular + "\n(" + object.name + ")"))];")
        }
        for association in graph.associations {
            let ends = AssociationGraph.ends(association)
            var attributes = ["arrowtail=\(arrow(ends.from))", "arrowhead=\(arrow(ends.to))"]
            let label = AssociationGraph.labelText(association)
            if !label.isEmpty { attributes.insert("label=\(quoted(label))", at: 0) }
            if association.isImplicit { attributes.append("style=dashed") }
            lines.append("    \(quoted(association.from)) -> \(quoted(association.to)) [\(attributes.joined(separator: ", "))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// Crow's foot (many) or bar (one) at the object, then a circle (optional) or a bar (required).
    static func arrow(_ end: AssociationGraph.End) -> String {
        (end.many ? "crow" : "tee") + (end.required ? "tee" : "odot")
    }

    /// A DOT string: `"` and `\` escaped (a lone `\` would start one of Graphviz's label escapes,
    /// `\N`, `\l`, …), a line break as `\n`, other control characters as spaces.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}":
                result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
