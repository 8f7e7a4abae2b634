import Foundation
import TestSupport
import Testing

/// Standard output and error as shells leave them: full (`> /dev/full`, a full disk behind
/// `> schema.json`) or closed (`>&-`). Output that could not be written is a failure, not a success
/// with a cut-off file; a message that cannot be shown never stops crmgen with a crash.
@Suite("Standard output and error")
struct StandardStreamTests {
    /// Runs `crmgen` with `arguments` under `/bin/sh`, with `redirections` (`> /dev/full`) applied.
    func run(_ arguments: [String], _ redirections: String) throws -> ProcessRunner.Output {
        let quoted = arguments.map { "'" + $0 + "'" }.joined(separator: " ")
        return try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" \(quoted) \(redirections)", CommandRunner.executable.path],
                                     in: CommandRunner.repositoryRoot)
    }

    @Test("output that cannot be written fails the command with exit status 1 and says why", arguments: [
        ["describe", "--format", "json"], ["export", "json-schema"], ["graph", "--all"], ["export", "hubspot"],
    ])
    func fullStandardOutput(arguments: [String]) throws {
        let full = try run(arguments, "> /dev/full")
        #expect(full.status == 1, "\(arguments): \(full.stderr)")
        #expect(full.stderr.contains("cannot write to standard output: "), "\(full.stderr)")
        let closed = try run(arguments, ">&-")
        #expect(closed.status == 1, "\(arguments): \(closed.stderr)")
        #expect(closed.stderr.contains("cannot write to standard output"), "\(closed.stderr)")
    }

    @Test("a message that cannot be shown does not crash crmgen: its exit status stands")
    func fullStandardError() throws {
        for redirection in ["2> /dev/full", "2>&-"] {
            let usage = try run(["validate", "no-such-folder"], redirection)
            #expect(usage.status == 2, "\(redirection)")
            let valid = try run(["validate"], redirection)
            #expect(valid.status == 0, "\(redirection)")
            #expect(valid.stdout.contains("valid"), "\(redirection): \(valid.stdout)")
        }
    }
}
