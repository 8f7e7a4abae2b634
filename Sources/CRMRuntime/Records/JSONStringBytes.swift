/// The inside of a JSON string, eight bytes at a time: most bytes of record JSON are in strings, and
/// both the record parser and `crmgen check`'s scanner pass over them looking for the few that matter.
@_spi(Generated) public enum JSONStringBytes {
    /// The first index from `start` whose byte is a quote, a backslash or a control character (or, with
    /// `stoppingAtNonASCII`, any byte of 0x80 or more), or an index less than 8 bytes before the end,
    /// from which the caller goes on one byte at a time.
    @inlinable @inline(__always)
    public static func skipPlain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, stoppingAtNonASCII: Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var index = start
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let found = attention(word, nonASCII: stoppingAtNonASCII)
            // The lowest bit found marks the first byte that matters: the test's false alarms only
            // ever come after a byte it rightly found.
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        return index
    }

    /// The high bit of each of eight bytes (the first in the lowest bits) that is a quote, a backslash or a
    /// control character (or not ASCII, when `nonASCII`), exact up to the first such byte: the classic test
    /// for a zero byte, applied to the word XORed with each byte sought.
    @inlinable @inline(__always)
    static func attention(_ word: UInt64, nonASCII: Bool) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (word &- ones &* 0x20) & ~word
        let found = (hasQuote | hasBackslash | hasControl) & highs
        return nonASCII ? found | word & highs : found
    }
}
