/// A number's bound (`minimum: 0.5`) kept as digits, so that a value's bytes compare with it exactly
/// and without building a ``CRMNumber``: the order of `DecimalRangePattern.compare`.
struct DecimalBound: Sendable {
    private let negative: Bool
    /// Integer digits without leading zeros.
    private let integer: [UInt8]
    /// Fraction digits without trailing zeros.
    private let fraction: [UInt8]

    init(_ number: CRMNumber) {
        (negative, integer, fraction) = number.text.withUTF8Bytes { bytes in
            let parts = Self.parts(bytes)
            return (parts.negative, Array(bytes[parts.integer]), Array(bytes[parts.fraction]))
        }
    }

    /// Where the significant digits of a number's bytes are (`bytes` follow the number grammar);
    /// zero is never negative.
    private static func parts(_ bytes: UnsafeBufferPointer<UInt8>) -> (negative: Bool, integer: Range<Int>, fraction: Range<Int>) {
        var start = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { start = 1 }
        var point = start
        while point < bytes.count, bytes[point] != UInt8(ascii: ".") { point += 1 }
        var integerStart = start
        while integerStart < point, bytes[integerStart] == UInt8(ascii: "0") { integerStart += 1 }
        var fractionEnd = bytes.count
        let fractionStart = min(point + 1, bytes.count)
        while fractionEnd > fractionStart, bytes[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
        let isZero = integerStart == point && fractionEnd == fractionStart
        return (negative && !isZero, integerStart..<point, fractionStart..<fractionEnd)
    }

    /// -1, 0 or 1 as the number `bytes` (which follow the number grammar) is less than, equal to or
    /// greater than the bound.
    func compare(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let value = Self.parts(bytes)
        if value.negative != negative { return value.negative ? -1 : 1 }
        let magnitude = Self.compareMagnitudes(bytes, value.integer, value.fraction, integer, fraction)
        return negative ? -magnitude : magnitude
    }

    private static func compareMagnitudes(_ bytes: UnsafeBufferPointer<UInt8>, _ integer: Range<Int>, _ fraction: Range<Int>,
                                          _ boundInteger: [UInt8], _ boundFraction: [UInt8]) -> Int {
        if integer.count != boundInteger.count { return integer.count < boundInteger.count ? -1 : 1 }
        for (offset, digit) in boundInteger.enumerated() where bytes[integer.lowerBound + offset] != digit {
            return bytes[integer.lowerBound + offset] < digit ? -1 : 1
        }
        // Without trailing zeros, a fraction that is a prefix of the other is the smaller one.
        for (offset, digit) in boundFraction.enumerated() {
            guard offset < fraction.count else { return -1 }
            let byte = bytes[fraction.lowerBound + offset]
            if byte != digit { return byte < digit ? -1 : 1 }
        }
        return fraction.count > boundFraction.count ? 1 : 0
    }
}
