import Foundation
import Postgres
import Testing

@Suite("Timestamps")
struct PostgresTimestampTests {
    @Test func formatsUTCWithMicroseconds() {
        #expect(Date(timeIntervalSince1970: 0).postgresText == "1970-01-01 00:00:00.000000+00")
        #expect(Date(timeIntervalSince1970: 1_714_564_800.123456).postgresText == "2024-05-01 12:00:00.123456+00")
        #expect(Date(timeIntervalSince1970: -0.5).postgresText == "1969-12-31 23:59:59.500000+00")
    }

    @Test func parsesServerStyles() throws {
        let expected = Date(timeIntervalSince1970: 1_714_564_800.123456)
        for text in [
            "2024-05-01 12:00:00.123456+00", "2024-05-01 14:00:00.123456+02", "2024-05-01 06:30:00.123456-05:30",
            "2024-05-01T12:00:00.123456Z", "2024-05-01 12:00:00.123456",
        ] {
            let parsed = try Date(postgresText: text)
            #expect(abs(parsed.timeIntervalSince(expected)) < 0.000_000_5, "\(text)")
        }
        #expect(try Date(postgresText: "2024-05-01") == Date(timeIntervalSince1970: 1_714_521_600))
        #expect(try Date(postgresText: "2024-05-01 12:00:00.5+00") == Date(timeIntervalSince1970: 1_714_564_800.5))
    }

    @Test func roundTripsAcrossCenturies() throws {
        for seconds in [-2_208_988_800.000_001, -1.0, 951_782_400.25, 4_102_444_800.999_999] {
            let date = Date(timeIntervalSince1970: seconds)
            let back = try Date(postgresText: date.postgresText)
            #expect(back.postgresText == date.postgresText)
        }
    }

    @Test func rejectsGarbage() {
        for text in ["", "yesterday", "2024-13-01", "2024-05-01 12:00", "2024-05-01 12:00:00+"] {
            #expect(throws: PostgresError.self, "\(text)") { try Date(postgresText: text) }
        }
    }
}
