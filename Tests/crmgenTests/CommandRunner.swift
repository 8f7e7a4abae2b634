import TestSupport
import Foundation

/// Runs the built `crmgen` binary as a user would, capturing exit status and output.
struct CommandRunner {
    typealias Output = ProcessRunner.Output

    /// `crmgen` sits beside the test bundle in SwiftPM's build folder.
    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [bundle, bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("crmgen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return Bundle(for: Marker.self).bundleURL.deletingLastPathComponent().appendingPathComponent("crmgen")
    }()

    private final class Marker {}

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/CRMSchemaLoaderTests/Fixtures")

    static func run(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Output {
        try ProcessRunner.run(executable, arguments, in: directory)
    }
}
