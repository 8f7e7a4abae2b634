import Foundation
import Testing

/// Definition folders as people (and attackers) leave them: symbolic link loops, links to the
/// folder itself, links to nothing, folders named like files, devices and pipes.
@Suite("Definition folders")
struct DefinitionFoldersTests {
    static let roastBatch = CommandRunner.repositoryRoot.appendingPathComponent("Definitions/custom/roast_batch.yaml")

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-folders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("custom"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.roastBatch, to: url.appendingPathComponent("custom/roast_batch.yaml"))
        return url
    }

    func link(_ path: URL, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: destination)
    }

    @Test("a symbolic link loop is reported and not followed; the run ends")
    func linkLoop() throws {
        let root = try folder()
        try link(root.appendingPathComponent("custom/up"), to: "..")
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: symbolic link '\(root.path)/custom/up' leads back to '\(root.path)', which contains it; not followed"), "\(run.stderr)")
        #expect(run.stdout.hasPrefix("1 file valid"))
    }

    @Test("a link to the folder itself loads every file once")
    func selfLink() throws {
        let root = try folder()
        try link(root.appendingPathComponent("self"), to: ".")
        try link(root.appendingPathComponent("custom/same.yaml"), to: "roast_batch.yaml")
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("1 file valid"), "\(run.stdout)")
        #expect(!run.stderr.contains("defined twice"))
    }

    @Test("a link to nothing named like a definition is an error, not a crash")
    func danglingLink() throws {
        let root = try folder()
        try link(root.appendingPathComponent("ghost.yaml"), to: "nowhere.yaml")
        try link(root.appendingPathComponent("gone"), to: "nowhere")
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: '\(root.path)/ghost.yaml' is a symbolic link to 'nowhere.yaml', which does not exist"), "\(run.stderr)")
        #expect(run.stderr.contains("warning: symbolic link '\(root.path)/gone' leads nowhere ('nowhere'); skipped"), "\(run.stderr)")
    }

    @Test("a folder named x.yaml is searched as a folder, with a warning")
    func folderNamedLikeAFile() throws {
        let root = try folder()
        try FileManager.default.moveItem(at: root.appendingPathComponent("custom"), to: root.appendingPathComponent("batches.yaml"))
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: '\(root.path)/batches.yaml' is a folder, not a file; the definitions in it are read"))
        #expect(run.stdout.hasPrefix("1 file valid"))
    }

    @Test("a device or a pipe named like a definition is refused without reading it")
    func devicesAndPipes() throws {
        let root = try folder()
        try link(root.appendingPathComponent("zero.yaml"), to: "/dev/zero")
        #expect(mkfifo(root.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: '\(root.path)/zero.yaml' is not a regular file"), "\(run.stderr)")
        #expect(run.stderr.contains("error: '\(root.path)/pipe.yaml' is not a regular file"), "\(run.stderr)")
    }

    @Test("a file larger than the limit is refused without reading it all")
    func hugeFile() throws {
        let root = try folder()
        let huge = root.appendingPathComponent("huge.yaml")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 1 << 40)  // a 1 TiB sparse file
        try handle.close()
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("huge.yaml:1:1: error: the file is larger than 8388608 bytes, crmgen's limit for definition files"), "\(run.stderr)")
    }

    /// A file with `name` (bytes, UTF-8 or not) in `folder`, holding `text`.
    func createFile(named name: [UInt8], in folder: URL, text: String) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) } }
        #expect(descriptor >= 0)
        let bytes = Array(text.utf8)
        #expect(write(descriptor, bytes, bytes.count) == bytes.count)
        close(descriptor)
    }

    func definition(_ object: String, _ label: String) -> String {
        """
        object: \(object)
        kind: custom
        labels: { singular: \(label), plural: \(label)s }
        primaryDisplayProperty: name
        properties:
          name: { label: Name, type: string, fieldType: text }

        """
    }

    @Test("two file names that differ only in Unicode normalization are an error; nothing is generated")
    func normalizationClash() throws {
        let root = try folder()
        let custom = root.appendingPathComponent("custom")
        try createFile(named: Array("caf\u{E9}.yaml".utf8), in: custom, text: definition("cafe_a", "Cafe A"))  // é as one code point
        try createFile(named: Array("cafe\u{301}.yaml".utf8), in: custom, text: definition("cafe_b", "Cafe B"))  // e and a combining accent
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("differ only in how their letters are encoded (Unicode normalization)"), "\(run.stderr)")
        let output = root.appendingPathComponent("Generated")
        let generate = try CommandRunner.run(["generate", "--definitions", root.path, "--output", output.path])
        #expect(generate.status == 1, "\(generate.stdout)\(generate.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a definition file or folder whose name is not UTF-8 is an error, not skipped; other such names are not crmgen's")
    func nameNotUTF8() throws {
        let root = try folder()
        let custom = root.appendingPathComponent("custom")
        try createFile(named: Array("notes".utf8) + [0xFE] + Array(".txt".utf8), in: custom, text: "not a definition\n")
        let others = try CommandRunner.run(["validate", root.path])
        #expect(others.status == 0, "\(others.stderr)")
        #expect(others.stdout.hasPrefix("1 file valid"), "\(others.stdout)")

        try createFile(named: Array("l".utf8) + [0xFF] + Array("st.yaml".utf8), in: custom, text: definition("lost_one", "Lost one"))
        let run = try CommandRunner.run(["validate", root.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("st.yaml' cannot be read: its name is not valid UTF-8 (byte 0xFF)"), "\(run.stderr)")
    }
}
