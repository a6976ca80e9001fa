import Foundation
import HotlineDomain
import Outbox
import Postgres

/// ``BroadcastRepository`` on PostgreSQL: `broadcasts`, the outbox, and the tables the notifier
/// fills (`broadcast_recipients`, `notifications`).
public struct PostgresBroadcastRepository: BroadcastRepository {
    let pool: PostgresPool

    /// A repository over `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func create(_ broadcast: NewBroadcast) async throws -> (view: BroadcastView, replayed: Bool) {
        try await self.pool.transaction { connection -> (view: BroadcastView, replayed: Bool) in
            if let key = broadcast.idempotencyKey,
                let earlier = try connection.query(
                    "SELECT id::text AS id, request_hash FROM broadcasts WHERE api_key_id = $1::uuid AND idempotency_key = $2",
                    [broadcast.apiKeyId, key]
                ).first
            {
                guard try earlier.decode("request_hash", as: String?.self) == broadcast.requestHash else { throw IdempotencyKey.reused }
                guard let view = try BroadcastView.load(try earlier.decode("id", as: String.self), on: connection) else {
                    throw CaseError.corrupt("broadcasts")
                }
                return (view, true)
            }
            let id = UUID().uuidString.lowercased()
            try connection.query(
                """
                INSERT INTO broadcasts (id, scope_kind, scope_code, text, require_ack, created_by, api_key_id, idempotency_key,
                    request_hash)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8, $9)
                """,
                [
                    id, broadcast.scope.level.rawValue, broadcast.scope.code, broadcast.text, broadcast.requireAck, broadcast.createdBy,
                    broadcast.apiKeyId, broadcast.idempotencyKey, broadcast.requestHash,
                ]
            )
            try Outbox.append(
                [
                    try OutboxMessage.event(
                        EventEnvelope(
                            type: .broadcastCreated, occurredAt: Date(),
                            data: .object([
                                "broadcastId": .string(id), "scope": try JSONValue(encoding: broadcast.scope), "text": .string(broadcast.text),
                                "requireAck": .bool(broadcast.requireAck), "createdBy": .string(broadcast.createdBy),
                                "expectedRecipients": .number(Double(broadcast.recipients.count)),
                            ])
                        )
                    )
                ],
                on: connection
            )
            guard let view = try BroadcastView.load(id, on: connection) else { throw CaseError.corrupt("broadcasts") }
            return (view, false)
        }
    }

    public func find(_ id: String) async throws -> BroadcastView? {
        try await self.pool.transaction { try BroadcastView.load(id, on: $0) }
    }

    public func latest(limit: Int) async throws -> [BroadcastView] {
        try await self.pool.transaction { connection in
            try connection.query("SELECT id::text AS id FROM broadcasts ORDER BY created_at DESC LIMIT $1", [limit]).compactMap {
                try BroadcastView.load(try $0.decode("id", as: String.self), withRecipients: false, on: connection)
            }
        }
    }

    public func received(by grids: [String], limit: Int) async throws -> [BroadcastAcknowledgements.Received] {
        try await self.pool.withConnection { try BroadcastAcknowledgements().received(by: grids, limit: limit, on: $0) }
    }

    public func acknowledge(_ id: String, grid: String, at date: Date) async throws -> BroadcastAcknowledgements.Outcome? {
        try await self.pool.transaction { try BroadcastAcknowledgements().acknowledge(id, by: .grid(grid), at: date, on: $0) }
    }
}
