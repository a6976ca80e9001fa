import CaseStore

extension QueuedSMS {
    /// The message as the gateway contract names it.
    var sms: OutboundSMS {
        OutboundSMS(messageId: self.id, to: self.recipient, text: self.body, kind: self.kind, ticketNumber: self.ticketNumber)
    }
}
