import Foundation

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
