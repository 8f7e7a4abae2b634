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
                // Arguments reach Swift as UTF-8, a name that is not UTF-8 with its bytes replaced by U+FFFD.
                let encoding = path.contains("\u{FFFD}") ? " (a path that is not valid UTF-8 cannot be given; rename the file)" : ""
                throw DefinitionPathError(description: "no such file or folder: '\(path)'" + encoding)
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
        let files = walk.files.sorted()
        return Found(files: files, diagnostics: walk.diagnostics + normalizationClashes(in: files))
    }

    /// Files whose paths differ only in how their characters are composed (`café` written with `é`
    /// or with `e` and a combining accent). Swift compares strings by meaning, not by bytes, so the
    /// two are one name to every table keyed by path: the code generated for one would take the
    /// other's place.
    static func normalizationClashes(in files: [String]) -> [Diagnostic] {
        var byName: [String: [String]] = [:]
        for file in files { byName[file, default: []].append(file) }
        var diagnostics: [Diagnostic] = []
        for group in byName.values where group.count > 1 {
            let spellings = group.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for path in spellings.dropFirst() {
                diagnostics.append(.error(
                    "'\(path)' and '\(spellings[0])' differ only in how their letters are encoded (Unicode normalization), "
                        + "so crmgen cannot tell them apart: the code generated for one would replace the other's; rename one of them",
                    at: nil))
            }
        }
        return diagnostics.sorted { $0.message.utf8.lexicographicallyPrecedes($1.message.utf8) }
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
            guard let rawNames = FolderEntries.names(in: path) else {
                diagnostics.append(.error("cannot read the folder '\(path)'", at: nil))
                return
            }
            var names: [String] = []
            names.reserveCapacity(rawNames.count)
            for raw in rawNames where raw.first != UInt8(ascii: ".") {
                guard let name = String(validating: raw, as: UTF8.self) else {
                    unreadableName(raw, in: path)
                    continue
                }
                names.append(name)
            }
            let chain = ancestors + [info.identity]
            for name in names.sorted() {
                entry(path + "/" + name, name: name, ancestors: chain)
            }
        }

        /// An entry whose name is not UTF-8: paths name generated files and appear in diagnostics, so
        /// such a definition file (or a folder, which may hold some) cannot be read; anything else is
        /// not crmgen's.
        private mutating func unreadableName(_ raw: [UInt8], in folder: String) {
            let isDefinitionName = raw.count > 4 && (raw.suffix(5).elementsEqual(".yaml".utf8) || raw.suffix(4).elementsEqual(".yml".utf8))
            var info = stat()
            let path = (Array(folder.utf8) + [UInt8(ascii: "/")] + raw + [0]).map { CChar(bitPattern: $0) }
            let isFolder = stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            guard isDefinitionName || isFolder else { return }
            let firstInvalid = UTF8Validation.firstInvalidByteOffset(in: raw).map { raw[$0] } ?? 0
            let shown = String(decoding: raw, as: UTF8.self)
            diagnostics.append(.error(
                "the \(isFolder ? "folder" : "file") '\(folder)/\(shown)' cannot be read: its name is not valid UTF-8 "
                    + String(format: "(byte 0x%02X)", firstInvalid) + ", and crmgen names generated code and diagnostics after it; rename it",
                at: nil))
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
