import Foundation

/// An SMS the notifier planned or sent about a ticket, with its delivery state; the recipient's
/// phone masked (139****1001).
public struct TicketMessage: Codable, Sendable, Equatable {
    /// Its template's name.
    public var kind: String
    /// The phone it went to, masked.
    public var recipient: String
    /// `resident`, `grid_worker`, `secretary`, `department`...
    public var recipientRole: String
    /// The text.
    public var text: String
    /// `pending`, `sent`, `delivered`, `failed`...
    public var status: String
    /// Sends tried.
    public var attempts: Int
    /// When it was planned.
    public var createdAt: Date
    /// When the gateway took it, if it did.
    public var sentAt: Date?
    /// When the handset received it, as reported.
    public var deliveredAt: Date?

    /// A message as read.
    public init(
        kind: String, recipient: String, recipientRole: String, text: String, status: String, attempts: Int, createdAt: Date,
        sentAt: Date? = nil, deliveredAt: Date? = nil
    ) {
        (self.kind, self.recipient, self.recipientRole, self.text, self.status) = (kind, recipient, recipientRole, text, status)
        (self.attempts, self.createdAt, self.sentAt, self.deliveredAt) = (attempts, createdAt, sentAt, deliveredAt)
    }
}
