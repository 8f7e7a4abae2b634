import CRMModel
import CRMStandardDefinitions
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        // Each file is read when its turn comes, into a buffer its reader reuses: the bytes of only a
        // few files are held at once.
        var (result, problems) = load(files.map(Input.file), on: base)
        let unreadable = found.diagnostics + problems
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
        var buffer: [UInt8] = []
        switch read(path, limit: limit, kind: kind, into: &buffer) {
        case .success(let count):
            buffer.removeLast(buffer.count - count)
            return .bytes(buffer)
        case .failure(let problem):
            return .problem(problem.diagnostic)
        }
    }

    /// A problem reading a file: its diagnostic.
    struct ReadProblem: Error {
        var diagnostic: Diagnostic
    }

    /// Reads a file into the first bytes of `buffer` (which grows as needed and never shrinks, so a
    /// reader reuses one buffer for many files); the number of bytes read.
    static func read(_ path: String, limit: Int, kind: String = "definition files", into buffer: inout [UInt8]) -> Result<Int, ReadProblem> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadProblem(diagnostic: .error("cannot open '\(path)' for reading", at: start))) }
        defer { close(descriptor) }
        // Read with the system's calls, sized by the file's size; on any error, read again through
        // Foundation, whose message describes it.
        guard let count = readAll(descriptor, limit: limit, into: &buffer) else {
            switch readWithFileHandle(path, limit: limit, kind: kind) {
            case .bytes(let bytes):
                buffer = bytes
                return .success(bytes.count)
            case .problem(let diagnostic):
                return .failure(ReadProblem(diagnostic: diagnostic))
            }
        }
        if count > limit {
            return .failure(ReadProblem(diagnostic: .error("the file is larger than \(limit) bytes, crmgen's limit for \(kind)", at: start)))
        }
        return .success(count)
    }

    /// At most `limit + 1` bytes of an open file, into the start of `buffer`; `nil` when reading fails.
    private static func readAll(_ descriptor: Int32, limit: Int, into buffer: inout [UInt8]) -> Int? {
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        let expected = min(max(size, 0), limit) + 1
        if buffer.count < expected { buffer.append(contentsOf: repeatElement(0, count: expected - buffer.count)) }
        var count = 0
        while true {
            let end = min(buffer.count, limit + 1)
            if count == end {
                guard count <= limit else { break }
                buffer.append(contentsOf: repeatElement(0, count: min(max(count, 4_096), limit + 1 - count)))
                continue
            }
            let asked = end - count
            let read = buffer.withUnsafeMutableBytes { bytes in
                readBytes(descriptor, bytes.baseAddress.map { $0 + count }, asked)
            }
            if read == 0 { break }
            if read < 0 {
                if errno == EINTR { continue }
                return nil
            }
            count += read
            // A regular file's read falls short only at its end: once it has given the size fstat
            // reported, the read that would return 0 is skipped.
            if count == size, read < asked { break }
        }
        return count
    }

    private static func readWithFileHandle(_ path: String, limit: Int, kind: String) -> FileContents {
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
        load(sources.map(Input.source), on: base).result
    }

    /// A definition file to load: its bytes, or its path (read when its turn comes).
    enum Input: Sendable {
        case source(DefinitionSource)
        case file(String)

        var path: String {
            switch self {
            case .source(let source): source.path
            case .file(let path): path
            }
        }
    }

    /// The result, and the files that could not be read (kept apart from the definitions' diagnostics).
    private func load(_ inputs: [Input], on base: Schema?) -> (result: LoadResult, unreadable: [Diagnostic]) {
        let log = DiagnosticLog()
        var builtIn = base.map { $0.objects.map(ObjectDefinition.init(resolved:)) } ?? []
        if base == nil, includesStandardDefinitions { builtIn = read(Self.standardSources.map(Input.source), log: log).definitions }
        let (user, unreadable) = read(inputs, log: log)
        let schema = SchemaResolver(log: log).resolve(builtIn: consume builtIn, user: consume user, baseAssociations: base?.associations ?? [])
        let diagnostics = log.diagnostics.sortedByLocation() + (log.droppedErrorsNote.map { [$0] } ?? [])
        return (LoadResult(schema: log.hasErrors ? nil : schema, diagnostics: diagnostics, files: inputs.map(\.path)), unreadable)
    }

    /// The built-in standard definitions as sources.
    public static var standardSources: [DefinitionSource] {
        StandardDefinitions.files.map { DefinitionSource(path: builtInPathPrefix + $0.name, text: $0.contents) }
    }

    /// Parses and reads every file. Files are independent until they are resolved, so they are
    /// read in parallel, in chunks, each with its own log; the results keep the inputs' order.
    private func read(_ inputs: [Input], log: DiagnosticLog) -> (definitions: [ObjectDefinition], unreadable: [Diagnostic]) {
        let chunkCount = min(inputs.count, UsableCores.count * 4)
        guard UsableCores.count > 1, inputs.count >= 32 else {
            var unreadable: [Diagnostic] = []
            return (read(inputs[...], into: log, unreadable: &unreadable), unreadable)
        }
        let chunkSize = (inputs.count + chunkCount - 1) / chunkCount
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = min(inputs.count, chunk * chunkSize)..<min(inputs.count, (chunk + 1) * chunkSize)
            guard !range.isEmpty else { return }
            let chunkLog = DiagnosticLog()
            var unreadable: [Diagnostic] = []
            let definitions = read(inputs[range], into: chunkLog, unreadable: &unreadable)
            results.store(chunk, ChunkResults.Chunk(definitions: definitions, diagnostics: chunkLog.diagnostics, dropped: chunkLog.droppedErrors,
                                                    unreadable: unreadable))
        }
        var definitions: [ObjectDefinition] = []
        var unreadable: [Diagnostic] = []
        for chunk in results.take() {
            definitions += chunk.definitions
            log.merge(chunk.diagnostics, dropped: chunk.dropped)
            unreadable += chunk.unreadable
        }
        return (definitions, unreadable)
    }

    /// - Parameter unreadable: where files that cannot be read are reported.
    private func read(_ inputs: ArraySlice<Input>, into log: DiagnosticLog, unreadable: inout [Diagnostic]) -> [ObjectDefinition] {
        let parser = YAMLParser(limits: limits)
        let reader = DefinitionReader(log: log)
        var buffer: [UInt8] = []
        var definitions: [ObjectDefinition] = []
        definitions.reserveCapacity(inputs.count)
        for input in inputs {
            let path = input.path
            do throws(YAMLError) {
                let root: YAMLNode?
                switch input {
                case .source(let source):
                    root = try parser.parse(source.contents, file: path)
                case .file:
                    switch Self.read(path, limit: limits.maxFileSize, into: &buffer) {
                    case .success(let count):
                        root = try buffer.withUnsafeBufferPointer { bytes throws(YAMLError) in
                            try parser.parse(UnsafeBufferPointer(rebasing: bytes[..<count]), file: path)
                        }
                    case .failure(let problem):
                        unreadable.append(problem.diagnostic)
                        continue
                    }
                }
                guard let root else {
                    log.error("the file is empty; a definition starts with 'object: <name>' and 'kind: standard|custom|extension'",
                              at: SourceLocation(file: path, line: 1, column: 1))
                    continue
                }
                if let definition = reader.read(root, file: path) { definitions.append(definition) }
            } catch {
                log.add(error.diagnostic)
            }
        }
        return definitions
    }
}

/// The system's `read(2)` (named apart from `SchemaLoader.read`).
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Per-chunk results of a parallel read, filled by the workers and collected after they finish.
private final class ChunkResults: @unchecked Sendable {
    struct Chunk {
        var definitions: [ObjectDefinition] = []
        var diagnostics: [Diagnostic] = []
        var dropped = 0
        var unreadable: [Diagnostic] = []
    }

    private let lock = NSLock()
    private var chunks: [Chunk]

    init(count: Int) {
        chunks = Array(repeating: Chunk(), count: count)
    }

    func store(_ index: Int, _ chunk: Chunk) {
        lock.withLock { chunks[index] = chunk }
    }

    func take() -> [Chunk] {
        lock.withLock { chunks }
    }
}
