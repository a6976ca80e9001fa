/// An ISO 8601 duration of days and clock time, such as `PT30M`, `P5D`, `P1DT2H30M` or `P2W`.
///
/// Only the units whose length is fixed or counted on the working calendar are accepted: weeks
/// (stored as 7 days each), days, hours, minutes and seconds (seconds may be fractional). Years and
/// months are rejected, since a deadline of "one month" has no agreed length. Encoded in JSON as
/// its ISO 8601 text.
public struct ISODuration: Sendable, Hashable {
    /// Whole days; counted as working days when a deadline asks for it.
    public var days: Int
    /// Whole hours of the time part.
    public var hours: Int
    /// Whole minutes of the time part.
    public var minutes: Int
    /// Seconds of the time part, possibly fractional.
    ///
    /// Named `secondsPart` because ``seconds`` is the total length of the duration.
    public var secondsPart: Double

    /// Creates a duration from its parts; negative parts are clamped to zero.
    public init(days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Double = 0) {
        self.days = max(0, days)
        self.hours = max(0, hours)
        self.minutes = max(0, minutes)
        self.secondsPart = max(0, seconds)
    }

    /// The zero duration, `PT0S`.
    public static let zero = ISODuration()

    /// The total length in seconds, a day counted as 86,400 s.
    public var seconds: Double {
        Double(self.days) * 86_400 + self.timeSeconds
    }

    /// The length of the time part (hours, minutes and seconds) in seconds, without the days.
    public var timeSeconds: Double {
        Double(self.hours) * 3_600 + Double(self.minutes) * 60 + self.secondsPart
    }

    /// The canonical ISO 8601 text, e.g. `P1DT2H30M`; weeks are written as days, zero as `PT0S`.
    public var text: String {
        var result = "P"
        if self.days > 0 {
            result += "\(self.days)D"
        }
        var time = ""
        if self.hours > 0 {
            time += "\(self.hours)H"
        }
        if self.minutes > 0 {
            time += "\(self.minutes)M"
        }
        if self.secondsPart > 0 {
            time += "\(Self.format(self.secondsPart))S"
        }
        if !time.isEmpty {
            result += "T" + time
        }
        return result == "P" ? "PT0S" : result
    }

    /// Writes whole seconds without a decimal point and fractions as briefly as they round-trip.
    private static func format(_ value: Double) -> String {
        if value == value.rounded(), value < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }
}

extension ISODuration: CustomStringConvertible {
    /// The ISO 8601 text.
    public var description: String {
        self.text
    }
}
