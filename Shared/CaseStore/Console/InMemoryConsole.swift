import Foundation
import HotlineDomain
import Synchronization

/// ``ConsoleReader`` in memory, for router tests: the counts are computed from the tickets of
/// a ``InMemoryCases`` (status, grid, street and departments of their routing; overdue by
/// resolve-by), and each ticket's messages are what a test adds.
public final class InMemoryConsole: ConsoleReader {
    private let cases: InMemoryCases
    private let messages = Mutex([String: [TicketMessage]]())

    /// Counts over `cases`' tickets.
    public init(cases: InMemoryCases) {
        self.cases = cases
    }

    /// Adds a message about ticket `id` (its recipient stored masked, as the notifier's are read).
    public func add(_ message: TicketMessage, toTicket id: String) {
        var masked = message
        masked.recipient = PhoneNumber.mask(message.recipient)
        self.messages.withLock { $0[id, default: []].append(masked) }
    }

    public func queueCounts(_ conditions: [QueueCounts.Condition]) async throws -> QueueCounts {
        var counts = QueueCounts()
        let now = Date()
        for ticket in self.cases.tickets where conditions.allSatisfy({ Self.meets(ticket, $0) }) {
            counts.status[ticket.status.rawValue, default: 0] += 1
            counts.total += 1
            let open = [TicketStatus.received, .assigned, .accepted, .unroutable].contains(ticket.status)
            // The SQL's condition, without the respond-by part (a ticket here records no response time).
            if [.assigned, .accepted].contains(ticket.status), let due = ticket.deadlines.resolveBy, due < now { counts.overdue += 1 }
            if ticket.major != nil && open { counts.major += 1 }
            if ticket.status == .resolved && ticket.rating == nil { counts.followUp += 1 }
        }
        return counts
    }

    public func messages(ofTicket idOrNumber: String) async throws -> [TicketMessage]? {
        guard let (ticket, _) = try await self.cases.find(idOrNumber) else { return nil }
        return self.messages.withLock { ($0[ticket.id] ?? []).sorted { $0.createdAt < $1.createdAt } }
    }

    private static func meets(_ ticket: Ticket, _ condition: QueueCounts.Condition) -> Bool {
        switch condition {
        case .street(let street): ticket.routing?.street == street
        case .grid(let grid): ticket.grid == grid
        case .department(let code): ticket.routing?.departments.contains { $0.code == code } ?? false
        }
    }
}
