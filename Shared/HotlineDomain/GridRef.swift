/// The grid a ticket was routed to, with its place in the hierarchy and its people, copied so
/// that the decision reads on its own.
public struct GridRef: Codable, Sendable, Hashable {
    /// The grid's code.
    public var code: String
    /// The grid's name.
    public var name: String
    /// The community of the grid.
    public var community: Area
    /// The street of the community.
    public var street: Area
    /// The district of the street.
    public var district: Area
    /// The grid worker.
    public var worker: Contact
    /// The community party secretary.
    public var secretary: Contact

    /// Creates a reference.
    public init(
        code: String, name: String, community: Area, street: Area, district: Area,
        worker: Contact, secretary: Contact
    ) {
        self.code = code
        self.name = name
        self.community = community
        self.street = street
        self.district = district
        self.worker = worker
        self.secretary = secretary
    }

    /// The reference to a grid.
    public init(_ grid: Grid) {
        self.init(
            code: grid.code, name: grid.name, community: grid.community, street: grid.street,
            district: grid.district, worker: grid.worker, secretary: grid.secretary
        )
    }
}
