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
