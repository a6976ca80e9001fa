import AMQP
import HotlineDomain

/// The broker topology of docs/interfaces.md ("AMQP: events, tasks and replies"), declared once here and idempotently by
/// every service after each (re)connect.
public enum Topology {
    /// Case events, routed by event type.
    public static let eventsExchange = "hotline.events"
    /// Department tasks, routed by department code.
    public static let tasksExchange = "hotline.tasks"
    /// Replies from departments, routed by action.
    public static let repliesExchange = "hotline.replies"
    /// Dead letters, routed by the name of the queue they died in.
    public static let deadLetterExchange = "hotline.dlx"
    /// Redeliveries before the broker dead-letters a message that keeps failing.
    public static let deliveryLimit: Int64 = 5

    /// The dispatcher's event queue and the event types it acts on.
    public static let dispatcherEvents = QueueSpec(name: "dispatcher.events", exchange: eventsExchange, keys: [EventType.ticketReceived.rawValue])
    /// The dispatcher's reply queue.
    public static let dispatcherReplies = QueueSpec(
        name: "dispatcher.replies", exchange: repliesExchange, keys: ["accept", "progress", "resolve", "return"]
    )
    /// The notifier's event queue, bound to the types that may cause an SMS and no others (it
    /// used to take `ticket.#`, `broadcast.#`, `household.#` and `checkin.#`: those bindings are
    /// removed when it is declared).
    public static let notifierEvents = QueueSpec(
        name: "notifier.events", exchange: eventsExchange,
        keys: [
            EventType.ticketReceived, .ticketAssigned, .ticketResolved, .ticketAnswered, .ticketReopened, .ticketExtensionApproved,
            .ticketResumed, .ticketOverdue, .ticketOffered, .ticketAccepted, .broadcastCreated,
        ].map(\.rawValue),
        obsoleteKeys: ["ticket.#", "broadcast.#", "household.#", "checkin.#"]
    )

    /// A durable quorum queue bound to one exchange, with its dead-letter queue.
    public struct QueueSpec: Sendable {
        /// Queue name.
        public var name: String
        /// Exchange it is bound to.
        public var exchange: String
        /// Binding keys.
        public var keys: [String]
        /// Keys an earlier version bound the queue with: unbound at each declaration, since a
        /// durable queue keeps its bindings.
        public var obsoleteKeys: [String]

        /// Creates a spec.
        public init(name: String, exchange: String, keys: [String], obsoleteKeys: [String] = []) {
            self.name = name
            self.exchange = exchange
            self.keys = keys
            self.obsoleteKeys = obsoleteKeys
        }
    }

    /// Declares the exchanges (not the queues: each service declares what it reads).
    public static func declareExchanges(on connection: AMQPConnection) throws {
        try connection.declareExchange(self.eventsExchange, kind: .topic)
        try connection.declareExchange(self.tasksExchange, kind: .direct)
        try connection.declareExchange(self.repliesExchange, kind: .direct)
        try connection.declareExchange(self.deadLetterExchange, kind: .direct)
    }

    /// Declares `spec`'s queue, its bindings and its `<name>.dead` queue.
    public static func declare(_ spec: QueueSpec, on connection: AMQPConnection) throws {
        try self.declareExchanges(on: connection)
        try self.declareQuorumQueue(spec.name, on: connection)
        for key in spec.keys {
            try connection.bindQueue(spec.name, exchange: spec.exchange, routingKey: key)
        }
        for key in spec.obsoleteKeys where !spec.keys.contains(key) {
            try connection.unbindQueue(spec.name, exchange: spec.exchange, routingKey: key)
        }
    }

    /// Declares the task queue `tasks.<code>` of a department, bound with key `<code>`.
    public static func declareTaskQueue(department code: String, on connection: AMQPConnection) throws {
        try self.declare(QueueSpec(name: "tasks.\(code)", exchange: self.tasksExchange, keys: [code]), on: connection)
    }

    /// A quorum queue with a delivery limit, dead-lettering to `hotline.dlx` with key = its name,
    /// plus the `<name>.dead` queue that collects them.
    static func declareQuorumQueue(_ name: String, on connection: AMQPConnection) throws {
        try connection.declareQueue(
            name,
            arguments: [
                "x-queue-type": .string("quorum"),
                "x-delivery-limit": .long(self.deliveryLimit),
                "x-dead-letter-exchange": .string(self.deadLetterExchange),
                "x-dead-letter-routing-key": .string(name),
                "x-dead-letter-strategy": .string("at-least-once"),
                "x-overflow": .string("reject-publish"),
            ]
        )
        let dead = name + ".dead"
        try connection.declareQueue(dead, arguments: ["x-queue-type": .string("quorum")])
        try connection.bindQueue(dead, exchange: self.deadLetterExchange, routingKey: name)
    }
}
