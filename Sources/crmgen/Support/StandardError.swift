#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes messages to standard error. A message that cannot be shown (standard error closed, or a
/// full disk behind `2> log`) is dropped: `FileHandle.write` would stop crmgen with a trap instead.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(2, base + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Whether standard error is a terminal, where a person reads it as it comes.
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Messages for standard error, collected and written 64 KiB at a time when standard error is not a
/// terminal, as `grep` and other stream tools do: `check` writes a diagnostic for every bad record,
/// and a `write(2)` for each one took about 12% of its CPU time on the benchmark's records (about
/// 20,000 calls). On a terminal each message is written at once. ``flush()`` before anything else is written
/// to standard error or standard output, so that `2>&1` keeps the order.
struct BufferedStandardError: ~Copyable {
    private var buffer: [UInt8] = []
    private let buffers: Bool
    static let capacity = 1 << 16

    /// - Parameter buffering: `false` writes each message at once even when standard error is not a
    ///   terminal (for input that arrives slowly, whose messages a reader waits for).
    init(buffering: Bool = true) {
        buffers = buffering && !StandardError.isTerminal
        if buffers { buffer.reserveCapacity(Self.capacity) }
    }

    mutating func write(_ text: String) {
        guard buffers else { return StandardError.write(text) }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { StandardError.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        // A message collected and not yet written is written when the writer goes, whatever the path.
        buffer.withUnsafeBufferPointer { StandardError.write($0) }
    }
}

/// The system's `write(2)` (named apart from `StandardError.write`).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
