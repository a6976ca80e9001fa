internal import CRabbitMQ
import Foundation

/// One AMQP 0-9-1 connection to a broker with one channel (number 1), over rabbitmq-c.
///
/// Every method blocks the calling thread on network I/O, so call them from a thread of your own
/// (``AMQPPublisher`` and ``AMQPConsumer`` each run one on a serial `DispatchQueue`), never from
/// the cooperative pool of Swift concurrency. Deliberately not `Sendable`: rabbitmq-c's state is
/// single-threaded, so one owner thread at a time.
///
/// Heartbeats are only serviced while a method of this class runs; an idle owner should call
/// ``processPendingFrames()`` or ``sendHeartbeat()`` more often than every `heartbeat / 2` seconds.
///
/// After an error with `isConnectionError` the connection is dead: ``isOpen`` is false and every
/// method throws; drop it and open another. A channel error (e.g. a declare that conflicts with an
/// existing queue) reopens channel 1 and leaves the connection usable, but confirm mode and
/// consumers are gone with the old channel.
public final class AMQPConnection {
    /// How this connection was opened.
    public let configuration: AMQPConfiguration
    /// False once the connection failed or was closed.
    public internal(set) var isOpen = false

    private var state: amqp_connection_state_t?
    let channel: amqp_channel_t = 1
    let arena = CArena()
    /// Whether confirm.select was sent on the current channel.
    var confirmSelected = false
    /// Publish sequence number (delivery tag of the confirm) of the next message in confirm mode.
    var nextPublishSequence: UInt64 = 1
    /// Deliveries that arrived while waiting for something else (confirms, an RPC reply).
    var bufferedDeliveries: [AMQPDelivery] = []

    /// Which of ``AMQPConfiguration/brokers`` this connection reached.
    public private(set) var brokerIndex = 0

    /// The broker this connection reached.
    public var broker: AMQPConfiguration.Broker {
        self.configuration.brokers[self.brokerIndex]
    }

    /// Connects, logs in with SASL PLAIN and opens channel 1.
    ///
    /// With several brokers (a cluster), tries them in order starting with `firstBroker` (wrapping
    /// around) and keeps the first that lets it in; throws only when none does, naming each failure.
    public init(configuration: AMQPConfiguration, firstBroker: Int = 0) throws {
        self.configuration = configuration
        let count = configuration.brokers.count
        var failures: [any Error] = []
        for offset in 0..<count {
            let index = (max(0, firstBroker) + offset) % count
            guard let state = amqp_new_connection() else { throw AMQPError("out of memory", isConnectionError: true) }
            self.state = state
            do {
                try self.open(state, configuration.brokers[index])
                self.brokerIndex = index
                self.isOpen = true
                return
            } catch {
                self.destroy()
                failures.append(error)
            }
        }
        if failures.count == 1 { throw failures[0] }
        throw AMQPError("none of \(count) brokers let us in: " + failures.map { "\($0)" }.joined(separator: "; "), isConnectionError: true)
    }

    deinit {
        self.close()
    }

    private func open(_ state: amqp_connection_state_t, _ broker: AMQPConfiguration.Broker) throws {
        let config = self.configuration
        let socket: OpaquePointer?
        if broker.useTLS {
            socket = amqp_ssl_socket_new(state)
            guard let socket else { throw AMQPError("cannot create a TLS socket", isConnectionError: true) }
            amqp_ssl_socket_set_verify_peer(socket, 1)
            amqp_ssl_socket_set_verify_hostname(socket, 1)
            // rabbitmq-c 0.11 does not load the system trust store by itself.
            let systemBundle = "/etc/ssl/certs/ca-certificates.crt"
            let caFile = broker.caCertificatePath
                ?? (FileManager.default.fileExists(atPath: systemBundle) ? systemBundle : nil)
            if let caFile {
                try self.checkStatus(amqp_ssl_socket_set_cacert(socket, caFile), "loading CA file \(caFile)")
            }
        } else {
            socket = amqp_tcp_socket_new(state)
            guard socket != nil else { throw AMQPError("cannot create a TCP socket", isConnectionError: true) }
        }
        var connectTimeout = CDecoding.timeval(config.connectTimeout)
        try self.checkStatus(
            amqp_socket_open_noblock(socket, broker.host, Int32(broker.port), &connectTimeout),
            "connecting to \(broker.host):\(broker.port)"
        )
        _ = amqp_set_handshake_timeout(state, &connectTimeout)
        var rpcTimeout = CDecoding.timeval(config.rpcTimeout)
        _ = amqp_set_rpc_timeout(state, &rpcTimeout)

        self.arena.reset()
        var clientProperties = try self.arena.table(["connection_name": .string(config.connectionName)])
        let reply = hotline_amqp_login_plain(
            state, broker.vhost, 0, 131_072, Int32(config.heartbeat), &clientProperties, broker.user, broker.password
        )
        try self.check(reply, "login to \(broker.redactedDescription)")
        try self.openChannel()
    }

