import HotlineDomain

/// Where a broadcast's fan-out is recorded, in the `broadcast.created` event's transaction: who
/// it reached (for the acknowledgements), each with the notification sent to them, and that it
/// was fanned out.
public protocol BroadcastFanOutStore {
    /// Records `recipients` of broadcast `id` (`notifications[i]` sent to `recipients[i]`; a
    /// recipient recorded before is kept as it is) and marks it fanned out to that many, once.
    func recordFanOut(of id: String, to recipients: [BroadcastRecipient], notifications: [String]) throws
}
