import Foundation
import Postgres
import Testing

@Suite("Text encoding and decoding")
struct PostgresEncodableTests {
    @Test func scalarsRoundTripThroughText() throws {
        #expect(try Int(postgresText: Int.min.postgresText) == Int.min)
        #expect(try Int32(postgresText: "-7") == -7)
        #expect(throws: PostgresError.self) { try Int32(postgresText: "99999999999") }
        #expect(try Double(postgresText: 0.1.postgresText) == 0.1)
        #expect(Double.infinity.postgresText == "Infinity")
        #expect(try Double(postgresText: "NaN").isNaN)
        #expect(try Bool(postgresText: "t") && !(try Bool(postgresText: "f")))
        let id = UUID()
        #expect(try UUID(postgresText: id.postgresText) == id)
    }

    @Test func byteaHex() throws {
        let data = Data((0...255).map { UInt8($0) })
        #expect(Data([0x00, 0xab]).postgresText == "\\x00ab")
        #expect(try Data(postgresText: data.postgresText) == data)
        #expect(throws: PostgresError.self) { try Data(postgresText: "\\xzz") }
    }
}
