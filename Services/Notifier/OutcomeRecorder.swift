import CaseStore
import Logging
import Outbox
import Resilience

/// Collects the outcomes of the sender's in-flight messages and writes them in batches: while
/// one batch is being written, the next accumulates. A write that keeps failing (database down)
/// is given up after a few tries; the rows' leases then expire and they are sent again under the
/// same messageId, which the gateway deduplicates.
actor OutcomeRecorder {
    private let sender: SMSSender
    private var pending: [(QueuedSMS, SendOutcome)] = []
    private var flushing = false

    init(sender: SMSSender) {
        self.sender = sender
    }

    /// Adds one outcome; returns once it is written (or given up).
    func record(_ item: QueuedSMS, _ outcome: SendOutcome) async {
        self.pending.append((item, outcome))
        guard !self.flushing else { return }
        self.flushing = true
        defer { self.flushing = false }
        while !self.pending.isEmpty {
            let batch = self.pending
            self.pending = []
            await self.write(batch)
        }
    }

    private func write(_ batch: [(QueuedSMS, SendOutcome)]) async {
        var backoff = Backoff()
        for attempt in 1...5 {
            do {
                try await self.sender.record(batch.map(\.0), batch.map(\.1))
                return
            } catch {
                self.sender.logger.warning(
                    "recording SMS outcomes failed", metadata: ["attempt": "\(attempt)", "count": "\(batch.count)", "error": "\(error)"]
                )
                try? await Task.sleep(for: backoff.next())
            }
        }
    }
}
