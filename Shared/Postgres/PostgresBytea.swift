import Foundation

/// `bytea` in PostgreSQL's hex format (`\x0aff…`).
enum PostgresBytea {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `\x` and two lower-case hex digits per byte.
    static func format(_ data: Data) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(2 + data.count * 2)
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "x"))
        for byte in data {
            bytes.append(Self.digits[Int(byte >> 4)])
            bytes.append(Self.digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `\x…` hex output; the legacy escape format is not supported.
    static func parse(_ text: String) throws -> Data {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            throw PostgresError.decoding("bytea is not in hex format (\\x…)")
        }
        var data = Data(capacity: (bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = Self.value(bytes[index]), let low = Self.value(bytes[index + 1]) else {
                throw PostgresError.decoding("bytea has a non-hex digit")
            }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
