import Foundation
import Testing
@testable import HotlineDomain

@Suite struct JSONValueTests {
    struct Payload: Codable, Equatable {
        var grid: String
        var count: Int
        var ratio: Double
        var at: Date
        var tags: [String]
        var note: String?
    }

    @Test func parsesEveryKind() throws {
        let value = try JSONValue(parsing: Data(#"{"a": null, "b": true, "c": 1.5, "d": "x", "e": [1, 2], "f": {"g": 0}}"#.utf8))
        #expect(value["a"] == .null)
        #expect(value["b"]?.boolValue == true)
        #expect(value["c"]?.doubleValue == 1.5)
        #expect(value["d"]?.stringValue == "x")
        #expect(value["e"]?[1]?.intValue == 2)
        #expect(value["e"]?[5] == nil)
        #expect(value["f"]?["g"] == 0)
        #expect(value["missing"] == nil)
        #expect(value["c"]?.intValue == nil)
    }

    @Test func boolsAndNumbersStayApart() throws {
        let value = try JSONValue(parsing: Data(#"[true, 1, 0, false]"#.utf8))
        #expect(value == [true, 1, 0, false])
    }

    @Test func roundTripsThroughEncodable() throws {
        let payload = Payload(
            grid: "620402001", count: 3, ratio: 0.25, at: Date(timeIntervalSince1970: 1_790_000_000.123),
            tags: ["a", "b"], note: nil
        )
        let value = try JSONValue(encoding: payload)
        #expect(value["count"] == 3)
        #expect(value["at"] == "2026-09-21T14:13:20.123Z")
        #expect(value["note"] == nil)
        let decoded = try value.decode(Payload.self)
        #expect(decoded.grid == payload.grid)
        #expect(decoded.count == 3)
        #expect(abs(decoded.at.timeIntervalSince(payload.at)) < 0.000_5)
    }

    @Test func wholeNumbersEncodeAsIntegers() throws {
        let data = try HotlineJSON.encoder().encode(JSONValue.array([1, 2.5, -3]))
        #expect(String(decoding: data, as: UTF8.self) == "[1,2.5,-3]")
    }

    @Test func hashableAndEquatable() {
        let set: Set<JSONValue> = [["a": 1], ["a": 1], ["a": 2]]
        #expect(set.count == 2)
    }
}
