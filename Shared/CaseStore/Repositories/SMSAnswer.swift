/// An SMS that answers an inbound message (a command's acknowledgement, help), written to
/// `notifications` in the message's transaction; not held back by quiet hours.
public struct SMSAnswer: Sendable, Equatable {
    /// The notification kind (`command_ack`, `help`).
    public var kind: String
    /// The phone answered.
    public var recipient: String
    /// Who that phone is (`resident`, `grid_worker`, `secretary`, `volunteer`).
    public var role: String
    /// The text, rendered.
    public var body: String
    /// The ticket the answer is about, if any.
    public var ticketId: String?
    /// That ticket's number.
    public var ticketNumber: String?

    /// An answer.
    public init(kind: String, recipient: String, role: String, body: String, ticketId: String? = nil, ticketNumber: String? = nil) {
        self.kind = kind
        self.recipient = recipient
        self.role = role
        self.body = body
        self.ticketId = ticketId
        self.ticketNumber = ticketNumber
    }
}
