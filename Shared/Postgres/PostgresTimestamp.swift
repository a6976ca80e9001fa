import Foundation

/// Timestamps in PostgreSQL's ISO text style, exact to the microsecond, always UTC on output.
enum PostgresTimestamp {
    /// `YYYY-MM-DD HH:MM:SS.ffffff+00` (with ` BC` for years before 1).
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = Self.floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        let (year, month, day) = Self.civil(fromDays: days)
        let bc = year <= 0
        var text = Self.pad(bc ? 1 - year : year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        text += " " + Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2)
        text += ":" + Self.pad(secondOfDay % 60, 2) + "." + Self.pad(fraction, 6) + "+00"
        return bc ? text + " BC" : text
    }

    /// Parses `timestamptz` (`…+HH[:MM[:SS]]`), `timestamp` (taken as UTC) and `date` in ISO
    /// style; `infinity` and `-infinity` become `Date.distantFuture` / `Date.distantPast`.
    static func parse(_ text: String) throws -> Date {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        var bytes = Array(text.utf8)
        let fail = PostgresError.decoding("cannot read a timestamp from \"\(text)\"")
        var bc = false
        if bytes.count > 3, bytes.suffix(3) == Array(" BC".utf8) {
            bc = true
            bytes.removeLast(3)
        }
        var index = 0
        func number(maxDigits: Int = .max) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while index < bytes.count, count < maxDigits, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
                count += 1
            }
            return count == 0 || count > 18 ? nil : value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard var year = number(), expect("-"), let month = number(maxDigits: 2), expect("-"),
              let day = number(maxDigits: 2), (1...12).contains(month), (1...31).contains(day)
        else { throw fail }
        if bc { year = 1 - year }
        var secondOfDay: Int64 = 0
        var fraction: Int64 = 0
        var offset: Int64 = 0
        if index < bytes.count {
            guard expect(" ") || expect("T"), let hour = number(maxDigits: 2), expect(":"),
                  let minute = number(maxDigits: 2), expect(":"), let second = number(maxDigits: 2)
            else { throw fail }
            secondOfDay = hour * 3600 + minute * 60 + second
            if expect(".") {
                var digits = 0
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    if digits < 6 {
                        fraction = fraction * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                        digits += 1
                    }
                    index += 1
                }
                guard digits > 0 else { throw fail }
                for _ in digits..<6 { fraction *= 10 }
            }
            if expect("Z") {
                offset = 0
            } else if index < bytes.count {
                let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                guard expect("+") || expect("-"), let hours = number(maxDigits: 2) else { throw fail }
                var seconds = hours * 3600
                if expect(":") {
                    guard let minutes = number(maxDigits: 2) else { throw fail }
                    seconds += minutes * 60
                    if expect(":") {
                        guard let extra = number(maxDigits: 2) else { throw fail }
                        seconds += extra
                    }
                }
                offset = sign * seconds
            }
        }
        guard index == bytes.count else { throw fail }
        let days = Self.days(fromCivil: year, month, day)
        let micros = (days * 86_400 + secondOfDay - offset) * 1_000_000 + fraction
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, 1970-01-01 = 0).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
