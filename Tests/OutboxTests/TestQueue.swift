import AMQP

/// A topic exchange and a queue of the same name bound to all of it: where a test's relay
/// publishes, read back through ``connection``. ``remove()`` deletes both.
struct TestQueue {
    /// The exchange's and the queue's name.
    let name: String
    /// The connection that declared them (`get`, `ack`).
    let connection: AMQPConnection

    /// Declares `name` on the broker of `amqp`.
    init(_ name: String, amqp: AMQPConfiguration) throws {
        self.name = name
        self.connection = try AMQPConnection(configuration: amqp)
        try self.connection.declareExchange(name, kind: .topic, durable: false)
        try self.connection.declareQueue(name, durable: false, exclusive: false, autoDelete: false)
        try self.connection.bindQueue(name, exchange: name, routingKey: "#")
    }

    /// Deletes the queue and the exchange and closes the connection.
    func remove() {
        try? self.connection.deleteQueue(self.name)
        try? self.connection.deleteExchange(self.name)
        self.connection.close()
    }
}
