import Foundation

/// The notifier's inbound SMS and delivery receipts, each applied once.
///
/// ``PostgresInboundSMSRepository`` runs the notifier's replies to commands, check-ins,
/// acknowledgements and ratings (its ``InboundSMSHandler``) in the message's transaction;
/// ``InMemoryInboundSMS`` runs them on ``InMemoryInboundSMSCases``.
public protocol InboundSMSRepository: Sendable {
    /// Applies `message`: its outcome and the ticket it touched; nil when its id was seen
    /// before (nothing changes).
    func receive(_ message: InboundSMS, using snapshot: JurisdictionSnapshot) async throws -> (outcome: String, ticketId: String?)?
    /// Records a gateway's delivery report for notification `messageId`.
    func receipt(messageId: String, status: String, at: Date) async throws -> ReceiptOutcome
}

/// An SMS a phone sent to the hotline, as the gateway reported it.
public struct InboundSMS: Sendable {
    /// The gateway's id (repeats are ignored).
    public var messageId: String
    /// The sender, normalised.
    public var phone: String
    /// What was written.
    public var text: String
    /// When it was received (bounded to the signature window).
    public var receivedAt: Date

    /// A message.
    public init(messageId: String, phone: String, text: String, receivedAt: Date) {
        self.messageId = messageId
        self.phone = phone
        self.text = text
        self.receivedAt = receivedAt
    }
}

/// What a delivery receipt did.
public enum ReceiptOutcome: Sendable, Equatable {
    /// The notification now has the status.
    case recorded
    /// It already had it: nothing changed.
    case duplicate
    /// No notification has this id.
    case unknown
}
