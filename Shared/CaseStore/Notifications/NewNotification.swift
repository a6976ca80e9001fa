import Foundation

/// An SMS decided from an event, as the planner writes it.
public struct NewNotification: Sendable {
    /// Its id (the gateway's `messageId`), time-ordered.
    public var id: String
    /// The event it was planned from (with `kind` and `recipient`, what makes it once only).
    public var sourceEvent: String
    /// Its template's name.
    public var kind: String
    /// The ticket it is about, if any.
    public var ticketId: String?
    /// That ticket's number, if any.
    public var ticketNumber: String?
    /// The phone it goes to.
    public var recipient: String
    /// `resident`, `grid_worker`, `secretary`, `department`...
    public var role: String
    /// The text.
    public var body: String
    /// Handset segments of the text.
    public var segments: Int
    /// Never held back by quiet hours or the rate limit.
    public var urgent: Bool
    /// Not sent before then.
    public var notBefore: Date
    /// Why `notBefore` is later than now (`quiet_hours`), if it is.
    public var deferredReason: String?

    /// A row to write.
    public init(
        id: String, sourceEvent: String, kind: String, ticketId: String?, ticketNumber: String?, recipient: String, role: String,
        body: String, segments: Int, urgent: Bool, notBefore: Date, deferredReason: String?
    ) {
        self.id = id
        self.sourceEvent = sourceEvent
        self.kind = kind
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
        self.recipient = recipient
        self.role = role
        self.body = body
        self.segments = segments
        self.urgent = urgent
        self.notBefore = notBefore
        self.deferredReason = deferredReason
    }
}
