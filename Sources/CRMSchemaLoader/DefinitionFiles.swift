import CRMModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A path on the command line that cannot be used: a usage error, not a definition error.
public struct DefinitionPathError: Error, CustomStringConvertible {
    public var description: String
}

/// Finds definition files: `.yaml` and `.yml` files, folders searched recursively.
///
/// Symbolic links are followed, each folder and file once (by device and inode): a link back to a
/// folder being read is reported as a loop and not followed, a file reached by two paths is read
/// once, and a link that leads nowhere is reported rather than ending the run.
public enum DefinitionFiles {
    /// File names that sit beside definitions but are not definitions.
    public static let ignoredFileNames: Set<String> = ["crmgen-config.yaml", "crmgen-config.yml"]

    /// The files found, sorted, and what was noticed on the way (links, folders named like files).
    public struct Found: Sendable {
        public var files: [String]
        public var diagnostics: [Diagnostic]
    }

    static func isDefinitionName(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !ignoredFileNames.contains(name) && !name.hasPrefix(".")
    }

    /// Every definition file under `paths`, sorted, each once. Hidden files and folders are skipped.
    /// - Throws: ``DefinitionPathError`` when a given path does not exist or is not a definition file.
    public static func find(in paths: [String]) throws(DefinitionPathError) -> Found {
        var walk = Walk()
        for path in paths {
            guard let info = Walk.status(path, following: true) else {
                if Walk.status(path, following: false) != nil {
                    throw DefinitionPathError(description: "'\(path)' is a symbolic link that leads nowhere")
                }
                throw DefinitionPathError(description: "no such file or folder: '\(path)'")
            }
            if info.isFolder {
                let base = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
                walk.folder(base, info: info, ancestors: [])
            } else {
                guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else {
                    throw DefinitionPathError(description: "'\(path)' is not a definition file; definition files end in .yaml or .yml")
                }
                walk.file(path, info: info)
            }
        }
        return Found(files: walk.files.sorted(), diagnostics: walk.diagnostics)
    }

    /// One search: what has been seen, by device and inode.
    private struct Walk {
        struct Identity: Hashable {
            var device: UInt64
            var inode: UInt64
        }

        struct Status {
            var identity: Identity
            var isFolder: Bool
            var isRegularFile: Bool
        }

        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        private var seenFiles: Set<Identity> = []
        private var seenFolders: [Identity: String] = [:]

        static func status(_ path: String, following: Bool) -> Status? {
            var info = stat()
            guard (following ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
            return Status(identity: Identity(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino)),
                          isFolder: info.st_mode & S_IFMT == S_IFDIR, isRegularFile: info.st_mode & S_IFMT == S_IFREG)
        }

        mutating func file(_ path: String, info: Status) {
            guard info.isRegularFile else {
                // A device or a pipe could be read forever (a link to /dev/zero) or block (a FIFO).
                diagnostics.append(.error("'\(path)' is not a regular file (a device, pipe or socket); definitions are files", at: nil))
                return
            }
            if seenFiles.insert(info.identity).inserted { files.append(path) }
        }

        mutating func folder(_ path: String, info: Status, ancestors: [Identity]) {
            guard seenFolders[info.identity] == nil else { return }
            seenFolders[info.identity] = path
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                diagnostics.append(.error("cannot read the folder '\(path)'", at: nil))
                return
            }
            let chain = ancestors + [info.identity]
            for name in names where !name.hasPrefix(".") {
                entry(path + "/" + name, name: name, ancestors: chain)
            }
        }

        private mutating func entry(_ path: String, name: String, ancestors: [Identity]) {
            // One call for the usual entry; lstat only tells a link to nothing from a vanished entry.
            guard let info = Self.status(path, following: true) else {
                guard Self.status(path, following: false) != nil else { return }
                // lstat works and stat does not: a symbolic link to nothing.
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                if isDefinitionName(name) {
                    diagnostics.append(.error("'\(path)' is a symbolic link to '\(target)', which does not exist", at: nil))
                } else {
                    diagnostics.append(.warning("symbolic link '\(path)' leads nowhere ('\(target)'); skipped", at: nil))
                }
                return
            }
            if info.isFolder {
                if ancestors.contains(info.identity) {
                    let looped = seenFolders[info.identity] ?? "?"
                    diagnostics.append(.warning("symbolic link '\(path)' leads back to '\(looped)', which contains it; not followed", at: nil))
                    return
                }
                if isDefinitionName(name) {
                    diagnostics.append(.warning("'\(path)' is a folder, not a file; the definitions in it are read", at: nil))
                }
                folder(path, info: info, ancestors: ancestors)
            } else if isDefinitionName(name) {
                file(path, info: info)
            }
        }
    }
}
