/// What an inbound SMS means (the notifier's grid and volunteer commands, check-ins,
/// acknowledgements, ratings): applied by an ``InboundSMSRepository`` in the message's
/// transaction, on the cases it reads and changes.
public protocol InboundSMSHandler: Sendable {
    /// Applies `message` on `cases`: the outcome recorded for it (`help`, `command …`, `rated 1`…)
    /// and the ticket it touched. Answers go through ``InboundSMSCases/answer(_:)``.
    func handle(
        _ message: InboundSMS, using snapshot: JurisdictionSnapshot, in cases: any InboundSMSCases
    ) throws -> (outcome: String, ticketId: String?)
}
