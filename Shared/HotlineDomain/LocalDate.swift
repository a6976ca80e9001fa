import Foundation

/// A day on the calendar with no time and no time zone, written `YYYY-MM-DD`.
///
/// Holidays and make-up working days are local dates: 2026-10-01 is a holiday wherever the clock
/// is read, and ``WorkingCalendar`` maps it to instants in the jurisdiction's time zone.
public struct LocalDate: Sendable, Hashable, Comparable {
    /// The Gregorian year, e.g. 2026.
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The day of the month, 1...31.
    public var day: Int

    /// Creates a date from its parts; use ``init(_:)`` to parse and validate text.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses strict `YYYY-MM-DD` text, returning `nil` for other shapes or impossible days
    /// such as 2026-02-29 or 0000-01-01 (the calendar, and PostgreSQL's `date`, have no year 0).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), year >= 1, let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// The `YYYY-MM-DD` text.
    public var text: String {
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        let day = self.day < 10 ? "0\(self.day)" : "\(self.day)"
        let year = String(repeating: "0", count: max(0, 4 - String(self.year).count)) + String(self.year)
        return "\(year)-\(month)-\(day)"
    }

    /// Orders by year, then month, then day.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The number of days in a month of the Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}

extension LocalDate: CustomStringConvertible {
    /// The `YYYY-MM-DD` text.
    public var description: String {
        self.text
    }
}

extension LocalDate: Codable {
    /// Decodes `YYYY-MM-DD` text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a YYYY-MM-DD date")
        }
        self = date
    }

    /// Encodes `YYYY-MM-DD` text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.text)
    }
}
