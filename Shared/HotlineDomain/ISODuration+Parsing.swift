extension ISODuration {
    /// Parses ISO 8601 text such as `PT30M`, `P5D`, `P1DT2H30M`, `PT2.5S` or `P2W`.
    ///
    /// Returns `nil` for anything else: garbage, negative or empty durations (`P`, `PT`), years or
    /// months (`P1Y`, `P1M`), fractions on units other than seconds, or units out of order.
    public init?(_ text: String) {
        let scalars = Array(text.trimmingWhitespace().uppercased().unicodeScalars)
        guard scalars.first == "P", scalars.count > 1 else {
            return nil
        }
        var result = ISODuration()
        var inTime = false
        var sawUnit = false
        var sawTimeUnit = false
        // Each unit may appear once and in order; the rank of the last one seen enforces both.
        var lastRank = -1
        var index = 1
        while index < scalars.count {
            if scalars[index] == "T" {
                guard !inTime else {
                    return nil
                }
                inTime = true
                index += 1
                continue
            }
            var number = ""
            while index < scalars.count, Self.isNumberScalar(scalars[index]) {
                number.unicodeScalars.append(scalars[index] == "," ? "." : scalars[index])
                index += 1
            }
            guard !number.isEmpty, index < scalars.count, let value = Double(number), value >= 0 else {
                return nil
            }
            let unit = scalars[index]
            index += 1
            let isFraction = number.contains(".")
            let rank: Int
            switch (inTime, unit) {
            case (false, "W"):
                rank = 0
            case (false, "D"):
                rank = 1
            case (true, "H"):
                rank = 2
            case (true, "M"):
                rank = 3
            case (true, "S"):
                rank = 4
            default:
                return nil
            }
            guard rank > lastRank, !isFraction || unit == "S", value < 1e9 else {
                return nil
            }
            lastRank = rank
            sawUnit = true
            switch rank {
            case 0: result.days += Int(value) * 7
            case 1: result.days += Int(value)
            case 2: result.hours = Int(value)
            case 3: result.minutes = Int(value)
            default: result.secondsPart = value
            }
            if inTime {
                sawTimeUnit = true
            }
        }
        guard sawUnit, !inTime || sawTimeUnit else {
            return nil
        }
        self = result
    }

    /// Digits and the decimal separators ISO 8601 allows.
    private static func isNumberScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || scalar == "." || scalar == ","
    }
}

extension ISODuration: Codable {
    /// Decodes the ISO 8601 text, failing with a data-corrupted error that quotes it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let duration = ISODuration(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not an ISO 8601 duration of weeks, days, hours, minutes and seconds"
            )
        }
        self = duration
    }

    /// Encodes the canonical ISO 8601 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.text)
    }
}
