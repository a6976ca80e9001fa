import Foundation
import HotlineDomain
import Outbox
import Postgres

/// One-key response (一键响应): broadcasts stored with ONE `broadcast.created` event each (the
/// notifier fans it out), and read back with each recipient's delivery and acknowledgement.
public protocol BroadcastRepository: Sendable {
    /// Stores `broadcast` and announces it, unless its idempotency key was seen (then the
    /// earlier broadcast, `replayed` true; with another body ``IdempotencyKey/reused``).
    func create(_ broadcast: NewBroadcast) async throws -> (view: BroadcastView, replayed: Bool)
    /// Broadcast `id` with its recipients; nil when unknown.
    func find(_ id: String) async throws -> BroadcastView?
    /// The latest `limit` broadcasts, newest first, with their totals only.
    func latest(limit: Int) async throws -> [BroadcastView]
}

/// A broadcast to store: what, where, by whom, and the request's idempotency.
public struct NewBroadcast: Sendable {
    /// Where it goes.
    public var scope: BroadcastScope
    /// What it says.
    public var text: String
    /// Whether workers are asked to reply 收到.
    public var requireAck: Bool
    /// The grid workers it reaches as the jurisdiction stands now.
    public var recipients: [BroadcastRecipient]
    /// The key holder's name.
    public var createdBy: String
    /// The API key's id.
    public var apiKeyId: String
    /// The `Idempotency-Key` header, if sent.
    public var idempotencyKey: String?
    /// SHA-256 of the canonical body.
    public var requestHash: String

    /// A broadcast to store.
    public init(
        scope: BroadcastScope, text: String, requireAck: Bool, recipients: [BroadcastRecipient], createdBy: String, apiKeyId: String,
        idempotencyKey: String?, requestHash: String
    ) {
        (self.scope, self.text, self.requireAck, self.recipients) = (scope, text, requireAck, recipients)
        (self.createdBy, self.apiKeyId, self.idempotencyKey, self.requestHash) = (createdBy, apiKeyId, idempotencyKey, requestHash)
    }
}

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
}
