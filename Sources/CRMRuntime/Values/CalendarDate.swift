/// A day on the calendar, without a time or a time zone: HubSpot's `date` properties.
///
/// HubSpot sends dates as `2020-02-29` or as epoch milliseconds at midnight UTC; both read
/// into the same day, with no shift into the local time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int

    /// `nil` unless the day exists (no 31 April, 29 February only in leap years).
    public init?(year: Int, month: Int, day: Int) {
        guard ValueGrammar.isCalendarDay(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or epoch milliseconds (the UTC day of that instant), by
    /// `ValueGrammar.isDate(_:)` (CRMModel): years 0001 to 9999, days that exist.
    public init?(hubSpotValue text: String) {
        guard ValueGrammar.isDate(text) else { return nil }
        if let milliseconds = ValueGrammar.epochMilliseconds(text) {
            self.init(daysSince1970: HubSpotValueFormat.floorDivide(milliseconds, 86_400_000))
            return
        }
        let bytes = Array(text.utf8)
        guard let year = HubSpotValueFormat.digits(bytes, 0, 4),
              let month = HubSpotValueFormat.digits(bytes, 5, 2),
              let day = HubSpotValueFormat.digits(bytes, 8, 2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `days` after 1970-01-01 (negative for earlier days).
    public init?(daysSince1970 days: Int) {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Days since 1970-01-01.
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DD`, the form HubSpot documents and returns.
    public var description: String {
        HubSpotValueFormat.pad(year, 4) + "-" + HubSpotValueFormat.pad(month, 2) + "-" + HubSpotValueFormat.pad(day, 2)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(hubSpotValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
