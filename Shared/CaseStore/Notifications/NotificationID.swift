import Foundation
import HotlineCrypto
import HotlineDomain

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
        // Unit separators keep ("a", "bc") and ("ab", "c") apart.
        let digest = SHA256Digest.hash(Array("\(sourceEvent)\u{1F}\(kind)\u{1F}\(recipient)".utf8))
        return TimeOrderedID.make(at: time, tail: digest.prefix(10))
    }

    /// The millisecond time an id of this kind (any UUIDv7) carries, or nil for another version.
    public static func time(of id: String) -> Date? {
        TimeOrderedID.time(of: id)
    }
}
