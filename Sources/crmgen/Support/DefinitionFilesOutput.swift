import CRMGenerator
import CRMModel
import CRMSchemaLoader
import Foundation

/// Writes imported or pulled definitions: one `OBJECT.yaml` each, checked to load as written, never
/// over an existing file without `force`, and all at once or not at all.
struct DefinitionFilesOutput {
    let folder: String
    let force: Bool

    func write(_ documents: [DefinitionDocument]) throws {
        guard !documents.isEmpty else {
            print("The responses hold nothing to write (no custom object, custom property, label or portal's own options); '\(folder)' was not touched.")
            return
        }
        let files = documents.map { GeneratedFile(name: "\($0.object).yaml", contents: DefinitionWriter.yaml($0)) }
        try checkValid(files)
        let existing = files.map(\.name).filter { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }
        if !existing.isEmpty, !force {
            DiagnosticPrinter.print([.error("\(existing.joined(separator: ", ")) already in '\(folder)'; nothing was written (use --force to overwrite)", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        do {
            var output = OutputFolder(path: folder)
            output.removesStaleGeneratedFiles = false
            _ = try output.write { staging throws(FileSystemError) in
                for file in files { try staging.add(file) }
            }
        } catch {
            DiagnosticPrinter.print([.error(error.description, at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        print("\(counted(files.count, "definition file")) in \(folder): \(files.map(\.name).joined(separator: ", ")).")
    }

    /// The files must load as they are, on top of the standard set: crmgen never writes definitions
    /// that `crmgen validate` would reject.
    private func checkValid(_ files: [GeneratedFile]) throws {
        let sources = files.map { DefinitionSource(path: (folder as NSString).appendingPathComponent($0.name), text: $0.contents) }
        let loaded = SchemaLoader().load(sources)
        guard loaded.schema == nil else { return }
        DiagnosticPrinter.print(loaded.diagnostics + [.error("crmgen could not turn these responses into valid definitions (a crmgen bug); nothing was written", at: nil)])
        throw ExitStatus.invalidDefinitions.exitCode
    }
}
