import Foundation

/// An extension (延期) or pause (挂起) request as the ticket shows it: what was asked, why, by
/// whom, and the centre's decision. Stored as JSON on the ticket; every step is also an event.
public struct Supervision: Codable, Sendable, Equatable {
    /// `pending`, `approved` or `rejected`; a pause that ran its course is `resumed`.
    public enum Status: String, Codable, Sendable {
        case pending, approved, rejected, resumed
    }

    /// The new resolve-by asked for (extensions only).
    public var until: Date?
    /// Why more time is needed.
    public var reason: String
    /// Where the request stands.
    public var status: Status
    /// Who asked (a department code, a grid code, or an operator's key name).
    public var requestedBy: String
    /// When it was asked.
    public var requestedAt: Date
    /// Who decided.
    public var decidedBy: String?
    /// When it was decided.
    public var decidedAt: Date?
    /// The decision's note.
    public var note: String?
    /// The resolve-by before the approval (extensions) or before the pause.
    public var previousResolveBy: Date?
    /// When a pause's clock ran again.
    public var resumedAt: Date?

    /// A new pending request.
    public init(until: Date?, reason: String, requestedBy: String, requestedAt: Date) {
        self.until = until
        self.reason = reason
        self.status = .pending
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
    }
}
