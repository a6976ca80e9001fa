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
    /// Where the next connection starts trying the configuration's brokers: the one after the
    /// broker of the last connection, so that a node that just went away is tried last.
    var nextBroker = 0

    /// Opens a connection, starting with ``nextBroker``, and keeps it.
    func connect(_ configuration: AMQPConfiguration) throws -> AMQPConnection {
        self.drop()
        let connection = try AMQPConnection(configuration: configuration, firstBroker: self.nextBroker)
        self.connection = connection
        self.nextBroker = (connection.brokerIndex + 1) % configuration.brokers.count
        return connection
    }

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
