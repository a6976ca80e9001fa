internal import CRabbitMQ

extension AMQPConnection {
    /// Limits how many unsettled deliveries the broker sends this channel (basic.qos, per consumer).
    public func setPrefetch(_ count: UInt16) throws {
        let state = try self.openState()
        _ = amqp_basic_qos(state, self.channel, 0, count, 0)
        try self.check(amqp_get_rpc_reply(state), "basic.qos \(count)")
    }

    /// Starts a consumer with manual acknowledgement and answers its tag (the broker's when
    /// `consumerTag` is nil). Deliveries then come from ``nextDelivery(timeout:)``.
    public func consume(queue: String, consumerTag: String? = nil) throws -> String {
        let state = try self.openState()
        self.arena.reset()
        let tag = try consumerTag.map { try self.arena.bytes($0) } ?? amqp_empty_bytes
        let ok = amqp_basic_consume(state, self.channel, try self.arena.bytes(queue), tag, 0, 0, 0, amqp_empty_table)
        try self.check(amqp_get_rpc_reply(state), "basic.consume \(queue)")
        guard let ok else { throw AMQPError("basic.consume \(queue): no consume-ok") }
        return CDecoding.string(ok.pointee.consumer_tag)
    }

    /// Stops a consumer. Deliveries already sent stay unsettled until acked or the channel closes.
    public func cancel(consumerTag: String) throws {
        let state = try self.openState()
        self.arena.reset()
        _ = amqp_basic_cancel(state, self.channel, try self.arena.bytes(consumerTag))
        try self.check(amqp_get_rpc_reply(state), "basic.cancel \(consumerTag)")
    }

    /// Waits up to `timeout` for the next delivery of a consumer on this connection; nil on timeout.
    ///
    /// Services heartbeats while it waits. Other frames are handled on the way: confirms are
    /// dropped, a channel.close or connection.close from the broker is answered and thrown, a
    /// broker-side consumer cancellation is thrown. `.zero` polls without waiting.
    public func nextDelivery(timeout: Duration) throws -> AMQPDelivery? {
        if !self.bufferedDeliveries.isEmpty { return self.bufferedDeliveries.removeFirst() }
        let state = try self.openState()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            amqp_maybe_release_buffers(state)
            var envelope = amqp_envelope_t()
            var tv = CDecoding.timeval(deadline - clock.now)
            let reply = amqp_consume_message(state, &envelope, &tv, 0)
            if reply.reply_type == AMQP_RESPONSE_NORMAL {
                defer { amqp_destroy_envelope(&envelope) }
                return AMQPDelivery(
                    deliveryTag: envelope.delivery_tag,
                    exchange: CDecoding.string(envelope.exchange),
                    routingKey: CDecoding.string(envelope.routing_key),
                    redelivered: envelope.redelivered != 0,
                    body: CDecoding.array(envelope.message.body),
                    properties: CDecoding.properties(envelope.message.properties)
                )
            }
            if reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION {
                if reply.library_error == AMQP_STATUS_TIMEOUT.rawValue { return nil }
                if reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue {
                    // Not a delivery: rabbitmq-c put the frame back; read and handle it.
                    var frame = amqp_frame_t()
                    try self.checkStatus(amqp_simple_wait_frame(state, &frame), "reading a frame")
                    _ = try self.handle(frame)
                    if !self.bufferedDeliveries.isEmpty { return self.bufferedDeliveries.removeFirst() }
                    if clock.now >= deadline { return nil }
                    continue
                }
            }
            try self.check(reply, "waiting for a delivery")
        }
    }

    /// Acknowledges one delivery, or with `multiple` every unsettled one up to and including it.
    public func ack(_ deliveryTag: UInt64, multiple: Bool = false) throws {
        let state = try self.openState()
        try self.checkStatus(amqp_basic_ack(state, self.channel, deliveryTag, multiple ? 1 : 0), "basic.ack")
    }

    /// Negatively acknowledges; without `requeue` the queue dead-letters the message(s).
    public func nack(_ deliveryTag: UInt64, multiple: Bool = false, requeue: Bool) throws {
        let state = try self.openState()
        try self.checkStatus(
            amqp_basic_nack(state, self.channel, deliveryTag, multiple ? 1 : 0, requeue ? 1 : 0), "basic.nack"
        )
    }

    /// Rejects one delivery; without `requeue` the queue dead-letters it.
    public func reject(_ deliveryTag: UInt64, requeue: Bool) throws {
        let state = try self.openState()
        try self.checkStatus(amqp_basic_reject(state, self.channel, deliveryTag, requeue ? 1 : 0), "basic.reject")
    }

    /// Fetches one message with basic.get (manual ack: settle it by its tag); nil if the queue is empty.
    public func get(queue: String) throws -> AMQPDelivery? {
        let state = try self.openState()
        self.arena.reset()
        let reply = amqp_basic_get(state, self.channel, try self.arena.bytes(queue), 0)
        try self.check(reply, "basic.get \(queue)")
        guard reply.reply.id == AMQP_BASIC_GET_OK_METHOD else { return nil }
        let ok = reply.reply.decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
        let tag = ok.delivery_tag
        let redelivered = ok.redelivered != 0
        let exchange = CDecoding.string(ok.exchange)
        let routingKey = CDecoding.string(ok.routing_key)
        var message = amqp_message_t()
        try self.check(amqp_read_message(state, self.channel, &message, 0), "basic.get \(queue): reading the message")
        defer {
            amqp_destroy_message(&message)
            amqp_maybe_release_buffers(state)
        }
        return AMQPDelivery(
            deliveryTag: tag, exchange: exchange, routingKey: routingKey, redelivered: redelivered,
            body: CDecoding.array(message.body), properties: CDecoding.properties(message.properties)
        )
    }
}
