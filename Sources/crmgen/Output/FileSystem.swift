import CRMModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed file-system call: which operation, on which path, and the system's reason.
struct FileSystemError: Error, CustomStringConvertible {
    var operation: String
    var path: String
    var reason: String

    init(_ operation: String, _ path: String, errno code: Int32 = errno) {
        self.operation = operation
        self.path = path
        reason = String(cString: strerror(code))
    }

    var description: String { "cannot \(operation) '\(path)': \(reason)" }
}

/// The few POSIX calls that make generated output all-or-nothing, with errors that name the path.
enum FileSystem {
    enum Kind { case file, folder, link, other, missing }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// A file's device and inode (links followed), which name it however its path is spelled;
    /// `nil` when it does not exist.
    static func identity(of path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(truncatingIfNeeded: info.st_dev), UInt64(truncatingIfNeeded: info.st_ino)]
    }

    /// Names in a folder, without `.` and `..`, sorted.
    static func entries(of folder: String) throws(FileSystemError) -> [String] {
        guard let names = FolderEntries.names(in: folder) else { throw FileSystemError("read the folder", folder) }
        return names.map { String(decoding: $0, as: UTF8.self) }.sorted()
    }

    static func makeFolder(_ path: String) throws(FileSystemError) {
        guard mkdir(path, 0o755) == 0 else { throw FileSystemError("create the folder", path) }
    }

    /// The permission bits of `path` (setuid, setgid and sticky among them), or `nil` when it cannot be read.
    static func permissions(of path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    static func setPermissions(_ path: String, _ permissions: mode_t) throws(FileSystemError) {
        guard chmod(path, permissions) == 0 else { throw FileSystemError("set the permissions of", path) }
    }

    /// Writes a new file (it must not exist yet), reporting a full disk at the write that hits it.
    static func writeNewFile(_ path: String, _ bytes: some Collection<UInt8>) throws(FileSystemError) {
        let descriptor = try createNewFile(path)
        do {
            try writeAll(descriptor, Array(bytes), path: path)
        } catch {
            _ = Foundation.close(descriptor)
            throw error
        }
        try close(descriptor, path: path)
    }

    /// Opens a new file for writing; it must not exist yet.
    static func createNewFile(_ path: String) throws(FileSystemError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError("create", path) }
        return descriptor
    }

    /// Writes all of `bytes` to `descriptor` (the file at `path`, for the error), however many calls it takes.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(FileSystemError) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("write", path)
            }
            written += count
        }
    }

    /// ``writeAll(_:_:path:)`` of an array's bytes.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(FileSystemError) {
        let failure: FileSystemError? = bytes.withUnsafeBytes { raw in
            do throws(FileSystemError) {
                try writeAll(descriptor, raw, path: path)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Closes a file written with ``createNewFile(_:)``; some file systems report a full disk only here.
    static func close(_ descriptor: Int32, path: String) throws(FileSystemError) {
        guard Foundation.close(descriptor) == 0 else { throw FileSystemError("close", path) }
    }

    /// Opens an existing regular file for reading, not through a symbolic link; `nil` when it cannot.
    static func openForReading(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        return descriptor >= 0 ? descriptor : nil
    }

    /// Reads up to `buffer.count` bytes, fewer only at the end of the file; `nil` on a read error.
    static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let count = read(descriptor, base + total, buffer.count - total)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    static func hardLink(_ source: String, _ destination: String) throws(FileSystemError) {
        guard link(source, destination) == 0 else { throw FileSystemError("link '\(source)' to", destination) }
    }

    static func symbolicLinkDestination(_ path: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: path)
    }

    static func makeSymbolicLink(_ path: String, to destination: String) throws(FileSystemError) {
        guard symlink(destination, path) == 0 else { throw FileSystemError("create the link", path) }
    }

    static func rename(_ source: String, _ destination: String) throws(FileSystemError) {
        guard Foundation.rename(source, destination) == 0 else { throw FileSystemError("rename '\(source)' to", destination) }
    }

    /// Swaps two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`):
    /// at every instant each path names a complete folder. `false` when the system cannot swap.
    static func exchange(_ first: String, _ second: String) throws(FileSystemError) -> Bool {
        #if canImport(Darwin)
        if renamex_np(first, second, UInt32(RENAME_SWAP)) == 0 { return true }
        if errno == ENOTSUP || errno == EINVAL { return false }
        throw FileSystemError("swap '\(first)' with", second)
        #else
        guard let renameat2 = LinuxRename.renameat2 else { return false }
        if renameat2(AT_FDCWD, first, AT_FDCWD, second, LinuxRename.exchange) == 0 { return true }
        if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP { return false }
        throw FileSystemError("swap '\(first)' with", second)
        #endif
    }

    /// Removes a file, a link, or a folder and everything in it (links are removed, never followed).
    static func removeTree(_ path: String) throws(FileSystemError) {
        switch kind(of: path) {
        case .missing: return
        case .folder:
            for name in try entries(of: path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 else { throw FileSystemError("remove the folder", path) }
        default:
            guard unlink(path) == 0 else { throw FileSystemError("remove", path) }
        }
    }

    /// The path with every symbolic link resolved; the path itself when it does not exist.
    static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        // Not there yet (an output folder to create): its parent resolved, and its name. A bare
        // relative name (`Out`) has the working directory as its parent, never "".
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let parent = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        guard !parent.isEmpty, parent != absolute else { return absolute }
        let resolvedParent = resolved(parent)
        return resolvedParent == "/" ? "/" + name : resolvedParent + "/" + name
    }

    /// Writes a new file whole or not at all, never over an existing one. The bytes go to a hidden
    /// file in the same folder first, which is then linked to `path` and removed: unlike `rename`,
    /// `link` fails when `path` exists, so a file made meanwhile by someone else is never replaced.
    /// - Returns: `false` when `path` exists (nothing was written).
    static func writeFileIfAbsent(_ path: String, _ bytes: some Collection<UInt8>) throws(FileSystemError) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).crmgen-new-\(getpid())"
        _ = unlink(temporary)  // left by a killed run of this same process id
        try writeNewFile(temporary, bytes)
        defer { _ = unlink(temporary) }
        if link(temporary, path) == 0 { return true }
        if errno == EEXIST { return false }
        // File systems without hard links: rename, after a last look (the one gap link closes).
        guard errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == ENOSYS else {
            throw FileSystemError("create", path)
        }
        if kind(of: path) != .missing { return false }
        try rename(temporary, path)
        return true
    }

    /// An exclusive lock on `path` (created if missing), held until the process ends. Waits for
    /// another holder, telling `waiting` once.
    static func lock(_ path: String, waiting: () -> Void) throws(FileSystemError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError("open the lock file", path) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK else { throw FileSystemError("lock", path) }
        waiting()
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw FileSystemError("lock", path) }
        }
    }
}

#if !canImport(Darwin)
/// glibc has `renameat2` since 2.28, but Swift's Glibc module does not declare it; look it up.
private enum LinuxRename {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    static let exchange: UInt32 = 1 << 1  // RENAME_EXCHANGE

    static let renameat2: Function? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
#endif
