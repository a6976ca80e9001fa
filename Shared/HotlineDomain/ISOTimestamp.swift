import Foundation

/// Hand-written ISO 8601 date-time formatting and parsing: fast, `Sendable` by construction,
/// and lenient on input in the ways PostgreSQL and other services write instants.
enum ISOTimestamp {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, rounded to the nearest millisecond.
    static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1_000).rounded())
        var days = millis / 86_400_000
        var rest = millis % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let day = LocalDate(civilDay: Int(days))
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1_000 % 60
        let milli = rest % 1_000
        return "\(pad(day.year, 4))-\(pad(day.month, 2))-\(pad(day.day, 2))T"
            + "\(pad(Int(hour), 2)):\(pad(Int(minute), 2)):\(pad(Int(second), 2)).\(pad(Int(milli), 3))Z"
    }

    /// Parses `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]](Z|±HH[:MM]|±HHMM)`.
    static func parse(_ text: String) -> Date? {
        var reader = Reader(Array(text.utf8))
        guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
              let dayOfMonth = reader.digits(2), reader.skip("T") || reader.skip("t") || reader.skip(" "),
              let hour = reader.digits(2), reader.skip(":"), let minute = reader.digits(2)
        else {
            return nil
        }
        var second = 0
        var fraction = 0.0
        if reader.skip(":") {
            guard let value = reader.digits(2) else {
                return nil
            }
            second = value
            if reader.skip(".") || reader.skip(",") {
                var scale = 0.1
                var any = false
                while let digit = reader.digit() {
                    fraction += Double(digit) * scale
                    scale /= 10
                    any = true
                }
                guard any else {
                    return nil
                }
            }
        }
        guard let offset = reader.offset(), reader.atEnd,
              (1...12).contains(month), dayOfMonth >= 1, dayOfMonth <= LocalDate.daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else {
            return nil
        }
        let day = LocalDate(year: year, month: month, day: dayOfMonth)
        let seconds = Double(day.civilDay) * 86_400 + Double(hour * 3_600 + minute * 60 + second) - Double(offset)
        return Date(timeIntervalSince1970: seconds + fraction)
    }

    /// Zero-pads a non-negative number to a width.
    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// A cursor over the UTF-8 bytes of a timestamp.
    private struct Reader {
        /// The bytes.
        let bytes: [UInt8]
        /// The next byte to read.
        var index = 0

        /// Starts at the first byte.
        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Whether every byte was read.
        var atEnd: Bool {
            self.index == self.bytes.count
        }

        /// Consumes one ASCII character if it is next.
        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(character.value) else {
                return false
            }
            self.index += 1
            return true
        }

        /// Consumes one decimal digit.
        mutating func digit() -> Int? {
            guard self.index < self.bytes.count, (48...57).contains(self.bytes[self.index]) else {
                return nil
            }
            defer { self.index += 1 }
            return Int(self.bytes[self.index] - 48)
        }

        /// Consumes exactly `count` digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = self.digit() else {
                    return nil
                }
                value = value * 10 + digit
            }
            return value
        }

        /// Consumes `Z` or a numeric offset and returns it in seconds east of UTC.
        mutating func offset() -> Int? {
            if self.skip("Z") || self.skip("z") {
                return 0
            }
            let sign: Int
            if self.skip("+") {
                sign = 1
            } else if self.skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = self.digits(2) else {
                return nil
            }
            var minutes = 0
            if self.atEnd {
                return sign * hours * 3_600
            }
            _ = self.skip(":")
            guard let value = self.digits(2) else {
                return nil
            }
            minutes = value
            return sign * (hours * 3_600 + minutes * 60)
        }
    }
}
