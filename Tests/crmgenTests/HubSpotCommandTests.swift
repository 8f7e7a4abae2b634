import Foundation
import TestSupport
import Testing

/// `crmgen import hubspot` and `crmgen export hubspot` as a user runs them, and every exported body
/// checked against HubSpot's published models (Scripts/hubspot/check_requests.py: the SDK's models
/// and HubSpot's OpenAPI documents, strictly).
@Suite("crmgen import and export hubspot", .serialized)
struct HubSpotCommandTests {
    static let portal = CommandRunner.repositoryRoot.appendingPathComponent("Tests/CRMHubSpotTests/Fixtures/portal")
    static let expected = CommandRunner.repositoryRoot.appendingPathComponent("Tests/CRMHubSpotTests/Expected/portal")
    static let sources = ["schemas.json", "contacts=properties-contacts.json", "deals=properties-deals.json",
                          "2-41280011:0-1=labels-2-41280011_0-1.json", "0-1:2-41280011=labels-0-1_2-41280011.json",
                          "2-41280047:2-41280047=labels-2-41280047_2-41280047.json"]

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-hubspot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs the strict checker on requests `crmgen export hubspot` printed.
    func checkBodies(_ json: String) throws -> ProcessRunner.Output {
        let file = try folder().appendingPathComponent("requests.json")
        try Data(json.utf8).write(to: file)
        return try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                     ["python3", CommandRunner.repositoryRoot.appendingPathComponent("Scripts/hubspot/check_requests.py").path, file.path])
    }

    @Test("import writes the expected files, refuses to overwrite them, and overwrites them with --force")
    func importFiles() throws {
        let output = try folder().appendingPathComponent("Definitions")
        let first = try CommandRunner.run(["import", "hubspot"] + Self.sources + ["--output", output.path], in: Self.portal)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "4 definition files in \(output.path): contacts.yaml, cupping_session.yaml, green_lot.yaml, roast_batch.yaml.\n")
        for name in ["contacts.yaml", "cupping_session.yaml", "green_lot.yaml", "roast_batch.yaml"] {
            #expect(try Data(contentsOf: output.appendingPathComponent(name)) == Data(contentsOf: Self.expected.appendingPathComponent(name)), "\(name)")
        }
        #expect(try CommandRunner.run(["validate", output.path]).status == 0)

        try Data("# mine\n".utf8).write(to: output.appendingPathComponent("roast_batch.yaml"))
        let refused = try CommandRunner.run(["import", "hubspot"] + Self.sources + ["--output", output.path], in: Self.portal)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("contacts.yaml, cupping_session.yaml, green_lot.yaml, roast_batch.yaml already in"), "\(refused.stderr)")
        #expect(try String(contentsOf: output.appendingPathComponent("roast_batch.yaml"), encoding: .utf8) == "# mine\n", "nothing written")
        let forced = try CommandRunner.run(["import", "hubspot"] + Self.sources + ["--output", output.path, "--force"], in: Self.portal)
        #expect(forced.status == 0)
        #expect(try Data(contentsOf: output.appendingPathComponent("roast_batch.yaml")) == Data(contentsOf: Self.expected.appendingPathComponent("roast_batch.yaml")))
    }

    @Test("sources that are not responses: usage errors and errors that name the file; nothing written")
    func badSources() throws {
        let output = try folder().appendingPathComponent("Definitions")
        let missing = try CommandRunner.run(["import", "hubspot", "contacts=missing.json", "--output", output.path], in: Self.portal)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file: 'missing.json'"))
        let wrong = try CommandRunner.run(["import", "hubspot", "schemas.json", "contacts=labels-0-1_2-41280011.json", "--output", output.path], in: Self.portal)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("labels-0-1_2-41280011.json: not a GET /crm/v3/properties/contacts response"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a response file of 64 MiB is read; a byte more is refused at the file, nothing written")
    func responseSizeLimit() throws {
        let folder = try folder()
        let frame = #"{"results":[],"pad":""}"#.utf8.count
        func response(bytes: Int) -> Data { Data((#"{"results":[],"pad":""# + String(repeating: "x", count: bytes - frame) + #""}"#).utf8) }
        try response(bytes: 64 << 20).write(to: folder.appendingPathComponent("at.json"))
        try response(bytes: (64 << 20) + 1).write(to: folder.appendingPathComponent("past.json"))
        let output = folder.appendingPathComponent("Definitions")
        let atLimit = try CommandRunner.run(["import", "hubspot", "at.json", "--output", output.path], in: folder)
        #expect(atLimit.status == 0, "\(atLimit.stderr)")
        #expect(atLimit.stdout.hasPrefix("The responses hold nothing to write"), "\(atLimit.stdout)")
        let past = try CommandRunner.run(["import", "hubspot", "past.json", "--output", output.path], in: folder)
        #expect(past.status == 1)
        #expect(past.stderr == "past.json:1:1: error: the file is larger than 67108864 bytes, crmgen's limit for HubSpot response files\n1 error generated.\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("export --output refuses what renaming a file over it would replace: a pipe, a link, a folder, a definition it reads")
    func exportOutputRefused() throws {
        let root = try folder()
        let pipe = root.appendingPathComponent("pipe.json")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        let target = root.appendingPathComponent("target.json")
        try Data("kept\n".utf8).write(to: target)
        let link = root.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        for (output, words) in [(pipe.path, "is not a regular file"), (link.path, "is a symbolic link"), (root.path, "is a folder")] {
            let run = try CommandRunner.run(["export", "hubspot", "--output", output])
            #expect(run.status == 2, "\(output): \(run.stderr)")
            #expect(run.stderr.contains("--output '\(output)' \(words)"), "\(run.stderr)")
        }
        var info = stat()
        #expect(lstat(pipe.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "still a pipe")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path, "still a link")
        #expect(try String(contentsOf: target, encoding: .utf8) == "kept\n")

        let definitions = root.appendingPathComponent("Definitions")
        try FileManager.default.createDirectory(at: definitions, withIntermediateDirectories: true)
        let roastBatch = definitions.appendingPathComponent("roast_batch.yaml")
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Definitions/custom/roast_batch.yaml"), to: roastBatch)
        let before = try Data(contentsOf: roastBatch)
        let spelled = definitions.path + "/../Definitions/roast_batch.yaml"
        let run = try CommandRunner.run(["export", "hubspot", "--definitions", definitions.path, "--output", spelled])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("is the definition file"), "\(run.stderr)")
        #expect(try Data(contentsOf: roastBatch) == before, "the definition is untouched")
        let written = try CommandRunner.run(["export", "hubspot", "--definitions", definitions.path, "--output", root.appendingPathComponent("requests.json").path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("requests.json").path))
    }

    @Test("import hubspot --output: the working folder and its parents are refused, as for generate")
    func importOutputMustBeAFolderOfItsOwn() throws {
        let root = try folder()
        let inner = root.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: inner.appendingPathComponent("notes.txt"))
        let before = try FileManager.default.attributesOfItem(atPath: inner.path)[.systemFileNumber] as? Int
        for output in ["", ".", "..", inner.path] {
            let run = try CommandRunner.run(["import", "hubspot", Self.portal.appendingPathComponent("schemas.json").path, "--output", output], in: inner)
            #expect(run.status == 2, "--output '\(output)': \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("--output"), "\(run.stderr)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: inner.path)[.systemFileNumber] as? Int == before, "the same folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inner.path) == ["notes.txt"])
    }

    @Test("export: ordered requests, a note per thing HubSpot cannot hold, only the objects asked for")
    func exportRequests() throws {
        let all = try CommandRunner.run(["export", "hubspot"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.contains("note: roast_batch.green_lot_number: pattern is checked by crmgen only"))
        let requests = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(requests.first?["path"] as? String == "/crm/v3/schemas")
        let paths = requests.compactMap { $0["path"] as? String }
        let schemaIndex = try #require(paths.firstIndex(of: "/crm/v3/schemas"))
        let associationIndex = try #require(paths.firstIndex { $0.hasSuffix("/associations") })
        let labelIndex = try #require(paths.firstIndex { $0.hasSuffix("/labels") })
        #expect(schemaIndex < associationIndex && associationIndex < labelIndex, "objects, then associations, then labels")
        #expect(paths.contains("/crm/v4/associations/p_roast_batch/0-1/labels"), "custom objects are p_{name}")
        let body = try #require(requests.first?["body"] as? [String: Any])
        #expect(body["requiredProperties"] != nil && body["associatedObjects"] as? [Any] != nil)
        let only = try CommandRunner.run(["export", "hubspot", "Roast Batches"])
        #expect(only.stdout == all.stdout, "the definitions hold one custom object")
        let none = try CommandRunner.run(["export", "hubspot", "deals"])
        #expect(try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any] != nil)
    }

    @Test("every body of Definitions/, of Examples/Roastery and of the imported portal passes HubSpot's models")
    func bodiesMatchHubSpotsModels() throws {
        let imported = try folder().appendingPathComponent("Definitions")
        #expect(try CommandRunner.run(["import", "hubspot"] + Self.sources + ["--output", imported.path], in: Self.portal).status == 0)
        for definitions in ["Definitions", "Examples/Roastery/Sources", imported.path] {
            let export = try CommandRunner.run(["export", "hubspot", "--definitions", definitions])
            #expect(export.status == 0, "\(definitions): \(export.stderr)")
            let check = try checkBodies(export.stdout)
            #expect(check.status == 0, "\(definitions):\n\(check.stdout)\n\(check.stderr)")
            #expect(check.stdout.contains(" 0 problems"), "\(definitions): \(check.stdout)")
        }
    }

    @Test("the checker fails bodies HubSpot's models reject")
    func checkerCanFail() throws {
        let bad = #"[{"method": "POST", "path": "/crm/v3/schemas", "body": {"name": "x", "labels": {"singular": "X", "plural": "Xs"}, "properties": [], "metaType": "PORTAL_SPECIFIC"}}]"#
        let check = try checkBodies(bad)
        #expect(check.status == 1)
        #expect(check.stdout.contains("requiredProperties") && check.stdout.contains("metaType"), "\(check.stdout)")
    }
}
