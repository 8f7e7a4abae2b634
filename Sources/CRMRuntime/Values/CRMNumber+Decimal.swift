import Foundation

extension CRMNumber {
    /// The value as a `Decimal`: exact up to 38 significant digits (Foundation's limit).
    public var decimalValue: Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A `Decimal`'s plain decimal text (`134.1`); `nil` for NaN.
    public init?(_ value: Decimal) {
        guard !value.isNaN else { return nil }
        self.init(CRMNumber.plainDecimal(fromSwiftDescription: NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))))
    }
}
