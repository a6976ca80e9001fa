/// What a delivery receipt did.
public enum ReceiptOutcome: Sendable, Equatable {
    /// The notification now has the status.
    case recorded
    /// It already had it: nothing changed.
    case duplicate
    /// No notification has this id.
    case unknown
}
