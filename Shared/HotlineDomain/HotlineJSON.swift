import Foundation

/// The JSON conventions shared by every service: ISO 8601 instants in UTC with milliseconds
/// (`2026-10-01T02:03:04.567Z`), read back with or without fractional seconds or with an offset.
public enum HotlineJSON {
    /// A new encoder with the shared date format, sorted keys and unescaped slashes.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISOTimestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A new decoder that reads the shared date format, accepting any number of fractional
    /// digits (or none) and `Z` or a numeric offset.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISOTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date-time")
            }
            return date
        }
        return decoder
    }

    /// Formats an instant as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func format(_ date: Date) -> String {
        ISOTimestamp.format(date)
    }

    /// Parses an ISO 8601 date-time; `nil` when it is not one.
    public static func parse(_ text: String) -> Date? {
        ISOTimestamp.parse(text)
    }

    /// Parses an ISO 8601 date-time; the same as ``parse(_:)``, named for call sites that read
    /// better with the noun.
    public static func parseDate(_ text: String) -> Date? {
        ISOTimestamp.parse(text)
    }
}
