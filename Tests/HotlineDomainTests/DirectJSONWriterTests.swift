import Foundation
import Testing
@testable import HotlineDomain

@Suite struct DirectJSONWriterTests {
    /// What `HotlineJSON.encoder()` writes for `value`.
    func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try HotlineJSON.encoder().encode(value), as: UTF8.self)
    }

    func written(_ value: JSONValue) -> String? {
        var writer = DirectJSONWriter()
        return value.writeJSON(to: &writer) ? writer.text : nil
    }

    @Test func stringsAreEscapedAsTheEncoderEscapesThem() throws {
        let texts = [
            "", "plain", "a/b", "quote \" and backslash \\", "line\nfeed\r\ttab", "\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}",
            "上海市黄浦区南京东路 1 号", "emoji 🚒", "\u{2028}\u{2029}", "</script>",
        ]
        for text in texts {
            #expect(self.written(.string(text)) == (try self.encoded(JSONValue.string(text))), "\(text.debugDescription)")
        }
    }

    @Test func valuesAndKeyOrderMatchTheEncoder() throws {
        let value: JSONValue = .object([
            "b": 1, "a": .null, "B2": true, "b10": false, "b9": -42, "aZ": "x", "ab": [1, "two", .null, ["k": 0]],
            "promisedBy": "2026-11-28T10:00:00.000Z", "Upper": .object([:]), "_under": .array([]), "9lives": 9_000_000_000_000,
            "caféKey": "é",
        ])
        #expect(self.written(value) == (try self.encoded(value)))
    }

    @Test func fractionsAreLeftToTheEncoder() {
        #expect(self.written(.number(1.5)) == nil)
        #expect(self.written(.array([1, .number(0.1)])) == nil)
        #expect(self.written(.number(1e16)) == nil)
        #expect(self.written(.number(-3)) == "-3")
    }

    struct Dated: Encodable {
        var at: Date
    }

    /// The instants written match Foundation's ISO 8601 formatter (UTC, milliseconds), leap
    /// days and years before 1970 included, and read back to the same millisecond.
    @Test func instantsMatchFoundationsFormatter() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        var instants: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.999_1),  // 2000-02-29T00:00:00.999Z
            Date(timeIntervalSince1970: 1_709_251_199.500_1), Date(timeIntervalSince1970: -86_400.000_9),
            Date(timeIntervalSince1970: 4_107_542_399.123_1),  // 2100-02-28T23:59:59.123Z (2100 is no leap year)
        ]
        for _ in 0..<2_000 {
            let millis = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)
            // 0.1 ms past the millisecond: rounding (ours) and truncation agree on it.
            instants.append(Date(timeIntervalSince1970: Double(millis) / 1_000 + 0.000_1))
        }
        for instant in instants {
            var writer = DirectJSONWriter()
            writer.date(instant)
            let expected = "\"" + formatter.string(from: instant) + "\""
            #expect(writer.text == expected)
            #expect(writer.text == String(try self.encoded(Dated(at: instant)).dropFirst(6).dropLast()))
            let back = HotlineJSON.parse(String(writer.text.dropFirst().dropLast()))
            #expect(back.map { ($0.timeIntervalSince1970 * 1_000).rounded() } == (instant.timeIntervalSince1970 * 1_000).rounded())
        }
    }
}