    private func openChannel() throws {
        _ = amqp_channel_open(try self.liveState(), self.channel)
        try self.check(amqp_get_rpc_reply(try self.liveState()), "channel.open")
        self.confirmSelected = false
        self.nextPublishSequence = 1
        self.bufferedDeliveries.removeAll()
    }

    /// Closes channel and connection politely (waiting at most 2 s for the broker) and frees the
    /// C state. Safe to call more than once; after it every method throws.
    public func close() {
        guard let state = self.state else { return }
        if self.isOpen {
            self.isOpen = false
            var quick = timeval(tv_sec: 2, tv_usec: 0)
            _ = amqp_set_rpc_timeout(state, &quick)
            _ = amqp_channel_close(state, self.channel, AMQP_REPLY_SUCCESS)
            _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
        }
        self.destroy()
    }

    private func destroy() {
        self.isOpen = false
        if let state = self.state {
            amqp_destroy_connection(state)
            self.state = nil
        }
    }

    // MARK: - Error checks (every C call goes through one of these)

    /// The C state, or an error when the connection is dead.
    func liveState() throws -> amqp_connection_state_t {
        guard let state = self.state else {
            throw AMQPError("connection is closed", isConnectionError: true)
        }
        return state
    }

    /// The C state of an open connection, or an error.
    func openState() throws -> amqp_connection_state_t {
        guard self.isOpen, let state = self.state else {
            throw AMQPError("connection is closed", isConnectionError: true)
        }
        return state
    }

    /// Turns a negative `amqp_status_enum` into an error; a library failure kills the connection.
    func checkStatus(_ status: Int32, _ context: String) throws {
        guard status != AMQP_STATUS_OK.rawValue else { return }
        throw self.libraryError(status, context)
    }

    func libraryError(_ status: Int32, _ context: String) -> AMQPError {
        let systemError = errno
        self.isOpen = false
        var text = amqp_error_string2(status).map { String(cString: $0) } ?? "status \(status)"
        if status == AMQP_STATUS_SOCKET_ERROR.rawValue || status == AMQP_STATUS_TCP_ERROR.rawValue, systemError != 0 {
            text += " (\(String(cString: strerror(systemError))))"
        }
        return AMQPError("\(context): \(text)", isConnectionError: true)
    }

