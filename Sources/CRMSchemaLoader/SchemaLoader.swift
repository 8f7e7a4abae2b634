import CRMModel
import CRMStandardDefinitions
import Foundation

/// A definition file's path and bytes, read from disk or supplied in memory.
public struct DefinitionSource: Sendable {
    /// The path shown in diagnostics and in generated code.
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}

/// The outcome of loading: a schema when there were no errors, and every diagnostic, sorted by place.
public struct LoadResult: Sendable {
    /// `nil` when any diagnostic is an error.
    public var schema: Schema?
    public var diagnostics: [Diagnostic]
    /// The caller's definition files, as read (the built-in set not included).
    public var files: [String]
    public var fileCount: Int { files.count }
}

/// Loads CRM object definitions: YAML → syntax tree → checked ``CRMModel/Schema``.
///
/// ```swift
/// let result = try SchemaLoader().load(paths: ["Definitions"])
/// for diagnostic in result.diagnostics { print(diagnostic) }
/// if let schema = result.schema { … }
/// ```
///
/// The built-in standard set (HubSpot's standard objects) underlies every load unless
/// ``includesStandardDefinitions`` is `false`. Every problem is reported, not only the first.
public struct SchemaLoader: Sendable {
    public var includesStandardDefinitions: Bool
    public var limits: YAMLLimits

    public init(includesStandardDefinitions: Bool = true, limits: YAMLLimits = YAMLLimits()) {
        self.includesStandardDefinitions = includesStandardDefinitions
        self.limits = limits
    }

    /// Path prefix of the built-in definitions in diagnostics, like clang's `<built-in>`.
    public static let builtInPathPrefix = "<built-in>/"

    /// Loads the `.yaml`/`.yml` files at `paths` (files, or folders searched recursively).
    /// - Throws: ``DefinitionPathError`` when a path does not exist or is not a definition file (a usage error).
    public func load(paths: [String], on base: Schema? = nil) throws(DefinitionPathError) -> LoadResult {
        let found = try DefinitionFiles.find(in: paths)
        let files = found.files
        var sources: [DefinitionSource] = []
        var unreadable: [Diagnostic] = found.diagnostics
        for file in files {
            switch Self.read(file, limit: limits.maxFileSize) {
            case .bytes(let bytes): sources.append(DefinitionSource(path: file, contents: bytes))
            case .problem(let diagnostic): unreadable.append(diagnostic)
            }
        }
        var result = load(sources, on: base)
        result.diagnostics = (unreadable + result.diagnostics).sortedByLocation()
        result.files = files
        if unreadable.containsErrors { result.schema = nil }
        return result
    }

    /// A file's bytes, refused without reading it all when it is larger than `limit`.
    public enum FileContents {
        case bytes([UInt8])
        case problem(Diagnostic)
    }

    /// - Parameter kind: what the file is, for the message when it is too large ("definition files").
    public static func read(_ path: String, limit: Int, kind: String = "definition files") -> FileContents {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let handle = FileHandle(forReadingAtPath: path) else { return .problem(.error("cannot open '\(path)' for reading", at: start)) }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit {
                return .problem(.error("the file is larger than \(limit) bytes, crmgen's limit for \(kind)", at: start))
            }
            return .bytes(Array(data))
        } catch {
            return .problem(.error("cannot read '\(path)': \(error.localizedDescription)", at: start))
        }
    }

    /// Loads definitions given in memory.
    public func load(_ sources: [DefinitionSource]) -> LoadResult {
        load(sources, on: nil)
    }

    /// Loads definitions on top of an already resolved schema — an app's compiled registry — instead
    /// of the built-in standard set: the files may associate with, extend or replace its objects.
    public func load(_ sources: [DefinitionSource], on base: Schema?) -> LoadResult {
        let log = DiagnosticLog()
        var builtIn = base.map { $0.objects.map(ObjectDefinition.init(resolved:)) } ?? []
        if base == nil, includesStandardDefinitions { builtIn = read(Self.standardSources, log: log) }
        let user = read(sources, log: log)
        let schema = SchemaResolver(log: log).resolve(builtIn: builtIn, user: user, baseAssociations: base?.associations ?? [])
        let diagnostics = log.diagnostics.sortedByLocation() + (log.droppedErrorsNote.map { [$0] } ?? [])
        return LoadResult(schema: log.hasErrors ? nil : schema, diagnostics: diagnostics, files: sources.map(\.path))
    }

    /// The built-in standard definitions as sources.
    public static var standardSources: [DefinitionSource] {
        StandardDefinitions.files.map { DefinitionSource(path: builtInPathPrefix + $0.name, text: $0.contents) }
    }

    /// Parses and reads every file. Files are independent until they are resolved, so they are
    /// read in parallel, in chunks, each with its own log; the results keep the sources' order.
    private func read(_ sources: [DefinitionSource], log: DiagnosticLog) -> [ObjectDefinition] {
        let chunkCount = min(sources.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard chunkCount > 1, sources.count >= 32 else { return read(sources[...], into: log) }
        let chunkSize = (sources.count + chunkCount - 1) / chunkCount
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = min(sources.count, chunk * chunkSize)..<min(sources.count, (chunk + 1) * chunkSize)
            guard !range.isEmpty else { return }
            let chunkLog = DiagnosticLog()
            let definitions = read(sources[range], into: chunkLog)
            results.store(chunk, definitions: definitions, diagnostics: chunkLog.diagnostics, dropped: chunkLog.droppedErrors)
        }
        var definitions: [ObjectDefinition] = []
        for chunk in results.take() {
            definitions += chunk.definitions
            log.merge(chunk.diagnostics, dropped: chunk.dropped)
        }
        return definitions
    }

    private func read(_ sources: ArraySlice<DefinitionSource>, into log: DiagnosticLog) -> [ObjectDefinition] {
        let parser = YAMLParser(limits: limits)
        let reader = DefinitionReader(log: log)
        return sources.compactMap { source -> ObjectDefinition? in
            do throws(YAMLError) {
                guard let root = try parser.parse(source.contents, file: source.path) else {
                    log.error("the file is empty; a definition starts with 'object: <name>' and 'kind: standard|custom|extension'",
                              at: SourceLocation(file: source.path, line: 1, column: 1))
                    return nil
                }
                return reader.read(root, file: source.path)
            } catch {
                log.add(error.diagnostic)
                return nil
            }
        }
    }
}

/// Per-chunk results of a parallel read, filled by the workers and collected after they finish.
private final class ChunkResults: @unchecked Sendable {
    struct Chunk {
        var definitions: [ObjectDefinition] = []
        var diagnostics: [Diagnostic] = []
        var dropped = 0
    }

    private let lock = NSLock()
    private var chunks: [Chunk]

    init(count: Int) {
        chunks = Array(repeating: Chunk(), count: count)
    }

    func store(_ index: Int, definitions: [ObjectDefinition], diagnostics: [Diagnostic], dropped: Int) {
        lock.withLock { chunks[index] = Chunk(definitions: definitions, diagnostics: diagnostics, dropped: dropped) }
    }

    func take() -> [Chunk] {
        lock.withLock { chunks }
    }
}
