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
    /// The relative path of each file of the schema, worked out once: every property cites its file.
    private var known: [String: String] = [:]

    init(root: String?) {
        self.root = root
    }

    /// Paths relative to `root`, with those of the files that `schema`'s objects come from worked out once.
    init(root: String?, filesOf schema: Schema) {
        self.root = root
        for object in schema.objects {
            for file in [object.location?.file].compactMap({ $0 }) + object.extensionLocations.map(\.file) where known[file] == nil {
                known[file] = relative(file)
            }
        }
    }

    func relative(_ file: String) -> String {
        if let path = known[file] { return path }
        guard let root, !root.isEmpty else { return file }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    func cite(_ location: SourceLocation?) -> String {
        guard let location else { return "implicit (HubSpot system property)" }
        return "\(relative(location.file)):\(location.line)"
    }
}
