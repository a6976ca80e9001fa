import Foundation

/// An SMS the notifier planned or sent about a ticket, with its delivery state; the recipient's
/// phone masked (139****1001).
public struct TicketMessage: Codable, Sendable, Equatable {
    public var kind: String
    public var recipient: String
    public var recipientRole: String
    public var text: String
    public var status: String
    public var attempts: Int
    public var createdAt: Date
    public var sentAt: Date?
    public var deliveredAt: Date?

    public init(
        kind: String, recipient: String, recipientRole: String, text: String, status: String, attempts: Int, createdAt: Date,
        sentAt: Date? = nil, deliveredAt: Date? = nil
    ) {
        (self.kind, self.recipient, self.recipientRole, self.text, self.status) = (kind, recipient, recipientRole, text, status)
        (self.attempts, self.createdAt, self.sentAt, self.deliveredAt) = (attempts, createdAt, sentAt, deliveredAt)
    }
}
