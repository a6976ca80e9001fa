/// One page of a ticket list and the cursor of the next, if any.
public struct TicketPage: Encodable, Sendable {
    /// The tickets of this page.
    public var tickets: [Ticket]
    /// Pass as `cursor` for the next page; nil on the last.
    public var nextCursor: String?

    /// A page.
    public init(tickets: [Ticket], nextCursor: String?) {
        self.tickets = tickets
        self.nextCursor = nextCursor
    }
}
