import Foundation
import HotlineDomain
import Synchronization

/// ``BroadcastRepository`` in memory, for router tests: broadcasts in an array, each recipient
/// `pending` (no notifier fans them out here), idempotency keys as the PostgreSQL one keeps them.
public final class InMemoryBroadcasts: BroadcastRepository {
    private struct Stored {
        var view: BroadcastView
        var apiKeyId: String
        var idempotencyKey: String?
        var requestHash: String
    }

    private let stored = Mutex<[Stored]>([])

    /// No broadcasts.
    public init() {}

    public func create(_ broadcast: NewBroadcast) async throws -> (view: BroadcastView, replayed: Bool) {
        try self.stored.withLock { stored in
            if let key = broadcast.idempotencyKey, let earlier = stored.first(where: { $0.apiKeyId == broadcast.apiKeyId && $0.idempotencyKey == key }) {
                guard earlier.requestHash == broadcast.requestHash else { throw IdempotencyKey.reused }
                return (earlier.view, true)
            }
            let recipients = broadcast.recipients.map {
                BroadcastView.Recipient(
                    name: $0.name, phone: $0.phone, grids: $0.grids, status: "pending", attempts: 0, sentAt: nil, deliveredAt: nil,
                    acknowledgedAt: nil, error: nil
                )
            }
            let view = BroadcastView(
                id: UUID().uuidString.lowercased(), scope: broadcast.scope, text: broadcast.text, requireAck: broadcast.requireAck,
                createdBy: broadcast.createdBy, createdAt: Date(), status: "queued", fannedOutAt: nil,
                totals: BroadcastView.Totals(recipients: recipients.count, pending: recipients.count), recipients: recipients
            )
            stored.append(
                Stored(view: view, apiKeyId: broadcast.apiKeyId, idempotencyKey: broadcast.idempotencyKey, requestHash: broadcast.requestHash)
            )
            return (view, false)
        }
    }

    public func find(_ id: String) async throws -> BroadcastView? {
        self.stored.withLock { $0.first { $0.view.id == id.lowercased() }?.view }
    }

    public func latest(limit: Int) async throws -> [BroadcastView] {
        self.stored.withLock { stored in
            stored.reversed().prefix(limit).map {
                var view = $0.view
                view.recipients = nil
                return view
            }
        }
    }

    public func received(by grids: [String], limit: Int) async throws -> [BroadcastAcknowledgements.Received] {
        self.stored.withLock { stored in
            stored.reversed().compactMap { item -> BroadcastAcknowledgements.Received? in
                let reached = (item.view.recipients ?? []).filter { !Set($0.grids).isDisjoint(with: grids) }
                guard !reached.isEmpty else { return nil }
                let view = item.view
                return BroadcastAcknowledgements.Received(
                    id: view.id, text: view.text, requireAck: view.requireAck, createdBy: view.createdBy, createdAt: view.createdAt,
                    acknowledgedAt: reached.count == 1 ? reached[0].acknowledgedAt : nil, recipients: reached.count,
                    acknowledged: reached.count { $0.acknowledgedAt != nil }
                )
            }.prefix(limit).map { $0 }
        }
    }

    public func acknowledge(_ id: String, grid: String, at date: Date) async throws -> BroadcastAcknowledgements.Outcome? {
        self.stored.withLock { stored in
            guard let index = stored.firstIndex(where: { $0.view.id == id.lowercased() && $0.view.requireAck }),
                let recipient = stored[index].view.recipients?.firstIndex(where: { $0.grids.contains(grid) })
            else { return nil }
            let view = stored[index].view
            if let at = view.recipients?[recipient].acknowledgedAt { return .already(broadcast: view.id, at: at) }
            stored[index].view.recipients?[recipient].acknowledgedAt = date
            stored[index].view.totals.acknowledged += 1
            return .acknowledged(broadcast: view.id, at: date)
        }
    }
}
