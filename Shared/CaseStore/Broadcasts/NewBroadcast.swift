import HotlineDomain

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
