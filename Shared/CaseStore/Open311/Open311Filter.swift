import Foundation

/// GET requests' filters (GeoReport's `service_request_id`, `service_code`, dates, `status`).
public struct Open311Filter: Sendable {
    /// Every ticket (an operator's key) or only public ones.
    public var all: Bool
    /// Ticket numbers.
    public var numbers: [String]?
    /// Category codes.
    public var categories: [String]?
    /// Received at or after.
    public var start: Date?
    /// Received at or before.
    public var end: Date?
    /// Ticket statuses (GeoReport's open and closed, expanded).
    public var statuses: [String]?

    /// A filter.
    public init(all: Bool, numbers: [String]?, categories: [String]?, start: Date?, end: Date?, statuses: [String]?) {
        (self.all, self.numbers, self.categories, self.start, self.end, self.statuses) = (all, numbers, categories, start, end, statuses)
    }
}
