import Foundation

/// A row the sender sends now: handed over or claimed, leased either way.
public struct QueuedSMS: Sendable {
    /// The row's id, the gateway's `messageId`.
    public var id: String
    /// The phone.
    public var recipient: String
    /// The text.
    public var body: String
    /// Its template's name.
    public var kind: String
    /// The ticket's number, if any.
    public var ticketNumber: String?
    /// The ticket's id, if any (for `notification.failed`).
    public var ticketId: String?
    /// Attempts made before this one.
    public var attempts: Int
    /// Subject to the per-phone rate limit (a resident's message that is not urgent).
    public var limited: Bool
    /// Handset segments.
    public var segments: Int

    /// A row to send.
    public init(
        id: String, recipient: String, body: String, kind: String, ticketNumber: String?, ticketId: String?, attempts: Int,
        limited: Bool, segments: Int
    ) {
        self.id = id
        self.recipient = recipient
        self.body = body
        self.kind = kind
        self.ticketNumber = ticketNumber
        self.ticketId = ticketId
        self.attempts = attempts
        self.limited = limited
        self.segments = segments
    }
}
