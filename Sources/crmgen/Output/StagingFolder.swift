import CRMGenerator
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder ``OutputFolder`` builds the new set in: it takes each generated file in pieces, as
/// the generator renders it, and holds at most ``holdLimit`` bytes of it.
///
/// Each piece is compared at once with the same bytes of the output's file of that name. While all
/// of a file matches, its bytes are held rather than written; a file that matches to its last byte
/// becomes a hard link to the old one (its modification time kept). At the first difference, or
/// once the held bytes pass ``holdLimit``, the file is created in the staging folder and everything
/// from then on is written as it comes; if a large file still matches at its end, the copy is
/// removed and the old file linked after all. Only bytes the generator produced are ever written.
struct StagingFolder: GeneratedFileSink {
    /// How many bytes of a file that matches the old one so far are held before they are written.
    static let holdLimit = 1 << 20

    let path: String
    /// The output folder, whose files the new ones are compared with.
    let output: String
    private(set) var written: [String] = []
    private(set) var unchanged: [String] = []
    private var current: StagedFile?

    init(path: String, output: String) {
        self.path = path
        self.output = output
    }

    mutating func beginFile(named name: String) throws(FileSystemError) {
        if current != nil { throw FileSystemError("finish the file before", name, errno: EINVAL) }
        let existing = output + "/" + name
        var file = StagedFile(name: name, existing: existing, destination: path + "/" + name)
        switch FileSystem.kind(of: existing) {
        case .missing: break
        case .file: file.old = FileSystem.openForReading(existing)
        default: throw FileSystemError("replace", existing, errno: EISDIR)  // a folder or link of the user's: never dropped
        }
        current = file
    }

    mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) throws(FileSystemError) {
        guard var file = current else { throw FileSystemError("write before beginning", path, errno: EINVAL) }
        current = nil
        do {
            try file.append(UnsafeRawBufferPointer(utf8))
        } catch {
            file.abandon()
            throw error
        }
        current = file
    }

    mutating func endFile() throws(FileSystemError) {
        guard var file = current else { throw FileSystemError("end a file not begun in", path, errno: EINVAL) }
        current = nil
        if try file.finish() {
            unchanged.append(file.name)
        } else {
            written.append(file.name)
        }
    }

    /// A whole file at once.
    mutating func add(_ file: GeneratedFile) throws(FileSystemError) {
        try beginFile(named: file.name)
        try Array(file.contents.utf8).withUnsafeBufferPointer { (utf8) throws(FileSystemError) in try write(utf8) }
        try endFile()
    }

    /// Fails when a file was begun and not ended: the producer stopped part way.
    func finish() throws(FileSystemError) {
        if let current { throw FileSystemError("finish", current.destination, errno: EINVAL) }
    }

    /// Closes what is open after a failure (the caller removes the staging folder).
    mutating func abandon() {
        current?.abandon()
        current = nil
    }
}

/// One file on its way into the staging folder.
private struct StagedFile {
    let name: String
    /// The output's file of this name.
    let existing: String
    /// Its place in the staging folder.
    let destination: String
    /// The old file, open while every byte so far matches it.
    var old: Int32?
    /// The new file, once it is being written.
    private var new: Int32?
    /// Bytes that matched the old file and are not written yet.
    private var held: [UInt8] = []
    private var buffer: [UInt8] = []

    init(name: String, existing: String, destination: String) {
        self.name = name
        self.existing = existing
        self.destination = destination
    }

    /// Compares `bytes` with the old file's next bytes, then holds or writes them.
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(FileSystemError) {
        if old != nil, !matchesOld(bytes) { stopComparing() }
        if let new {
            try FileSystem.writeAll(new, bytes, path: destination)
        } else if old != nil, held.count + bytes.count <= StagingFolder.holdLimit {
            held.append(contentsOf: bytes)
        } else {
            let descriptor = try FileSystem.createNewFile(destination)
            new = descriptor
            try FileSystem.writeAll(descriptor, held, path: destination)
            held = []
            try FileSystem.writeAll(descriptor, bytes, path: destination)
        }
    }

    /// Completes the file: a hard link to the old one when every byte matched it and it has no more
    /// (returns `true`), else the new bytes closed in place.
    mutating func finish() throws(FileSystemError) -> Bool {
        let unchanged = old != nil && atEndOfOld()
        stopComparing()
        if unchanged {
            if let new {
                self.new = nil
                _ = close(new)
                guard unlink(destination) == 0 else { throw FileSystemError("remove", destination) }
            }
            held = []
            try FileSystem.hardLink(existing, destination)
            return true
        }
        let descriptor: Int32
        if let new {
            descriptor = new
        } else {
            descriptor = try FileSystem.createNewFile(destination)
        }
        self.new = nil
        do {
            try FileSystem.writeAll(descriptor, held, path: destination)
        } catch {
            _ = close(descriptor)
            throw error
        }
        held = []
        try FileSystem.close(descriptor, path: destination)
        return false
    }

    /// Closes whatever is open; the staging folder is about to be removed.
    mutating func abandon() {
        stopComparing()
        if let new { _ = close(new) }
        new = nil
    }

    /// Whether the old file's next `bytes.count` bytes are `bytes`; a read error counts as a difference.
    private mutating func matchesOld(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let old else { return false }
        if bytes.isEmpty { return true }
        if buffer.count < bytes.count { buffer = [UInt8](repeating: 0, count: bytes.count) }
        let count = buffer.withUnsafeMutableBytes { FileSystem.readFully(old, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<bytes.count])) }
        guard count == bytes.count else { return false }
        return buffer.withUnsafeBytes { read in
            guard let readBase = read.baseAddress, let base = bytes.baseAddress else { return false }
            return memcmp(readBase, base, bytes.count) == 0
        }
    }

    /// Whether the old file has no byte left to read.
    private func atEndOfOld() -> Bool {
        guard let old else { return false }
        var byte: UInt8 = 0
        return withUnsafeMutableBytes(of: &byte) { FileSystem.readFully(old, into: $0) } == 0
    }

    private mutating func stopComparing() {
        if let old { _ = close(old) }
        old = nil
    }
}
