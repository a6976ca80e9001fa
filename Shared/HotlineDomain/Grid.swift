/// A grid (网格) of a few hundred households, the smallest unit a ticket is routed to.
///
/// It sits in a community, which sits in a street, which sits in a district; its grid worker
/// (网格员) and the community party secretary (社区书记) are the people who act on its tickets.
public struct Grid: Codable, Sendable, Hashable {
    /// The unique grid code, e.g. 620402001.
    public var code: String
    /// The grid's name.
    public var name: String
    /// The community (社区 or 村) the grid belongs to.
    public var community: Area
    /// The street (街道 or 镇) of the community.
    public var street: Area
    /// The district (区) of the street.
    public var district: Area
    /// The grid worker.
    public var worker: Contact
    /// The community party secretary, first responsible person for "三重" matters.
    public var secretary: Contact
    /// The number of households; 0 when the file does not say.
    public var households: Int
    /// Address fragments (estate names, building groups, road sections) that place an address in
    /// this grid.
    public var aliases: [String]
    /// The area the grid covers.
    public var geometry: GridGeometry

    /// Creates a grid.
    public init(
        code: String, name: String, community: Area, street: Area, district: Area,
        worker: Contact, secretary: Contact, households: Int = 0, aliases: [String] = [],
        geometry: GridGeometry
    ) {
        self.code = code
        self.name = name
        self.community = community
        self.street = street
        self.district = district
        self.worker = worker
        self.secretary = secretary
        self.households = households
        self.aliases = aliases
        self.geometry = geometry
    }
}
