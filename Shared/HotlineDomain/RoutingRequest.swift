/// What the router needs to know about a new ticket.
public struct RoutingRequest: Codable, Sendable, Hashable {
    /// The category code the caller or operator chose; `nil` to classify from the description.
    public var category: String?
    /// The resident's description of the problem.
    public var description: String
    /// The address as told, e.g. 水川花园3号楼2单元401.
    public var address: String?
    /// The position, when the channel knows it.
    public var coordinate: Coordinate?
    /// An explicit grid code, e.g. from a grid worker's patrol report.
    public var gridCode: String?
    /// An urgency that overrides the category's default.
    public var urgency: Urgency?
    /// Set when this is a "三重" matter.
    public var major: MajorMatter?
    /// The household the ticket came from, if one matched: red raises urgency.
    public var household: HouseholdTag?

    /// Creates a request.
    public init(
        category: String? = nil, description: String, address: String? = nil, coordinate: Coordinate? = nil,
        gridCode: String? = nil, urgency: Urgency? = nil, major: MajorMatter? = nil,
        household: HouseholdTag? = nil
    ) {
        self.household = household
        self.category = category
        self.description = description
        self.address = address
        self.coordinate = coordinate
        self.gridCode = gridCode
        self.urgency = urgency
        self.major = major
    }
}
