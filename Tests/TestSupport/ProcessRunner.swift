import Foundation

/// Runs a program to its end and captures what it prints. Output goes to files, not pipes: a child
/// that fills one pipe while the other is being read would never finish.
public enum ProcessRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable` and blocks until it ends.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> Output {
        let launch = try Launch(executable, arguments, in: directory, environment: nil, input: nil)
        try launch.process.run()
        launch.process.waitUntilExit()
        return try launch.finish()
    }

    /// Runs `executable` without blocking a thread while it runs: for tests whose own process
    /// answers the child (a loopback server on Swift's cooperative threads).
    /// - Parameters:
    ///   - environment: the child's whole environment (`nil`: this process's), plus any `*SAN_OPTIONS`.
    ///   - input: standard input; `nil` gives the child `/dev/null`.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]?, input: String? = nil) async throws -> Output {
        let launch = try Launch(executable, arguments, in: directory, environment: environment, input: input)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            launch.process.terminationHandler = { _ in continuation.resume() }
            do {
                try launch.process.run()
            } catch {
                launch.process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return try launch.finish()
    }

    /// A process with its output going to files in a folder of its own.
    private final class Launch: @unchecked Sendable {
        let process = Process()
        let capture: URL
        let out: FileHandle
        let err: FileHandle

        init(_ executable: URL, _ arguments: [String], in directory: URL?, environment: [String: String]?, input: String?) throws {
            process.executableURL = executable
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            // A sanitizer's settings (Scripts/sanitizers.sh) reach every child, whatever else it is given.
            if let environment {
                let sanitizer = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
                process.environment = environment.merging(sanitizer) { given, _ in given }
            }
            capture = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-run-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
            let outURL = capture.appendingPathComponent("stdout")
            let errURL = capture.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            out = try FileHandle(forWritingTo: outURL)
            err = try FileHandle(forWritingTo: errURL)
            process.standardOutput = out
            process.standardError = err
            if let input {
                let inURL = capture.appendingPathComponent("stdin")
                try Data(input.utf8).write(to: inURL)
                process.standardInput = try FileHandle(forReadingFrom: inURL)
            } else {
                process.standardInput = FileHandle.nullDevice
            }
        }

        func finish() throws -> Output {
            defer { try? FileManager.default.removeItem(at: capture) }
            try out.close()
            try err.close()
            return Output(status: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: capture.appendingPathComponent("stdout")), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: capture.appendingPathComponent("stderr")), as: UTF8.self))
        }
    }
}
