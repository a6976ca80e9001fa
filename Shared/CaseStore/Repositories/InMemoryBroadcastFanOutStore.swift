import HotlineDomain
import Synchronization

/// ``BroadcastFanOutStore`` in memory, for the notifier's tests: the recipients of each
/// broadcast with their notification (the first recorded kept), and the recipient count of
/// each broadcast fanned out (set once).
public final class InMemoryBroadcastFanOutStore: BroadcastFanOutStore, Sendable {
    private struct State {
        var recipients: [String: [(recipient: BroadcastRecipient, notification: String)]] = [:]
        var fannedOut: [String: Int] = [:]
    }

    private let state = Mutex(State())

    /// Nothing recorded.
    public init() {}

    /// The recipients of broadcast `id` and the notification each was sent.
    public func recipients(of id: String) -> [(recipient: BroadcastRecipient, notification: String)] {
        self.state.withLock { $0.recipients[id] ?? [] }
    }

    /// The recipient count broadcast `id` was fanned out to; nil when it was not.
    public func fannedOut(_ id: String) -> Int? {
        self.state.withLock { $0.fannedOut[id] }
    }

    public func recordFanOut(of id: String, to recipients: [BroadcastRecipient], notifications: [String]) throws {
        self.state.withLock { state in
            for (recipient, notification) in zip(recipients, notifications)
            where !(state.recipients[id] ?? []).contains(where: { $0.recipient.phone == recipient.phone }) {
                state.recipients[id, default: []].append((recipient, notification))
            }
            if state.fannedOut[id] == nil { state.fannedOut[id] = recipients.count }
        }
    }
}
