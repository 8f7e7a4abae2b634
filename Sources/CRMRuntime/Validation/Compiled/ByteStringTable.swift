import Foundation

/// A fixed set of byte strings, each with a number: property names to their positions, option values.
/// Built once per object; a lookup hashes the bytes it is given (FNV-1a) and compares at most the few
/// strings in that slot, without making a `String`.
struct ByteStringTable: Sendable {
    /// Open addressing: a power of two at least four times the number of strings. A hash is never 0,
    /// which marks an empty slot.
    private struct Slot: Sendable {
        var hash: UInt64 = 0
        var start: UInt32 = 0
        var count: UInt32 = 0
        var value: Int = 0
    }

    private var slots: [Slot]
    private var storage: [UInt8] = []
    private let mask: Int

    /// The strings in order, numbered from 0; a string given twice keeps its first number.
    init(_ strings: some Sequence<String>) {
        let strings = Array(strings)
        var capacity = 8
        while capacity < strings.count * 4 { capacity *= 2 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        for (number, string) in strings.enumerated() {
            string.withUTF8Bytes { bytes in
                guard self.lookup(bytes) == nil else { return }
                let hash = Self.hash(bytes) | 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot].hash != 0 { slot = (slot + 1) & mask }
                slots[slot] = Slot(hash: hash, start: UInt32(storage.count), count: UInt32(bytes.count), value: number)
                storage.append(contentsOf: bytes)
            }
        }
    }

    /// The number of the string equal to `bytes`, or `nil`.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(bytes) | 1
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].hash != 0 {
                let entry = slots[slot]
                if entry.hash == hash, Int(entry.count) == bytes.count, equal(entry, bytes) { return entry.value }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { lookup(bytes) != nil }

    private func equal(_ entry: Slot, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return entry.count == 0 }
        return storage.withUnsafeBufferPointer { stored in
            guard let start = stored.baseAddress else { return false }
            return memcmp(start + Int(entry.start), base, Int(entry.count)) == 0
        }
    }

    /// Eight bytes at a time, each word mixed by a multiply and a rotation, the tail byte by byte, then the
    /// whole mixed again.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = ((hash ^ word) &* 0x9E37_79B9_7F4A_7C15).rotateLeft(by: 29)
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(base[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        // MurmurHash3's finalizer: every input bit reaches the low bits that pick the slot.
        hash = (hash ^ (hash >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ (hash >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }
}

extension UInt64 {
    fileprivate func rotateLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
