import Foundation

/// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, in the UUID text form.
///
/// For keys inserted hot (tickets, notifications): ids made one after the other sort one after
/// the other, so a primary-key B-tree takes each new id on its rightmost page instead of a random
/// one, and the pages recently written stay the ones in memory however large the table grows.
/// Still unguessable enough for ids shown to users (74 random bits).
public enum TimeOrderedID {
    /// A new id for now, in lowercase (as every id of this system is stored and shown).
    public static func make(at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 6..<16 {
            let word = index < 14 ? random.0 : random.1
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * (index % 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // variant 10
        let uuid = UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
        return uuid.uuidString.lowercased()
    }
}