    /// Checks an RPC reply; answers a channel.close or connection.close from the broker.
    func check(_ reply: amqp_rpc_reply_t, _ context: String) throws {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw self.libraryError(Int32(reply.library_error), context)
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            try self.handleClose(reply.reply, context)
            throw AMQPError("\(context): unexpected method 0x\(String(reply.reply.id, radix: 16))", isConnectionError: true)
        default:
            self.isOpen = false
            throw AMQPError("\(context): no reply from the broker", isConnectionError: true)
        }
    }

    /// If `method` is a channel.close or connection.close, answers it and throws the matching error.
    func handleClose(_ method: amqp_method_t, _ context: String) throws {
        let state = try self.liveState()
        switch method.id {
        case AMQP_CONNECTION_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            let code = close.reply_code
            let text = CDecoding.string(close.reply_text)
            var ok = amqp_connection_close_ok_t()
            _ = amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
            self.isOpen = false
            throw AMQPError("\(context): broker closed the connection", isConnectionError: true, replyCode: code, replyText: text)
        case AMQP_CHANNEL_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let code = close.reply_code
            let text = CDecoding.string(close.reply_text)
            var ok = amqp_channel_close_ok_t()
            try self.checkStatus(amqp_send_method(state, self.channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok), "channel.close-ok")
            // Keep the connection usable: the channel comes back without confirm mode or consumers.
            try self.openChannel()
            throw AMQPError("\(context): broker closed the channel", replyCode: code, replyText: text)
        default:
            return
        }
    }

    // MARK: - Frames outside an RPC

    /// What a frame read outside `amqp_consume_message` meant.
    enum FrameEvent {
        case ack(UInt64, multiple: Bool)
        case nack(UInt64, multiple: Bool)
        case returned(ReturnedMessage)
        case other
    }

    /// A message the broker could not route (`basic.return`).
    struct ReturnedMessage {
        var replyCode: UInt16
        var replyText: String
        var exchange: String
        var routingKey: String
        var messageId: String?
    }

    /// Waits up to `timeout` for one frame; nil on timeout. Answers closes (throwing), keeps
    /// deliveries for ``nextDelivery(timeout:)``, reads the content of returns.
    func readFrame(timeout: Duration) throws -> FrameEvent? {
        let state = try self.openState()
        var frame = amqp_frame_t()
        var tv = CDecoding.timeval(timeout)
        let status = amqp_simple_wait_frame_noblock(state, &frame, &tv)
        if status == AMQP_STATUS_TIMEOUT.rawValue { return nil }
        try self.checkStatus(status, "waiting for a frame")
        return try self.handle(frame)
    }

    func handle(_ frame: amqp_frame_t) throws -> FrameEvent {
        guard frame.frame_type == AMQP_FRAME_METHOD else { return .other }
        let method = frame.payload.method
        switch method.id {
        case AMQP_BASIC_ACK_METHOD:
            let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            return .ack(ack.delivery_tag, multiple: ack.multiple != 0)
        case AMQP_BASIC_NACK_METHOD:
            let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            return .nack(nack.delivery_tag, multiple: nack.multiple != 0)
        case AMQP_BASIC_RETURN_METHOD:
            let ret = method.decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            var returned = ReturnedMessage(
                replyCode: ret.reply_code,
                replyText: CDecoding.string(ret.reply_text),
                exchange: CDecoding.string(ret.exchange),
                routingKey: CDecoding.string(ret.routing_key)
            )
            var message = amqp_message_t()
            try self.check(amqp_read_message(try self.liveState(), frame.channel, &message, 0), "reading a returned message")
            returned.messageId = CDecoding.properties(message.properties).messageId
            amqp_destroy_message(&message)
            return .returned(returned)
        case AMQP_BASIC_DELIVER_METHOD:
            let deliver = method.decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            let tag = deliver.delivery_tag
            let redelivered = deliver.redelivered != 0
            let exchange = CDecoding.string(deliver.exchange)
            let routingKey = CDecoding.string(deliver.routing_key)
            var message = amqp_message_t()
            try self.check(amqp_read_message(try self.liveState(), frame.channel, &message, 0), "reading a delivery")
            self.bufferedDeliveries.append(AMQPDelivery(
                deliveryTag: tag, exchange: exchange, routingKey: routingKey, redelivered: redelivered,
                body: CDecoding.array(message.body), properties: CDecoding.properties(message.properties)
            ))
            amqp_destroy_message(&message)
            return .other
        case AMQP_BASIC_CANCEL_METHOD:
            let cancel = method.decoded.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee
            let tag = CDecoding.string(cancel.consumer_tag)
            throw AMQPError("broker cancelled consumer \(tag) (queue deleted or failed over?)")
        case AMQP_CHANNEL_CLOSE_METHOD, AMQP_CONNECTION_CLOSE_METHOD:
            try self.handleClose(method, "channel 1")
            return .other
        default:
            return .other
        }
    }

    /// Reads whatever frames have already arrived, without waiting, so that heartbeats flow on an
    /// idle connection and confirms of fire-and-forget publishes do not pile up. Throws if the
    /// broker closed the channel or connection.
    public func processPendingFrames() throws {
        while try self.readFrame(timeout: .zero) != nil {}
        amqp_maybe_release_buffers(try self.openState())
    }

    /// Sends a heartbeat frame now, to keep the broker from closing a connection whose owner is busy
    /// elsewhere (e.g. a consumer's handler running longer than the heartbeat interval).
    public func sendHeartbeat() throws {
        let state = try self.openState()
        var frame = amqp_frame_t()
        frame.frame_type = UInt8(AMQP_FRAME_HEARTBEAT)
        frame.channel = 0
        try self.checkStatus(amqp_send_frame(state, &frame), "sending a heartbeat")
    }
}

/// rabbitmq-c's connection state must stay on one thread at a time; share it through
/// ``AMQPPublisher`` or ``AMQPConsumer``, not directly.
@available(*, unavailable)
extension AMQPConnection: Sendable {}
