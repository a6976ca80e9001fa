import Dispatch

/// What lives on a ``ConnectionThread``'s queue.
///
/// `@unchecked Sendable` because it crosses into `@Sendable` closures, but every access happens on
/// the owning ``ConnectionThread/queue`` (a serial queue), which serialises it; nothing reads or
/// writes it from anywhere else.
final class ConnectionSlot: @unchecked Sendable {
    var connection: AMQPConnection?
    var consumerTag: String?
    var keepAlive: (any DispatchSourceTimer)?

    /// Closes the connection (politely if it is still open) and forgets it.
    func drop() {
        self.connection?.close()
        self.connection = nil
        self.consumerTag = nil
    }

    /// Drops the connection and stops the keep-alive timer.
    func shutdown() {
        self.keepAlive?.cancel()
        self.keepAlive = nil
        self.drop()
    }
}
