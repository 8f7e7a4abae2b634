import Foundation

/// `crmgen-config.yaml` beside a target's definitions. Every key is optional:
///
/// ```yaml
/// accessModifier: public            # internal (default) | package | public
/// definitions: [../../Definitions]  # more definition folders, relative to the target's folder
/// imports: [CRMObjects]             # crmgen-generated modules whose types this one uses
/// includeStandardTypes: false       # also generate the built-in standard objects' types here
/// ```
///
/// A plugin cannot link libyaml, so this reads the small subset of YAML the file needs
/// (scalars and lists of scalars, flow or block) and rejects anything else by line.
struct PluginConfiguration {
    static let fileName = "crmgen-config.yaml"
    static let keys = ["accessModifier", "definitions", "imports", "includeStandardTypes"]

    var accessModifier = "internal"
    var definitions: [String] = []
    var imports: [String] = []
    var includeStandardTypes = false

    init(contentsOf url: URL) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }  // no file: defaults
        var listKey: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.stripComment(String(rawLine))
            let place = "\(url.path):\(index + 1)"
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix(" ") || line.hasPrefix("-") {
                let item = line.trimmingCharacters(in: .whitespaces)
                guard let key = listKey, item.hasPrefix("- ") else { throw PluginError("\(place): error: expected 'key: value'") }
                try append(Self.unquote(String(item.dropFirst(2))), to: key, at: place)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw PluginError("\(place): error: expected 'key: value'") }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            guard Self.keys.contains(key) else {
                throw PluginError("\(place): error: unknown key '\(key)' in crmgen-config.yaml; known keys: \(Self.keys.joined(separator: ", "))")
            }
            listKey = nil
            switch key {
            case "accessModifier":
                guard ["internal", "package", "public"].contains(value) else {
                    throw PluginError("\(place): error: accessModifier must be internal, package or public, found '\(value)'")
                }
                accessModifier = value
            case "includeStandardTypes":
                guard value == "true" || value == "false" else { throw PluginError("\(place): error: includeStandardTypes must be true or false") }
                includeStandardTypes = value == "true"
            default:
                if value.isEmpty {
                    listKey = key
                } else if value.hasPrefix("["), value.hasSuffix("]") {
                    for item in value.dropFirst().dropLast().split(separator: ",") {
                        try append(Self.unquote(item.trimmingCharacters(in: .whitespaces)), to: key, at: place)
                    }
                } else {
                    throw PluginError("\(place): error: '\(key)' takes a list, such as [\(value)]")
                }
            }
        }
    }

    private mutating func append(_ item: String, to key: String, at place: String) throws {
        switch key {
        case "definitions": definitions.append(item)
        case "imports": imports.append(item)
        default: throw PluginError("\(place): error: '\(key)' does not take a list")
        }
    }

    private static func stripComment(_ line: String) -> String {
        guard let hash = line.firstIndex(of: "#") else { return line }
        return String(line[..<hash])
    }

    private static func unquote(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
