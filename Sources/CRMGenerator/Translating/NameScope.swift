import CRMModel

/// Hands out names without clashes: a taken name gets `suffix`, then a number.
struct NameScope {
    private var taken: Set<String>

    init(taken: Set<String>) { self.taken = taken }

    mutating func claim(_ name: String, suffix: String) -> String {
        var candidate = name
        if taken.contains(candidate) { candidate = name + suffix }
        var counter = 2
        while taken.contains(candidate) {
            candidate = name + suffix + String(counter)
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}

/// Turns locations into the `path:line` that generated comments cite, relative to the source root.
struct SourcePaths {
    let root: String?

    func relative(_ file: String) -> String {
        guard let root, !root.isEmpty else { return file }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    func cite(_ location: SourceLocation?) -> String {
        guard let location else { return "implicit (HubSpot system property)" }
        return "\(relative(location.file)):\(location.line)"
    }
}
