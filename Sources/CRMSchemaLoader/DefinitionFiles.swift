import Foundation

/// A path on the command line that cannot be used: a usage error, not a definition error.
public struct DefinitionPathError: Error, CustomStringConvertible {
    public var description: String
}

/// Finds definition files: `.yaml` and `.yml` files, folders searched recursively.
public enum DefinitionFiles {
    /// File names that sit beside definitions but are not definitions.
    public static let ignoredFileNames: Set<String> = ["crmgen-config.yaml", "crmgen-config.yml"]

    static func isDefinitionFile(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !ignoredFileNames.contains(name) && !name.hasPrefix(".")
    }

    /// Definition files in `folder` and its subfolders; hidden entries are skipped.
    /// Names ending in .yaml/.yml are taken as files without a stat, which keeps large folders fast.
    private static func collect(in folder: String, into found: inout [String]) throws(DefinitionPathError) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw DefinitionPathError(description: "cannot read the folder '\(folder)'")
        }
        for name in names where !name.hasPrefix(".") {
            let full = folder + "/" + name
            if isDefinitionFile(full) {
                found.append(full)
                continue
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue {
                try collect(in: full, into: &found)
            }
        }
    }

    /// Every definition file under `paths`, sorted, without duplicates. Hidden files and folders are skipped.
    public static func find(in paths: [String]) throws(DefinitionPathError) -> [String] {
        var found: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw DefinitionPathError(description: "no such file or folder: '\(path)'")
            }
            if !isFolder.boolValue {
                guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else {
                    throw DefinitionPathError(description: "'\(path)' is not a definition file; definition files end in .yaml or .yml")
                }
                found.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            try collect(in: base, into: &found)
        }
        var seen = Set<String>()
        return found.sorted().filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }
}
