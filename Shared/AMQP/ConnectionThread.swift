import Dispatch

/// The serial `DispatchQueue` on which one ``AMQPConnection`` lives: every blocking rabbitmq-c call
/// of a publisher or consumer runs here, off Swift's cooperative pool, and never two at once.
final class ConnectionThread: Sendable {
    let queue: DispatchQueue
    /// The connection and what goes with it, reachable only from `queue`.
    let slot = ConnectionSlot()

    init(label: String) {
        self.queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the queue with the slot and resumes the caller with its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (ConnectionSlot) throws -> T) async throws -> T {
        let slot = self.slot
        return try await withCheckedThrowingContinuation { continuation in
            self.queue.async {
                continuation.resume(with: Result { try body(slot) })
            }
        }
    }

    /// Sends a heartbeat every `interval` while the queue is otherwise idle (e.g. while a consumer's
    /// handler runs, or between publishes), so that the broker does not drop the connection.
    /// Also reads pending frames when `drain` is set (publisher: stale confirms, broker heartbeats).
    func startKeepAlive(every interval: Duration, drain: Bool, onError: @escaping @Sendable (any Error) -> Void) {
        let slot = self.slot
        let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        self.queue.async {
            let timer = DispatchSource.makeTimerSource(queue: self.queue)
            timer.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds))
            timer.setEventHandler {
                guard let connection = slot.connection, connection.isOpen else { return }
                do {
                    if drain { try connection.processPendingFrames() }
                    try connection.sendHeartbeat()
                } catch {
                    onError(error)
                }
            }
            slot.keepAlive?.cancel()
            slot.keepAlive = timer
            timer.resume()
        }
    }
}

extension AMQPConfiguration {
    /// How often to send heartbeats from an idle owner, or nil without heartbeats.
    var keepAliveInterval: Duration? {
        self.heartbeat > 0 ? .milliseconds(self.heartbeat * 500) : nil
    }
}
