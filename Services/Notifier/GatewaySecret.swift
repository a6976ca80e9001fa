import HotlineCrypto
import ServiceSupport

/// `SMS_GATEWAY_SECRET`, the HMAC key of both directions of the SMS gateway (CONTRACTS.md
/// sections 6 and 9), checked before the notifier starts.
///
/// A secret must be at least 32 bytes and not one of the values published with the project
/// (the old development default, the test and k8s placeholders): a known key lets anyone who
/// reaches the notifier confirm check-ins and rate tickets. With a gateway (`SMS_GATEWAY_URL`)
/// a secret is required; without one, a given secret is checked the same way (the inbound
/// webhooks still trust it), and none at all means a random key for this process, so that no
/// inbound request can be signed (`make up` always generates and passes one).
struct GatewaySecret: Sendable {
    /// The key bytes as text.
    let value: String
    /// Whether it was generated here (no `SMS_GATEWAY_SECRET` given).
    let generated: Bool

    /// The shortest secret accepted, in bytes.
    static let minimumBytes = 32

    /// Values shipped in this repository's history and manifests, refused whatever their length.
    static let knownDefaults: Set<String> = [
        "hotline-dev-secret", "hotline-test-secret", "CHANGE-ME-PLACEHOLDER", "changeme", "change-me", "secret",
    ]

    /// Reads the secret for a notifier whose gateway URL is `gatewayURL` (nil or empty: file sink).
    static func parse(_ text: String?, gatewayURL: String?) throws -> GatewaySecret {
        let hasGateway = !(gatewayURL ?? "").isEmpty
        guard let text, !text.isEmpty else {
            if hasGateway {
                throw SettingsError(key: "SMS_GATEWAY_SECRET", message: "required when SMS_GATEWAY_URL is set (at least \(self.minimumBytes) bytes)")
            }
            return GatewaySecret(value: Hex.encode(SecureRandom.bytes(32)), generated: true)
        }
        if let problem = self.weakness(of: text) { throw SettingsError(key: "SMS_GATEWAY_SECRET", message: problem) }
        return GatewaySecret(value: text, generated: false)
    }

    /// Why `text` is not acceptable as a secret, or nil.
    static func weakness(of text: String) -> String? {
        if self.knownDefaults.contains(text) || text.lowercased().contains("change-me") || text.lowercased().contains("placeholder") {
            return "a published default or placeholder; generate one (e.g. `openssl rand -hex 32`)"
        }
        if text.utf8.count < self.minimumBytes {
            return "too short (\(text.utf8.count) bytes, at least \(self.minimumBytes)); generate one (e.g. `openssl rand -hex 32`)"
        }
        if Set(text.utf8).count < 8 { return "too little variety (fewer than 8 distinct bytes)" }
        return nil
    }
}
