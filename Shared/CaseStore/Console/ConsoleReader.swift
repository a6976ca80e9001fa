/// What the operators' console reads besides tickets: the work queue's counts and a ticket's SMS.
public protocol ConsoleReader: Sendable {
    /// The counts of the tickets meeting every condition (all tickets without any).
    func queueCounts(_ conditions: [QueueCounts.Condition]) async throws -> QueueCounts
    /// The messages about ticket `idOrNumber`, oldest first; nil when there is no such ticket.
    func messages(ofTicket idOrNumber: String) async throws -> [TicketMessage]?
}
