import Foundation
import HotlineDomain

/// A validated ticket as intake accepts it, before any routing.
public struct NewTicket: Sendable {
    public var id: String
    public var channel: Channel
    public var callerName: String?
    public var callerPhone: String?
    public var description: String
    /// The category the operator chose, if any.
    public var requestedCategory: String?
    /// The category to route by: chosen or classified.
    public var category: String?
    public var address: String?
    public var coordinate: Coordinate?
    public var grid: String?
    public var urgency: Urgency?
    public var major: MajorMatter?
    public var externalId: String?
    public var createdAt: Date
    /// The trace of the request that created it (W3C trace id), followed by every event.
    public var traceId: String?

    /// Creates a new ticket with a fresh id, received now.
    public init(
        channel: Channel, callerName: String?, callerPhone: String?, description: String,
        requestedCategory: String?, category: String?, address: String?, coordinate: Coordinate?, grid: String?,
        urgency: Urgency?, major: MajorMatter?, externalId: String?, createdAt: Date = Date()
    ) {
        self.id = TimeOrderedID.make()
        self.channel = channel
        self.callerName = callerName
        self.callerPhone = callerPhone
        self.description = description
        self.requestedCategory = requestedCategory
        self.category = category
        self.address = address
        self.coordinate = coordinate
        self.grid = grid
        self.urgency = urgency
        self.major = major
        self.externalId = externalId
        self.createdAt = createdAt
    }
}
