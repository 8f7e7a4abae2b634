import CRMModel

/// Hands out names without clashes: a taken name gets `suffix`, then a number.
struct NameScope {
    /// Names no claim gets, shared by every scope made from them (never copied to be added to).
    private let reserved: Set<String>
    /// The names handed out, and those taken from the start.
    private var taken: Set<String>

    init(taken: Set<String>) {
        reserved = []
        self.taken = taken
    }

    /// A scope that will hand out about `count` names: room for them made at once, not by regrowing.
    init(taken: Set<String>, claiming count: Int) {
        reserved = []
        self.taken = taken
        self.taken.reserveCapacity(taken.count + count)
    }

    /// A scope where the large set `reserved` is not free, without copying it: each claim then
    /// costs a second look-up, which pays where a scope hands out few names.
    init(reserved: Set<String>, taken: Set<String>) {
        self.reserved = reserved
        self.taken = taken
    }

    mutating func claim(_ name: String, suffix: String) -> String {
        // Most names are free: taken in one look-up (two with reserved names).
        if reserved.isEmpty || !reserved.contains(name), taken.insert(name).inserted { return name }
        var candidate = name + suffix
        var counter = 2
        while reserved.contains(candidate) || taken.contains(candidate) {
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
    /// The file most paths asked for are (the one defining the object being rendered), compared before the table is looked up.
    private var favored: Favored?

    /// What every property of the object being rendered cites, worked out once for its file.
    private struct Favored {
        let file: String
        let relative: String
        /// Whether `relative` goes into a comment as it is.
        let isPlainCommentText: Bool
        /// `SourceLocation(file: file, line: `, the start of each of its locations in `Registry.swift`,
        /// where the object's closure names its file once (`let file = "…"`).
        let locationPrefix: String
    }

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

    /// These paths, answering for `file` (the file of the object to render) without a lookup.
    func favoring(_ file: String?) -> SourcePaths {
        var paths = self
        if let file {
            let relative = relative(file)
            paths.favored = Favored(file: file, relative: relative,
                                    isPlainCommentText: SwiftSyntax.hasNothingToEscape(relative, allowing: .tabQuoteAndBackslash),
                                    locationPrefix: "SourceLocation(file: \(SchemaValueRenderer.fileConstant), line: ")
        }
        return paths
    }

    func relative(_ file: String) -> String {
        if let favored, favored.file == file { return favored.relative }
        if let path = known[file] { return path }
        guard let root, !root.isEmpty else { return file }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    func cite(_ location: SourceLocation?) -> String {
        citation(location).text
    }

    /// ``cite(_:)`` kept in its parts, for renderers that write it straight into a line.
    func citation(_ location: SourceLocation?) -> Citation {
        guard let location else { return Citation(file: nil, line: 0) }
        if let favored, favored.file == location.file {
            return Citation(file: favored.relative, line: location.line, isPlainCommentText: favored.isPlainCommentText)
        }
        return Citation(file: relative(location.file), line: location.line)
    }

    /// `SourceLocation(file: file, line: ` for a location in the favored file (see ``favoring(_:)``), else `nil`:
    /// only for code in the scope of that file's constant (``SchemaValueRenderer/fileConstant``).
    func locationPrefix(_ file: String) -> String? {
        guard let favored, favored.file == file else { return nil }
        return favored.locationPrefix
    }
}

/// Where a definition is, as generated comments cite it: `path:line`, the path relative to the
/// source root; HubSpot's implicit members have no file.
struct Citation {
    let file: String?
    let line: Int
    /// Whether ``text`` goes into a comment as it is (see ``SwiftSyntax/commentText(_:)``).
    let isPlainCommentText: Bool

    init(file: String?, line: Int) {
        self.init(file: file, line: line,
                  isPlainCommentText: file.map { SwiftSyntax.hasNothingToEscape($0, allowing: .tabQuoteAndBackslash) } ?? true)
    }

    /// A citation whose file is known to be plain comment text or not (it is the same for every line of a file).
    init(file: String?, line: Int, isPlainCommentText: Bool) {
        self.file = file
        self.line = line
        self.isPlainCommentText = isPlainCommentText
    }

    var text: String { file.map { "\($0):\(line)" } ?? "implicit (HubSpot system property)" }

    /// Writes ``text`` in pieces, for a citation that ``isPlainCommentText``.
    func write(into writer: inout CodeWriter) {
        guard let file else {
            writer.write("implicit (HubSpot system property)")
            return
        }
        writer.write(file)
        writer.write(":")
        writer.write(line)
    }
}
