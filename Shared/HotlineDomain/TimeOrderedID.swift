import Foundation

/// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, in the UUID text form.
///
/// For keys inserted hot (tickets; notifications derive theirs the same way from their source,
/// `NotificationID`): ids made one after the other sort one after the other, so a primary-key
/// B-tree takes each new id on its rightmost page instead of a random one, and the pages recently
/// written stay the ones in memory however large the table grows. Still unguessable enough for
/// ids shown to users (74 random bits).
public enum TimeOrderedID {
    /// A new id for now, in lowercase (as every id of this system is stored and shown).
    public static func make(at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        let tail = (6..<16).map { index in
            UInt8(truncatingIfNeeded: (index < 14 ? random.0 : random.1) >> (8 * (index % 8)))
        }
        return Self.make(at: date, tail: tail)
    }

    /// The UUIDv7 of `date`'s millisecond whose last 10 bytes are `tail` (less the version and
    /// variant bits), in lowercase: the layout of ``make(at:)`` with bits chosen by the caller.
    public static func make(at date: Date, tail: some Collection<UInt8>) -> String {
        precondition(tail.count >= 10, "a UUIDv7 needs 10 bytes after its time")
        let millis = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        for (index, byte) in zip(6..<16, tail) { bytes[index] = byte }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // variant 10
        let uuid = UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
        return uuid.uuidString.lowercased()
    }

    /// The millisecond time a UUIDv7 carries, or nil for another version (a random v4 id).
    public static func time(of id: String) -> Date? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        guard bytes[6] >> 4 == 7 else { return nil }
        let millis = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
