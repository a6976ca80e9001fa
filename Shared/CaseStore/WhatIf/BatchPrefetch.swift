import Foundation
import Postgres

/// Runs `fetch` one batch ahead on a thread of its own, so that the database sends the next
/// batch while the caller replays this one. `next()` answers nil after an empty batch.
///
/// The connection is used by the fetching thread only, and one fetch at a time.
final class BatchPrefetch: @unchecked Sendable {
    // State guarded by `condition`; the thread writes `pending`, the caller takes it.
    private let condition = NSCondition()
    private var pending: Result<PostgresRows, any Error>?
    private var wanted = true
    private var finished = false
    private let fetch: () throws -> PostgresRows

    /// Starts fetching the first batch at once.
    init(_ fetch: @escaping () throws -> PostgresRows) {
        self.fetch = fetch
        Thread.detachNewThread { self.loop() }
    }

    private func loop() {
        while true {
            self.condition.lock()
            while !self.wanted, !self.finished { self.condition.wait() }
            if self.finished {
                self.condition.unlock()
                return
            }
            self.wanted = false
            self.condition.unlock()
            let result = Result { try self.fetch() }
            self.condition.lock()
            self.pending = result
            let last = (try? result.get())?.isEmpty ?? true
            self.condition.broadcast()
            self.condition.unlock()
            if last { return }
        }
    }

    /// Lets the thread end without fetching again; call when not reading to the end.
    func stop() {
        self.condition.lock()
        self.finished = true
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// The next batch (waiting for it), having asked for the one after; nil when done.
    func next() throws -> PostgresRows? {
        self.condition.lock()
        defer { self.condition.unlock() }
        guard !self.finished else { return nil }
        while self.pending == nil { self.condition.wait() }
        let result = self.pending!
        self.pending = nil
        let rows = try result.get()
        if rows.isEmpty {
            self.finished = true
            return nil
        }
        self.wanted = true
        self.condition.broadcast()
        return rows
    }
}
