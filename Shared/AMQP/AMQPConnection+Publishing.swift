internal import CRabbitMQ

extension AMQPConnection {
    /// Publishes one message without waiting for the broker (no confirm). A message that the
    /// broker cannot route or refuses is lost silently; use ``publishConfirmed(_:maxInFlight:timeout:)``
    /// when that matters.
    public func publish(_ message: AMQPOutgoingMessage) throws {
        try self.send(message)
    }

    /// Publishes `messages` and returns once the broker has confirmed every one of them.
    ///
    /// Puts the channel in confirm mode the first time. Keeps up to `maxInFlight` messages
    /// unconfirmed, reading `basic.ack`/`basic.nack` (single or `multiple`) and `basic.return`
    /// frames as they come. `timeout` bounds each wait for a confirm: if nothing arrives for that
    /// long, the call throws a connection error (the connection is then unusable).
    ///
    /// Throws an ``AMQPError`` whose `failedIndices` lists the messages of this batch that were
    /// nacked, returned as unroutable (mandatory ones), or left unconfirmed by a failure; all the
    /// other messages were confirmed. A `mandatory` message to an exchange with no matching
    /// binding fails with reply code 312 (NO_ROUTE).
    public func publishConfirmed(
        _ messages: [AMQPOutgoingMessage],
        maxInFlight: Int = 256,
        timeout: Duration = .seconds(10)
    ) throws {
        let state = try self.openState()
        guard !messages.isEmpty else { return }
        if !self.confirmSelected {
            _ = amqp_confirm_select(state, self.channel)
            try self.check(amqp_get_rpc_reply(state), "confirm.select")
            self.confirmSelected = true
            self.nextPublishSequence = 1
        }
        var tracker = ConfirmTracker(base: self.nextPublishSequence, count: messages.count)
        let window = max(1, maxInFlight)
        let clock = ContinuousClock()
        var lastProgress = clock.now
        do {
            while !tracker.isComplete {
                while tracker.sent < messages.count && tracker.inFlight < window {
                    try self.send(messages[tracker.sent])
                    tracker.sent += 1
                    lastProgress = clock.now
                }
                let remaining = timeout - (clock.now - lastProgress)
                if remaining <= .zero {
                    self.isOpen = false
                    let first = tracker.unsettledIndices.first ?? 0
                    throw AMQPError(
                        "no publisher confirm within \(timeout); message \(first) and \(tracker.unsettledIndices.count - 1) more unconfirmed",
                        isConnectionError: true
                    )
                }
                guard let event = try self.readFrame(timeout: min(remaining, .seconds(1))) else { continue }
                switch event {
                case .ack(let tag, let multiple):
                    tracker.settle(tag: tag, multiple: multiple, failure: nil)
                    lastProgress = clock.now
                case .nack(let tag, let multiple):
                    tracker.settle(tag: tag, multiple: multiple, failure: "nacked by the broker")
                    lastProgress = clock.now
                case .returned(let returned):
                    tracker.markReturned(returned, in: messages)
                case .other:
                    break
                }
            }
        } catch var error as AMQPError {
            error.failedIndices = tracker.failedOrUnsettledIndices
            throw error
        }
        amqp_maybe_release_buffers(state)
        if let (index, reason, code, text) = tracker.firstFailure {
            var error = AMQPError(
                "\(tracker.failures.count) of \(messages.count) messages not accepted; first: message \(index) \(reason)",
                replyCode: code, replyText: text, failedIndices: tracker.failures.keys.sorted()
            )
            error.nackedByBroker = tracker.failures.values.contains { $0.1 == nil }
            throw error
        }
    }

    /// Sends one basic.publish with its header and body frames.
    func send(_ message: AMQPOutgoingMessage) throws {
        let state = try self.openState()
        self.arena.reset()
        let exchange = try self.arena.bytes(message.exchange)
        let routingKey = try self.arena.bytes(message.routingKey)
        var properties = try self.arena.properties(message.properties)
        let status = message.body.withUnsafeBytes { body in
            amqp_basic_publish(
                state, self.channel, exchange, routingKey, message.mandatory ? 1 : 0, 0, &properties,
                amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress))
            )
        }
        try self.checkStatus(status, "basic.publish to \(message.exchange) (\(message.routingKey))")
        if self.confirmSelected { self.nextPublishSequence += 1 }
    }
}
