import Foundation

/// Who may attach photos to a ticket and read its photos, as an API key decides it: an Open311
/// client the tickets submitted through Open311 (``open311Only``), every other key those it may
/// read (``mayRead``). ``party`` names the department, grid or community the uploader acts as.
public struct AttachmentAccess: Sendable {
    /// True for an Open311 client: only tickets in `open311_requests`.
    public var open311Only: Bool
    /// Whether the key may read the ticket (when not ``open311Only``).
    public var mayRead: @Sendable (Ticket) -> Bool
    /// The party the uploader acts as on the ticket, if any.
    public var party: @Sendable (Ticket) -> String?

    /// An access rule.
    public init(open311Only: Bool, mayRead: @escaping @Sendable (Ticket) -> Bool, party: @escaping @Sendable (Ticket) -> String?) {
        self.open311Only = open311Only
        self.mayRead = mayRead
        self.party = party
    }
}
