import Foundation
import Postgres
import Synchronization

/// Group commit for ticket creation: requests that arrive while a transaction is being
/// written wait for the next one, so under load many tickets share one commit (two
/// statements), and an idle system still commits each ticket at once.
public final class GroupCommit: Sendable {
    private struct Pending {
        var ticket: NewTicket
        var promisedBy: Date?
        var continuation: CheckedContinuation<Ticket, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var writing = false
    }

    private let pool: PostgresPool
    private let store: CaseStore
    private let maxBatch: Int
    private let state = Mutex(State())

    public init(pool: PostgresPool, store: CaseStore, maxBatch: Int = 256) {
        self.pool = pool
        self.store = store
        self.maxBatch = maxBatch
    }

    /// Creates the ticket in the next group commit; returns it once committed.
    public func create(_ ticket: NewTicket, promisedBy: Date?) async throws -> Ticket {
        try await withCheckedThrowingContinuation { continuation in
            let startWriter = self.state.withLock { state in
                state.queue.append(Pending(ticket: ticket, promisedBy: promisedBy, continuation: continuation))
                defer { state.writing = true }
                return !state.writing
            }
            // One writer at a time drains the queue; it ends when the queue is empty.
            if startWriter { Task { await self.write() } }
        }
    }

    private func write() async {
        while true {
            let batch: [Pending] = self.state.withLock { state in
                let batch = Array(state.queue.prefix(self.maxBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let store = self.store
            let items = batch.map { (ticket: $0.ticket, promisedBy: $0.promisedBy) }
            do {
                let tickets = try await self.pool.transaction { try store.createMany(items, on: $0) }
                for (pending, ticket) in zip(batch, tickets) { pending.continuation.resume(returning: ticket) }
            } catch {
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
    }
}
