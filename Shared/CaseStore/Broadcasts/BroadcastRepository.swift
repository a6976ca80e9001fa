import Foundation

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
    /// The latest `limit` broadcasts that reached the workers of `grids`, newest first (the
    /// grid's side: `GET /v1/me/broadcasts`).
    func received(by grids: [String], limit: Int) async throws -> [BroadcastAcknowledgements.Received]
    /// The worker of `grid` acknowledges broadcast `id` (the mobile page's 收到 button); nil when
    /// no such broadcast asking for an acknowledgement reached them.
    func acknowledge(_ id: String, grid: String, at date: Date) async throws -> BroadcastAcknowledgements.Outcome?
}
