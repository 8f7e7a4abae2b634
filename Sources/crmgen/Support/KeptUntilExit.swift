import Foundation

/// Values that live until the process exits, never freed.
///
/// A command that ends the process right after using a large loaded schema would otherwise spend
/// its last moments freeing it piece by piece: releasing every string and array of tens of
/// thousands of properties, reading all that memory once more. The system takes the whole
/// process's memory back at exit at once.
enum KeptUntilExit {
    private final class Values: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Any] = []

        func append(_ value: Any) {
            lock.withLock { values.append(value) }
        }
    }

    private static let values = Values()

    /// Keeps `value` (one more reference to it) until the process exits.
    static func keep(_ value: Any) {
        values.append(value)
    }
}
