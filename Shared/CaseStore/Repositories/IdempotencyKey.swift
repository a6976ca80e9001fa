/// A client's `Idempotency-Key` on a creation: the same key with the same body answers the
/// ticket created the first time; with another body, `idempotency_key_reused`.
public struct IdempotencyKey: Sendable {
    /// The API key that sent it (keys are per client).
    public var apiKeyId: String
    /// The header's value.
    public var key: String
    /// SHA-256 of the canonical request body.
    public var requestHash: String

    /// A key as sent by `apiKeyId`.
    public init(apiKeyId: String, key: String, requestHash: String) {
        self.apiKeyId = apiKeyId
        self.key = key
        self.requestHash = requestHash
    }

    /// The refusal of a key reused with another body (409).
    public static let reused = CaseError.refused(code: "idempotency_key_reused", message: "Idempotency-Key was used with another body")
}
