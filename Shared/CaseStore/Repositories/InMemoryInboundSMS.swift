import Foundation
import Synchronization

/// ``InboundSMSRepository`` in memory, for router tests: it remembers message ids and the
/// status of the notifications a test registers; a new message is applied by `handler` on
/// ``cases`` (the notifier's replies), or without one answered with `help`.
public final class InMemoryInboundSMS: InboundSMSRepository {
    private struct State {
        var received: [String: InboundSMS] = [:]
        var notifications: [String: String] = [:]
    }

    private let state = Mutex(State())
    private let handler: (any InboundSMSHandler)?
    /// What the handler reads and changes.
    public let cases: InMemoryInboundSMSCases

    /// Nothing received, no notification; messages applied by `handler` on `cases`.
    public init(handler: (any InboundSMSHandler)? = nil, cases: InMemoryInboundSMSCases = InMemoryInboundSMSCases()) {
        self.handler = handler
        self.cases = cases
    }

    /// Registers a notification sent as `id` with `status` (`sent`...).
    public func sent(_ id: String, status: String = "sent") {
        self.state.withLock { $0.notifications[id.lowercased()] = status }
    }

    /// The messages applied, by id.
    public var received: [String: InboundSMS] { self.state.withLock { $0.received } }

    /// The status of notification `id`.
    public func status(of id: String) -> String? { self.state.withLock { $0.notifications[id.lowercased()] } }

    public func receive(_ message: InboundSMS, using snapshot: JurisdictionSnapshot) async throws -> (outcome: String, ticketId: String?)? {
        let new = self.state.withLock { state in
            guard state.received[message.messageId] == nil else { return false }
            state.received[message.messageId] = message
            return true
        }
        guard new else { return nil }
        guard let handler = self.handler else { return ("help", nil) }
        // One message's changes are all or nothing, as in its transaction.
        return try self.cases.atomically { try handler.handle(message, using: snapshot, in: self.cases) }
    }

    public func receipt(messageId: String, status: String, at: Date) async throws -> ReceiptOutcome {
        self.state.withLock { state in
            guard let current = state.notifications[messageId.lowercased()] else { return .unknown }
            guard current != status else { return .duplicate }
            state.notifications[messageId.lowercased()] = status
            return .recorded
        }
    }
}
