import Foundation

/// How many cores this process may run on, for work split across threads.
public enum UsableCores {
    /// The cores the process's affinity mask allows (`taskset`, a container's cpuset), at most
    /// `ProcessInfo.activeProcessorCount` and at least 1.
    ///
    /// `activeProcessorCount` counts the machine's online cores even when the process may run on
    /// fewer: pinned to one core, two workers would only take turns on it, each evicting the other's
    /// data from the cache.
    public static let count: Int = {
        let online = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let allowed = allowedByAffinity() else { return online }
        return max(1, min(online, allowed))
    }()

    /// The number of bits set in `Cpus_allowed` of `/proc/self/status` (Linux), or `nil` where
    /// there is no such line.
    static func allowedByAffinity() -> Int? {
        #if os(Linux)
        guard let status = FileManager.default.contents(atPath: "/proc/self/status") else { return nil }
        return allowed(inStatus: String(decoding: status, as: UTF8.self))
        #else
        return nil
        #endif
    }

    /// The cores a `/proc/PID/status` text allows: the bits of its `Cpus_allowed:` mask
    /// (hexadecimal words separated by commas), or `nil` when it has no valid one.
    static func allowed(inStatus status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            var count = 0
            for character in line.dropFirst("Cpus_allowed:".count) where character != "," && !character.isWhitespace {
                guard let digit = character.hexDigitValue else { return nil }
                count += digit.nonzeroBitCount
            }
            return count > 0 ? count : nil
        }
        return nil
    }
}
