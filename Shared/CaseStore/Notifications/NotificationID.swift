import Foundation
import HotlineCrypto

/// A notification's id, derived from what makes it once only: a UUIDv7 (RFC 9562) whose 48-bit
/// millisecond timestamp is the *source's* time (the event's `occurredAt`, the broadcast's, the
/// check-in's) and whose remaining 74 bits come from SHA-256 of (source event, kind, recipient).
///
/// The same source planned twice (a redelivered event) gives the same id, so the id alone keys
/// the row: `notifications` is partitioned by month on `id` (migration 62), its primary key is
/// its partition key, `INSERT ... ON CONFLICT (id) DO NOTHING` drops the repeat, and a delivery
/// receipt's `WHERE id = $1` (the gateway's `messageId`) reads one partition. Ids still sort by
/// time, so the B-tree is written at its right edge.
public enum NotificationID {
    /// The id of the SMS of `kind` to `recipient` planned from `sourceEvent`, which happened at `time`.
    public static func derive(at time: Date, sourceEvent: String, kind: String, recipient: String) -> String {
        let millis = UInt64(max(0, (time.timeIntervalSince1970 * 1000).rounded(.down)))
        // Unit separators keep ("a", "bc") and ("ab", "c") apart.
        let digest = SHA256Digest.hash(Array("\(sourceEvent)\u{1F}\(kind)\u{1F}\(recipient)".utf8))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        for index in 6..<16 { bytes[index] = digest[index - 6] }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // variant 10
        let uuid = UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
        return uuid.uuidString.lowercased()
    }

    /// The millisecond time an id of this kind (any UUIDv7) carries, or nil for another version.
    public static func time(of id: String) -> Date? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        guard bytes[6] >> 4 == 7 else { return nil }
        let millis = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
