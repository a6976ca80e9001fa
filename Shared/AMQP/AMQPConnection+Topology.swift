internal import CRabbitMQ

extension AMQPConnection {
    /// Declares an exchange (never auto-deleted, not internal). Idempotent when the kind and
    /// durability match; a mismatch is a channel error 406.
    public func declareExchange(_ name: String, kind: AMQPExchangeKind, durable: Bool = true) throws {
        let state = try self.openState()
        self.arena.reset()
        _ = amqp_exchange_declare(
            state, self.channel, try self.arena.bytes(name), try self.arena.bytes(kind.rawValue),
            0, durable ? 1 : 0, 0, 0, amqp_empty_table
        )
        try self.check(amqp_get_rpc_reply(state), "exchange.declare \(name)")
    }

    /// Declares a queue and answers how many messages and consumers it has.
    ///
    /// A quorum queue with dead-lettering, as this project declares them:
    /// ```swift
    /// try connection.declareQueue("tasks.D1", arguments: [
    ///     "x-queue-type": "quorum", "x-delivery-limit": .long(5),
    ///     "x-dead-letter-exchange": "hotline.dlx", "x-dead-letter-routing-key": "tasks.D1.dead",
    ///     "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish",
    /// ])
    /// ```
    @discardableResult
    public func declareQueue(
        _ name: String,
        durable: Bool = true,
        exclusive: Bool = false,
        autoDelete: Bool = false,
        arguments: AMQPTable = [:]
    ) throws -> (messageCount: UInt32, consumerCount: UInt32) {
        let state = try self.openState()
        self.arena.reset()
        let ok = amqp_queue_declare(
            state, self.channel, try self.arena.bytes(name), 0, durable ? 1 : 0, exclusive ? 1 : 0,
            autoDelete ? 1 : 0, try self.arena.table(arguments)
        )
        try self.check(amqp_get_rpc_reply(state), "queue.declare \(name)")
        guard let ok else { return (0, 0) }
        return (ok.pointee.message_count, ok.pointee.consumer_count)
    }

    /// Binds a queue to an exchange with a routing key (a pattern for topic exchanges).
    public func bindQueue(_ queue: String, exchange: String, routingKey: String) throws {
        let state = try self.openState()
        self.arena.reset()
        _ = amqp_queue_bind(
            state, self.channel, try self.arena.bytes(queue), try self.arena.bytes(exchange),
            try self.arena.bytes(routingKey), amqp_empty_table
        )
        try self.check(amqp_get_rpc_reply(state), "queue.bind \(queue) -> \(exchange) (\(routingKey))")
    }

    /// Removes a binding; removing one that does not exist is not an error.
    public func unbindQueue(_ queue: String, exchange: String, routingKey: String) throws {
        let state = try self.openState()
        self.arena.reset()
        _ = amqp_queue_unbind(
            state, self.channel, try self.arena.bytes(queue), try self.arena.bytes(exchange),
            try self.arena.bytes(routingKey), amqp_empty_table
        )
        try self.check(amqp_get_rpc_reply(state), "queue.unbind \(queue) -> \(exchange) (\(routingKey))")
    }

    /// Deletes a queue, with its messages, whether or not it is empty or used.
    public func deleteQueue(_ name: String) throws {
        let state = try self.openState()
        self.arena.reset()
        _ = amqp_queue_delete(state, self.channel, try self.arena.bytes(name), 0, 0)
        try self.check(amqp_get_rpc_reply(state), "queue.delete \(name)")
    }

    /// Removes all ready messages from a queue.
    public func purgeQueue(_ name: String) throws {
        let state = try self.openState()
        self.arena.reset()
        _ = amqp_queue_purge(state, self.channel, try self.arena.bytes(name))
        try self.check(amqp_get_rpc_reply(state), "queue.purge \(name)")
    }

    /// Deletes an exchange and its bindings.
    public func deleteExchange(_ name: String) throws {
        let state = try self.openState()
        self.arena.reset()
        _ = amqp_exchange_delete(state, self.channel, try self.arena.bytes(name), 0)
        try self.check(amqp_get_rpc_reply(state), "exchange.delete \(name)")
    }
}
