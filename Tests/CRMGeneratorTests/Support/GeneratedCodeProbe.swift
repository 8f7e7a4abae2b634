import CRMGenerator
import Foundation
import TestSupport

/// Compiles generated Swift against the test build's own CRMRuntime and runs it: generated code is
/// tested by compiling and running it, never by reading it alone.
enum GeneratedCodeProbe {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `.build/<triple>/debug`, where the test bundle runs from and the package's modules are.
    static let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The runtime's object files (CRMRuntime and the CRMModel it re-exports), those of sources that
    /// still exist: a build folder keeps objects of deleted files.
    static func runtimeObjects() throws -> [String] {
        var objects: [String] = []
        for module in ["CRMRuntime", "CRMModel"] {
            let folder = buildFolder.appendingPathComponent("\(module).build")
            var current = Set<String>()
            let walker = FileManager.default.enumerator(at: sources.appendingPathComponent(module), includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension == "swift" { current.insert(url.lastPathComponent + ".o") }
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { current.contains($0) }
            guard !names.isEmpty else { throw Failure(description: "no object files in \(folder.path)") }
            objects += names.sorted().map { folder.appendingPathComponent($0).path }
        }
        return objects
    }

    /// Compiles `files` and `main` into a program, runs it, and returns what it prints. Async, so that
    /// no cooperative thread is blocked while the compiler runs: the tests running beside it share them.
    /// - Parameter flags: extra compiler flags (`-default-isolation MainActor`, say).
    static func run(_ files: [GeneratedFile], main: String, flags: [String] = []) async throws -> String {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var sources: [String] = []
        for file in files {
            let url = work.appendingPathComponent(file.name)
            try Data(file.contents.utf8).write(to: url)
            sources.append(url.path)
        }
        let mainURL = work.appendingPathComponent("main.swift")
        try Data(main.utf8).write(to: mainURL)
        let program = work.appendingPathComponent("probe")
        let compile = try await execute("/usr/bin/env", ["swiftc", "-swift-version", "6", "-module-name", "Probe", "-I",
                                                   buildFolder.appendingPathComponent("Modules").path, "-o", program.path]
                                  + sanitizerFlags + flags + sources + [mainURL.path] + runtimeObjects())
        guard compile.status == 0 else {
            throw Failure(description: "the generated code does not compile:\n\(compile.output.prefix(6000))")
        }
        let result = try await execute(program.path, [])
        guard result.status == 0 else { throw Failure(description: "the probe exited \(result.status):\n\(result.output.prefix(4000))") }
        return result.output
    }

    /// The runtime's objects were built under the sanitizer Scripts/sanitizers.sh names, if any: the
    /// probe must be built (and linked) the same way.
    private static var sanitizerFlags: [String] {
        ProcessInfo.processInfo.environment["CRMGEN_SANITIZER"].map { ["-sanitize=\($0)"] } ?? []
    }

    private static func execute(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ProcessRunner.run(URL(fileURLWithPath: executable), arguments, environment: nil)
        return (result.status, result.stdout + result.stderr)
    }
}
