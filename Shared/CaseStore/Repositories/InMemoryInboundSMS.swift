import Foundation
import Synchronization

/// ``InboundSMSRepository`` in memory, for router tests: it remembers message ids and the
/// status of the notifications a test registers, and answers every new message with `help`.
public final class InMemoryInboundSMS: InboundSMSRepository {
    private struct State {
        var received: [String: InboundSMS] = [:]
        var notifications: [String: String] = [:]
    }

    private let state = Mutex(State())

    /// Nothing received, no notification.
    public init() {}

    /// Registers a notification sent as `id` with `status` (`sent`...).
    public func sent(_ id: String, status: String = "sent") {
        self.state.withLock { $0.notifications[id.lowercased()] = status }
    }

    /// The messages applied, by id.
    public var received: [String: InboundSMS] { self.state.withLock { $0.received } }

    /// The status of notification `id`.
    public func status(of id: String) -> String? { self.state.withLock { $0.notifications[id.lowercased()] } }

    public func receive(_ message: InboundSMS, using snapshot: JurisdictionSnapshot) async throws -> (outcome: String, ticketId: String?)? {
        self.state.withLock { state in
            guard state.received[message.messageId] == nil else { return nil }
            state.received[message.messageId] = message
            return ("help", nil)
        }
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
