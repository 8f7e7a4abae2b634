import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The names in a folder as the file system stores them: bytes, which need not be UTF-8.
package enum FolderEntries {
    /// Every name in the folder at `path` but `.` and `..`, in the order the file system gives them;
    /// `nil` when the folder cannot be opened or read to its end.
    package static func names(in path: String) -> [[UInt8]]? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        // The name is read where it lies: a dirent record can end before its declared 256-byte name
        // field, so copying the field would read past the record (AddressSanitizer found it).
        guard let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { return nil }
        var names: [[UInt8]] = []
        errno = 0
        while let entry = readdir(folder) {
            let start = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self)
            let name = Array(UnsafeRawBufferPointer(start: start, count: strlen(start)))
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        return errno == 0 ? names : nil
    }
}
